import type { CatalogId, Confidence, Recognised } from '../../../common/diagnostics'
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
export const NODE_CODE_RULES: readonly PhraseRule[] = [
  { pattern: /\bENOTFOUND\b(?:\s+([a-z0-9.-]+))?/i, pick: high('dns-not-found'), context: hostFrom },
  { pattern: /\bEAI_AGAIN\b(?:\s+([a-z0-9.-]+))?/i, pick: medium('dns-not-found'), context: hostFrom },
  { pattern: /\bECONNREFUSED\b(?:\s+([0-9a-f.:[\]]+))?/i, pick: high('connection-refused'), context: hostFrom },
  { pattern: /\bECONNRESET\b/, pick: high('connection-reset') },
  { pattern: /\b(?:ETIMEDOUT|ESOCKETTIMEDOUT|UND_ERR_CONNECT_TIMEOUT|UND_ERR_HEADERS_TIMEOUT|ERR_SOCKET_CONNECTION_TIMEOUT)\b/, pick: high('network-timeout') },
  { pattern: /\b(?:SELF_SIGNED_CERT_IN_CHAIN|DEPTH_ZERO_SELF_SIGNED_CERT|UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT_LOCALLY|UNABLE_TO_GET_ISSUER_CERT)\b/, pick: high('tls-untrusted') },
  { pattern: /\bCERT_HAS_EXPIRED\b/, pick: high('tls-expired') },
  { pattern: /\bERR_TLS_CERT_ALTNAME_INVALID\b(?:[\s\S]*?Host: ([a-z0-9.-]+)\.)?/, pick: high('tls-hostname-mismatch'), context: hostFrom },
  { pattern: /\bmissing_tenant_id_error\b/, pick: high('tenant-missing') },
  { pattern: /\binvalid_client_credential\b/, pick: medium('secret-missing') },
  { pattern: /\bendpoints_resolution_error\b/, pick: medium('authority-unreachable') },
]

const PRIVILEGE_MESSAGE = /missing\s+(prv\w+)\s+privilege(?:[^\n]*?\bentity\s+'([^']+)')?/i

export function privilegeContext(text: string): Partial<DiagnosisContext> {
  const match = PRIVILEGE_MESSAGE.exec(text)
  if (!match?.[1]) return {}
  // The entity name is in the message most of the time; otherwise the privilege name carries it.
  const table = match[2] ?? /^prv(?:Create|Read|Write|Delete|AppendTo|Append|Assign|Share)(\w+)$/i.exec(match[1])?.[1]?.toLowerCase()
  return { privilege: match[1], ...(table ? { table } : {}) }
}

/** Stable message phrases, for texts that lost their codes (a log line, a translated UI, a screenshot transcript). */
export const PHRASE_RULES: readonly PhraseRule[] = [
  { pattern: /self[- ]signed certificate(?: in certificate chain)?/i, pick: medium('tls-untrusted') },
  { pattern: /unable to (?:verify the first certificate|get local issuer certificate)/i, pick: medium('tls-untrusted') },
  { pattern: /remote certificate is invalid|certificate verify failed|PKIX path building failed|RemoteCertificateChainErrors/i, pick: medium('tls-untrusted') },
  { pattern: /certificate has expired/i, pick: medium('tls-expired') },
  { pattern: /does not match certificate'?s altnames|RemoteCertificateNameMismatch/i, pick: medium('tls-hostname-mismatch') },
  { pattern: /No such host is known|Name or service not known|nodename nor servname provided|Could not resolve host:?\s*([a-z0-9.-]+)?|remote name could not be resolved:\s*'([a-z0-9.-]+)'/i, pick: medium('dns-not-found'), context: (m) => hostOf(m[1] ?? m[2]) },
  { pattern: /actively refused|Connection refused/i, pick: medium('connection-refused') },
  { pattern: /socket hang up|forcibly closed by the remote host/i, pick: medium('connection-reset') },
  { pattern: /operation has timed out|connect(?:ion)? timed out|Connect Timeout Error|request timed out/i, pick: medium('network-timeout') },
  { pattern: /Proxy Authentication Required/i, pick: high('proxy-auth-required') },
  { pattern: /Invalid client secret (?:is )?provided/i, pick: medium('secret-invalid') },
  { pattern: /client secret keys for app '?[^']*'? are expired/i, pick: medium('secret-expired') },
  { pattern: /was not found in the directory/i, pick: medium('app-not-in-tenant') },
  { pattern: /Tenant '[^']*' not found/i, pick: medium('tenant-not-found') },
  { pattern: /The user is not a member of the organization/i, pick: medium('app-user-missing') },
  { pattern: /forbidden with client authentication scheme 'Anonymous'/i, pick: medium('app-user-missing') },
  { pattern: /no roles are assigned to user/i, pick: medium('no-security-roles') },
  { pattern: PRIVILEGE_MESSAGE, pick: medium('missing-privilege') },
  { pattern: /is either disabled or is not a member of any business unit|is disabled\. Disabled users cannot access/i, pick: medium('app-user-disabled') },
  { pattern: /Access to Dataverse API is restricted/i, pick: medium('api-restricted') },
  { pattern: /organization you are attempting to access is currently disabled/i, pick: medium('environment-disabled') },
  { pattern: /Admin(?:istration)? Only mode|in administration mode|in Admin mode/i, pick: medium('admin-mode') },
  { pattern: /Number of requests exceeded the limit/i, pick: medium('throttled'), context: () => ({ limit: 'count' }) },
  { pattern: /Combined execution time of incoming requests exceeded/i, pick: medium('throttled'), context: () => ({ limit: 'execution-time' }) },
  { pattern: /Number of concurrent requests exceeded/i, pick: medium('throttled'), context: () => ({ limit: 'concurrency' }) },
  { pattern: /Could not find a property named '([^']+)'/i, pick: high('query-invalid-property'), context: (m) => (m[1] ? { name: m[1] } : {}) },
  { pattern: /Resource not found for the segment '([^']+)'/i, pick: medium('query-unknown-segment'), context: (m) => (m[1] ? { name: m[1] } : {}) },
  { pattern: /Syntax error(?: at position \d+| ?:)|The query parameter '[^']+' is not supported|is not valid in a \$(?:select|expand|orderby) expression|Unrecognized '[^']+' literal/i, pick: medium('query-syntax-error') },
  { pattern: /With Id = [0-9a-f-]{36} Does Not Exist|Does Not Exist/i, pick: medium('record-not-found') },
  { pattern: /Network request failed|network_error/i, pick: low('authority-unreachable') },
  { pattern: /ExpiredAuthTicket|token (?:is|has) expired|Lifetime validation failed|The access token expired/i, pick: medium('token-expired') },
  { pattern: /audience (?:claim )?(?:value )?is invalid|invalid audience|InvalidAudience/i, pick: medium('token-audience-mismatch') },
  { pattern: /Conditional Access/i, pick: medium('conditional-access-blocked') },
  { pattern: /clock skew/i, pick: medium('clock-skew') },
]

export function retryAfter(text: string): number | undefined {
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
  if (status === 500 && recognised.dataverseCodes.length === 0) findings.push({ ...medium('server-error'), matched: 'HTTP 500' })
  if (status === 503) findings.push({ ...high('service-unavailable'), matched: 'HTTP 503' })
  return findings
}

export function codeFindings(text: string, recognised: Recognised): Finding[] {
  const findings: Finding[] = []
  for (const code of recognised.aadsts) {
    for (const pick of AADSTS_RULES[code] ?? []) findings.push({ ...pick, matched: `AADSTS${code}`, context: { aadsts: code } })
  }
  const wait = retryAfter(text)
  for (const code of recognised.dataverseCodes) {
    const decimal = (Number.parseInt(code.slice(2), 16) | 0).toString()
    const shown = text.toLowerCase().includes(code) ? code : `${decimal} (${code})`
    for (const pick of DATAVERSE_RULES[code] ?? []) {
      const limit = THROTTLE_LIMITS[code]
      const context: Partial<DiagnosisContext> = {
        ...(pick.id === 'missing-privilege' ? privilegeContext(text) : {}),
        ...(limit ? { limit } : {}),
        ...(limit && wait !== undefined ? { retryAfterSeconds: wait } : {}),
        ...(pick.id === 'query-unknown-segment' ? segmentName(text) : {}),
      }
      findings.push({ ...pick, matched: `Dataverse error ${shown}`, context })
    }
    if (code === '0x80060888') findings.push(...propertyOrSyntax(text, shown))
  }
  for (const rule of NODE_CODE_RULES) {
    const match = rule.pattern.exec(text)
    if (match) findings.push({ ...rule.pick, matched: match[0].split(/\s/)[0] ?? match[0], context: rule.context?.(match) ?? {} })
  }
  return findings
}

function segmentName(text: string): Partial<DiagnosisContext> {
  const name = /segment '([^']+)'/i.exec(text)?.[1]
  return name ? { name } : {}
}

/** 0x80060888 is OData's generic "bad query" code: the message says whether a property or the syntax is at fault. */
function propertyOrSyntax(text: string, shown: string): Finding[] {
  const property = /Could not find a property named '([^']+)'/i.exec(text)?.[1]
  if (property) return [{ ...high('query-invalid-property'), matched: `Dataverse error ${shown}`, context: { name: property } }]
  return [{ ...high('query-syntax-error'), matched: `Dataverse error ${shown}` }]
}

export function phraseFindings(text: string): Finding[] {
  const findings: Finding[] = []
  for (const rule of PHRASE_RULES) {
    const match = rule.pattern.exec(text)
    if (!match) continue
    const context = rule.pick.id === 'missing-privilege' ? privilegeContext(text) : (rule.context?.(match) ?? {})
    const wait = rule.pick.id === 'throttled' ? retryAfter(text) : undefined
    findings.push({
      ...rule.pick,
      matched: `"${match[0].trim().slice(0, 80)}"`,
      context: { ...context, ...(wait !== undefined ? { retryAfterSeconds: wait } : {}) },
    })
  }
  return findings
}
