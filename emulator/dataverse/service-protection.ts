/**
 * Dataverse service-protection limits per user (wire §5.1): requests per sliding window and
 * concurrent requests. Rejections are 429 with `Retry-After` and the documented codes; every
 * admitted request gets the `x-ms-ratelimit-*` headers. The window follows the emulator's clock,
 * so tests move time instead of waiting.
 */
import { CODES, fail } from './errors'

export interface Limits {
  readonly windowRequests: number
  readonly windowSeconds: number
  readonly concurrent: number
}

/** Combined execution time per window (wire §5.1): 20 minutes. */
const EXECUTION_BUDGET_MS = 1_200_000

const grouped = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })

class UserWindow {
  times: number[] = []
  head = 0
  inFlight = 0
  executions: { at: number; ms: number }[] = []

  prune(from: number): void {
    while (this.head < this.times.length && (this.times[this.head] as number) <= from) this.head++
    if (this.head > 1024 && this.head * 2 > this.times.length) {
      this.times = this.times.slice(this.head)
      this.head = 0
    }
    while (this.executions.length > 0 && (this.executions[0]?.at ?? 0) <= from) this.executions.shift()
  }

  get count(): number {
    return this.times.length - this.head
  }
}

export interface Admission {
  readonly headers: Readonly<Record<string, string>>
  release(): void
}

export class ServiceProtection {
  private readonly users = new Map<string, UserWindow>()

  constructor(
    readonly limits: Limits,
    private readonly now: () => number,
  ) {}

  /** Admits a request of `user` or throws the 429 Dataverse answers. */
  admit(user: string): Admission {
    const window = this.users.get(user) ?? new UserWindow()
    this.users.set(user, window)
    const now = this.now()
    const windowMs = this.limits.windowSeconds * 1000
    window.prune(now - windowMs)
    if (window.inFlight >= this.limits.concurrent) {
      fail(
        429,
        CODES.throttledConcurrency,
        `Number of concurrent requests exceeded the limit of ${this.limits.concurrent}.`,
        { 'Retry-After': '1' },
      )
    }
    if (window.count >= this.limits.windowRequests) {
      const oldest = window.times[window.head] as number
      const retryAfter = Math.max(1, Math.ceil((oldest + windowMs - now) / 1000))
      fail(
        429,
        CODES.throttledRequests,
        `Number of requests exceeded the limit of ${this.limits.windowRequests} over time window of ${this.limits.windowSeconds} seconds.`,
        { 'Retry-After': String(retryAfter) },
      )
    }
    window.times.push(now)
    window.inFlight++
    const used = window.executions.reduce((sum, e) => sum + e.ms, 0)
    const started = Date.now()
    let released = false
    return {
      headers: {
        'x-ms-ratelimit-burst-remaining-xrm-requests': String(this.limits.windowRequests - window.count),
        'x-ms-ratelimit-time-remaining-xrm-requests': grouped.format(Math.max(0, EXECUTION_BUDGET_MS - used)),
      },
      release: () => {
        if (released) return
        released = true
        window.inFlight--
        window.executions.push({ at: this.now(), ms: Date.now() - started })
      },
    }
  }

  /** Headers for responses that are not admitted as a user's request (401, org-level faults). */
  idleHeaders(): Record<string, string> {
    return {
      'x-ms-ratelimit-burst-remaining-xrm-requests': String(this.limits.windowRequests),
      'x-ms-ratelimit-time-remaining-xrm-requests': grouped.format(EXECUTION_BUDGET_MS),
    }
  }
}
