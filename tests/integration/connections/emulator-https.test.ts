/**
 * The "Done when" list, against the HTTPS emulator (real TLS on 127.0.0.1, its own CA, the
 * authority and each org on its own port) with real MSAL and the app's sessions, as a user's saved
 * connection would run: secret, PEM and PFX sign-in; one token for 100 queries; the TLS message for
 * a wrong CA; a CONNECT proxy; the read-only guard; a nextLink to another host.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Connection } from '@common/connection'
import { startHttpsEmulator, type RunningEmulator, type RunningEmulatorApp } from '../../../emulator'
import { loadCertificate } from '../../../main/auth/certificate'
import type { ClientCredential } from '../../../main/auth/token-provider'
import { createNodeFetch, type NodeFetch } from '../../../main/http/node-fetch'
import { Timeline } from '../../../main/http/timeline'
import { createServices, type Services } from '../../../main/app/create-services'
import { startConnectProxy, type ConnectProxy } from '../../support/connect-proxy'
import { createTestHost } from '../../support/test-host'
import { failureOf } from '../../support/failure-of'

let running: RunningEmulator
let proxy: ConnectProxy
let dir: string
let services: Services
const fetches: NodeFetch[] = []

beforeAll(async () => {
  running = await startHttpsEmulator({ rows: { accounts: 30, contacts: 30 } })
  proxy = await startConnectProxy()
  dir = mkdtempSync(join(tmpdir(), 'dvw-emu-int-'))
  services = createServices(createTestHost(dir, 'cli', { fetch: trustingFetch() }), { sample: null })
})

afterAll(async () => {
  await Promise.all([running?.close(), proxy?.close(), ...fetches.map((f) => f.close())])
  rmSync(dir, { recursive: true, force: true })
})

function trustingFetch(options: Parameters<typeof createNodeFetch>[0] = {}): NodeFetch {
  const created = createNodeFetch({ ca: [running.caPem], proxyUrl: null, ...options })
  fetches.push(created)
  return created
}

function app(scenario: RunningEmulatorApp['scenario']): RunningEmulatorApp {
  const found = running.apps.find((candidate) => candidate.scenario === scenario)
  if (!found) throw new Error(`the emulator has no ${scenario} app`)
  return found
}

function org(name: string): string {
  const found = running.orgs.find((candidate) => candidate.name === name)
  if (!found) throw new Error(`the emulator has no ${name} org`)
  return found.url
}

function connection(overrides: Partial<Connection> = {}): Connection {
  return {
    id: 'emulator-contoso',
    name: 'Emulator contoso',
    orgUrl: org('contoso'),
    apiVersion: '9.2',
    cloud: 'commercial',
    authorityHost: new URL(running.authorityUrl).host,
    tenantId: running.tenantId,
    clientId: app('healthy').clientId,
    auth: { kind: 'secret' },
    environment: 'prod',
    colour: '#c50f1f',
    readOnly: true,
    notes: '',
    createdAt: '2026-11-26T00:00:00.000Z',
    updatedAt: '2026-11-26T00:00:00.000Z',
    lastTest: null,
    builtIn: null,
    scenario: null,
    ...overrides,
  }
}

/** Each test signs in afresh: MSAL's token cache is per token provider, shared by sessions of one app. */
function open(credential: ClientCredential, options: { clientId?: string; base?: NodeFetch } = {}) {
  const timeline = new Timeline()
  const fresh = createServices(createTestHost(dir, 'cli', { fetch: trustingFetch() }), { sample: null })
  const session = fresh.sessions.openAdHoc({
    connection: connection({ clientId: options.clientId ?? app('healthy').clientId }),
    credential,
    timeline,
    base: options.base,
  })
  return { session, timeline }
}

const healthySecret = (): ClientCredential => ({ kind: 'secret', secret: app('healthy').clientSecret ?? '' })

function certificateCredential(source: 'pem' | 'pfx'): ClientCredential {
  const certificate = app('healthy-certificate').certificate
  if (!certificate) throw new Error('no certificate files')
  const loaded =
    source === 'pem'
      ? loadCertificate({ path: certificate.certPath, keyPath: certificate.keyPath })
      : loadCertificate({ path: certificate.pfxPath, password: certificate.pfxPassword })
  expect(loaded.thumbprintSha1).toBe(certificate.thumbprint)
  expect(loaded.thumbprintSha256).toBe(certificate.thumbprintSha256)
  return { kind: 'certificate', privateKeyPem: loaded.privateKeyPem, thumbprintSha256: loaded.thumbprintSha256 }
}

describe('against the HTTPS emulator', () => {
  it.each([
    ['a client secret', 'healthy', () => healthySecret()],
    ['a PEM certificate (cert.pem + key.pem)', 'healthy-certificate', () => certificateCredential('pem')],
    ['a PFX certificate with its password', 'healthy-certificate', () => certificateCredential('pfx')],
  ] as const)('gets a token with %s and reads WhoAmI', async (_name, scenario, credential) => {
    const { session, timeline } = open(credential(), { clientId: app(scenario).clientId })
    const response = await session.client.request<{ UserId: string }>({ path: 'WhoAmI' })
    expect(response.status).toBe(200)
    expect(response.requestId).toMatch(/^[0-9a-f-]{36}/)
    expect(timeline.entries().every((entry) => entry.kind !== 'other')).toBe(true)
    expect(timeline.entries().filter((entry) => entry.kind === 'authority' && entry.method === 'POST')).toHaveLength(1)
  })

  it('makes one token request for 100 queries', async () => {
    const { session, timeline } = open(healthySecret())
    for (let i = 0; i < 100; i++)
      expect((await session.client.request({ path: 'accounts?$select=name&$top=2' })).status).toBe(200)
    expect(timeline.entries().filter((entry) => entry.kind === 'authority' && entry.method === 'POST')).toHaveLength(1)
    expect(timeline.entries().filter((entry) => entry.kind === 'dataverse')).toHaveLength(100)
  })

  it('explains a wrong CA: which host, and that TLS inspection is the usual cause', async () => {
    const { session } = open(healthySecret(), { base: createNodeFetch({ proxyUrl: null }) })
    const failure = await failureOf(session.client.request({ path: 'WhoAmI' }))
    expect(failure.code).toBe('TLS_ERROR')
    expect(failure.message).toContain(new URL(running.authorityUrl).host)
    expect(failure.explanation).toMatch(/TLS inspection/)
  })

  it('goes through a local HTTP CONNECT proxy, which records the tunnels', async () => {
    const before = proxy.tunnels.length
    const { session } = open(healthySecret(), { base: trustingFetch({ proxyUrl: proxy.url }) })
    expect((await session.client.request({ path: 'WhoAmI' })).status).toBe(200)
    const tunnels = new Set(proxy.tunnels.slice(before))
    expect(tunnels).toEqual(new Set([new URL(running.authorityUrl).host, new URL(org('contoso')).host]))
  })

  it('refuses a PATCH on a read-only connection before it is sent; the record is unchanged', async () => {
    const { session, timeline } = open(healthySecret())
    const page = await session.client.request<{ value: Array<{ accountid: string; name: string }> }>({
      path: 'accounts?$select=name&$top=1',
    })
    const account = (page.body as { value: Array<{ accountid: string; name: string }> }).value[0]!
    const before = timeline.entries().length
    const failure = await failureOf(
      session.client.request({
        method: 'PATCH',
        path: `accounts(${account.accountid})`,
        body: { name: 'Changed by a test' },
      }),
    )
    expect(failure.code).toBe('READ_ONLY')
    expect(timeline.entries()).toHaveLength(before)
    expect(running.emulator.table('account', 'contoso').find((row) => row.accountid === account.accountid)?.name).toBe(
      account.name,
    )
  })

  it('follows a nextLink on the same org, and refuses one that points at another org', async () => {
    const { session, timeline } = open(healthySecret())
    const first = await session.client.request<Record<string, unknown>>({
      path: 'contacts?$select=fullname',
      headers: { prefer: 'odata.maxpagesize=10' },
    })
    const nextLink = (first.body as Record<string, unknown>)['@odata.nextLink'] as string
    expect(new URL(nextLink).host).toBe(new URL(org('contoso')).host)
    expect((await session.client.request({ path: nextLink, headers: { prefer: 'odata.maxpagesize=10' } })).status).toBe(
      200,
    )

    const elsewhere = new URL(nextLink)
    elsewhere.host = new URL(org('fabrikam')).host
    const before = timeline.entries().length
    const failure = await failureOf(session.client.request({ path: elsewhere.href }))
    expect(failure.code).toBe('HOST_NOT_ALLOWED')
    expect(failure.message).toContain(elsewhere.host)
    expect(timeline.entries()).toHaveLength(before)
  })

  it('discovers the tenant and authority from the org’s 401 challenge', async () => {
    const found = await services.sessions.discover(org('contoso'), '9.2')
    expect(found).toMatchObject({ tenantId: running.tenantId, authorityHost: new URL(running.authorityUrl).host })
  })
})
