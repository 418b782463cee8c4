/**
 * The guarded transport, MSAL and the Web API client over real HTTPS on 127.0.0.1 with a generated
 * CA: sign-in with a secret, a PEM certificate and a PFX; one token for 100 queries; the TLS message
 * for an untrusted chain; a CONNECT proxy; the read-only guard; a cross-host nextLink.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadCertificate } from '../../../main/auth/certificate'
import { createTokenProvider, type ClientCredential } from '../../../main/auth/token-provider'
import { createDataverseClient } from '../../../main/dataverse/client'
import { createNodeFetch, type NodeFetch } from '../../../main/http/node-fetch'
import { Timeline } from '../../../main/http/timeline'
import { createTransport } from '../../../main/http/transport'
import { startConnectProxy, type ConnectProxy } from '../../support/connect-proxy'
import { serveFakeCloud, type HttpsFakeCloud } from '../../support/fake-cloud'
import { serveHttps, type TestServer } from '../../support/https-server'
import { createClientCertificate, createTestPki, type KeyAndCert, type TestPki } from '../../support/pki'
import { failureOf } from '../../support/failure-of'

const SECRET = 'Zx8Q~integration-secret-value-0123456789'
const PFX_PASSWORD = 'pfx-Passw0rd'

let pki: TestPki
let client: KeyAndCert
let dir: string
let fake: HttpsFakeCloud
let other: TestServer
let otherHits = 0
let rogue: TestServer
let proxy: ConnectProxy
const fetches: NodeFetch[] = []

function nodeFetch(options: Parameters<typeof createNodeFetch>[0] = {}): NodeFetch {
  const created = createNodeFetch({ proxyUrl: null, ...options })
  fetches.push(created)
  return created
}

beforeAll(async () => {
  ;[pki, client] = await Promise.all([createTestPki(), createClientCertificate('dvw-integration-app')])
  dir = mkdtempSync(join(tmpdir(), 'dvw-int-'))
  writeFileSync(join(dir, 'cert.pem'), client.cert)
  writeFileSync(join(dir, 'key.pem'), client.key)
  execFileSync(
    'openssl',
    [
      'pkcs12',
      '-export',
      '-out',
      'app.pfx',
      '-inkey',
      'key.pem',
      '-in',
      'cert.pem',
      '-passout',
      `pass:${PFX_PASSWORD}`,
    ],
    { cwd: dir },
  )
  fake = await serveFakeCloud(pki.server, { secret: SECRET, certificates: [client.cert] })
  other = await serveHttps(() => {
    otherHits++
    return Response.json({ value: [] })
  }, pki.server)
  rogue = await serveHttps(() => new Response('should never be read'), pki.rogueServer)
  proxy = await startConnectProxy()
})

afterAll(async () => {
  await Promise.all([fake?.close(), other?.close(), rogue?.close(), proxy?.close(), ...fetches.map((f) => f.close())])
  rmSync(dir, { recursive: true, force: true })
})

function setup(options: { base?: NodeFetch; readOnly?: boolean } = {}) {
  const timeline = new Timeline()
  const transport = createTransport(options.base ?? nodeFetch({ ca: [pki.ca.cert] }), {
    connectionId: 'int',
    orgHost: fake.org.host,
    authorityHost: fake.authority.host,
    readOnly: options.readOnly ?? true,
    timeline,
  })
  const tokens = createTokenProvider()
  const tokenFor = (credential: ClientCredential) => (tokenOptions: Parameters<typeof tokens.getToken>[1]) =>
    tokens.getToken(
      {
        authorityHost: fake.authority.host,
        cloud: 'commercial',
        customSignInHost: true,
        tenantId: fake.cloud.tenantId,
        clientId: fake.cloud.clientId,
        resource: fake.org.origin,
        credential,
        transport,
      },
      tokenOptions,
    )
  const clientFor = (credential: ClientCredential) =>
    createDataverseClient({
      connection: { orgUrl: fake.org.origin, apiVersion: '9.2' },
      transport,
      tokens: tokenFor(credential),
    })
  return { timeline, transport, tokens, tokenFor, clientFor }
}

function certificate(path: string, options: { keyPath?: string; password?: string } = {}): ClientCredential {
  const loaded = loadCertificate({
    path: join(dir, path),
    keyPath: options.keyPath ? join(dir, options.keyPath) : undefined,
    password: options.password,
  })
  return {
    kind: 'certificate',
    privateKeyPem: loaded.privateKeyPem,
    thumbprintSha256: loaded.thumbprintSha256,
    x5c: loaded.chainPem,
  }
}

describe('sign-in over HTTPS with real MSAL', () => {
  it.each([
    ['a client secret', () => ({ kind: 'secret', secret: SECRET }) as ClientCredential],
    ['a PEM certificate with a separate key file', () => certificate('cert.pem', { keyPath: 'key.pem' })],
    ['a PFX certificate with its password', () => certificate('app.pfx', { password: PFX_PASSWORD })],
  ])('gets a token with %s and calls WhoAmI with it', async (_name, credential) => {
    const { clientFor, timeline } = setup()
    const response = await clientFor(credential()).request<{ UserId: string }>({ path: 'WhoAmI' })
    expect(response.status).toBe(200)
    expect(response.body).toMatchObject({ UserId: expect.any(String) })
    // The authority is a custom host: MSAL fetched its metadata from it (knownAuthorities), nowhere else.
    expect(timeline.entries().map((e) => `${e.kind} ${e.method} ${e.status}`)).toEqual([
      'authority GET 200',
      'authority POST 200',
      'dataverse GET 200',
    ])
  })

  it('makes one token request for 100 queries', async () => {
    const { clientFor, timeline } = setup()
    const api = clientFor({ kind: 'secret', secret: SECRET })
    for (let i = 0; i < 100; i++) await api.request({ path: 'accounts?$select=name' })
    const tokenRequests = timeline.entries().filter((e) => e.kind === 'authority' && e.method === 'POST')
    expect(tokenRequests).toHaveLength(1)
    expect(timeline.entries().filter((e) => e.kind === 'dataverse' && e.status === 200)).toHaveLength(100)
  })
})

describe('TLS', () => {
  it('says which host failed and that TLS inspection is the usual cause when the CA is not trusted', async () => {
    const { clientFor } = setup({ base: nodeFetch() })
    const failure = await failureOf(clientFor({ kind: 'secret', secret: SECRET }).request({ path: 'WhoAmI' }))
    expect(failure.code).toBe('TLS_ERROR')
    expect(failure.message).toContain(fake.authority.host)
    expect(failure.explanation).toMatch(/TLS inspection/)
    expect(failure.next).toMatch(/root CA certificate/)
  })

  it('reports the Dataverse host when that is the one presenting an untrusted chain', async () => {
    const transport = createTransport(nodeFetch({ ca: [pki.ca.cert] }), { orgHost: rogue.host, authorityHost: null })
    const failure = await failureOf(transport(new Request(`${rogue.origin}/api/data/v9.2/`)))
    expect(failure.code).toBe('TLS_ERROR')
    expect(failure.message).toContain(rogue.host)
  })

  it('trusts an extra CA file without turning validation off', async () => {
    const caFile = join(dir, 'corporate-ca.pem')
    writeFileSync(caFile, pki.rogueCa.cert)
    const transport = createTransport(nodeFetch({ caFiles: [caFile] }), {
      orgHost: rogue.host,
      authorityHost: fake.org.host,
    })
    expect(await (await transport(new Request(`${rogue.origin}/`))).text()).toBe('should never be read')
    // The extra CA is added to the roots; servers signed by other CAs are still refused.
    expect((await failureOf(transport(new Request(`${fake.org.origin}/`)))).code).toBe('TLS_ERROR')
  })
})

describe('proxy', () => {
  it('tunnels through an HTTP CONNECT proxy from settings, TLS end to end', async () => {
    const before = proxy.tunnels.length
    const { clientFor } = setup({ base: nodeFetch({ ca: [pki.ca.cert], proxyUrl: proxy.url }) })
    const response = await clientFor({ kind: 'secret', secret: SECRET }).request({ path: 'WhoAmI' })
    expect(response.status).toBe(200)
    expect(proxy.tunnels.slice(before)).toEqual(expect.arrayContaining([fake.authority.host, fake.org.host]))
  })

  it('uses HTTPS_PROXY from the environment and honours NO_PROXY', async () => {
    const viaEnv = nodeFetch({ ca: [pki.ca.cert], proxyUrl: undefined, env: { HTTPS_PROXY: proxy.url } })
    expect(viaEnv.proxy).toBe(proxy.url)
    const before = proxy.tunnels.length
    await (await viaEnv(new Request(`${other.origin}/`))).text()
    expect(proxy.tunnels.slice(before)).toEqual([other.host])

    const bypass = nodeFetch({
      ca: [pki.ca.cert],
      proxyUrl: undefined,
      env: { HTTPS_PROXY: proxy.url, NO_PROXY: '127.0.0.1' },
    })
    await (await bypass(new Request(`${other.origin}/`))).text()
    expect(proxy.tunnels.slice(before)).toEqual([other.host])
  })

  it('explains a proxy that wants authentication', async () => {
    const strict = await startConnectProxy({ requireAuth: 'Basic nope' })
    try {
      const transport = createTransport(nodeFetch({ ca: [pki.ca.cert], proxyUrl: strict.url }), {
        orgHost: other.host,
        authorityHost: null,
      })
      const failure = await failureOf(transport(new Request(`${other.origin}/`)))
      expect(failure.code).toBe('NETWORK_ERROR')
      expect(failure.message).toMatch(/proxy/i)
    } finally {
      await strict.close()
    }
  })
})

describe('guards on the wire', () => {
  it('refuses a PATCH on a read-only connection before anything is sent', async () => {
    const { clientFor } = setup({ readOnly: true })
    const api = clientFor({ kind: 'secret', secret: SECRET })
    await api.request({ path: 'WhoAmI' })
    const before = fake.cloud.requests.length
    const failure = await failureOf(
      api.request({
        method: 'PATCH',
        path: 'accounts(00000000-0000-0000-0000-000000000001)',
        body: { name: 'changed' },
      }),
    )
    expect(failure.code).toBe('READ_ONLY')
    expect(fake.cloud.requests.slice(before)).toEqual([])
  })

  it('refuses a nextLink that points at another host: that host never sees the token', async () => {
    fake.cloud.route('GET /contacts', () =>
      Response.json({
        value: [{ fullname: 'A' }],
        '@odata.nextLink': `${other.origin}/api/data/v9.2/contacts?$skiptoken=2`,
      }),
    )
    const { clientFor, transport } = setup()
    const api = clientFor({ kind: 'secret', secret: SECRET })
    const page = await api.request<{ '@odata.nextLink': string }>({ path: 'contacts' })
    const next = (page.body as { '@odata.nextLink': string })['@odata.nextLink']
    const hitsBefore = otherHits
    expect((await failureOf(api.request({ path: next }))).code).toBe('HOST_NOT_ALLOWED')
    // Even a caller that skips the client and uses the transport directly is stopped.
    expect((await failureOf(transport(new Request(next, { headers: { authorization: 'Bearer x' } })))).code).toBe(
      'HOST_NOT_ALLOWED',
    )
    expect(otherHits).toBe(hitsBefore)
  })

  it('refuses a redirect to another host', async () => {
    fake.cloud.route(
      'GET /moved',
      () => new Response(null, { status: 302, headers: { location: `${other.origin}/stolen` } }),
    )
    const { clientFor } = setup()
    const hitsBefore = otherHits
    const failure = await failureOf(clientFor({ kind: 'secret', secret: SECRET }).request({ path: 'moved' }))
    expect(failure.code).toBe('HOST_NOT_ALLOWED')
    expect(otherHits).toBe(hitsBefore)
  })

  it('M1 refuses a $batch whose PATCH request line has a space in the URI: Dataverse never sees it', async () => {
    const { clientFor } = setup({ readOnly: true })
    const api = clientFor({ kind: 'secret', secret: SECRET })
    await api.request({ path: 'WhoAmI' })
    const before = fake.cloud.requests.length
    const body = [
      '--batch_1\r\nContent-Type: application/http\r\n\r\nGET accounts?$top=1 HTTP/1.1\r\n\r\n',
      '--batch_1\r\nContent-Type: application/http\r\n\r\nPATCH /api/data/v9.2/accounts(00000000-0000-0000-0000-000000000001)?$select=name, accountid HTTP/1.1\r\nContent-Type: application/json\r\n\r\n{"name":"x"}\r\n',
      '--batch_1--\r\n',
    ].join('')
    const failure = await failureOf(
      api.request({
        method: 'POST',
        path: '$batch',
        headers: { 'content-type': 'multipart/mixed; boundary=batch_1' },
        body,
      }),
    )
    expect(failure.code).toBe('READ_ONLY')
    expect(failure.message).toMatch(/contains PATCH/)
    expect(fake.cloud.requests.slice(before)).toEqual([])
  })

  it('L1 refuses a GET to CalculateRollupField on a read-only connection before it is sent', async () => {
    const { clientFor } = setup({ readOnly: true })
    const api = clientFor({ kind: 'secret', secret: SECRET })
    await api.request({ path: 'WhoAmI' })
    const before = fake.cloud.requests.length
    const failure = await failureOf(
      api.request({
        path: "CalculateRollupField(Target=@t,FieldName='new_total')?@t={'@odata.id':'accounts(00000000-0000-0000-0000-000000000001)'}",
      }),
    )
    expect(failure.code).toBe('READ_ONLY')
    expect(failure.message).toMatch(/CalculateRollupField/)
    expect(fake.cloud.requests.slice(before)).toEqual([])
  })

  it('L3 stops a body past the cap over real HTTPS with a clear error', async () => {
    const chunk = new Uint8Array(1024 * 1024).fill(0x20)
    fake.cloud.route('GET /huge', () => {
      let sent = 0
      return new Response(
        new ReadableStream<Uint8Array>({
          pull(controller) {
            if (sent++ >= 64) return controller.close()
            controller.enqueue(chunk)
          },
        }),
        { headers: { 'content-type': 'application/json' } },
      )
    })
    const { transport, tokenFor } = setup()
    const api = createDataverseClient({
      connection: { orgUrl: fake.org.origin, apiVersion: '9.2' },
      transport,
      tokens: tokenFor({ kind: 'secret', secret: SECRET }),
      maxBodyBytes: 2 * 1024 * 1024,
    })
    const failure = await failureOf(api.request({ path: 'huge' }))
    expect(failure.code).toBe('DATAVERSE_ERROR')
    expect(failure.message).toMatch(/2\.0 MB/)
    expect(failure.next).toMatch(/\$select/)
  })

  it('L7 refuses a nextLink with user info on the org host: nothing is sent and the credentials are not repeated', async () => {
    const { clientFor } = setup()
    const api = clientFor({ kind: 'secret', secret: SECRET })
    await api.request({ path: 'WhoAmI' })
    const before = fake.cloud.requests.length
    const link = `https://admin:hunter2@${fake.org.host}/api/data/v9.2/contacts?$skiptoken=2`
    const failure = await failureOf(api.request({ path: link }))
    expect(failure.code).toBe('HOST_NOT_ALLOWED')
    expect(JSON.stringify(failure.toAppError())).not.toContain('hunter2')
    expect(fake.cloud.requests.slice(before)).toEqual([])
  })
})
