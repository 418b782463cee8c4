/**
 * App-only access tokens in the v1.0 format Dataverse receives (wire §1.5), signed RS256 with the
 * key published at the JWKS URI, and their validation on the Dataverse side.
 */
import { randomBytes } from 'node:crypto'
import { SignJWT, errors as joseErrors, jwtVerify } from 'jose'
import type { SigningKey } from '../certificates'

export const TOKEN_LIFETIME_SECONDS = 3599

interface AccessTokenClaims {
  readonly aud: string
  readonly iss: string
  readonly iat: number
  readonly nbf: number
  readonly exp: number
  readonly aio: string
  readonly appid: string
  /** "1" client secret, "2" certificate. */
  readonly appidacr: '1' | '2'
  readonly idp: string
  readonly idtyp: 'app'
  readonly oid: string
  readonly rh: string
  readonly sub: string
  readonly tid: string
  readonly uti: string
  readonly ver: '1.0'
}

export const stsIssuer = (tenantId: string): string => `https://sts.windows.net/${tenantId}/`

const opaque = (bytes: number): string => randomBytes(bytes).toString('base64url')

export interface IssuedToken {
  readonly accessToken: string
  readonly claims: AccessTokenClaims
}

export async function issueAccessToken(input: {
  readonly signingKey: SigningKey
  readonly tenantId: string
  readonly audience: string
  readonly clientId: string
  readonly servicePrincipalId: string
  readonly acr: '1' | '2'
  readonly now: number
}): Promise<IssuedToken> {
  const iat = Math.floor(input.now / 1000)
  const claims: AccessTokenClaims = {
    aud: input.audience,
    iss: stsIssuer(input.tenantId),
    iat,
    nbf: iat,
    exp: iat + TOKEN_LIFETIME_SECONDS,
    aio: opaque(48),
    appid: input.clientId,
    appidacr: input.acr,
    idp: stsIssuer(input.tenantId),
    idtyp: 'app',
    oid: input.servicePrincipalId,
    rh: `1.${opaque(40)}.`,
    sub: input.servicePrincipalId,
    tid: input.tenantId,
    uti: opaque(16),
    ver: '1.0',
  }
  const accessToken = await new SignJWT({ ...claims })
    .setProtectedHeader({ typ: 'JWT', alg: 'RS256', x5t: input.signingKey.kid, kid: input.signingKey.kid })
    .sign(input.signingKey.privateKey)
  return { accessToken, claims }
}

type TokenRejection =
  'malformed' | 'signature' | 'expired' | 'not-yet-valid' | 'issuer' | 'audience' | 'tenant' | 'claims'

export type TokenCheck =
  { readonly ok: true; readonly claims: AccessTokenClaims } | { readonly ok: false; readonly reason: TokenRejection }

/**
 * Checks signature, issuer, `tid`, `nbf`/`exp` and that `aud` is this org (with or without the
 * trailing slash a v1 `resource` request leaves in it).
 */
export async function verifyAccessToken(
  token: string,
  expected: {
    readonly signingKey: SigningKey
    readonly tenantId: string
    readonly orgUrl: string
    readonly now: number
  },
): Promise<TokenCheck> {
  try {
    const { payload } = await jwtVerify(token, expected.signingKey.publicKey, {
      algorithms: ['RS256'],
      currentDate: new Date(expected.now),
      // Dataverse, like most resource servers, tolerates a few minutes of clock skew.
      clockTolerance: 300,
    })
    if (payload.iss !== stsIssuer(expected.tenantId)) return { ok: false, reason: 'issuer' }
    if (payload.tid !== expected.tenantId) return { ok: false, reason: 'tenant' }
    const org = expected.orgUrl.replace(/\/+$/, '').toLowerCase()
    const aud = typeof payload.aud === 'string' ? payload.aud.toLowerCase() : ''
    if (aud !== org && aud !== `${org}/`) return { ok: false, reason: 'audience' }
    if (typeof payload.appid !== 'string' || typeof payload.oid !== 'string') return { ok: false, reason: 'claims' }
    return { ok: true, claims: payload as unknown as AccessTokenClaims }
  } catch (error) {
    if (error instanceof joseErrors.JWTExpired) return { ok: false, reason: 'expired' }
    if (error instanceof joseErrors.JWTClaimValidationFailed && error.claim === 'nbf')
      return { ok: false, reason: 'not-yet-valid' }
    if (error instanceof joseErrors.JWSSignatureVerificationFailed) return { ok: false, reason: 'signature' }
    return { ok: false, reason: 'malformed' }
  }
}
