/** Builds an unsigned-but-well-formed JWT for inspector tests (the signature part is random bytes). */
export function makeJwt(
  payload: Record<string, unknown>,
  header: Record<string, unknown> = { typ: 'JWT', alg: 'RS256', kid: 'k1', x5t: 'k1' },
): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url')
  return `${part(header)}.${part(payload)}.${Buffer.from('signature-bytes-not-checked').toString('base64url')}`
}

export const TENANT = '11111111-2222-3333-4444-555555555555'
export const CLIENT = 'aaaaaaaa-0000-1111-2222-bbbbbbbbbbbb'
export const SP = 'eeeeeeee-1111-2222-3333-ffffffffffff'

/** A v1.0 app-only Dataverse token like reference §8 A, valid for an hour from `now` (seconds). */
export function dataverseAppToken(now: number, overrides: Record<string, unknown> = {}): string {
  return makeJwt({
    aud: 'https://contoso.crm.dynamics.com',
    iss: `https://sts.windows.net/${TENANT}/`,
    iat: now - 60,
    nbf: now - 60,
    exp: now + 3540,
    appid: CLIENT,
    appidacr: '1',
    idp: `https://sts.windows.net/${TENANT}/`,
    idtyp: 'app',
    oid: SP,
    sub: SP,
    tid: TENANT,
    ver: '1.0',
    xms_tcdt: 1600000000,
    ...overrides,
  })
}
