/**
 * The service-protection budget per connection, as the connection's own Dataverse responses
 * report it: the latest `x-ms-ratelimit-*` values and the last 429 (which limit, Retry-After,
 * when). Fed by the transport's response observer; holds numbers and Dataverse's 429 message
 * only, never a header value beyond those, a body, or a token.
 */
import { parseRetryAfter } from './transport'
import { hasBudget, readBudgetHeaders, throttleReason, type ServiceProtectionLimit } from './service-protection'
import type { DataverseResponseInfo } from './types'

interface ThrottleRecord {
  readonly limit: ServiceProtectionLimit | null
  readonly code: string | null
  readonly message: string
  /** Seconds Dataverse asked for, or null when the 429 had no readable Retry-After. */
  readonly retryAfterSeconds: number | null
  /** ISO instant the 429 arrived. */
  readonly at: string
  /** ISO instant Retry-After passes; null without one. */
  readonly retryAt: string | null
}

export interface BudgetRecord {
  readonly connectionId: string
  /** Dataverse responses seen for this connection in this session. */
  readonly responses: number
  /** ISO instant of the last response that carried budget headers; null before one. */
  readonly observedAt: string | null
  readonly requestsRemaining: number | null
  readonly executionSecondsRemaining: number | null
  readonly dopHint: number | null
  readonly lastThrottle: ThrottleRecord | null
}

export type BudgetListener = (record: BudgetRecord) => void

function emptyBudget(connectionId: string): BudgetRecord {
  return {
    connectionId,
    responses: 0,
    observedAt: null,
    requestsRemaining: null,
    executionSecondsRemaining: null,
    dopHint: null,
    lastThrottle: null,
  }
}

export class ServiceProtectionBudgets {
  readonly #records = new Map<string, BudgetRecord>()
  readonly #listeners = new Set<BudgetListener>()

  get(connectionId: string): BudgetRecord {
    return this.#records.get(connectionId) ?? emptyBudget(connectionId)
  }

  /** Notes one Dataverse response of `connectionId`; a 429's body is read for the limit it names. */
  async record(connectionId: string, response: DataverseResponseInfo): Promise<void> {
    // Read first: responses of one connection may overlap, and each must build on the latest record.
    const throttleBody = response.status === 429 ? ((await response.body) ?? '') : null
    const before = this.get(connectionId)
    const budget = readBudgetHeaders(response.headers)
    let next: BudgetRecord = {
      ...before,
      responses: before.responses + 1,
      ...(hasBudget(budget)
        ? {
            observedAt: response.at.toISOString(),
            requestsRemaining: budget.requestsRemaining ?? before.requestsRemaining,
            executionSecondsRemaining: budget.executionSecondsRemaining ?? before.executionSecondsRemaining,
            dopHint: budget.dopHint ?? before.dopHint,
          }
        : {}),
    }
    if (throttleBody !== null) {
      const retryAfterSeconds = parseRetryAfter(response.headers.get('retry-after'), response.at.getTime())
      next = {
        ...next,
        lastThrottle: {
          ...throttleReason(throttleBody),
          retryAfterSeconds,
          at: response.at.toISOString(),
          retryAt:
            retryAfterSeconds === null
              ? null
              : new Date(response.at.getTime() + retryAfterSeconds * 1000).toISOString(),
        },
      }
    }
    this.#records.set(connectionId, next)
    for (const listener of this.#listeners) listener(next)
  }

  /** Forgets a connection's budget (it was deleted or changed environment). */
  forget(connectionId: string): void {
    if (!this.#records.delete(connectionId)) return
    const cleared = emptyBudget(connectionId)
    for (const listener of this.#listeners) listener(cleared)
  }

  subscribe(listener: BudgetListener): () => void {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }
}
