import { randomUUID } from 'node:crypto'
import { SignJWT, decodeJwt } from 'jose'
import { describe, expect, it } from 'vitest'
import { createEmulator, scenarioApp, TENANT_DOMAIN, TENANT_ID, type ScenarioName } from '../../../../emulator'
import {
  createRsaKeyPair,
  issueCertificate,
  thumbprintToX5t,
  type CertificateMaterial,
} from '../../../../emulator/certificates'
import { postToken, type FetchFn } from '../../../support/emulator-client'

const emulator = createEmulator({ rows: { accounts: 10, contacts: 20 } })
const fetch = emulator.fetch as FetchFn
const org = 'https://contoso.crm.dynamics.com'
const v2 = (tenant = TENANT_ID) => `${emulator.authorityUrl}/${tenant}/oauth2/v2.0/token`
const v1 = (tenant = TENANT_ID) => `${emulator.authorityUrl}/${tenant}/oauth2/token`

function secretOf(scenario: ScenarioName) {
  const app = scenarioApp(scenario)
  if (app.credential.kind !== 'secret') throw new Error('not a secret app')
  return { clientId: app.clientId, secret: app.credential.secret, secretId: app.credential.secretId }
}

const healthy = secretOf('healthy')
const form = (overrides: Record<string, string | undefined> = {}): Record<string, string> => {
  const base: Record<string, string | undefined> = {
    grant_type: 'client_credentials',
    client_id: healthy.clientId,
    client_secret: healthy.secret,
    scope: `${org}/.default`,
    ...overrides,
  }
  return Object.fromEntries(Object.entries(base).filter((entry): entry is [string, string] => entry[1] !== undefined))
}

async function expectAadsts(
  result: Awaited<ReturnType<typeof postToken>>,
  code: number,
  error: string,
  status: number,
) {
  expect(result.status).toBe(status)
  expect(result.json.error).toBe(error)
  expect(result.json.error_codes).toEqual([code])
  expect(result.json.error_description).toMatch(
    new RegExp(
      `^AADSTS${code}: .+ Trace ID: [0-9a-f-]{36} Correlation ID: [0-9a-f-]{36} Timestamp: \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\dZ$`,
    ),
  )
  expect(result.json.timestamp).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ$/)
  expect(result.json.trace_id).toMatch(/^[0-9a-f-]{36}$/)
  expect(result.json.error_uri).toBe(`https://login.microsoftonline.com/error?code=${code}`)
  expect(result.headers.get('cache-control')).toBe('no-store, no-cache')
  return result.json.error_description as string
}

describe('token endpoint: success shapes', () => {
  it('v2 answers numbers and a v1 app-only token for the org', async () => {
    const result = await postToken(fetch, v2(), form())
    expect(result.status).toBe(200)
    expect(Object.keys(result.json)).toEqual(['token_type', 'expires_in', 'ext_expires_in', 'access_token'])
    expect(result.json).toMatchObject({ token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599 })
    expect(decodeJwt(result.json.access_token)).toMatchObject({
      aud: org,
      appid: healthy.clientId,
      appidacr: '1',
      tid: TENANT_ID,
      ver: '1.0',
    })
  })

  it('v1 answers strings, echoes the resource and keeps its trailing slash in aud', async () => {
    const result = await postToken(fetch, v1(), form({ scope: undefined, resource: `${org}/` }))
    expect(result.status).toBe(200)
    expect(result.json).toMatchObject({
      token_type: 'Bearer',
      expires_in: '3599',
      ext_expires_in: '3599',
      resource: `${org}/`,
    })
    expect(result.json.expires_on).toMatch(/^\d{10}$/)
    expect(result.json.not_before).toMatch(/^\d{10}$/)
    expect(decodeJwt(result.json.access_token).aud).toBe(`${org}/`)
  })

  it('accepts the secret in HTTP Basic auth and the tenant as its verified domain', async () => {
    const basic = Buffer.from(`${encodeURIComponent(healthy.clientId)}:${encodeURIComponent(healthy.secret)}`).toString(
      'base64',
    )
    const result = await postToken(fetch, v2(TENANT_DOMAIN), form({ client_id: undefined, client_secret: undefined }), {
      Authorization: `Basic ${basic}`,
    })
    expect(result.status).toBe(200)
  })

  it('echoes the client-request-id as correlation_id on errors', async () => {
    const id = randomUUID()
    const result = await postToken(fetch, `${v2()}?client-request-id=${id}`, form({ client_secret: 'wrong' }))
    expect(result.json.correlation_id).toBe(id)
  })
})

describe('token endpoint: AADSTS errors', () => {
  it('7000215 for a wrong secret, and the same code for the secret ID pasted as the secret (value, not ID)', async () => {
    const wrong = await expectAadsts(
      await postToken(fetch, v2(), form({ client_secret: 'nope' })),
      7000215,
      'invalid_client',
      401,
    )
    const id = await expectAadsts(
      await postToken(fetch, v2(), form({ client_secret: healthy.secretId })),
      7000215,
      'invalid_client',
      401,
    )
    expect(id).toContain('client secret value, not the client secret ID')
    expect(wrong).toContain(`app '${healthy.clientId}'`)
  })

  it('7000222 for an expired secret', async () => {
    const expired = secretOf('expired-secret')
    await expectAadsts(
      await postToken(fetch, v2(), form({ client_id: expired.clientId, client_secret: expired.secret })),
      7000222,
      'invalid_client',
      401,
    )
  })

  it('7000218 without any credential', async () => {
    await expectAadsts(await postToken(fetch, v2(), form({ client_secret: undefined })), 7000218, 'invalid_client', 401)
  })

  it('700016 for an unknown client id', async () => {
    const text = await expectAadsts(
      await postToken(fetch, v2(), form({ client_id: randomUUID() })),
      700016,
      'unauthorized_client',
      400,
    )
    expect(text).toContain("directory 'Contoso'")
  })

  it('90002 for an unknown tenant (GUID or domain), 900023 for a malformed one, 50059 for /common and /organizations', async () => {
    await expectAadsts(await postToken(fetch, v2(randomUUID()), form()), 90002, 'invalid_tenant', 400)
    await expectAadsts(await postToken(fetch, v2('fabrikam.onmicrosoft.com'), form()), 90002, 'invalid_tenant', 400)
    await expectAadsts(await postToken(fetch, v2('%7Btenant-id%7D'), form()), 900023, 'invalid_request', 400)
    await expectAadsts(await postToken(fetch, v2('common'), form()), 50059, 'invalid_request', 400)
    await expectAadsts(await postToken(fetch, v2('organizations'), form()), 50059, 'invalid_request', 400)
  })

  it('900144 for a missing grant_type, client_id or scope, and for a JSON body', async () => {
    for (const missing of ['grant_type', 'client_id', 'scope']) {
      const text = await expectAadsts(
        await postToken(fetch, v2(), form({ [missing]: undefined })),
        900144,
        'invalid_request',
        400,
      )
      expect(text).toContain(`'${missing}'`)
    }
    const json = await fetch(v2(), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(form()),
    })
    const body = (await json.json()) as { error_codes: number[]; error_description: string }
    expect(body.error_codes).toEqual([900144])
    expect(body.error_description).toContain("'grant_type'")
  })

  it('1002012 for a scope without /.default, 700022 for two resources', async () => {
    await expectAadsts(
      await postToken(fetch, v2(), form({ scope: `${org}/user_impersonation` })),
      1002012,
      'invalid_scope',
      400,
    )
    await expectAadsts(
      await postToken(fetch, v2(), form({ scope: `${org}/.default https://fabrikam.crm4.dynamics.com/.default` })),
      700022,
      'invalid_scope',
      400,
    )
  })

  it('500011 for a resource with a path, an unknown host or double encoding', async () => {
    for (const scope of [
      `${org}/api/data/v9.2/.default`,
      'https://nobody.crm.dynamics.com/.default',
      'https%3A%2F%2Fcontoso.crm.dynamics.com/.default',
      'http://contoso.crm.dynamics.com/.default',
    ]) {
      const text = await expectAadsts(await postToken(fetch, v2(), form({ scope })), 500011, 'invalid_resource', 400)
      expect(text).toContain('resource principal named')
    }
  })

  it('7000112 for a disabled service principal and 53003 for Conditional Access', async () => {
    const disabled = secretOf('app-disabled')
    await expectAadsts(
      await postToken(fetch, v2(), form({ client_id: disabled.clientId, client_secret: disabled.secret })),
      7000112,
      'unauthorized_client',
      400,
    )
    const blocked = secretOf('conditional-access-blocked')
    await expectAadsts(
      await postToken(fetch, v2(), form({ client_id: blocked.clientId, client_secret: blocked.secret })),
      53003,
      'invalid_grant',
      400,
    )
  })

  it('7000229 for a multitenant app without a service principal and 900382 for an app from another cloud, after the secret checks out', async () => {
    const partner = secretOf('service-principal-missing')
    const missing = await postToken(fetch, v2(), form({ client_id: partner.clientId, client_secret: partner.secret }))
    await expectAadsts(missing, 7000229, 'invalid_client', 401)
    await expectAadsts(
      await postToken(
        fetch,
        v2(),
        form({ client_id: partner.clientId, client_secret: 'Wrong8Q~NotTheRealSecretValue0000000000' }),
      ),
      7000215,
      'invalid_client',
      401,
    )
    const gov = secretOf('cross-cloud-app')
    await expectAadsts(
      await postToken(fetch, v2(), form({ client_id: gov.clientId, client_secret: gov.secret })),
      900382,
      'invalid_request',
      400,
    )
  })
})

describe('token endpoint: client assertions', () => {
  const certApp = scenarioApp('healthy-certificate')
  const endpoint = v2()

  async function assertion(
    material: CertificateMaterial,
    options: { sha256?: boolean; aud?: string; nbf?: number; exp?: number; iss?: string } = {},
  ) {
    const now = Math.floor(Date.now() / 1000)
    const header = options.sha256
      ? { alg: 'PS256', typ: 'JWT', 'x5t#S256': thumbprintToX5t(material.thumbprintSha256) }
      : { alg: 'RS256', typ: 'JWT', x5t: thumbprintToX5t(material.thumbprint) }
    return new SignJWT({
      aud: options.aud ?? endpoint,
      iss: options.iss ?? certApp.clientId,
      sub: options.iss ?? certApp.clientId,
      jti: randomUUID(),
      nbf: options.nbf ?? now,
      exp: options.exp ?? now + 600,
    })
      .setProtectedHeader(header)
      .sign(material.privateKey)
  }
  const post = (jwt: string, clientId = certApp.clientId) =>
    postToken(fetch, endpoint, {
      grant_type: 'client_credentials',
      client_id: clientId,
      client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
      client_assertion: jwt,
      scope: `${org}/.default`,
    })

  it('accepts an assertion signed by the registered certificate, by SHA-1 (x5t) or SHA-256 (x5t#S256) thumbprint', async () => {
    const material = await emulator.certificate('healthy-certificate')
    for (const sha256 of [false, true]) {
      const result = await post(await assertion(material, { sha256 }))
      expect(result.status, JSON.stringify(result.json)).toBe(200)
      expect(decodeJwt(result.json.access_token).appidacr).toBe('2')
    }
  })

  it('700027 for a certificate that is not registered, naming its thumbprint', async () => {
    const material = await emulator.certificate('certificate-not-registered')
    const text = await expectAadsts(
      await post(await assertion(material), scenarioApp('certificate-not-registered').clientId),
      700027,
      'invalid_client',
      401,
    )
    expect(text).toContain(`Thumbprint of key used by client: '${material.thumbprint}'`)
  })

  it('700027 for a signature that does not verify with the registered key', async () => {
    const registered = await emulator.certificate('healthy-certificate')
    const impostor = {
      ...issueCertificate({ commonName: 'impostor', keys: await createRsaKeyPair(), validDays: 1, now: new Date() }),
      thumbprint: registered.thumbprint,
    }
    const text = await expectAadsts(await post(await assertion(impostor)), 700027, 'invalid_client', 401)
    expect(text).toContain('invalid signature')
  })

  it('700024 for an assertion outside its nbf/exp window', async () => {
    const material = await emulator.certificate('healthy-certificate')
    const now = Math.floor(Date.now() / 1000)
    await expectAadsts(
      await post(await assertion(material, { nbf: now - 7200, exp: now - 3600 })),
      700024,
      'invalid_client',
      401,
    )
    await expectAadsts(
      await post(await assertion(material, { nbf: now + 3600, exp: now + 4200 })),
      700024,
      'invalid_client',
      401,
    )
  })

  it('refuses an assertion for another audience or issued by another client', async () => {
    const material = await emulator.certificate('healthy-certificate')
    await expectAadsts(
      await post(await assertion(material, { aud: 'https://login.microsoftonline.com/other/oauth2/v2.0/token' })),
      50027,
      'invalid_request',
      400,
    )
    await expectAadsts(await post(await assertion(material, { iss: randomUUID() })), 50027, 'invalid_request', 400)
  })
})
