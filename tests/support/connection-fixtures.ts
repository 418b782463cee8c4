/** Connections and a fake bridge that lists them, for the renderer's connection tests. */
import { vi } from 'vitest'
import type { ConnectionView } from '@common/connection'
import type { DataverseBridge } from '@common/contract'
import { fakeBridge, installBridge, ok } from './fake-bridge'

export const TENANT = '4c192492-e19d-4369-b4be-84470eb0844d'
export const CLIENT = 'aaaaaaaa-0000-4111-8222-bbbbbbbbbbbb'

export function connection(overrides: Partial<ConnectionView>): ConnectionView {
  return {
    id: 'c-1',
    name: 'Contoso dev',
    orgUrl: 'https://contoso.crm4.dynamics.com',
    apiVersion: '9.2',
    cloud: 'commercial',
    authorityHost: 'login.microsoftonline.com',
    tenantId: TENANT,
    clientId: CLIENT,
    auth: { kind: 'secret', hasSecret: true, hint: 'abc', expiresOn: '2027-03-01' },
    environment: 'dev',
    colour: '#0f7b0f',
    readOnly: false,
    notes: '',
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    lastTest: null,
    builtIn: null,
    scenario: null,
    ...overrides,
  }
}

export const sample = connection({
  id: 'sample',
  name: 'Sample environment (offline)',
  orgUrl: 'https://contoso.crm.dynamics.com',
  builtIn: 'sample',
  scenario: 'healthy',
  readOnly: true,
  colour: '#038387',
})
export const prod = connection({
  id: 'c-2',
  name: 'Contoso prod',
  orgUrl: 'https://contoso-prod.crm4.dynamics.com',
  environment: 'prod',
  readOnly: true,
  colour: '#c50f1f',
  lastTest: { at: '2026-11-20T10:00:00.000Z', status: 'fail', summary: 'no roles' },
})
export const dev = connection({})

export const NETWORK_BASE = { base: "Node's built-in root certificates", caveat: null }

export function installConnections(connections: ConnectionView[], overrides: Partial<DataverseBridge> = {}) {
  const save = vi.fn<DataverseBridge['connectionsSave']>(() => ok(connection({ id: 'c-9', name: 'fabrikam' })))
  const saveProxy = vi.fn<DataverseBridge['connectionsSaveProxy']>((input) =>
    ok({
      settings: { proxyUrl: input.proxyUrl, noProxy: input.noProxy ?? '', extraCaFiles: [] },
      caFiles: [],
      applyProblem: null,
      caTrust: NETWORK_BASE,
    }),
  )
  installBridge(
    fakeBridge({
      appInfo: () =>
        ok({
          name: 'Dataverse Workbench',
          version: '0.1.0',
          electron: null,
          chromium: null,
          node: '20',
          platform: 'linux',
          arch: 'x64',
          host: 'harness',
        }),
      appOpenExternal: () => ok({ opened: true }),
      connectionsList: () =>
        ok({ connections, problem: null, secretsPersistent: true, sampleScenarios: [], customers: [] }),
      queryTabsLoad: () => ok({ tabs: [], activeId: null }),
      queryTabsSave: () => ok({ saved: true }),
      connectionsNormalizeUrl: () =>
        ok({
          ok: true,
          value: {
            orgUrl: 'https://fabrikam.crm4.dynamics.com',
            webApiUrl: 'https://fabrikam.crm4.dynamics.com/api/data/v9.2/',
            scope: 'https://fabrikam.crm4.dynamics.com/.default',
            cloud: 'commercial',
            region: { code: 'EUR', name: 'Europe', crm: 'crm4' },
            authorityHost: 'login.microsoftonline.com',
            apiVersion: '9.2',
            warnings: [
              {
                id: 'path-removed',
                message: '/main.aspx was removed: a path in the token resource causes AADSTS500011.',
              },
            ],
          },
        }),
      connectionsSave: save,
      connectionsGetNetwork: () =>
        ok({
          settings: { proxyUrl: null, noProxy: '', extraCaFiles: ['/certs/corp.pem'] },
          caFiles: [
            { path: '/certs/corp.pem', subject: null, notAfter: null, problem: '/certs/corp.pem could not be read.' },
          ],
          applyProblem: null,
          caTrust: NETWORK_BASE,
        }),
      connectionsSaveProxy: saveProxy,
      ...overrides,
    }),
  )
  return { save, saveProxy }
}
