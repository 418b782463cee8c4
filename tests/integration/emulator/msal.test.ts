/**
 * Real @azure/msal-node against the HTTPS emulator: MSAL discovers the authority (knownAuthorities
 * + OpenID configuration), signs client assertions itself, and must surface each AADSTS code.
 */
import { readFileSync } from 'node:fs'
import { ConfidentialClientApplication, ServerError, type Configuration } from '@azure/msal-node'
import { decodeJwt } from 'jose'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startHttpsEmulator, type RunningEmulator, type RunningEmulatorApp, type ScenarioName } from '../../../emulator'
import { msalNetworkClient } from '../../support/msal-network-client'

let running: RunningEmulator
let network: ReturnType<typeof msalNetworkClient>

beforeAll(async () => {
  running = await startHttpsEmulator({ rows: { accounts: 10, contacts: 20 } })
  network = msalNetworkClient(running.caPem)
})
afterAll(async () => {
  await network.close()
  await running.close()
})

const app = (scenario: ScenarioName): RunningEmulatorApp =>
  running.apps.find((a) => a.scenario === scenario) as RunningEmulatorApp

function client(
  auth: Partial<Configuration['auth']> & { clientId: string },
  tenant: string = running.tenantId,
): ConfidentialClientApplication {
  return new ConfidentialClientApplication({
    auth: {
      authority: `${running.authorityUrl}/${tenant}`,
      knownAuthorities: [new URL(running.authorityUrl).host],
      ...auth,
    },
    system: { networkClient: network.client },
  })
}

const scopes = () => [`${running.orgs[0]?.url ?? ''}/.default`]

async function msalError(cca: ConfidentialClientApplication): Promise<ServerError> {
  try {
    await cca.acquireTokenByClientCredential({ scopes: scopes(), skipCache: true })
  } catch (error) {
    if (error instanceof ServerError) return error
    throw error
  }
  throw new Error('MSAL unexpectedly got a token')
}

describe('real MSAL against the HTTPS emulator', () => {
  it('gets a token with a client secret, only over loopback, using discovery from the emulator', async () => {
    const before = network.requests.length
    const result = await client({
      clientId: app('healthy').clientId,
      clientSecret: app('healthy').clientSecret as string,
    }).acquireTokenByClientCredential({ scopes: scopes() })
    expect(result?.accessToken).toBeTruthy()
    expect(decodeJwt(result?.accessToken ?? '')).toMatchObject({
      aud: running.orgs[0]?.url,
      appid: app('healthy').clientId,
      appidacr: '1',
      tid: running.tenantId,
    })
    const made = network.requests.slice(before)
    expect(
      made.some((r) =>
        r.startsWith(`GET ${running.authorityUrl}/${running.tenantId}/v2.0/.well-known/openid-configuration`),
      ),
    ).toBe(true)
    expect(made.some((r) => r.startsWith(`POST ${running.authorityUrl}/${running.tenantId}/oauth2/v2.0/token`))).toBe(
      true,
    )
  })

  it('gets a token with a certificate by SHA-1 thumbprint (x5t) and by SHA-256 thumbprint (x5t#S256)', async () => {
    const cert = app('healthy-certificate').certificate
    if (!cert) throw new Error('no certificate')
    const privateKey = readFileSync(cert.keyPath, 'utf8')
    for (const clientCertificate of [
      { thumbprint: cert.thumbprint, privateKey },
      { thumbprintSha256: cert.thumbprintSha256, privateKey, x5c: readFileSync(cert.certPath, 'utf8') },
    ]) {
      const result = await client({
        clientId: app('healthy-certificate').clientId,
        clientCertificate,
      }).acquireTokenByClientCredential({ scopes: scopes(), skipCache: true })
      expect(decodeJwt(result?.accessToken ?? '').appidacr).toBe('2')
    }
  })

  it.each([
    ['expired-secret', 7000222, 'invalid_client'],
    ['conditional-access-blocked', 53003, 'invalid_grant'],
    ['app-disabled', 7000112, 'unauthorized_client'],
    ['service-principal-missing', 7000229, 'invalid_client'],
    ['cross-cloud-app', 900382, 'invalid_request'],
    ['secret-blocked-by-policy', 7000222, 'invalid_client'],
  ] as const)('fails for %s with AADSTS%i in the MSAL error', async (scenario, code, errorCode) => {
    const error = await msalError(
      client({ clientId: app(scenario).clientId, clientSecret: app(scenario).clientSecret as string }),
    )
    expect(error.errorNo).toBe(code)
    expect(error.errorCode).toBe(errorCode)
    expect(error.errorMessage).toContain(`AADSTS${code}:`)
  })

  it('fails for certificate-not-registered with AADSTS700027', async () => {
    const cert = app('certificate-not-registered').certificate
    if (!cert) throw new Error('no certificate')
    const error = await msalError(
      client({
        clientId: app('certificate-not-registered').clientId,
        clientCertificate: { thumbprintSha256: cert.thumbprintSha256, privateKey: readFileSync(cert.keyPath, 'utf8') },
      }),
    )
    expect(error.errorNo).toBe(700027)
    expect(error.errorCode).toBe('invalid_client')
  })

  it('fails for wrong input: secret ID pasted as the secret (7000215), unknown client (700016)', async () => {
    expect(
      (await msalError(client({ clientId: app('healthy').clientId, clientSecret: app('healthy').secretId as string })))
        .errorNo,
    ).toBe(7000215)
    expect(
      (await msalError(client({ clientId: '00000000-1111-4222-8333-444455556666', clientSecret: 'x' }))).errorNo,
    ).toBe(700016)
  })

  it('fails for an unknown tenant: discovery answers AADSTS90002, which MSAL reports as endpoints_resolution_error; with authorityMetadata the token endpoint answers 90002', async () => {
    const unknown = '00000000-1111-4222-8333-444455556666'
    const healthy = { clientId: app('healthy').clientId, clientSecret: app('healthy').clientSecret as string }
    await expect(client(healthy, unknown).acquireTokenByClientCredential({ scopes: scopes() })).rejects.toMatchObject({
      errorCode: 'endpoints_resolution_error',
    })
    expect(
      network.requests.some((r) =>
        r.startsWith(`GET ${running.authorityUrl}/${unknown}/v2.0/.well-known/openid-configuration`),
      ),
    ).toBe(true)
    const base = `${running.authorityUrl}/${unknown}`
    const authorityMetadata = JSON.stringify({
      token_endpoint: `${base}/oauth2/v2.0/token`,
      authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
      issuer: `${base}/v2.0`,
      jwks_uri: `${base}/discovery/v2.0/keys`,
      end_session_endpoint: `${base}/oauth2/v2.0/logout`,
    })
    const error = await msalError(client({ ...healthy, authorityMetadata }, unknown))
    expect(error.errorNo).toBe(90002)
    expect(error.errorCode).toBe('invalid_tenant')
  })

  it('uses the token on the Web API', async () => {
    const result = await client({
      clientId: app('healthy').clientId,
      clientSecret: app('healthy').clientSecret as string,
    }).acquireTokenByClientCredential({ scopes: scopes() })
    const { loopbackFetch } = await import('../../support/loopback-fetch')
    const { fetch, close } = loopbackFetch(running.caPem)
    try {
      const response = await fetch(`${running.orgs[0]?.url ?? ''}/api/data/v9.2/WhoAmI`, {
        headers: { Authorization: `Bearer ${result?.accessToken ?? ''}` },
      })
      expect(response.status).toBe(200)
    } finally {
      await close()
    }
  })
})
