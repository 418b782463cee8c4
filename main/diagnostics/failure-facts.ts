/**
 * A failed request's facts → catalog diagnoses, directly: Dataverse's error code, the AADSTS number,
 * MSAL's error code, the transport's network or TLS code, the HTTP status and the Retry-After header
 * each map through a table (explain/rules.ts holds the tables pasted text uses too, so a check, a
 * query and a paste can never disagree about a code). A failure the app saw itself is never turned
 * back into text to be parsed: explain() is for text a user pasted. The query service and the check
 * both diagnose failures here.
 */
import type { Cloud } from '@common/clouds'
import type { CatalogId, Diagnosis } from '@common/diagnostics'
import { AppFailure } from '@common/result'
import { diagnose } from './catalog'
import { rankFindings } from './explain/rank'
import { hexFromDecimal } from './explain/recognise'
import { aadstsFindings, dataverseCodeFindings, MSAL_CODE_RULES, phraseFindings, type Finding } from './explain/rules'

/** What a failure says in machine-readable form, read from its typed details. */
export interface FailureFacts {
  readonly status?: number
  /** Dataverse's error code, lower-case hex (`0x80040220`). */
  readonly dataverseCode?: string
  /** The AADSTS number without its prefix. */
  readonly aadsts?: string
  /** MSAL's or the token endpoint's error code (`endpoints_resolution_error`). */
  readonly authErrorCode?: string
  readonly retryAfterSeconds?: number
  /** The transport's code for a connection that failed below HTTP (`ENOTFOUND`, `TOTAL_TIMEOUT`). */
  readonly networkCode?: string
  readonly tlsCode?: string
  readonly host?: string
  /**
   * The server's own words (Dataverse's message, Entra ID's description). They name what a
   * diagnosis quotes (the missing privilege, the unknown segment) and carry the phrases of errors
   * that come without a code.
   */
  readonly serverMessage?: string
}

/** Dataverse sends its codes as hex strings; some clients log them as signed decimals. */
function dataverseCodeOf(code: string | null | undefined): string | undefined {
  if (!code) return undefined
  if (/^0x[0-9a-f]{8}$/i.test(code)) return code.toLowerCase()
  if (/^-?\d+$/.test(code)) return hexFromDecimal(Number(code))
  return undefined
}

function seconds(value: string | undefined): number | undefined {
  return value && /^\d+$/.test(value) ? Number(value) : undefined
}

export function factsOf(failure: AppFailure): FailureFacts {
  const error = failure.toAppError()
  switch (error.code) {
    case 'DATAVERSE_ERROR':
    case 'THROTTLED': {
      const details = error.details ?? {}
      const dataverseCode = dataverseCodeOf(details.code)
      const retryAfterSeconds = seconds(details.retryAfter)
      return {
        ...(details.status !== undefined ? { status: details.status } : {}),
        ...(dataverseCode ? { dataverseCode } : {}),
        ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}),
        ...(details.message ? { serverMessage: details.message } : {}),
      }
    }
    case 'AUTH_FAILED': {
      const details = error.details ?? {}
      return {
        ...(details.aadsts ? { aadsts: details.aadsts } : {}),
        ...(details.errorCode ? { authErrorCode: details.errorCode } : {}),
        ...(details.errorMessage ? { serverMessage: details.errorMessage } : {}),
      }
    }
    case 'NETWORK_ERROR':
      return { ...(error.details?.networkCode ? { networkCode: error.details.networkCode } : {}), ...hostOf(error) }
    case 'TLS_ERROR':
      return { tlsCode: error.details?.tlsCode ?? 'TLS', ...hostOf(error) }
    default:
      return {}
  }
}

function hostOf(error: { details?: { host?: string } }): { host?: string } {
  return error.details?.host ? { host: error.details.host } : {}
}

function networkId(code: string): CatalogId | null {
  if (/^(ENOTFOUND|EAI_AGAIN|EAI_NONAME|ERR_NAME_NOT_RESOLVED|ERR_NAME_RESOLUTION_FAILED)$/.test(code))
    return 'dns-not-found'
  if (/^(ECONNREFUSED|ERR_CONNECTION_REFUSED)$/.test(code)) return 'connection-refused'
  if (/^(ECONNRESET|UND_ERR_SOCKET|ERR_CONNECTION_RESET|ERR_CONNECTION_CLOSED|ERR_EMPTY_RESPONSE)$/.test(code))
    return 'connection-reset'
  if (/TIMEOUT|TIMED_OUT|ETIMEDOUT/.test(code)) return 'network-timeout'
  if (code === 'PROXY_407') return 'proxy-auth-required'
  return null
}

export function tlsId(code: string): CatalogId {
  if (/EXPIRED/.test(code)) return 'tls-expired'
  if (/ALTNAME|HOSTNAME/.test(code)) return 'tls-hostname-mismatch'
  return 'tls-untrusted'
}

/** The HTTP status and its headers, for answers that have nothing more specific. */
function statusFindings(facts: FailureFacts): Finding[] {
  const { status, retryAfterSeconds: wait } = facts
  if (status === 407) return [{ id: 'proxy-auth-required', confidence: 'high', matched: 'HTTP 407' }]
  if (status === 429)
    return [
      {
        id: 'throttled',
        confidence: 'high',
        matched: wait !== undefined ? `HTTP 429 with Retry-After: ${wait}` : 'HTTP 429',
        context: wait !== undefined ? { retryAfterSeconds: wait } : {},
      },
    ]
  if (status === 500 && !facts.dataverseCode) return [{ id: 'server-error', confidence: 'medium', matched: 'HTTP 500' }]
  if (status === 503) return [{ id: 'service-unavailable', confidence: 'high', matched: 'HTTP 503' }]
  return []
}

/** Every finding the facts support, best first. */
function findingsOf(facts: FailureFacts): Finding[] {
  const host = facts.host ? { host: facts.host } : {}
  const findings: Finding[] = []
  if (facts.aadsts) findings.push(...aadstsFindings(facts.aadsts))
  const msal = facts.authErrorCode ? MSAL_CODE_RULES[facts.authErrorCode] : undefined
  if (msal && facts.authErrorCode) findings.push({ ...msal, matched: facts.authErrorCode })
  if (facts.dataverseCode)
    findings.push(...dataverseCodeFindings(facts.dataverseCode, facts.serverMessage ?? '', facts.retryAfterSeconds))
  const network = facts.networkCode ? networkId(facts.networkCode) : null
  if (network && facts.networkCode)
    findings.push({ id: network, confidence: 'high', matched: facts.networkCode, context: host })
  if (facts.tlsCode)
    findings.push({ id: tlsId(facts.tlsCode), confidence: 'high', matched: facts.tlsCode, context: host })
  findings.push(...statusFindings(facts))
  if (facts.serverMessage) {
    const phrases = phraseFindings(facts.serverMessage)
    // The phrase table reads Retry-After from the text; here the header is a fact of its own.
    const wait = facts.retryAfterSeconds
    findings.push(
      ...phrases.map((finding) =>
        finding.id === 'throttled' && wait !== undefined
          ? { ...finding, context: { ...finding.context, retryAfterSeconds: wait } }
          : finding,
      ),
    )
  }
  return rankFindings(findings)
}

/** The facts' diagnoses in the catalog's words; `cloud` picks the sign-in host of AADSTS links. */
export function diagnosesOf(facts: FailureFacts, cloud: Cloud): Diagnosis[] {
  return findingsOf(facts).map((finding) =>
    diagnose(finding.id, { ...finding.context, cloud, confidence: finding.confidence, matched: finding.matched }),
  )
}

/** Any failure's diagnoses: none for something that is not an AppFailure or carries no facts. */
export function diagnoseFailure(error: unknown, cloud: Cloud): Diagnosis[] {
  return error instanceof AppFailure ? diagnosesOf(factsOf(error), cloud) : []
}

/**
 * The failure with its diagnoses in its details, for a window that lists them. Only codes whose
 * details carry diagnoses get them; the rest pass through unchanged.
 */
export function withDiagnoses(failure: AppFailure, diagnoses: Diagnosis[]): AppFailure {
  if (!diagnoses.length) return failure
  const error = failure.toAppError()
  const options = { cause: failure }
  switch (error.code) {
    case 'DATAVERSE_ERROR':
    case 'THROTTLED':
      return new AppFailure({ ...error, details: { ...error.details, diagnoses } }, options)
    case 'AUTH_FAILED':
      return new AppFailure({ ...error, details: { ...error.details, diagnoses } }, options)
    case 'NETWORK_ERROR':
      return new AppFailure({ ...error, details: { ...error.details, diagnoses } }, options)
    case 'TLS_ERROR':
      return new AppFailure({ ...error, details: { ...error.details, diagnoses } }, options)
    default:
      return failure
  }
}
