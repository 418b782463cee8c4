/**
 * Environment discovery against the HTTPS emulator (real TLS on 127.0.0.1, the Power Platform API on
 * a port of its own) with real MSAL: a registered management app lists the tenant's environments and
 * creates connections for them; an app that is not registered gets the API's 403 mapped to what is
 * missing and how to grant it. Every request is in the timeline, so "the token went only to the API
 * host and the sign-in host" is observed.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startHttpsEmulator, type RunningEmulator } from '../../../emulator'
import { createNodeFetch, type NodeFetch } from '../../../main/http/node-fetch'
import { createServices, type Services } from '../../../main/app/create-services'
import { createTestHost } from '../../support/test-host'
import { failureOf } from '../../support/failure-of'

let running: RunningEmulator
let fetch: NodeFetch
let dir: string
let services: Services

beforeAll(async () => {
  running = await startHttpsEmulator({ rows: { accounts: 5, contacts: 5 } })
  fetch = createNodeFetch({ ca: [running.caPem], proxyUrl: null })
  dir = mkdtempSync(join(tmpdir(), 'dvw-discovery-int-'))
  services = createServices(createTestHost(dir, 'cli', { fetch }), { sample: null })
})

afterAll(async () => {
  await Promise.all([running?.close(), fetch?.close()])
  rmSync(dir, { recursive: true, force: true })
})

function register(scenario: 'healthy' | 'no-roles', customSignInHost = true) {
  const app = running.apps.find((candidate) => candidate.scenario === scenario)
  if (!app?.clientSecret) throw new Error(`no ${scenario} app with a secret`)
  const secret = app.clientSecret
  return services.connections.registerAdHoc(
    {
      name: `Emulator ${scenario}`,
      orgUrl: running.orgs[0]?.url ?? '',
      apiVersion: '9.2',
      cloud: 'commercial',
      authorityHost: new URL(running.authorityUrl).host,
      tenantId: running.tenantId,
      clientId: app.clientId,
      auth: { kind: 'secret' },
      environment: 'dev',
      colour: '#0f7b0f',
      readOnly: true,
      notes: '',
      builtIn: null,
      scenario: null,
      customSignInHost,
    },
    async () => ({ kind: 'secret', secret }),
  )
}

describe('environment discovery over HTTPS with real MSAL', () => {
  it('lists the environments of a registered management app: name, URL, type, region, state', async () => {
    const connection = register('healthy')
    services.timeline.clear()
    const result = await services.environments.discover(connection.id, { apiBaseUrl: running.powerPlatformApiUrl })
    if (result.status !== 'listed') throw new Error(`expected a list, got ${result.status}`)
    expect(result.apiHost).toBe(new URL(running.powerPlatformApiUrl).host)
    expect(result.environments.map((environment) => [environment.displayName, environment.type])).toEqual([
      ['Contoso', 'Production'],
      ['Fabrikam', 'Sandbox'],
      ['Contoso (default)', 'Default'],
      ['Contoso Dev (Alex)', 'Developer'],
      ['Contoso Trial (no database)', 'Trial'],
    ])
    expect(result.environments[1]).toMatchObject({
      url: running.orgs[1]?.url,
      region: 'westus',
      state: 'Ready',
    })
    expect(result.environments[4]).toMatchObject({ url: null, state: 'Disabled' })
    const hosts = new Set(services.timeline.entries().map((entry) => new URL(entry.url).host))
    expect(hosts).toEqual(new Set([new URL(running.authorityUrl).host, new URL(running.powerPlatformApiUrl).host]))
  })

  it('creates connections for chosen environments with the same app and credential, skipping one without Dataverse', async () => {
    const source = register('healthy')
    const listed = await services.environments.discover(source.id, { apiBaseUrl: running.powerPlatformApiUrl })
    if (listed.status !== 'listed') throw new Error('expected a list')
    const fabrikam = listed.environments.find((environment) => environment.displayName === 'Fabrikam')
    const trial = listed.environments.find((environment) => environment.type === 'Trial')
    if (!fabrikam || !trial) throw new Error('missing environments')
    const { created, skipped } = await services.environments.createConnections(source.id, [fabrikam, trial])
    expect(created).toHaveLength(1)
    expect(created[0]).toMatchObject({
      name: 'Fabrikam',
      orgUrl: fabrikam.url,
      clientId: source.clientId,
      tenantId: running.tenantId,
      environment: 'test',
      auth: { kind: 'secret', hasSecret: true },
    })
    expect(skipped).toEqual([{ displayName: trial.displayName, reason: expect.stringContaining('no Dataverse') }])
    const again = await services.environments.createConnections(source.id, [fabrikam])
    expect(again.created).toHaveLength(0)
    expect(again.skipped[0]?.reason).toMatch(/already saved/)
    const unlisted = await services.environments.createConnections(source.id, [
      { displayName: 'Look-alike', url: 'https://contoso-evil.crm.dynamics.com', type: 'Sandbox' },
    ])
    expect(unlisted.created).toHaveLength(0)
    expect(unlisted.skipped[0]?.reason).toMatch(/was not listed by the Power Platform API/)
    const credential = await services.connections.credential(created[0]?.id ?? '')
    expect(credential).toEqual({
      kind: 'secret',
      secret: running.apps.find((a) => a.scenario === 'healthy')?.clientSecret,
    })
  })

  it('says exactly what is missing when the app is not a management app (the API answers 403 Forbidden)', async () => {
    const connection = register('no-roles')
    const result = await services.environments.discover(connection.id, { apiBaseUrl: running.powerPlatformApiUrl })
    if (result.status !== 'denied') throw new Error('expected a denial')
    expect(result).toMatchObject({ reason: 'not-management-app', httpStatus: 403, apiCode: 'Forbidden' })
    expect(result.cause).toContain(`for application ${connection.clientId} does not have permission`)
    expect(result.steps.map((step) => step.command)).toEqual([
      `pac admin application register --application-id ${connection.clientId}`,
      `Add-PowerAppsAccount; New-PowerAppManagementApp -ApplicationId ${connection.clientId}`,
      null,
    ])
  })

  it('refuses to send the token to another API host for a connection that signs in at Entra ID', async () => {
    const connection = register('healthy', false)
    const failure = await failureOf(
      services.environments.discover(connection.id, { apiBaseUrl: running.powerPlatformApiUrl }),
    )
    expect(failure.code).toBe('HOST_NOT_ALLOWED')
    expect(failure.message).toContain('only sent to https://api.powerplatform.com, not 127.0.0.1')
  })
})
