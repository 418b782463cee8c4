import { describe, expect, it } from 'vitest'
import { TokenInspectionSchema } from '@common/diagnostics'
import { inspectToken, sameResource } from '../../../../main/diagnostics/token-inspector'
import { CLIENT, dataverseAppToken, makeJwt, TENANT } from '../../../support/jwt'

const NOW = Date.UTC(2026, 10, 26, 9, 0, 0)
const now = NOW / 1000
const connection = {
  environmentUrl: 'https://contoso.crm.dynamics.com/',
  tenantId: TENANT,
  clientId: CLIENT,
  credentialKind: 'secret' as const,
}
const ids = (token: string, expected = connection) => inspectToken(token, expected, NOW).findings.map((f) => f.id)

describe('token inspector', () => {
  it('explains a healthy app-only Dataverse token and finds nothing wrong', () => {
    const result = inspectToken(dataverseAppToken(now), connection, NOW)
    expect(TokenInspectionSchema.parse(result)).toEqual(result)
    expect(result.findings.filter((f) => f.severity !== 'info')).toEqual([])
    expect(result.findings.map((f) => f.id)).toEqual(['token-v1-format', 'app-only-token'])
    expect(result.findings[1]?.message).toContain('no roles or scp')
    expect(result.kind).toBe('app')
    expect(result.version).toBe('1.0')
    expect(result.claims.slice(0, 4).map((c) => c.name)).toEqual(['aud', 'iss', 'tid', 'appid'])
    expect(result.claims.find((c) => c.name === 'appidacr')?.meaning).toContain('"1" = client secret')
    expect(result.claims.find((c) => c.name === 'exp')?.value).toBe('2026-11-26T09:59:00.000Z (1795687140)')
    expect(result.claims.find((c) => c.name === 'xms_tcdt')?.meaning).toMatch(/Tenant creation/)
    expect(result.header.map((c) => c.name)).toEqual(['typ', 'alg', 'kid', 'x5t'])
    expect(result.expiry).toEqual({
      expiresAt: '2026-11-26T09:59:00.000Z',
      secondsRemaining: 3540,
      issuedAt: '2026-11-26T08:59:00.000Z',
      lifetimeSeconds: 3600,
      notBefore: '2026-11-26T08:59:00.000Z',
    })
  })

  it('tolerates a trailing slash and case in the audience', () => {
    expect(sameResource('https://Contoso.crm.dynamics.com/', 'https://contoso.crm.dynamics.com')).toBe(true)
    expect(sameResource('https://contoso.crm4.dynamics.com', 'https://contoso.crm.dynamics.com')).toBe(false)
  })

  it('flags an expired token and one that is not valid yet', () => {
    expect(ids(dataverseAppToken(now, { exp: now - 600 }))).toContain('token-expired')
    expect(inspectToken(dataverseAppToken(now, { exp: now - 600 }), {}, NOW).expiry?.secondsRemaining).toBe(-600)
    const future = inspectToken(dataverseAppToken(now, { nbf: now + 900 }), connection, NOW).findings.find(
      (f) => f.id === 'token-not-yet-valid',
    )
    expect(future?.severity).toBe('error')
    expect(
      inspectToken(dataverseAppToken(now, { nbf: now + 30 }), connection, NOW).findings.find(
        (f) => f.id === 'token-not-yet-valid',
      )?.severity,
    ).toBe('warning')
  })

  it('flags a token for another environment, tenant or app, and the wrong credential kind', () => {
    expect(ids(dataverseAppToken(now, { aud: 'https://fabrikam.crm4.dynamics.com' }))).toContain(
      'token-audience-mismatch',
    )
    expect(ids(dataverseAppToken(now, { tid: '99999999-2222-3333-4444-555555555555' }))).toContain('tenant-mismatch')
    expect(ids(dataverseAppToken(now, { appid: '99999999-0000-1111-2222-bbbbbbbbbbbb' }))).toContain(
      'client-id-mismatch',
    )
    expect(ids(dataverseAppToken(now, { appidacr: '2' }))).toContain('credential-kind-mismatch')
    // A tenant given as a domain cannot be compared with tid; no false alarm.
    expect(ids(dataverseAppToken(now), { ...connection, tenantId: 'contoso.onmicrosoft.com' })).not.toContain(
      'tenant-mismatch',
    )
  })

  it("recognises a Graph token, a v2 token for an app's own API and a user token", () => {
    expect(ids(dataverseAppToken(now, { aud: 'https://graph.microsoft.com' }))).toContain('token-wrong-resource')
    expect(ids(dataverseAppToken(now, { aud: '00000003-0000-0000-c000-000000000000' }))).toContain(
      'token-wrong-resource',
    )
    const v2 = makeJwt({
      aud: CLIENT,
      iss: `https://login.microsoftonline.com/${TENANT}/v2.0`,
      azp: CLIENT,
      azpacr: '1',
      tid: TENANT,
      ver: '2.0',
      exp: now + 100,
      oid: 'o',
      sub: 'o',
    })
    const v2Ids = inspectToken(v2, connection, NOW).findings.map((f) => f.id)
    expect(v2Ids).toEqual(expect.arrayContaining(['token-v2-format', 'token-audience-mismatch']))
    const user = makeJwt({
      aud: 'https://contoso.crm.dynamics.com',
      upn: 'ann@contoso.com',
      scp: 'user_impersonation',
      tid: TENANT,
      appid: CLIENT,
      ver: '1.0',
      exp: now + 100,
    })
    const inspected = inspectToken(user, connection, NOW)
    expect(inspected.kind).toBe('user')
    expect(inspected.findings.map((f) => f.id)).toContain('token-is-user-token')
  })

  it('warns about a non-Dataverse audience even without a connection to compare with', () => {
    expect(ids(dataverseAppToken(now, { aud: 'api://my-api' }), {} as never)).toContain('token-audience-mismatch')
    expect(ids(dataverseAppToken(now), {} as never)).not.toContain('token-audience-mismatch')
  })

  it('returns claims and findings only: the token itself is not in the result', () => {
    const token = dataverseAppToken(now)
    const serialised = JSON.stringify(inspectToken(token, connection, NOW))
    for (const part of token.split('.')) expect(serialised).not.toContain(part)
  })
})
