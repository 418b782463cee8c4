/**
 * Turns whatever a step's request threw into the step's diagnoses and redacted evidence. Codes
 * the transport already classified (DNS, TLS, refused…) map straight to catalog ids with the host
 * named; sign-in and Dataverse errors go through explain(), the same matcher the paste box uses,
 * so a check and a pasted error can never disagree.
 */
import type { Cloud } from '@common/clouds'
import type { CatalogId, Diagnosis, Evidence } from '@common/diagnostics'
import { AppFailure } from '@common/result'
import { redactUrl, type TimelineEntry } from '../../http/timeline'
import { diagnose } from '../catalog'
import { explain } from '../explain'
import type { StepOutcome } from '../pipeline'
import { scrubSecrets } from '../report/scrub'

const MAX_EXCERPT = 1500
const MAX_DIAGNOSES = 3

export interface FailureReport {
  readonly summary: string
  readonly diagnoses: Diagnosis[]
  readonly excerpt: string
  readonly traceId?: string
  readonly correlationId?: string
  readonly timestamp?: string
}

/** Anything shown as evidence passes here: secrets scrubbed, URLs redacted, length capped. */
export function redactExcerpt(text: string): string {
  const withUrls = text.replace(/https:\/\/[^\s"'<>]+/g, (url) => redactUrl(url))
  const scrubbed = scrubSecrets(withUrls)
  return scrubbed.length > MAX_EXCERPT ? `${scrubbed.slice(0, MAX_EXCERPT)}…` : scrubbed
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value ? value : undefined
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

function fromExplain(input: string, cloud: Cloud): Diagnosis[] {
  return explain(input, { cloud })
    .diagnoses.filter((diagnosis) => diagnosis.confidence !== 'low')
    .slice(0, MAX_DIAGNOSES)
}

/** What the Dataverse client keeps of an error response, shaped back as the body Dataverse sent. */
function dataverseText(details: Record<string, unknown>): string {
  const status = typeof details.status === 'number' ? details.status : undefined
  const body = JSON.stringify({ error: { code: text(details.code) ?? '', message: text(details.message) ?? '' } })
  const retry = text(details.retryAfter)
  return [`HTTP ${status ?? '?'}`, ...(retry ? [`Retry-After: ${retry}`] : []), body].join('\n')
}

function dataverseFallback(status: number | undefined): CatalogId | null {
  if (status === 401) return 'token-rejected'
  if (status === 503) return 'service-unavailable'
  if (status !== undefined && status >= 500) return 'server-error'
  return null
}

/** The failure of one request, explained. `cloud` picks the login host of AADSTS links. */
export function explainFailure(error: unknown, cloud: Cloud): FailureReport {
  if (!(error instanceof AppFailure)) {
    const message = error instanceof Error ? error.message : String(error)
    return {
      summary: `The step stopped with an unexpected error: ${message}`,
      diagnoses: [],
      excerpt: redactExcerpt(message),
    }
  }
  const details = error.details ?? {}
  const host = text(details.host)
  switch (error.code) {
    case 'TLS_ERROR': {
      const code = text(details.tlsCode) ?? 'TLS'
      return {
        summary: error.message,
        diagnoses: [diagnose(tlsId(code), { confidence: 'high', cloud, matched: code, ...(host ? { host } : {}) })],
        excerpt: redactExcerpt(`${error.message}\n${error.explanation}`),
      }
    }
    case 'NETWORK_ERROR': {
      const code = text(details.networkCode) ?? 'UNKNOWN'
      const id = networkId(code)
      return {
        summary: error.message,
        diagnoses: id
          ? [diagnose(id, { confidence: 'high', cloud, matched: code, ...(host ? { host } : {}) })]
          : fromExplain(`${code} ${error.message}`, cloud),
        excerpt: redactExcerpt(`${error.message}\n${error.explanation}`),
      }
    }
    case 'AUTH_FAILED': {
      const message = text(details.errorMessage) ?? error.explanation
      const code = text(details.errorCode)
      const input = [
        code ? `${code}: ${message}` : message,
        details.aadsts ? `AADSTS${String(details.aadsts)}` : '',
      ].join('\n')
      return {
        summary: error.message,
        diagnoses: fromExplain(input, cloud),
        excerpt: redactExcerpt(code ? `${code}: ${message}` : message),
        ...(text(details.traceId) ? { traceId: text(details.traceId) } : {}),
        ...(text(details.correlationId) ? { correlationId: text(details.correlationId) } : {}),
        ...(/Timestamp:\s*([\d-]+ [\d:]+Z)/.exec(message)?.[1]
          ? { timestamp: /Timestamp:\s*([\d-]+ [\d:]+Z)/.exec(message)?.[1] }
          : {}),
      }
    }
    case 'DATAVERSE_ERROR':
    case 'THROTTLED': {
      const body = dataverseText(details)
      const found = fromExplain(body, cloud)
      const status = typeof details.status === 'number' ? details.status : undefined
      const fallback = found.length ? null : dataverseFallback(status)
      const code = text(details.code)
      return {
        // The raw message is in the evidence; the summary stays one readable line.
        summary: status !== undefined ? `Dataverse answered ${status}${code ? ` (${code})` : ''}.` : error.message,
        diagnoses: fallback
          ? [diagnose(fallback, { confidence: 'medium', cloud, matched: `HTTP ${String(details.status)}` })]
          : found,
        excerpt: redactExcerpt(body),
      }
    }
    default:
      return {
        summary: error.message,
        diagnoses: fromExplain(`${error.message}\n${error.explanation}`, cloud),
        excerpt: redactExcerpt(`${error.message}\n${error.explanation}`),
      }
  }
}

/** A failed step's outcome from its report: the summary says what happened and the top diagnosis what it means. */
export function failedStep(report: FailureReport, entries: readonly TimelineEntry[]): StepOutcome {
  const top = report.diagnoses[0]
  return {
    status: 'fail',
    summary: top ? `${report.summary.replace(/\.$/, '')} — ${top.title}.` : report.summary,
    diagnoses: report.diagnoses,
    evidence: evidenceOf(entries, report),
  }
}

/** Request ids, trace and correlation ids the step's requests carried. */
export function evidenceOf(
  entries: readonly TimelineEntry[],
  report?: Pick<FailureReport, 'excerpt' | 'traceId' | 'correlationId' | 'timestamp'>,
  excerpt = '',
): Evidence {
  const requestIds = [...new Set(entries.flatMap((entry) => (entry.requestId ? entry.requestId.split(/\s*,\s*/) : [])))]
  const traceId = report?.traceId ?? entries.find((entry) => entry.traceId)?.traceId ?? undefined
  const correlationId =
    report?.correlationId ?? entries.find((entry) => entry.correlationId)?.correlationId ?? undefined
  return {
    excerpt: report?.excerpt ?? redactExcerpt(excerpt),
    requestIds,
    ...(traceId ? { traceId } : {}),
    ...(correlationId ? { correlationId } : {}),
    ...(report?.timestamp ? { timestamp: report.timestamp } : {}),
  }
}
