import type { CatalogId, Confidence, Recognised } from '@common/diagnostics'
import type { DiagnosisContext } from '../catalog'

/** A diagnosis a rule found, before the catalog turns it into words. */
export interface Finding {
  readonly id: CatalogId
  readonly confidence: Confidence
  readonly matched: string
  readonly context?: Partial<DiagnosisContext>
}

type Pick = { id: CatalogId; confidence: Confidence }
const high = (id: CatalogId): Pick => ({ id, confidence: 'high' })
const medium = (id: CatalogId): Pick => ({ id, confidence: 'medium' })
const low = (id: CatalogId): Pick => ({ id, confidence: 'low' })

/** AADSTS numbers (reference §2) → diagnoses. The number is stable where the text is not. */
export const AADSTS_RULES: Readonly<Record<string, readonly Pick[]>> = {
  '7000215': [high('secret-invalid'), medium('secret-looks-like-id')],
  '7000222': [high('secret-expired')],
  '7000218': [high('secret-missing')],
  '700016': [high('app-not-in-tenant'), low('tenant-wrong-cloud')],
  '700027': [high('certificate-not-registered')],
  '700024': [high('assertion-time-invalid'), medium('clock-skew')],
  '90002': [high('tenant-not-found'), low('tenant-wrong-cloud')],
  '900023': [high('tenant-id-malformed')],
  '50059': [high('tenant-missing')],
  '9001023': [high('tenant-missing')],
  '90014': [high('request-malformed')],
  '900144': [high('request-malformed')],
  '901002': [high('request-malformed')],
  '1002012': [high('scope-invalid')],
  '70011': [high('scope-invalid')],
  '700022': [high('multiple-resources')],
  '500011': [high('resource-not-found'), medium('url-has-path')],
  '500014': [high('sp-disabled-resource')],
  '650052': [high('no-dataverse-subscription')],
  '7000112': [high('app-disabled')],
  '7000229': [high('service-principal-missing')],
  '53003': [high('conditional-access-blocked')],
  '50196': [high('entra-throttled')],
  '90055': [high('entra-throttled')],
  '90024': [high('entra-throttled')],
  '90038': [high('wrong-cloud-host')],
  '900432': [high('wrong-cloud-host')],
  '700025': [high('public-client')],
  '50027': [high('assertion-malformed'), low('certificate-not-registered')],
  '700211': [high('federated-credential-mismatch')],
  '700212': [high('federated-credential-mismatch')],
  '700213': [high('federated-credential-mismatch')],
  '7002138': [high('federated-credential-mismatch')],
  '7002137': [high('federated-credential-mismatch')],
  '7002131': [high('federated-credential-mismatch')],
  '70021': [high('federated-credential-mismatch')],
  '900382': [high('wrong-cloud-host'), low('tenant-wrong-cloud')],
  '900439': [high('wrong-cloud-host'), low('tenant-wrong-cloud')],
  '70001': [high('app-not-in-tenant'), low('tenant-wrong-cloud')],
  '50034': [high('user-credentials-used')],
  '50126': [high('user-credentials-used')],
}

const THROTTLE_LIMITS: Readonly<Record<string, DiagnosisContext['limit']>> = {
  '0x80072322': 'count',
  '0x80072321': 'execution-time',
  '0x80072326': 'concurrency',
}

/** Dataverse platform codes (reference §5) → diagnoses. */
export const DATAVERSE_RULES: Readonly<Record<string, readonly Pick[]>> = {
  '0x80072560': [high('app-user-missing')],
  '0x80042f09': [high('no-security-roles')],
  '0x80040220': [high('missing-privilege')],
  '0x80040225': [high('app-user-disabled')],
  '0x80041d1f': [medium('app-user-disabled')],
  '0x80095ffc': [high('api-restricted')],
  '0x8004a104': [high('environment-disabled')],
  '0x80072322': [high('throttled')],
  '0x80072321': [high('throttled')],
  '0x80072326': [high('throttled')],
  '0x80040217': [high('record-not-found')],
  '0x8006088a': [high('query-unknown-segment')],
  '0x80040216': [medium('server-error')],
  '0x80048306': [high('record-access-denied')],
  '0x80040237': [high('duplicate-record')],
  '0x80040265': [high('plugin-error')],
}

/** MSAL's own error codes, for failures that never reached Entra ID's AADSTS numbers. */
export const MSAL_CODE_RULES: Readonly<Record<string, Pick>> = {
  missing_tenant_id_error: high('tenant-missing'),
  invalid_client_credential: medium('secret-missing'),
  endpoints_resolution_error: medium('authority-unreachable'),
  network_error: low('authority-unreachable'),
}

interface PhraseRule {
  readonly pattern: RegExp
  readonly pick: Pick
  readonly context?: (match: RegExpExecArray) => Partial<DiagnosisContext>
}

const hostOf = (host: string | undefined) => (host ? { host: host.toLowerCase().replace(/\.$/, '') } : {})
const hostFrom = (match: RegExpExecArray) => hostOf(match[1])

/**
 * Node/undici/OpenSSL error codes: machine-readable, so high confidence. The host, when the
 * message names one, goes into the diagnosis.
 */
const NODE_CODE_RULES: readonly PhraseRule[] = [
  { pattern: /\bENOTFOUND\b(?:\s+([a-z0-9.-]+))?/i, pick: high('dns-not-found'), context: hostFrom },
  { pattern: /\bEAI_AGAIN\b(?:\s+([a-z0-9.-]+))?/i, pick: medium('dns-not-found'), context: hostFrom },
  { pattern: /\bECONNREFUSED\b(?:\s+([0-9a-f.:[\]]+))?/i, pick: high('connection-refused'), context: hostFrom },
  { pattern: /\bECONNRESET\b/, pick: high('connection-reset') },
  {
    pattern:
      /\b(?:ETIMEDOUT|ESOCKETTIMEDOUT|UND_ERR_CONNECT_TIMEOUT|UND_ERR_HEADERS_TIMEOUT|ERR_SOCKET_CONNECTION_TIMEOUT)\b/,
    pick: high('network-timeout'),
  },
  {
    pattern:
      /\b(?:SELF_SIGNED_CERT_IN_CHAIN|DEPTH_ZERO_SELF_SIGNED_CERT|UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT_LOCALLY|UNABLE_TO_GET_ISSUER_CERT)\b/,
    pick: high('tls-untrusted'),
  },
  { pattern: /\bCERT_HAS_EXPIRED\b/, pick: high('tls-expired') },
  {
    pattern: /\bERR_TLS_CERT_ALTNAME_INVALID\b(?:[\s\S]*?Host: ([a-z0-9.-]+)\.)?/,
    pick: high('tls-hostname-mismatch'),
    context: hostFrom,
  },
  ...(['missing_tenant_id_error', 'invalid_client_credential', 'endpoints_resolution_error'] as const).map(
    (code): PhraseRule => ({ pattern: new RegExp(`\\b${code}\\b`), pick: MSAL_CODE_RULES[code]! }),
  ),
]

const PRIVILEGE_MESSAGE = /missing\s+(prv\w+)\s+privilege(?:[^\n]*?\bentity\s+'([^']+)')?/i
/** The SDK and maker UI wording: "SecLib::CheckPrivilege failed. User: …, PrivilegeName: prvReadX, …, Required Depth: Basic". */
const CHECK_PRIVILEGE =
  /SecLib::CheckPrivilege failed\b[^\n]*?PrivilegeName:\s*(prv\w+)(?:[^\n]*?Required Depth:\s*(\w+))?/i
/** The record-level check: the privilege is there, its depth or a share does not reach this record. */
const ACCESS_CHECK = /SecLib::AccessCheckEx failed\b[^\n]*?AccessRights:\s*(\w+)/i

function tableOf(privilege: string): string | undefined {
  return /^prv(?:Create|Read|Write|Delete|AppendTo|Append|Assign|Share)(\w+)$/i.exec(privilege)?.[1]?.toLowerCase()
}

function privilegeContext(text: string): Partial<DiagnosisContext> {
  const match = PRIVILEGE_MESSAGE.exec(text)
  if (match?.[1]) {
    // The entity name is in the message most of the time; otherwise the privilege name carries it.
    const table = match[2] ?? tableOf(match[1])
    return { privilege: match[1], ...(table ? { table } : {}) }
  }
  const check = CHECK_PRIVILEGE.exec(text)
  if (!check?.[1]) return {}
  const table = tableOf(check[1])
  return { privilege: check[1], ...(table ? { table } : {}), ...(check[2] ? { depth: check[2] } : {}) }
}

function accessContext(text: string): Partial<DiagnosisContext> {
  const rights = ACCESS_CHECK.exec(text)?.[1]
  return rights ? { accessRights: rights } : {}
}

const nameFrom = (match: RegExpExecArray) => (match[1] ? { name: match[1] } : {})

/** Findings whose wording carries details the diagnosis names. */
function contextFor(id: CatalogId, text: string): Partial<DiagnosisContext> | undefined {
  if (id === 'missing-privilege') return privilegeContext(text)
  if (id === 'record-access-denied') return accessContext(text)
  if (id === 'query-unknown-segment') return segmentName(text)
  if (id === 'undeclared-property') return undeclaredName(text)
  return undefined
}

/** "Resource not found for the segment 'accountz'." — Dataverse quotes the name; connectors and UIs sometimes do not. */
const SEGMENT_MESSAGE = /Resource not found for the segment '?([^'\s]*[^'\s.])'?/i
/** OData's and Dataverse's own parse errors, for the query string and for a JSON body. */
const QUERY_PARSE_MESSAGE =
  /Syntax error(?: at position \d+| ?:)|The query parameter '[^']+' is not supported|is not valid in a \$(?:select|expand|orderby) expression|Unrecognized '[^']+' literal|There is an unterminated (?:string )?literal at position \d+|Not operator along with the Custom Named Condition operators is not allowed|Invalid JSON\. [^.]*?(?:was expected|is not valid|Unexpected)|Expression expected at position \d+|'\)' or ',' expected at position \d+/i

/** Stable message phrases, for texts that lost their codes (a log line, a translated UI, a screenshot transcript). */
const PHRASE_RULES: readonly PhraseRule[] = [
  { pattern: /self[- ]signed certificate(?: in certificate chain)?/i, pick: medium('tls-untrusted') },
  {
    pattern: /unable to (?:verify the first certificate|get local issuer certificate)/i,
    pick: medium('tls-untrusted'),
  },
  {
    pattern:
      /remote certificate is invalid|certificate verify failed|PKIX path building failed|RemoteCertificateChainErrors/i,
    pick: medium('tls-untrusted'),
  },
  { pattern: /certificate has expired/i, pick: medium('tls-expired') },
  {
    pattern: /does not match certificate'?s altnames|RemoteCertificateNameMismatch/i,
    pick: medium('tls-hostname-mismatch'),
  },
  {
    pattern:
      /No such host is known|Name or service not known|nodename nor servname provided|Could not resolve host:?\s*([a-z0-9.-]+)?|remote name could not be resolved:\s*'([a-z0-9.-]+)'/i,
    pick: medium('dns-not-found'),
    context: (m) => hostOf(m[1] ?? m[2]),
  },
  { pattern: /actively refused|Connection refused/i, pick: medium('connection-refused') },
  { pattern: /socket hang up|forcibly closed by the remote host/i, pick: medium('connection-reset') },
  {
    pattern: /operation has timed out|connect(?:ion)? timed out|Connect Timeout Error|request timed out/i,
    pick: medium('network-timeout'),
  },
  { pattern: /Proxy Authentication Required/i, pick: high('proxy-auth-required') },
  { pattern: /Invalid client secret (?:is )?provided/i, pick: medium('secret-invalid') },
  { pattern: /client secret keys for app '?[^']*'? are expired/i, pick: medium('secret-expired') },
  { pattern: /was not found in the directory/i, pick: medium('app-not-in-tenant') },
  { pattern: /Tenant '[^']*' not found/i, pick: medium('tenant-not-found') },
  { pattern: /The user is not a member of the organization/i, pick: medium('app-user-missing') },
  { pattern: /forbidden with client authentication scheme 'Anonymous'/i, pick: medium('app-user-missing') },
  { pattern: /unauthorized with client authentication scheme 'Anonymous'/i, pick: medium('token-rejected') },
  { pattern: /no roles are assigned to user|has not been assigned any roles/i, pick: medium('no-security-roles') },
  { pattern: PRIVILEGE_MESSAGE, pick: medium('missing-privilege') },
  { pattern: CHECK_PRIVILEGE, pick: medium('missing-privilege') },
  { pattern: ACCESS_CHECK, pick: medium('record-access-denied') },
  {
    pattern:
      /is either disabled or is not a member of any business unit|is disabled\. Disabled users cannot access|\buser with SystemUserId=\S+(?: in OrganizationContext=\S+)? is disabled/i,
    pick: medium('app-user-disabled'),
  },
  { pattern: /Access to Dataverse API is restricted/i, pick: medium('api-restricted') },
  {
    pattern: /access to your IP is blocked|IP address is blocked from accessing|blocked by the IP firewall/i,
    pick: medium('ip-firewall-blocked'),
  },
  { pattern: /is missing service principal in the tenant/i, pick: medium('service-principal-missing') },
  { pattern: /No matching federated identity record found/i, pick: medium('federated-credential-mismatch') },
  {
    pattern: /Confidential Client is not supported in Cross Cloud request|USGClientNotSupportedOnPublicEndpoint/i,
    pick: medium('wrong-cloud-host'),
  },
  {
    pattern: /No certificate thumbprint specified in (?:the )?token header|JWT token is invalid or malformed/i,
    pick: medium('assertion-malformed'),
  },
  {
    // Entra's own words when a secret is added against the policy (portal, Graph, az CLI, Microsoft.Graph PowerShell).
    pattern: /Credential (?:type not allowed|lifetime exceeds the max value allowed) as per assigned policy/i,
    pick: medium('secret-blocked-by-policy'),
  },
  {
    pattern:
      /\b(?:passwordAddition|passwordLifetime|customPasswordAddition)\b|(?:password|client secret|secret)s?\b[^.]{0,80}\b(?:blocked|not allowed|restricted|exceeds?)\b[^.]{0,60}\bpolic(?:y|ies)\b|app(?:lication)? management polic(?:y|ies)\b[^.]{0,80}\b(?:password|secret)/i,
    pick: medium('secret-blocked-by-policy'),
  },
  {
    pattern: /Can't resolve AAD\/OAuth authority for\s+(?:https?:\/\/)?([a-z0-9.-]+)/i,
    pick: medium('url-not-dataverse'),
    context: hostFrom,
  },
  {
    pattern: /An undeclared property '([^']+)' which only has property annotations/i,
    pick: high('undeclared-property'),
    context: nameFrom,
  },
  {
    pattern: /A record with matching key values already exists|Cannot insert duplicate key|\bDuplicateRecord\b/i,
    pick: medium('duplicate-record'),
  },
  {
    pattern: /An error occurred in (?:the )?[\w.]+ plug-?in|ISV code aborted the operation|Business Process Error/i,
    pick: medium('plugin-error'),
  },
  { pattern: /organization you are attempting to access is currently disabled/i, pick: medium('environment-disabled') },
  { pattern: /Admin(?:istration)? Only mode|in administration mode|in Admin mode/i, pick: medium('admin-mode') },
  { pattern: /Number of requests exceeded the limit/i, pick: medium('throttled'), context: () => ({ limit: 'count' }) },
  {
    pattern: /Combined execution time of incoming requests exceeded/i,
    pick: medium('throttled'),
    context: () => ({ limit: 'execution-time' }),
  },
  {
    pattern: /Number of concurrent requests exceeded/i,
    pick: medium('throttled'),
    context: () => ({ limit: 'concurrency' }),
  },
  {
    pattern: /Could not find a property named '([^']+)'/i,
    pick: high('query-invalid-property'),
    context: (m) => (m[1] ? { name: m[1] } : {}),
  },
  { pattern: SEGMENT_MESSAGE, pick: medium('query-unknown-segment'), context: nameFrom },
  { pattern: QUERY_PARSE_MESSAGE, pick: medium('query-syntax-error') },
  { pattern: /With Id = [0-9a-f-]{36} Does Not Exist|Does Not Exist/i, pick: medium('record-not-found') },
  { pattern: /Network request failed|network_error/i, pick: low('authority-unreachable') },
  {
    pattern: /ExpiredAuthTicket|token (?:is|has) expired|Lifetime validation failed|The access token expired/i,
    pick: medium('token-expired'),
  },
  {
    pattern: /audience (?:claim )?(?:value )?is invalid|invalid audience|InvalidAudience/i,
    pick: medium('token-audience-mismatch'),
  },
  { pattern: /Conditional Access/i, pick: medium('conditional-access-blocked') },
  { pattern: /clock skew/i, pick: medium('clock-skew') },
]

function retryAfter(text: string): number | undefined {
  const match = /\bRetry-After["']?\s*[:=]\s*["']?(\d+)/i.exec(text)
  return match?.[1] ? Number(match[1]) : undefined
}

/** HTTP status plus headers, for texts that have nothing more specific. */
export function statusFindings(text: string, recognised: Recognised): Finding[] {
  const status = recognised.httpStatus
  const wait = retryAfter(text)
  const findings: Finding[] = []
  if (status === 407) findings.push({ ...high('proxy-auth-required'), matched: 'HTTP 407' })
  if (status === 429) {
    findings.push({
      ...high('throttled'),
      matched: wait !== undefined ? `HTTP 429 with Retry-After: ${wait}` : 'HTTP 429',
      context: wait !== undefined ? { retryAfterSeconds: wait } : {},
    })
  }
  if (status === 401 && /WWW-Authenticate:\s*Bearer/i.test(text) && recognised.aadsts.length === 0) {
    const expired = /error_description="[^"]*expired/i.test(text) || /invalid_token[^\n]*expired/i.test(text)
    findings.push(
      expired
        ? { ...high('token-expired'), matched: 'HTTP 401 with an "expired" Bearer challenge' }
        : { ...high('token-rejected'), matched: 'HTTP 401 with a WWW-Authenticate: Bearer challenge' },
    )
  }
  if (status === 500 && recognised.dataverseCodes.length === 0)
    findings.push({ ...medium('server-error'), matched: 'HTTP 500' })
  if (status === 503) findings.push({ ...high('service-unavailable'), matched: 'HTTP 503' })
  return findings
}

/** One AADSTS number (without its prefix), from a paste or from a failure's facts. */
export function aadstsFindings(code: string): Finding[] {
  return (AADSTS_RULES[code] ?? []).map((pick) => ({ ...pick, matched: `AADSTS${code}`, context: { aadsts: code } }))
}

/**
 * One Dataverse code (lower-case hex). `message` is Dataverse's own wording, which names what the
 * diagnosis quotes (the privilege, the segment); `shown` is how the code appeared.
 */
export function dataverseCodeFindings(
  code: string,
  message: string,
  wait: number | undefined,
  shown: string = code,
): Finding[] {
  const findings: Finding[] = []
  for (const pick of DATAVERSE_RULES[code] ?? []) {
    const limit = THROTTLE_LIMITS[code]
    const context: Partial<DiagnosisContext> = {
      ...contextFor(pick.id, message),
      ...(limit ? { limit } : {}),
      ...(limit && wait !== undefined ? { retryAfterSeconds: wait } : {}),
    }
    findings.push({ ...pick, matched: `Dataverse error ${shown}`, context })
  }
  if (code === '0x80060888') findings.push(...propertyOrSyntax(message, shown))
  return findings
}

export function codeFindings(text: string, recognised: Recognised): Finding[] {
  const findings: Finding[] = recognised.aadsts.flatMap(aadstsFindings)
  const wait = retryAfter(text)
  for (const code of recognised.dataverseCodes) {
    const decimal = (Number.parseInt(code.slice(2), 16) | 0).toString()
    const shown = text.toLowerCase().includes(code) ? code : `${decimal} (${code})`
    findings.push(...dataverseCodeFindings(code, text, wait, shown))
  }
  for (const rule of NODE_CODE_RULES) {
    const match = rule.pattern.exec(text)
    if (match)
      findings.push({
        ...rule.pick,
        matched: match[0].split(/\s/)[0] ?? match[0],
        context: rule.context?.(match) ?? {},
      })
  }
  return findings
}

function segmentName(text: string): Partial<DiagnosisContext> {
  const name = SEGMENT_MESSAGE.exec(text)?.[1]
  return name ? { name } : {}
}

function undeclaredName(text: string): Partial<DiagnosisContext> {
  const name = /An undeclared property '([^']+)'/i.exec(text)?.[1]
  return name ? { name } : {}
}

/**
 * 0x80060888 is OData's generic "bad request URL" code: the message says whether a segment, a
 * property or the syntax is at fault, and says it more precisely than the code does.
 */
function propertyOrSyntax(text: string, shown: string): Finding[] {
  const matched = `Dataverse error ${shown}`
  if (SEGMENT_MESSAGE.test(text)) return [{ ...high('query-unknown-segment'), matched, context: segmentName(text) }]
  const property = /Could not find a property named '([^']+)'/i.exec(text)?.[1]
  if (property) return [{ ...high('query-invalid-property'), matched, context: { name: property } }]
  return [{ ...high('query-syntax-error'), matched }]
}

export function phraseFindings(text: string): Finding[] {
  const findings: Finding[] = []
  for (const rule of PHRASE_RULES) {
    const match = rule.pattern.exec(text)
    if (!match) continue
    const context = contextFor(rule.pick.id, text) ?? rule.context?.(match) ?? {}
    const wait = rule.pick.id === 'throttled' ? retryAfter(text) : undefined
    findings.push({
      ...rule.pick,
      matched: `"${match[0].trim().slice(0, 80)}"`,
      context: { ...context, ...(wait !== undefined ? { retryAfterSeconds: wait } : {}) },
    })
  }
  return findings
}
