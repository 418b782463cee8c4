/**
 * Workload identity federation on the token endpoint: a `client_assertion` whose issuer is not the
 * app itself is an external token (GitHub Actions, Azure DevOps, Kubernetes…) that must match one
 * of the app's federated identity credentials exactly. Entra compares issuer, subject and audience
 * case-sensitively since 2024/2025; the errors below follow the wordings Entra sends (AADSTS700211
 * issuer, 700212 audience, 700213 subject, 7002138 subject that differs only in letter case).
 *
 * The external issuer's signing keys are the JWKS its discovery document points to. The emulator
 * does not fetch anything: a test registers an issuer's keys in the options, and the issuers the
 * emulator stands in for (GitHub Actions, the scenario's Azure DevOps organization) share one key
 * the emulator owns, with which `issueFederatedToken` signs what a pipeline would be handed.
 */
import { randomUUID } from 'node:crypto'
import { compactVerify, createLocalJWKSet, errors as joseErrors, SignJWT, type JSONWebKeySet, type JWK } from 'jose'
import { createSigningKey, type SigningKey } from '../certificates'
import {
  AZURE_DEVOPS_ISSUER,
  GITHUB_ISSUER,
  TOKEN_EXCHANGE_AUDIENCE,
  type FederatedIdentityCredential,
} from '../scenarios'
import { fail } from './errors'

const WIF_DOCS = 'https://learn.microsoft.com/entra/workload-id/workload-identity-federation'
const CHECK_FIC =
  'Check your federated identity credential Subject, Audience and Issuer against the presented assertion.'
const CLOCK_SKEW_SECONDS = 300

/** A federated identity credential added to an app in the options (as an admin adds one on the app registration). */
export interface FederatedCredentialOption {
  readonly clientId: string
  readonly issuer: string
  readonly subject: string
  /** Default: api://AzureADTokenExchange. */
  readonly audiences?: readonly string[]
  readonly name?: string
}

/** An external issuer's public signing keys (the JWKS its openid-configuration names). */
export interface FederatedIssuerOption {
  readonly issuer: string
  readonly jwks: JSONWebKeySet
}

export interface FederationOptions {
  /** Added to the scenario apps' own federated credentials. */
  readonly credentials?: readonly FederatedCredentialOption[]
  /** Keys of issuers the tests own; replaces the emulator's key for an issuer it also stands in for. */
  readonly issuers?: readonly FederatedIssuerOption[]
}

/** The issuers whose tokens the emulator can mint itself. */
const EMULATED_ISSUERS: readonly string[] = [GITHUB_ISSUER, AZURE_DEVOPS_ISSUER]

let issuerKey: Promise<SigningKey> | undefined
/** One key for every emulated issuer, made on first use and shared by the process (like the token-signing key). */
const sharedIssuerKey = (): Promise<SigningKey> => (issuerKey ??= createSigningKey())

export interface FederatedTokenRequest {
  readonly subject: string
  /** Default: GitHub Actions' issuer. */
  readonly issuer?: string
  /** Default: api://AzureADTokenExchange. */
  readonly audience?: string
  /** Default 300 s, GitHub's lifetime. Negative values make an already expired token. */
  readonly lifetimeSeconds?: number
  readonly now?: number
}

/** What a pipeline's OIDC provider hands out, signed with the emulated issuers' key. */
export async function issueFederatedToken(request: FederatedTokenRequest): Promise<string> {
  const key = await sharedIssuerKey()
  const issuedAt = Math.floor((request.now ?? Date.now()) / 1000)
  const lifetime = request.lifetimeSeconds ?? 300
  const issuer = request.issuer ?? GITHUB_ISSUER
  return new SignJWT({ jti: randomUUID() })
    .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: key.kid })
    .setIssuer(issuer)
    .setSubject(request.subject)
    .setAudience(request.audience ?? TOKEN_EXCHANGE_AUDIENCE)
    .setIssuedAt(Math.min(issuedAt, issuedAt + lifetime - 60))
    .setNotBefore(Math.min(issuedAt, issuedAt + lifetime - 60))
    .setExpirationTime(issuedAt + lifetime)
    .sign(key.privateKey)
}

/**
 * True when the assertion is not the app's own certificate assertion: it names no certificate
 * thumbprint (x5t / x5t#S256) and its issuer is not the client id. [choice] A thumbprint-carrying
 * assertion with a wrong issuer stays a certificate assertion (50027), as before.
 */
export function isExternalAssertion(assertion: string, clientId: string): boolean {
  const header = partOf(assertion, 0)
  const payload = partOf(assertion, 1)
  if (!header || header.x5t !== undefined || header['x5t#S256'] !== undefined) return false
  return typeof payload?.iss === 'string' && payload.iss.toLowerCase() !== clientId.toLowerCase()
}

const payloadOf = (assertion: string) => partOf(assertion, 1)

function partOf(assertion: string, index: 0 | 1): Record<string, unknown> | undefined {
  const part = assertion.split('.')[index]
  if (!part) return undefined
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'))
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined
  } catch {
    return undefined
  }
}

async function keysFor(issuer: string, options: FederationOptions): Promise<JSONWebKeySet | undefined> {
  const registered = options.issuers?.find((candidate) => candidate.issuer === issuer)
  if (registered) return registered.jwks
  if (!EMULATED_ISSUERS.includes(issuer)) return undefined
  const key = await sharedIssuerKey()
  const jwk: JWK = { ...key.jwk, kid: key.kid, use: 'sig', alg: 'RS256' }
  return { keys: [jwk] }
}

export async function verifyFederatedAssertion(input: {
  readonly assertion: string
  readonly credentials: readonly FederatedIdentityCredential[]
  readonly options: FederationOptions
  readonly now: number
}): Promise<void> {
  const claims = payloadOf(input.assertion)
  if (!claims) return fail(50027, 'invalid_request', 'JWT token is invalid or malformed.')
  const issuer = String(claims.iss)
  const sameIssuer = input.credentials.filter((credential) => credential.issuer === issuer)
  if (sameIssuer.length === 0) {
    return fail(
      700211,
      'invalid_client',
      `No matching federated identity record found for presented assertion issuer '${issuer}'. Please check your federated identity credential Subject, Audience and Issuer against the presented assertion. ${WIF_DOCS}`,
    )
  }
  const jwks = await keysFor(issuer, input.options)
  // [unsure] Entra's wording for an external token it cannot verify; 50013 (InvalidAssertion) is the documented code.
  if (!jwks)
    return fail(50013, 'invalid_client', 'Assertion failed signature validation. [Reason - The key was not found.]')
  try {
    // The signature only: the times are checked below, with Entra's own wording.
    await compactVerify(input.assertion, createLocalJWKSet(jwks), { algorithms: ['RS256', 'PS256', 'ES256'] })
  } catch (error) {
    if (error instanceof joseErrors.JWKSNoMatchingKey)
      return fail(50013, 'invalid_client', 'Assertion failed signature validation. [Reason - The key was not found.]')
    return fail(
      50013,
      'invalid_client',
      'Assertion failed signature validation. [Reason - Key was found, but use of the key to verify the signature failed.]',
    )
  }
  if (typeof claims.exp !== 'number')
    fail(50027, 'invalid_request', "JWT token is invalid or malformed. [Reason - The 'exp' claim is missing.]")
  const now = Math.floor(input.now / 1000)
  const exp = claims.exp as number
  const nbf = typeof claims.nbf === 'number' ? claims.nbf : typeof claims.iat === 'number' ? claims.iat : now
  if (now + CLOCK_SKEW_SECONDS < nbf || now - CLOCK_SKEW_SECONDS > exp) {
    fail(
      700024,
      'invalid_client',
      `Client assertion is not within its valid time range. Current time: ${new Date(now * 1000).toISOString()}, ` +
        `assertion valid from ${new Date(nbf * 1000).toISOString()}, expiry time of assertion ${new Date(exp * 1000).toISOString()}. ` +
        'Review the documentation at https://learn.microsoft.com/entra/identity-platform/certificate-credentials .',
    )
  }
  const audiences = Array.isArray(claims.aud) ? claims.aud.map(String) : [String(claims.aud)]
  const sameAudience = sameIssuer.filter((credential) =>
    credential.audiences.some((audience) => audiences.includes(audience)),
  )
  if (sameAudience.length === 0) {
    fail(
      700212,
      'invalid_client',
      `No matching federated identity record found for presented assertion audience '${audiences.join(', ')}'. Please check your federated identity credential Subject, Audience and Issuer against the presented assertion. ${WIF_DOCS}`,
    )
  }
  const subject = String(claims.sub)
  if (sameAudience.some((credential) => credential.subject === subject)) return
  if (sameAudience.some((credential) => credential.subject.toLowerCase() === subject.toLowerCase())) {
    fail(
      7002138,
      'invalid_client',
      `No matching federated identity record found for presented assertion subject '${subject}'. The subject matches with case-insensitive comparison, but not with case-sensitive comparison. ${CHECK_FIC} See documentation at: ${WIF_DOCS}. See breaking change notification and remediation at: https://learn.microsoft.com/en-us/entra/identity-platform/reference-breaking-changes#august-2024.`,
    )
  }
  fail(
    700213,
    'invalid_client',
    `No matching federated identity record found for presented assertion subject '${subject}'. ${CHECK_FIC} ${WIF_DOCS}`,
  )
}
