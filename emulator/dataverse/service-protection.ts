/**
 * Dataverse service-protection limits per user (wire §5.1): requests and combined execution time
 * per sliding window, and concurrent requests. Rejections are 429 with `Retry-After` and the
 * documented codes; every admitted request gets the `x-ms-ratelimit-*` headers, the time one in
 * seconds as Microsoft's own capture shows it (`1,200.00` on a fresh window). The window follows
 * the emulator's clock, so tests move time instead of waiting; execution time is measured.
 */
import { CODES, fail } from './errors'

export interface Limits {
  readonly windowRequests: number
  readonly windowSeconds: number
  readonly concurrent: number
  /** Combined execution time per window; Dataverse: 20 minutes (wire §5.1). */
  readonly executionMs?: number
}

const EXECUTION_BUDGET_MS = 1_200_000

const grouped = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })
const whole = new Intl.NumberFormat('en-US')

/** Milliseconds of budget as the header writes them: seconds, grouped, two decimals. */
function seconds(ms: number): string {
  return grouped.format(Math.max(0, ms) / 1000)
}

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

  private readonly executionBudgetMs: number

  constructor(
    readonly limits: Limits,
    private readonly now: () => number,
    /** A monotonic clock in ms for how long each request runs. */
    private readonly elapsed: () => number = () => performance.now(),
  ) {
    this.executionBudgetMs = limits.executionMs ?? EXECUTION_BUDGET_MS
  }

  /** Seconds until `at` (emulator clock, ms) leaves the window, at least 1. */
  private secondsUntilOut(at: number, now: number): number {
    return Math.max(1, Math.ceil((at + this.limits.windowSeconds * 1000 - now) / 1000))
  }

  /** Dataverse's wording for 0x80072321 (wire §5). */
  executionTimeMessage(): string {
    return `Combined execution time of incoming requests exceeded limit of ${whole.format(this.executionBudgetMs)} milliseconds over time window of ${this.limits.windowSeconds} seconds. Decrease number of concurrent requests or reduce the duration of requests and try again later.`
  }

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
      fail(
        429,
        CODES.throttledRequests,
        `Number of requests exceeded the limit of ${this.limits.windowRequests} over time window of ${this.limits.windowSeconds} seconds.`,
        { 'Retry-After': String(this.secondsUntilOut(window.times[window.head] as number, now)) },
      )
    }
    const used = window.executions.reduce((sum, e) => sum + e.ms, 0)
    if (used >= this.executionBudgetMs) {
      fail(429, CODES.throttledExecutionTime, this.executionTimeMessage(), {
        'Retry-After': String(this.secondsUntilOut(window.executions[0]?.at ?? now, now)),
      })
    }
    window.times.push(now)
    window.inFlight++
    const started = this.elapsed()
    let released = false
    return {
      headers: {
        'x-ms-ratelimit-burst-remaining-xrm-requests': String(this.limits.windowRequests - window.count),
        'x-ms-ratelimit-time-remaining-xrm-requests': seconds(this.executionBudgetMs - used),
      },
      release: () => {
        if (released) return
        released = true
        window.inFlight--
        window.executions.push({ at: this.now(), ms: this.elapsed() - started })
      },
    }
  }

  /** Headers for responses that are not admitted as a user's request (401, org-level faults). */
  idleHeaders(): Record<string, string> {
    return {
      'x-ms-ratelimit-burst-remaining-xrm-requests': String(this.limits.windowRequests),
      'x-ms-ratelimit-time-remaining-xrm-requests': seconds(this.executionBudgetMs),
    }
  }
}
