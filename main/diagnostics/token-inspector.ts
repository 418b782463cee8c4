import type { TokenClaim, TokenExpectation, TokenFinding, TokenInspection } from '@common/diagnostics'
import { decodeJwt, type DecodedJwt } from '../auth/jwt'

/** Resource ids and hosts of Microsoft Graph in each cloud: a Graph token pasted for Dataverse is a classic. */
const GRAPH_AUDIENCES = [
  '00000003-0000-0000-c000-000000000000',
  'https://graph.microsoft.com',
  'https://graph.microsoft.us',
  'https://dod-graph.microsoft.us',
  'https://microsoftgraph.chinacloudapi.cn',
]
const DATAVERSE_HOST = /\.(crm\d*\.dynamics\.com|crm\.microsoftdynamics\.us|crm\.appsplatform\.us|crm\.dynamics\.cn)$/i
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** Allowed difference between this clock and the token's times before nbf counts as a problem (Entra ID allows about 5 minutes). */
const SKEW_SECONDS = 300

const HEADER_MEANINGS: Record<string, string> = {
  typ: 'Token type; JWT for access tokens.',
  alg: 'Signature algorithm Entra ID signed the token with.',
  kid: "Which of Entra ID's signing keys signed it (looked up in the tenant's JWKS).",
  x5t: 'Thumbprint of the signing certificate (v1.0 tokens carry it).',
  nonce: 'A value Microsoft Graph tokens carry; its presence means the signature cannot be verified by other APIs.',
}

const CLAIM_MEANINGS: Record<string, string> = {
  aud: 'Audience: the resource this token is for. For Dataverse it must be the environment URL.',
  iss: 'Issuer: the Entra ID tenant and endpoint that issued the token.',
  tid: 'Tenant ID: the directory that issued the token. It must be the tenant the environment belongs to.',
  appid:
    'Application (client) ID of the app that asked for the token. Dataverse looks up the application user by this ID.',
  azp: 'Application (client) ID of the app that asked for the token (v2.0 name of appid).',
  appidacr:
    'How the app proved itself: "1" = client secret, "2" = certificate or federated credential (a signed assertion), "0" = public client (no credential).',
  azpacr:
    'How the app proved itself: "1" = client secret, "2" = certificate or federated credential (a signed assertion), "0" = public client (v2.0 name of appidacr).',
  oid: "Object ID of the app's service principal (enterprise application) in this tenant.",
  sub: "Subject: for an application token, the service principal's object ID again.",
  idtyp: 'Identity type: "app" for an application token, "user" for a user token.',
  ver: 'Token format version: Dataverse receives v1.0 tokens.',
  iat: 'Issued at.',
  nbf: 'Not valid before.',
  exp: 'Expires at. Client-credential tokens are simply requested again; there is no refresh token.',
  roles: 'Application permissions granted to the app on this resource.',
  scp: 'Delegated scopes: present on user tokens only.',
  upn: 'The signed-in user: this is a user token.',
  unique_name: 'The signed-in user: this is a user token.',
  name: 'Display name of the signed-in user.',
  idp: 'Identity provider that authenticated the subject.',
  aio: 'Opaque value Entra ID uses internally.',
  rh: 'Opaque value Entra ID uses to revalidate tokens.',
  uti: 'Token identifier, useful to find this sign-in in the Entra ID logs.',
  xms_tcdt: 'Tenant creation time (Microsoft internal).',
}

const TIME_CLAIMS = new Set(['iat', 'nbf', 'exp'])
const ORDER = [
  'aud',
  'iss',
  'tid',
  'appid',
  'azp',
  'appidacr',
  'azpacr',
  'idtyp',
  'oid',
  'sub',
  'ver',
  'iat',
  'nbf',
  'exp',
  'roles',
  'scp',
  'upn',
  'unique_name',
  'name',
]

function display(name: string, value: unknown): string {
  if (TIME_CLAIMS.has(name) && typeof value === 'number') return `${new Date(value * 1000).toISOString()} (${value})`
  if (Array.isArray(value)) return value.map(String).join(', ')
  if (value && typeof value === 'object') return JSON.stringify(value)
  return String(value)
}

/**
 * Which credential Entra recorded in `appidacr` (v1.0) or `azpacr` (v2.0). Entra documents 0, 1 and
 * 2; a federated credential is a signed client assertion like a certificate's and is recorded as
 * "2" ([unsure]: the claims reference only names the certificate for 2).
 */
export const RECORDED_CREDENTIAL_LABEL = 'Credential Entra recorded'

export function recordedCredential(acr: unknown): string | null {
  if (acr === '0') return 'none: a public client'
  if (acr === '1') return 'a client secret'
  if (acr === '2') return 'a signed assertion: a certificate or a federated credential'
  return null
}

function meaning(name: string, value?: unknown): string {
  if (name === 'appidacr' || name === 'azpacr') {
    const recorded = recordedCredential(value)
    if (recorded) return `${CLAIM_MEANINGS[name] ?? ''} This token: ${recorded}.`
  }
  if (CLAIM_MEANINGS[name]) return CLAIM_MEANINGS[name]
  if (name.startsWith('xms_'))
    return 'Optional Microsoft claim (xms_*); informational, not used by Dataverse to authorise.'
  return 'Not a claim Dataverse uses.'
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined
}

function seconds(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined
}

/** Origins compared case-insensitively and trailing-slash tolerant: "https://x.crm.dynamics.com/" equals "https://X.crm.dynamics.com". */
export function sameResource(a: string, b: string): boolean {
  const normal = (value: string) => {
    try {
      const url = new URL(value.trim())
      return `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, '')}`.toLowerCase()
    } catch {
      return value.trim().replace(/\/+$/, '').toLowerCase()
    }
  }
  return normal(a) === normal(b)
}

function ago(secondsDelta: number): string {
  const abs = Math.abs(Math.round(secondsDelta))
  if (abs < 120) return `${abs} s`
  if (abs < 7200) return `${Math.round(abs / 60)} min`
  return `${(abs / 3600).toFixed(1)} h`
}

function kindOf(payload: Record<string, unknown>): TokenInspection['kind'] {
  if (
    payload.idtyp === 'user' ||
    payload.upn !== undefined ||
    payload.unique_name !== undefined ||
    payload.scp !== undefined
  )
    return 'user'
  if (
    payload.idtyp === 'app' ||
    ((payload.appid ?? payload.azp) !== undefined && payload.oid !== undefined && payload.oid === payload.sub)
  )
    return 'app'
  return 'unknown'
}

function findingsFor(payload: Record<string, unknown>, expected: TokenExpectation, nowSeconds: number): TokenFinding[] {
  const findings: TokenFinding[] = []
  const exp = seconds(payload.exp)
  const nbf = seconds(payload.nbf)
  if (exp !== undefined && exp <= nowSeconds) {
    findings.push({
      id: 'token-expired',
      severity: 'error',
      message: `Expired ${ago(nowSeconds - exp)} ago (${new Date(exp * 1000).toISOString()}). Request a new token.`,
    })
  }
  if (nbf !== undefined && nbf > nowSeconds) {
    findings.push({
      id: 'token-not-yet-valid',
      severity: nbf > nowSeconds + SKEW_SECONDS ? 'error' : 'warning',
      message: `Not valid for another ${ago(nbf - nowSeconds)} (nbf ${new Date(nbf * 1000).toISOString()}). This computer's clock is probably behind.`,
    })
  }

  const aud = text(payload.aud)
  if (aud && GRAPH_AUDIENCES.some((graph) => sameResource(graph, aud))) {
    findings.push({
      id: 'token-wrong-resource',
      severity: 'error',
      message: `This token is for Microsoft Graph (${aud}), not for Dataverse.`,
    })
  } else if (aud && expected.environmentUrl && !sameResource(aud, expected.environmentUrl)) {
    findings.push({
      id: 'token-audience-mismatch',
      severity: 'error',
      message: `The audience is ${aud}, but the connection's environment is ${expected.environmentUrl}.`,
    })
  } else if (aud && !expected.environmentUrl && !isDataverseAudience(aud)) {
    findings.push({
      id: 'token-audience-mismatch',
      severity: 'warning',
      message: `The audience ${aud} is not a Dataverse environment URL.`,
    })
  }

  const tid = text(payload.tid)
  if (
    tid &&
    expected.tenantId &&
    GUID.test(expected.tenantId) &&
    tid.toLowerCase() !== expected.tenantId.toLowerCase()
  ) {
    findings.push({
      id: 'tenant-mismatch',
      severity: 'error',
      message: `Issued by tenant ${tid}, but the connection's tenant is ${expected.tenantId}.`,
    })
  }
  const app = text(payload.appid) ?? text(payload.azp)
  if (app && expected.clientId && app.toLowerCase() !== expected.clientId.toLowerCase()) {
    findings.push({
      id: 'client-id-mismatch',
      severity: 'error',
      message: `Issued to app ${app}, but the connection's client ID is ${expected.clientId}.`,
    })
  }
  const acr = text(payload.appidacr) ?? text(payload.azpacr)
  const usedKind = acr === '1' ? 'secret' : acr === '2' ? 'signed assertion' : undefined
  const expectedKind = expected.credentialKind === 'secret' ? 'secret' : expected.credentialKind && 'signed assertion'
  if (usedKind && expectedKind && usedKind !== expectedKind) {
    findings.push({
      id: 'credential-kind-mismatch',
      severity: 'warning',
      message: `The app signed in with ${usedKind === 'secret' ? 'a client secret' : 'a certificate or federated credential'}, but the connection is set up for a ${expected.credentialKind}.`,
    })
  }

  const version = text(payload.ver)
  if (version === '2.0') {
    findings.push({
      id: 'token-v2-format',
      severity: 'warning',
      message:
        "A v2.0 token: Dataverse normally receives v1.0 tokens. A v2.0 token usually means the audience is an app's own API, not Dataverse.",
    })
  } else if (version === '1.0') {
    findings.push({ id: 'token-v1-format', severity: 'info', message: 'A v1.0 token, the format Dataverse receives.' })
  }

  const kind = kindOf(payload)
  if (kind === 'user') {
    findings.push({
      id: 'token-is-user-token',
      severity: 'warning',
      message:
        'A user token (it names a user or delegated scopes): Dataverse will act as that user, not as the application user.',
    })
  } else if (kind === 'app') {
    findings.push({
      id: 'app-only-token',
      severity: 'info',
      message:
        payload.roles === undefined
          ? "An application token with no roles or scp, as expected for Dataverse: access comes from the application user's security roles, not from API permissions."
          : "An application token. Dataverse ignores the roles claim: access comes from the application user's security roles.",
    })
  }
  return findings
}

function isDataverseAudience(aud: string): boolean {
  try {
    return DATAVERSE_HOST.test(new URL(aud).hostname)
  } catch {
    return false
  }
}

export function inspectDecoded(
  decoded: DecodedJwt,
  expected: TokenExpectation = {},
  now: number = Date.now(),
): TokenInspection {
  const payload = decoded.payload as Record<string, unknown>
  const nowSeconds = Math.floor(now / 1000)
  const names = [
    ...ORDER.filter((name) => name in payload),
    ...Object.keys(payload).filter((name) => !ORDER.includes(name)),
  ]
  const claims: TokenClaim[] = names.map((name) => ({
    name,
    value: display(name, payload[name]),
    meaning: meaning(name, payload[name]),
  }))
  const header: TokenClaim[] = Object.entries(decoded.header).map(([name, value]) => ({
    name,
    value: display(name, value),
    meaning: HEADER_MEANINGS[name] ?? 'Header parameter.',
  }))
  const exp = seconds(payload.exp)
  const iat = seconds(payload.iat)
  const nbf = seconds(payload.nbf)
  const version = payload.ver === '1.0' || payload.ver === '2.0' ? payload.ver : 'unknown'
  return {
    header,
    claims,
    findings: findingsFor(payload, expected, nowSeconds),
    ...(exp !== undefined
      ? {
          expiry: {
            expiresAt: new Date(exp * 1000).toISOString(),
            secondsRemaining: exp - nowSeconds,
            ...(iat !== undefined ? { issuedAt: new Date(iat * 1000).toISOString(), lifetimeSeconds: exp - iat } : {}),
            ...(nbf !== undefined ? { notBefore: new Date(nbf * 1000).toISOString() } : {}),
          },
        }
      : {}),
    version,
    kind: kindOf(payload),
  }
}

/** Decodes and explains a token; throws JwtDecodeError (with a plain message) when it is not a readable JWT. */
export function inspectToken(
  token: string,
  expected: TokenExpectation = {},
  now: number = Date.now(),
): TokenInspection {
  return inspectDecoded(decodeJwt(token), expected, now)
}
