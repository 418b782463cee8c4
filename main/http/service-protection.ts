/**
 * Reading Dataverse's service-protection signals from a response (wire §4.4, §5, §5.1), pure:
 * the `x-ms-ratelimit-*` headers every Web API response carries, and which limit a 429 names.
 *
 * The headers are not all bare integers. Microsoft's own capture of a WhoAmI (powerapps-docs,
 * "Use PowerShell and Visual Studio Code with the Dataverse Web API") shows
 * `x-ms-ratelimit-burst-remaining-xrm-requests: 5999` but
 * `x-ms-ratelimit-time-remaining-xrm-requests: 1,200.00`: seconds of the 20-minute execution
 * budget, with a grouping comma and two decimals. A plain integer parse would read it as absent.
 */

export const RATE_LIMIT_HEADERS = {
  /** Requests left for this user in the 5-minute window (Microsoft: "for debugging only"). */
  requests: 'x-ms-ratelimit-burst-remaining-xrm-requests',
  /** Seconds of combined execution time left for this user in the window. */
  executionTime: 'x-ms-ratelimit-time-remaining-xrm-requests',
  /** The degree of parallelism Dataverse suggests for this client. */
  dopHint: 'x-ms-dop-hint',
} as const

export type ServiceProtectionLimit = 'requests' | 'execution-time' | 'concurrency'

/** The documented 429 codes (api-limits), hexadecimal and as the decimal HRESULT the .NET SDK prints. */
const LIMIT_CODES: ReadonlyArray<{ limit: ServiceProtectionLimit; hex: string; decimal: string }> = [
  { limit: 'requests', hex: '0x80072322', decimal: '-2147015902' },
  { limit: 'execution-time', hex: '0x80072321', decimal: '-2147015903' },
  { limit: 'concurrency', hex: '0x80072326', decimal: '-2147015898' },
]

/** The documented messages, for a 429 whose body has no (or an unknown) code. */
const LIMIT_MESSAGES: ReadonlyArray<{ limit: ServiceProtectionLimit; pattern: RegExp }> = [
  { limit: 'requests', pattern: /Number of requests exceeded the limit/i },
  { limit: 'execution-time', pattern: /Combined execution time of incoming requests exceeded/i },
  { limit: 'concurrency', pattern: /Number of concurrent requests exceeded the limit/i },
]

/**
 * A header number as Dataverse writes it: digits with optional grouping commas and decimals
 * (`5999`, `1,199.46`). Anything else (empty, a locale with decimal commas, text) is null, never 0.
 */
export function parseHeaderNumber(value: string | null | undefined): number | null {
  if (value === null || value === undefined) return null
  const trimmed = value.trim()
  if (!/^\d{1,3}(?:,?\d{3})*(?:\.\d+)?$/.test(trimmed)) return null
  const parsed = Number(trimmed.replace(/,/g, ''))
  return Number.isFinite(parsed) ? parsed : null
}

export interface BudgetHeaders {
  readonly requestsRemaining: number | null
  readonly executionSecondsRemaining: number | null
  readonly dopHint: number | null
}

/** The budget a response reports; every field null when the response carried none of the headers. */
export function readBudgetHeaders(headers: Pick<Headers, 'get'>): BudgetHeaders {
  const requests = parseHeaderNumber(headers.get(RATE_LIMIT_HEADERS.requests))
  const dop = parseHeaderNumber(headers.get(RATE_LIMIT_HEADERS.dopHint))
  return {
    requestsRemaining: requests === null ? null : Math.floor(requests),
    executionSecondsRemaining: parseHeaderNumber(headers.get(RATE_LIMIT_HEADERS.executionTime)),
    dopHint: dop === null ? null : Math.floor(dop),
  }
}

export function hasBudget(budget: BudgetHeaders): boolean {
  return budget.requestsRemaining !== null || budget.executionSecondsRemaining !== null || budget.dopHint !== null
}

export interface ThrottleReason {
  /** Null when neither the code nor the message is one of the three documented limits. */
  readonly limit: ServiceProtectionLimit | null
  /** The error code as Dataverse sent it, or null. */
  readonly code: string | null
  /** Dataverse's message, capped; empty when the body had none. */
  readonly message: string
}

const MAX_MESSAGE = 500

/** Which limit a 429's body names: its `error.code` first, else the documented wording. */
export function throttleReason(body: string): ThrottleReason {
  let code: string | null = null
  let message = ''
  try {
    const parsed = JSON.parse(body) as { error?: { code?: unknown; message?: unknown } }
    if (typeof parsed.error?.code === 'string' && parsed.error.code) code = parsed.error.code.slice(0, 40)
    if (typeof parsed.error?.message === 'string') message = parsed.error.message.slice(0, MAX_MESSAGE)
  } catch {
    message = body.trim().slice(0, MAX_MESSAGE)
  }
  const wanted = code?.toLowerCase()
  const byCode = LIMIT_CODES.find((entry) => entry.hex === wanted || entry.decimal === wanted)
  const byMessage = LIMIT_MESSAGES.find((entry) => entry.pattern.test(message))
  return { limit: byCode?.limit ?? byMessage?.limit ?? null, code, message }
}
