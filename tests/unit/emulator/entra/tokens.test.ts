import { decodeJwt, decodeProtectedHeader } from 'jose'
import { describe, expect, it } from 'vitest'
import { createSigningKey, sharedSigningKey } from '../../../../emulator/certificates'
import { issueAccessToken, verifyAccessToken } from '../../../../emulator/entra/tokens'
import { TENANT_ID } from '../../../../emulator/scenarios'

const org = 'https://contoso.crm.dynamics.com'
const now = Date.parse('2026-11-26T09:00:00Z')

async function token(overrides: { audience?: string; tenantId?: string; now?: number } = {}) {
  return issueAccessToken({
    signingKey: await sharedSigningKey(),
    tenantId: overrides.tenantId ?? TENANT_ID,
    audience: overrides.audience ?? org,
    clientId: 'd2c764a5-f446-4c69-a646-7d74e7ea5973',
    servicePrincipalId: 'e629022c-4b1b-4621-8a23-0ad2514a540a',
    acr: '1',
    now: overrides.now ?? now,
  })
}

const verify = async (accessToken: string, at = now, orgUrl = org) =>
  verifyAccessToken(accessToken, { signingKey: await sharedSigningKey(), tenantId: TENANT_ID, orgUrl, now: at })

describe('access tokens', () => {
  it('carry the v1 app-only claim set, RS256 with kid and x5t', async () => {
    const { accessToken } = await token()
    const header = decodeProtectedHeader(accessToken)
    expect(header).toMatchObject({ alg: 'RS256', typ: 'JWT' })
    expect(header.kid).toBe(header.x5t)
    const claims = decodeJwt(accessToken)
    expect(claims).toMatchObject({
      aud: org,
      iss: `https://sts.windows.net/${TENANT_ID}/`,
      appid: 'd2c764a5-f446-4c69-a646-7d74e7ea5973',
      appidacr: '1',
      oid: 'e629022c-4b1b-4621-8a23-0ad2514a540a',
      sub: 'e629022c-4b1b-4621-8a23-0ad2514a540a',
      idtyp: 'app',
      tid: TENANT_ID,
      ver: '1.0',
    })
    expect((claims.exp ?? 0) - (claims.iat ?? 0)).toBe(3599)
    expect(claims.nbf).toBe(claims.iat)
    expect(claims.roles).toBeUndefined()
    expect(claims.scp).toBeUndefined()
  })

  it('are accepted by the org they name, with or without the trailing slash of a v1 resource', async () => {
    expect((await verify((await token()).accessToken)).ok).toBe(true)
    expect((await verify((await token({ audience: `${org}/` })).accessToken)).ok).toBe(true)
  })

  it('are refused when expired, for another org, another tenant, or signed by another key', async () => {
    const { accessToken } = await token()
    expect(await verify(accessToken, now + 3599_000 + 301_000)).toEqual({ ok: false, reason: 'expired' })
    expect(await verify(accessToken, now, 'https://fabrikam.crm4.dynamics.com')).toEqual({
      ok: false,
      reason: 'audience',
    })
    expect(await verify((await token({ tenantId: '11111111-2222-3333-4444-555555555555' })).accessToken)).toEqual({
      ok: false,
      reason: 'issuer',
    })
    const foreign = await issueAccessToken({
      signingKey: await createSigningKey(),
      tenantId: TENANT_ID,
      audience: org,
      clientId: 'x',
      servicePrincipalId: 'y',
      acr: '1',
      now,
    })
    expect(await verify(foreign.accessToken)).toEqual({ ok: false, reason: 'signature' })
    expect(await verify('not-a-jwt')).toEqual({ ok: false, reason: 'malformed' })
  })

  it('tolerate five minutes of clock skew, no more', async () => {
    const { accessToken } = await token({ now: now + 200_000 })
    expect((await verify(accessToken, now)).ok).toBe(true)
    const early = await token({ now: now + 400_000 })
    expect(await verify(early.accessToken, now)).toEqual({ ok: false, reason: 'not-yet-valid' })
  })
})
