import { ResultShaper } from '@common/query/result-set'

/**
 * The last answer of an operation for the JSON and raw views. A JSON object or array is kept as the
 * text it came as, not as the parsed value: up to 32 recent results stay here, and a flat string is
 * nothing for the garbage collector to trace, while the parsed rows of a 5,000-row page are tens of
 * thousands of objects that every full collection would walk again. The views re-parse on demand.
 */
export interface LastBody {
  readonly statusLine: string
  readonly headers: Record<string, string>
  readonly body: { readonly json: string } | { readonly value: unknown }
}

interface Operation {
  readonly controller: AbortController
  readonly shaper: ResultShaper
  /** Sent again with every next page: the page size and annotations must not change mid-way. */
  readonly headers: Record<string, string>
  /** The last page's answer for the JSON and raw views, kept only for the latest operations. */
  lastBody: LastBody | null
}

/**
 * Running and recent queries by the caller's operation id: their cancel switch, the column order
 * that later pages must keep, and the last answer for the raw view. Bounded, oldest dropped first.
 */
export class QueryOperations {
  private readonly operations = new Map<string, Operation>()

  constructor(private readonly limit = 32) {}

  start(
    operationId: string,
    selectOrder: readonly string[],
    headers: Record<string, string>,
    parent?: AbortSignal,
  ): Operation {
    this.operations.get(operationId)?.controller.abort(new Error('replaced by a new run'))
    const controller = new AbortController()
    if (parent) {
      if (parent.aborted) controller.abort(parent.reason)
      else parent.addEventListener('abort', () => controller.abort(parent.reason), { once: true })
    }
    const operation: Operation = { controller, shaper: new ResultShaper(selectOrder), headers, lastBody: null }
    this.operations.delete(operationId)
    this.operations.set(operationId, operation)
    while (this.operations.size > this.limit) {
      const oldest = this.operations.keys().next().value
      if (oldest === undefined) break
      this.operations.delete(oldest)
    }
    return operation
  }

  get(operationId: string): Operation | undefined {
    return this.operations.get(operationId)
  }

  /** A follow-up request (next page) of a known operation, with a fresh cancel switch. */
  resume(operationId: string, parent?: AbortSignal): Operation | undefined {
    const known = this.operations.get(operationId)
    if (!known) return undefined
    const controller = new AbortController()
    if (parent) parent.addEventListener('abort', () => controller.abort(parent.reason), { once: true })
    const resumed: Operation = { controller, shaper: known.shaper, headers: known.headers, lastBody: known.lastBody }
    this.operations.set(operationId, resumed)
    return resumed
  }

  cancel(operationId: string): boolean {
    const operation = this.operations.get(operationId)
    if (!operation || operation.controller.signal.aborted) return false
    operation.controller.abort(new Error('cancelled by the user'))
    return true
  }
}
