import type { Cloud } from '@common/clouds'
import type { Diagnosis, ExplainResult, Recognised } from '@common/diagnostics'
import { diagnose } from './catalog'
import { aadstsLookupUrl } from './catalog/links'
import { AADSTS_RULES, codeFindings, DATAVERSE_RULES, phraseFindings, statusFindings } from './explain/rules'
import { normalise } from './explain/normalise'
import { rankFindings } from './explain/rank'
import { cloudFromHosts, recognise } from './explain/recognise'

export interface ExplainOptions {
  /** The connection's cloud; wins over what the hosts in the text suggest. */
  readonly cloud?: Cloud
}

/** Pastes can be whole log files; beyond this the tail rarely adds codes and the regexes stay cheap. */
export const MAX_EXPLAIN_CHARS = 200_000

/**
 * JSON bodies carry their text in escaped strings ("\r\n", "\u0027"); flattening the parsed values
 * lets the same patterns match a token-endpoint body, a Dataverse error JSON or a log of either.
 */
function flattenJson(text: string): string {
  const start = text.search(/[{[]/)
  if (start < 0) return ''
  try {
    const values: string[] = []
    const walk = (value: unknown, key?: string): void => {
      if (typeof value === 'string' || typeof value === 'number') values.push(key ? `${key}: ${value}` : String(value))
      else if (Array.isArray(value)) value.forEach((item) => walk(item, key))
      else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, k)
    }
    walk(JSON.parse(text.slice(start)))
    return values.join('\n')
  } catch {
    return ''
  }
}

function describeRecognised(recognised: Recognised): string[] {
  const parts: string[] = []
  if (recognised.aadsts.length) parts.push(recognised.aadsts.map((code) => `AADSTS${code}`).join(', '))
  if (recognised.dataverseCodes.length) parts.push(`Dataverse code ${recognised.dataverseCodes.join(', ')}`)
  if (recognised.httpStatus !== undefined) parts.push(`HTTP ${recognised.httpStatus}`)
  if (recognised.traceIds.length) parts.push(`trace ID ${recognised.traceIds.join(', ')}`)
  if (recognised.correlationIds.length) parts.push(`correlation ID ${recognised.correlationIds.join(', ')}`)
  if (recognised.requestIds.length) parts.push(`request ID ${recognised.requestIds.join(', ')}`)
  if (recognised.timestamps.length) parts.push(`time ${recognised.timestamps.join(', ')}`)
  if (recognised.hosts.length) parts.push(`host ${recognised.hosts.join(', ')}`)
  return parts
}

function summarise(diagnoses: readonly Diagnosis[], recognised: Recognised, cloud: Cloud): string {
  const seen = describeRecognised(recognised)
  const unknownAadsts = recognised.aadsts.filter((code) => !AADSTS_RULES[code])
  const unknownCodes = recognised.dataverseCodes.filter((code) => !DATAVERSE_RULES[code] && code !== '0x80060888')
  const notes = [
    ...unknownAadsts.map(
      (code) => `AADSTS${code} is not in our catalog; Microsoft's lookup page: ${aadstsLookupUrl(code, cloud)}.`,
    ),
    ...unknownCodes.map((code) => `Dataverse code ${code} is not in our catalog.`),
  ]
  if (diagnoses[0]) {
    return [`Most likely: ${diagnoses[0].title}.`, seen.length ? `Recognised: ${seen.join('; ')}.` : '', ...notes]
      .filter(Boolean)
      .join(' ')
  }
  if (seen.length) {
    return [
      `No known error matched, so we will not guess. Recognised: ${seen.join('; ')}.`,
      ...notes,
      'Paste the full error text or response body (with its code) for a diagnosis.',
    ].join(' ')
  }
  return 'Nothing recognisable in this text: no AADSTS code, Dataverse error code, HTTP status or known network or TLS error. Paste the complete error message or response body.'
}

/** Turns whatever a user pastes into ranked diagnoses plus everything recognisable in it. Never throws. */
export function explain(input: string, options: ExplainOptions = {}): ExplainResult {
  const raw = input.length > MAX_EXPLAIN_CHARS ? input.slice(0, MAX_EXPLAIN_CHARS) : input
  const text = [raw, flattenJson(raw.trim()), normalise(raw)].filter(Boolean).join('\n')
  const recognised = recognise(text)
  const cloud = options.cloud ?? cloudFromHosts(recognised.hosts) ?? 'commercial'
  const findings = rankFindings([
    ...codeFindings(text, recognised),
    ...statusFindings(text, recognised),
    ...phraseFindings(text),
  ])
  const diagnoses = findings.map((finding) =>
    diagnose(finding.id, { ...finding.context, cloud, confidence: finding.confidence, matched: finding.matched }),
  )
  return {
    matched: diagnoses.length > 0,
    diagnoses,
    recognised,
    summary: summarise(diagnoses, recognised, cloud),
    cloud,
  }
}
