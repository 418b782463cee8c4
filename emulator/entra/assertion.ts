/**
 * Validates a `client_assertion` (RFC 7523) the way Entra does for certificate credentials:
 * the key is found by the `x5t` (SHA-1) or `x5t#S256` (SHA-256) thumbprint among the app's
 * registered certificates, the signature must verify (RS256 or PS256), `aud` must be this
 * tenant's token endpoint, `iss` = `sub` = client id, and now must lie within `nbf`..`exp`.
 */
import { compactVerify, decodeProtectedHeader, errors as joseErrors } from 'jose'
import type { KeyObject } from 'node:crypto'
import { x5tToThumbprint } from '../certificates'
import { aadTimestamp, fail } from './errors'

export interface RegisteredCertificate {
  readonly thumbprint: string
  readonly thumbprintSha256: string
  /** Absent for a certificate whose key the emulator never had (nothing can verify against it). */
  readonly publicKey?: KeyObject
  readonly notBefore: Date
  readonly notAfter: Date
}

/** Entra accepts assertions a few minutes outside their window to absorb clock skew. */
const CLOCK_SKEW_SECONDS = 300

const MALFORMED = 'JWT token is invalid or malformed.'

function keyNotFound(thumbprint: string, clientId: string): never {
  return fail(
    700027,
    'invalid_client',
    'The certificate with identifier used to sign the client assertion is not registered on application. ' +
      `[Reason - The key was not found., Thumbprint of key used by client: '${thumbprint}', ` +
      `Please visit the Azure Portal, Graph Explorer or directly use MS Graph to see configured keys for app Id '${clientId}'.]`,
  )
}

export async function verifyClientAssertion(input: {
  readonly assertion: string
  readonly clientId: string
  readonly registered: readonly RegisteredCertificate[]
  /** Token endpoint URLs `aud` may name, compared case-insensitively. */
  readonly audiences: readonly string[]
  readonly now: number
}): Promise<void> {
  let header: ReturnType<typeof decodeProtectedHeader>
  try {
    header = decodeProtectedHeader(input.assertion)
  } catch {
    return fail(50027, 'invalid_request', MALFORMED)
  }
  const sha256 = typeof header['x5t#S256'] === 'string' ? x5tToThumbprint(header['x5t#S256']) : undefined
  const sha1 = typeof header.x5t === 'string' ? x5tToThumbprint(header.x5t) : undefined
  const used = sha256 ?? sha1 ?? ''
  const match = input.registered.find((cert) => (sha256 ? cert.thumbprintSha256 === sha256 : cert.thumbprint === sha1))
  if (!match) return keyNotFound(used, input.clientId)
  if (!match.publicKey) return keyNotFound(used, input.clientId)

  let payloadBytes: Uint8Array
  try {
    payloadBytes = (await compactVerify(input.assertion, match.publicKey, { algorithms: ['RS256', 'PS256'] })).payload
  } catch (error) {
    if (error instanceof joseErrors.JWSSignatureVerificationFailed || error instanceof joseErrors.JOSEAlgNotAllowed) {
      return fail(
        700027,
        'invalid_client',
        'Client assertion contains an invalid signature. [Reason - The key was found but the signature could not be verified., ' +
          `Thumbprint of key used by client: '${used}', Found key 'Start=${aadTimestamp(match.notBefore.getTime())}, End=${aadTimestamp(match.notAfter.getTime())}']`,
      )
    }
    return fail(50027, 'invalid_request', MALFORMED)
  }
  let payload: Record<string, unknown>
  try {
    payload = JSON.parse(new TextDecoder().decode(payloadBytes)) as Record<string, unknown>
  } catch {
    return fail(50027, 'invalid_request', MALFORMED)
  }
  // [unsure] Entra's exact code for a wrong aud/iss/sub is not documented; 50027 with the reason is our choice.
  const aud = typeof payload.aud === 'string' ? payload.aud.toLowerCase() : ''
  if (!input.audiences.some((candidate) => candidate.toLowerCase() === aud)) {
    fail(
      50027,
      'invalid_request',
      `${MALFORMED} [Reason - The audience claim '${String(payload.aud)}' is not this tenant's token endpoint.]`,
    )
  }
  if (payload.iss !== input.clientId || payload.sub !== input.clientId) {
    fail(
      50027,
      'invalid_request',
      `${MALFORMED} [Reason - The 'iss' and 'sub' claims must both be the client id '${input.clientId}'.]`,
    )
  }
  if (typeof payload.exp !== 'number')
    fail(50027, 'invalid_request', `${MALFORMED} [Reason - The 'exp' claim is missing.]`)
  const now = Math.floor(input.now / 1000)
  const nbf = typeof payload.nbf === 'number' ? payload.nbf : typeof payload.iat === 'number' ? payload.iat : now
  const exp = payload.exp as number
  if (now + CLOCK_SKEW_SECONDS < nbf || now - CLOCK_SKEW_SECONDS > exp) {
    fail(
      700024,
      'invalid_client',
      `Client assertion is not within its valid time range. Current time: ${new Date(now * 1000).toISOString()}, ` +
        `assertion valid from ${new Date(nbf * 1000).toISOString()}, expiry time of assertion ${new Date(exp * 1000).toISOString()}. ` +
        'Review the documentation at https://learn.microsoft.com/entra/identity-platform/certificate-credentials .',
    )
  }
}
