/**
 * Turns whatever a step's request threw into the step's diagnoses and redacted evidence. The
 * failure's facts (network or TLS code, AADSTS number, Dataverse code, status) map to catalog ids
 * through failure-facts.ts, the step the query service uses too; the paste box's explain() reads
 * the same tables, so a check, a query and a pasted error can never disagree about a code.
 */
import type { Cloud } from '@common/clouds'
import type { CatalogId, Diagnosis, Evidence } from '@common/diagnostics'
import type { DataverseErrorDetails } from '@common/failure-details'
import { AppFailure } from '@common/result'
import { redactUrl, type TimelineEntry } from '../../http/timeline'
import { diagnose } from '../catalog'
import { diagnosesOf, factsOf, type FailureFacts } from '../failure-facts'
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

/** What the Dataverse client kept of an error response, as evidence: the status line and the body's code and message. */
function dataverseExcerpt(details: DataverseErrorDetails): string {
  const body = JSON.stringify({ error: { code: details.code ?? '', message: details.message ?? '' } })
  return [
    `HTTP ${details.status ?? '?'}`,
    ...(details.retryAfter ? [`Retry-After: ${details.retryAfter}`] : []),
    body,
  ].join('\n')
}

function dataverseFallback(status: number | undefined): CatalogId | null {
  if (status === 401) return 'token-rejected'
  if (status === 503) return 'service-unavailable'
  if (status !== undefined && status >= 500) return 'server-error'
  return null
}

/** A step shows the likely causes, not every long shot: low-confidence findings stay out, at most three. */
export function stepDiagnoses(facts: FailureFacts, cloud: Cloud): Diagnosis[] {
  return diagnosesOf(facts, cloud)
    .filter((diagnosis) => diagnosis.confidence !== 'low')
    .slice(0, MAX_DIAGNOSES)
}

const TIMESTAMP = /Timestamp:\s*([\d-]+ [\d:]+Z)/

/** The failure of one request, diagnosed from its facts. `cloud` picks the login host of AADSTS links. */
export function explainFailure(failure: unknown, cloud: Cloud): FailureReport {
  if (!(failure instanceof AppFailure)) {
    const message = failure instanceof Error ? failure.message : String(failure)
    return {
      summary: `The step stopped with an unexpected error: ${message}`,
      diagnoses: [],
      excerpt: redactExcerpt(message),
    }
  }
  const error = failure.toAppError()
  const diagnoses = stepDiagnoses(factsOf(failure), cloud)
  const plain = redactExcerpt(`${error.message}\n${error.cause}`)
  switch (error.code) {
    case 'AUTH_FAILED': {
      const details = error.details ?? {}
      const message = details.errorMessage || error.cause
      const said = details.errorCode ? `${details.errorCode}: ${message}` : message
      const timestamp = TIMESTAMP.exec(message)?.[1]
      return {
        summary: error.message,
        diagnoses,
        excerpt: redactExcerpt(said),
        ...(details.traceId ? { traceId: details.traceId } : {}),
        ...(details.correlationId ? { correlationId: details.correlationId } : {}),
        ...(timestamp ? { timestamp } : {}),
      }
    }
    case 'DATAVERSE_ERROR':
    case 'THROTTLED': {
      const details = error.details ?? {}
      const fallback = diagnoses.length ? null : dataverseFallback(details.status)
      return {
        // The raw message is in the evidence; the summary stays one readable line.
        summary:
          details.status !== undefined
            ? `Dataverse answered ${details.status}${details.code ? ` (${details.code})` : ''}.`
            : error.message,
        diagnoses: fallback
          ? [diagnose(fallback, { confidence: 'medium', cloud, matched: `HTTP ${String(details.status)}` })]
          : diagnoses,
        excerpt: redactExcerpt(dataverseExcerpt(details)),
      }
    }
    default:
      return { summary: error.message, diagnoses, excerpt: plain }
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
