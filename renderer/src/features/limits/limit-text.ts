/** The words of the Limits panel: what each service-protection limit means and what to do when it is hit. */
import type { ServiceProtectionLimitKind } from '@common/contract/limits'

export const LIMIT_NAMES: Record<ServiceProtectionLimitKind, string> = {
  requests: 'number of requests',
  'execution-time': 'combined execution time',
  concurrency: 'concurrent requests',
}

/** The next step after a 429, per limit; `dopHint` is Dataverse's suggested parallelism when it sent one. */
export function whatToDo(limit: ServiceProtectionLimitKind | null, dopHint: number | null): string {
  switch (limit) {
    case 'requests':
      return 'Wait until Retry-After passes, then send fewer requests: fetch related rows with $expand, use larger pages, or group reads in a $batch (up to 1,000 operations count as one request here, though each still counts toward the 24-hour pool).'
    case 'execution-time':
      return 'Wait until Retry-After passes, then make the requests lighter: $select only the columns you need, $filter on indexed columns, smaller pages, fewer at once. A $batch does not help here: every operation in it adds to the execution time.'
    case 'concurrency':
      return `Send fewer requests at the same time${dopHint ? ` (Dataverse suggests ${dopHint} in parallel, x-ms-dop-hint)` : ''}; this limit refuses at once and clears as soon as requests finish.`
    default:
      return 'Dataverse answered 429 without naming one of the documented limits: wait until Retry-After passes, then send fewer or lighter requests.'
  }
}

/** `299` → `4 min 59 s`, `1200` → `20 min`. */
export function formatSeconds(total: number): string {
  const seconds = Math.max(0, Math.round(total))
  const minutes = Math.floor(seconds / 60)
  if (minutes === 0) return `${seconds} s`
  return seconds % 60 === 0 ? `${minutes} min` : `${minutes} min ${seconds % 60} s`
}

export function formatNumber(value: number, fractionDigits = 0): string {
  return value.toLocaleString('en-US', { maximumFractionDigits: fractionDigits })
}
