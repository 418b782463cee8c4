import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { createNodeFetch } from '../../main/http/node-fetch'
import { createServices } from '../../main/services'
import { createTestHost } from '../support/test-host'
import { test as base } from './fixtures'
import { startHarness } from './harness/server'

const rendererRoot = join(resolve(import.meta.dirname, '../..'), 'out/renderer')

/** The part of the emulator's RunningEmulator these specs use. */
interface RunningEmulator {
  readonly authorityUrl: string
  readonly tenantId: string
  readonly caPem: string
  readonly orgs: readonly { readonly name: string; readonly url: string }[]
  readonly apps: readonly { readonly scenario: string; readonly clientId: string; readonly clientSecret?: string }[]
  setConditions(orgName: string, conditions: Record<string, unknown>): void
  close(): Promise<void>
}

// Loaded by path at run time: the emulator's Node sources do not type-check under the DOM lib this
// (browser-test) project compiles with, and the specs need only the few members declared above.
const emulatorModule = '../../emulator/index.ts'
async function startEmulator(): Promise<RunningEmulator> {
  const { startHttpsEmulator } = (await import(emulatorModule)) as { startHttpsEmulator: (options: unknown) => Promise<RunningEmulator> }
  return startHttpsEmulator({ orgs: [{ name: 'contoso' }] })
}

export const QUERY_CONNECTION_NAME = 'Contoso (emulator)'

/**
 * The harness with a saved connection to the HTTPS emulator (50,000 contacts, real TLS with the
 * emulator's CA, real MSAL): the query workbench runs end to end, nothing mocked in between.
 */
export const test = base.extend<{ emulator: RunningEmulator }>({
  emulator: async ({}, use) => {
    const running = await startEmulator()
    await use(running)
    await running.close()
  },

  harness: async ({ dataDir, emulator }, use) => {
    if (!existsSync(join(rendererRoot, 'index.html'))) throw new Error('out/renderer is missing: run `npm run build` before the E2E tests.')
    const host = createTestHost(dataDir, 'harness', { fetch: createNodeFetch({ ca: [emulator.caPem], proxyUrl: null }) })
    const services = createServices(host)
    const healthy = emulator.apps.find((app) => app.scenario === 'healthy')
    const org = emulator.orgs[0]
    if (!healthy?.clientSecret || !org) throw new Error('the emulator has no healthy app or org')
    await services.connections.importConnections([
      {
        connection: {
          name: QUERY_CONNECTION_NAME,
          orgUrl: org.url,
          apiVersion: '9.2',
          cloud: 'commercial',
          authorityHost: new URL(emulator.authorityUrl).host,
          tenantId: emulator.tenantId,
          clientId: healthy.clientId,
          auth: { kind: 'secret', hint: healthy.clientSecret.slice(0, 3) },
          environment: 'dev',
          colour: '#0f7b0f',
          readOnly: true,
          notes: '',
        },
        secret: healthy.clientSecret,
      },
    ])
    const harness = await startHarness({ rendererRoot, services })
    await use(Object.assign(harness, { host, services }))
    await harness.close()
  },
})

export { expect } from './fixtures'
