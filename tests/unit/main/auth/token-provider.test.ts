import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ServerError } from '@azure/msal-node'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { loadCertificate } from '../../../../main/auth/certificate'
import { createTokenProvider, type TokenTarget } from '../../../../main/auth/token-provider'
import { createDataverseClient } from '../../../../main/dataverse/client'
import { Timeline } from '../../../../main/http/timeline'
import { createTransport } from '../../../../main/http/transport'
import { createFakeCloud } from '../../../support/fake-cloud'
import { createClientCertificate, type KeyAndCert } from '../../../support/pki'
import { failureOf } from '../../../support/failure-of'

// Real host names, served in process: the same path the built-in sample takes through the emulator.
const AUTHORITY = 'https://login.microsoftonline.com'
const ORG = 'https://contoso.crm.dynamics.com'
const SECRET = 'Zx8Q~fake-but-realistic-secret-value-0123456'

let certificate: KeyAndCert
let otherCertificate: KeyAndCert
let dir: string

beforeAll(async () => {
  ;[certificate, otherCertificate] = await Promise.all([
    createClientCertificate('dvw-app'),
    createClientCertificate('not-registered'),
  ])
  dir = mkdtempSync(join(tmpdir(), 'dvw-tokens-'))
  writeFileSync(join(dir, 'app.pem'), certificate.key + certificate.cert)
  writeFileSync(join(dir, 'other.pem'), otherCertificate.key + otherCertificate.cert)
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

function setup(options: { readOnly?: boolean; authorityHost?: string | null } = {}) {
  const cloud = createFakeCloud({
    authorityOrigin: AUTHORITY,
    orgOrigin: ORG,
    secret: SECRET,
    certificates: [certificate.cert],
  })
  const timeline = new Timeline()
  const transport = createTransport((request) => cloud.handle(request), {
    connectionId: 'c1',
    orgHost: 'contoso.crm.dynamics.com',
    authorityHost: options.authorityHost === undefined ? 'login.microsoftonline.com' : options.authorityHost,
    readOnly: options.readOnly ?? true,
    timeline,
  })
  const tokens = createTokenProvider()
  const target = (credential: TokenTarget['credential'], overrides: Partial<TokenTarget> = {}): TokenTarget => ({
    authorityHost: 'login.microsoftonline.com',
    cloud: 'commercial',
    customSignInHost: false,
    tenantId: cloud.tenantId,
    clientId: cloud.clientId,
    resource: ORG,
    credential,
    transport,
    ...overrides,
  })
  return { cloud, timeline, transport, tokens, target }
}

function tokenPosts(timeline: Timeline): number {
  return timeline.entries().filter((entry) => entry.kind === 'authority' && entry.method === 'POST').length
}

function certificateCredential(file: string, sendX5c = false): TokenTarget['credential'] {
  const loaded = loadCertificate({ path: join(dir, file) })
  return {
    kind: 'certificate',
    privateKeyPem: loaded.privateKeyPem,
    thumbprintSha256: loaded.thumbprintSha256,
    ...(sendX5c ? { x5c: loaded.chainPem } : {}),
  }
}

describe('token provider (real MSAL)', () => {
  it('gets a token with a client secret, every MSAL request going through the transport to the authority host', async () => {
    const { cloud, timeline, tokens, target } = setup()
    const token = await tokens.getToken(target({ kind: 'secret', secret: SECRET }))
    expect(cloud.issuedTokens).toContain(token.accessToken)
    expect(token.fromCache).toBe(false)
    expect(token.expiresOn.getTime()).toBeGreaterThan(Date.now() + 3_000_000)
    // For login.microsoftonline.com MSAL may use its built-in endpoint metadata, so only the token POST
    // is certain; what matters is that nothing went anywhere but the authority host, and all of it was recorded.
    expect(cloud.requests.every((r) => r.host === 'login.microsoftonline.com')).toBe(true)
    expect(cloud.requests.at(-1)).toMatchObject({
      method: 'POST',
      path: expect.stringContaining(`/${cloud.tenantId}/oauth2/v2.0/token`),
    })
    expect(timeline.entries()).toHaveLength(cloud.requests.length)
    expect(timeline.entries().every((e) => e.kind === 'authority' && e.status === 200)).toBe(true)
  })

  it('makes one token request for 100 queries (MSAL cache kept)', async () => {
    const { cloud, timeline, tokens, target, transport } = setup()
    const credential = { kind: 'secret', secret: SECRET } as const
    const client = createDataverseClient({
      connection: { orgUrl: ORG, apiVersion: '9.2' },
      transport,
      tokens: (options) => tokens.getToken(target(credential), options),
    })
    for (let i = 0; i < 100; i++) {
      const response = await client.request<{ UserId: string }>({ path: 'WhoAmI' })
      expect(response.status).toBe(200)
    }
    expect(tokenPosts(timeline)).toBe(1)
    expect(cloud.tokenRequests()).toBe(1)
    expect(timeline.entries().filter((e) => e.kind === 'dataverse')).toHaveLength(100)
  })

  it('signs a client assertion with a certificate (SHA-256 thumbprint), with and without x5c', async () => {
    const { cloud, tokens, target } = setup()
    const first = await tokens.getToken(target(certificateCredential('app.pem')))
    const second = await tokens.getToken(target(certificateCredential('app.pem', true)))
    expect(cloud.issuedTokens).toEqual([first.accessToken, second.accessToken])
  })

  it("wraps an Entra error in AUTH_FAILED and keeps what explain() needs, with MSAL's error as the cause", async () => {
    const { tokens, target } = setup()
    const failure = await failureOf(tokens.getToken(target({ kind: 'secret', secret: 'the-secret-id-not-the-value' })))
    expect(failure.code).toBe('AUTH_FAILED')
    expect(failure.message).toContain('AADSTS7000215')
    expect(failure.explanation).toMatch(/^AADSTS7000215: Invalid client secret provided\./)
    expect(failure.details).toMatchObject({
      errorCode: 'invalid_client',
      aadsts: '7000215',
      status: 401,
      errorName: 'ServerError',
    })
    expect(failure.details?.traceId).toMatch(/^[0-9a-f-]{36}$/)
    expect(failure.details?.correlationId).toMatch(/^[0-9a-f-]{36}$/)
    expect(failure.cause).toBeInstanceOf(ServerError)
    expect(JSON.stringify(failure.toAppError())).not.toContain('the-secret-id-not-the-value')
  })

  it('rejects a certificate that is not registered (700027)', async () => {
    const { tokens, target } = setup()
    const failure = await failureOf(tokens.getToken(target(certificateCredential('other.pem'))))
    expect(failure.details).toMatchObject({ aadsts: '700027', errorCode: 'invalid_client' })
  })

  it('drops the cached client when the credential changes, so the new secret is really used', async () => {
    const { cloud, tokens, target } = setup()
    const old = target({ kind: 'secret', secret: SECRET })
    await tokens.getToken(old)
    await tokens.getToken(old)
    expect(cloud.tokenRequests()).toBe(1)
    expect(tokens.size).toBe(1)
    expect(tokens.drop(old)).toBe(true)
    expect(tokens.size).toBe(0)
    const failure = await failureOf(tokens.getToken(target({ kind: 'secret', secret: 'rotated-wrong' })))
    expect(failure.details?.aadsts).toBe('7000215')
    expect(cloud.tokenRequests()).toBe(2)
  })

  it('refreshes on demand (forceRefresh), and later calls get the refreshed token', async () => {
    const { cloud, tokens, target } = setup()
    const credential = target({ kind: 'secret', secret: SECRET })
    const first = await tokens.getToken(credential)
    const again = await tokens.getToken(credential, { forceRefresh: true })
    expect(again.fromCache).toBe(false)
    expect(again.accessToken).not.toBe(first.accessToken)
    expect(cloud.tokenRequests()).toBe(2)
    expect((await tokens.getToken(credential)).accessToken).toBe(again.accessToken)
    expect(cloud.tokenRequests()).toBe(2)
  })

  describe('the token kept in front of MSAL', () => {
    afterEach(() => {
      vi.useRealTimers()
    })

    it('hands back the same token, marked as cached, without a new token request', async () => {
      const { cloud, tokens, target } = setup()
      const credential = target({ kind: 'secret', secret: SECRET })
      const first = await tokens.getToken(credential)
      const second = await tokens.getToken(credential)
      expect(second).toEqual({ accessToken: first.accessToken, expiresOn: first.expiresOn, fromCache: true })
      expect(cloud.tokenRequests()).toBe(1)
    })

    it('is not used once MSAL would renew the token (5 minutes before it expires)', async () => {
      const { cloud, tokens, target } = setup()
      const credential = target({ kind: 'secret', secret: SECRET })
      const first = await tokens.getToken(credential)
      vi.useFakeTimers({ toFake: ['Date'] })
      vi.setSystemTime(first.expiresOn.getTime() - 299_000)
      const renewed = await tokens.getToken(credential)
      expect(cloud.tokenRequests()).toBe(2)
      expect(renewed.fromCache).toBe(false)
      expect(renewed.accessToken).not.toBe(first.accessToken)
    })

    it('goes when the MSAL client is dropped', async () => {
      const { cloud, tokens, target } = setup()
      const credential = target({ kind: 'secret', secret: SECRET })
      await tokens.getToken(credential)
      tokens.drop(credential)
      const fresh = await tokens.getToken(credential)
      expect(fresh.fromCache).toBe(false)
      expect(cloud.tokenRequests()).toBe(2)
    })

    it('is kept per resource: a token for one org is never handed out for another', async () => {
      const { cloud, tokens, target } = setup()
      const credential = { kind: 'secret', secret: SECRET } as const
      await tokens.getToken(target(credential))
      // The fake tenant knows only ORG, so the other org's token request reaching Entra ID fails.
      const failure = await failureOf(
        tokens.getToken(target(credential, { resource: 'https://fabrikam.crm.dynamics.com' })),
      )
      expect(failure.details).toMatchObject({ aadsts: '500011' })
      expect(cloud.tokenRequests()).toBe(2)
    })
  })

  it('throws the transport failure itself when sign-in traffic is refused (not a vague MSAL error)', async () => {
    const { cloud, tokens, target } = setup({ authorityHost: null })
    const failure = await failureOf(tokens.getToken(target({ kind: 'secret', secret: SECRET })))
    expect(failure.code).toBe('HOST_NOT_ALLOWED')
    expect(failure.message).toContain('login.microsoftonline.com')
    expect(cloud.requests).toHaveLength(0)
  })

  it('honours the caller cancelling', async () => {
    const { tokens, target } = setup()
    const controller = new AbortController()
    controller.abort()
    await expect(
      tokens.getToken(target({ kind: 'secret', secret: SECRET }), { signal: controller.signal }),
    ).rejects.toBeDefined()
  })
})

describe('H1 sign-in host gate (token provider)', () => {
  it('H1 refuses a host that is not Entra ID for the cloud before MSAL sends anything, and allows it only with the custom choice', async () => {
    const seen: string[] = []
    const cloud = createFakeCloud({
      authorityOrigin: 'https://login.microsoftonline.com.evil.example',
      orgOrigin: ORG,
      secret: SECRET,
    })
    const transport = createTransport(
      (request) => {
        seen.push(new URL(request.url).host)
        return cloud.handle(request)
      },
      {
        connectionId: 'c1',
        orgHost: 'contoso.crm.dynamics.com',
        authorityHost: 'login.microsoftonline.com.evil.example',
        readOnly: true,
        timeline: new Timeline(),
      },
    )
    const tokens = createTokenProvider()
    const target: TokenTarget = {
      authorityHost: 'login.microsoftonline.com.evil.example',
      cloud: 'commercial',
      customSignInHost: false,
      tenantId: cloud.tenantId,
      clientId: cloud.clientId,
      resource: ORG,
      credential: { kind: 'secret', secret: SECRET },
      transport,
    }
    const failure = await failureOf(tokens.getToken(target))
    expect(failure.code).toBe('HOST_NOT_ALLOWED')
    expect(failure.message).toContain('is not Entra ID for the Commercial cloud')
    expect(seen).toEqual([])
    expect(tokens.size).toBe(0)
    await tokens.getToken({ ...target, customSignInHost: true })
    expect(seen).toContain('login.microsoftonline.com.evil.example')
  })
})
