import type { FetchAllSummary, QueryProgress } from '../../../common/query/execution'
import type { ResultPage, ResultShaper } from '../../../common/query/result-set'
import type { DataverseClient } from '../client'
import { AppFailure, isAppFailure } from '../../../common/result'
import { sendPage, type PageAnswer } from './execute'

/** 502/503/504 on a page GET are transient: the same link is asked again, so nothing is lost or repeated. */
const TRANSIENT = new Set([502, 503, 504])
export const PAGE_RETRIES = 3

function isTransient(error: unknown): boolean {
  return isAppFailure(error) && error.code === 'DATAVERSE_ERROR' && TRANSIENT.has(Number(error.details?.status))
}

function delay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms)
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer)
        reject(signal.reason instanceof Error ? signal.reason : new AppFailure({ code: 'CANCELLED', message: 'Cancelled.', cause: 'You stopped it.', next: 'Run it again.' }))
      },
      { once: true },
    )
  })
}

export interface FetchAllOptions {
  readonly operationId: string
  readonly method: string
  readonly path: string
  readonly headers: Record<string, string>
  readonly shaper: ResultShaper
  readonly maxRows: number
  readonly signal: AbortSignal
  /** Each page as it is shaped; awaited, so a slow consumer (a file) slows the fetching down. */
  readonly onPage: (page: ResultPage, answer: PageAnswer) => Promise<void> | void
  readonly onProgress?: (progress: QueryProgress) => void
}

function truncate(page: ResultPage, rows: number): ResultPage {
  return { columns: page.columns, rows: page.rows.slice(0, rows), formatted: page.formatted.map((values) => values?.slice(0, rows) ?? null) }
}

/**
 * Follows `@odata.nextLink` to the end, to the row cap, or until cancelled. The next page is
 * requested as soon as the current one's link is known, so the server works on page N+1 while
 * page N is shaped and handed on. Every link goes through the client, which refuses other hosts.
 */
export async function fetchAll(client: DataverseClient, options: FetchAllOptions): Promise<FetchAllSummary> {
  const started = performance.now()
  let rows = 0
  let pages = 0
  let throttled: number | null = null
  const progress = () =>
    options.onProgress?.({ operationId: options.operationId, rows, pages, elapsedMs: Math.round(performance.now() - started), throttledSeconds: throttled })
  const onThrottle = (secondsLeft: number) => {
    throttled = secondsLeft > 0 ? secondsLeft : null
    progress()
  }
  const send = async (path: string): Promise<PageAnswer> => {
    for (let attempt = 0; ; attempt++) {
      try {
        return await sendPage(client, { operationId: options.operationId, method: options.method, path, headers: options.headers }, options.shaper, {
          signal: options.signal,
          onThrottle,
        })
      } catch (error) {
        if (attempt >= PAGE_RETRIES || !isTransient(error) || options.signal.aborted) throw error
        await delay(250 * 2 ** attempt, options.signal)
      }
    }
  }

  const summary = (capped: boolean, cancelled: boolean): FetchAllSummary => ({
    operationId: options.operationId,
    rows,
    pages,
    elapsedMs: Math.round(performance.now() - started),
    capped,
    cancelled,
  })

  let pending: Promise<PageAnswer> | null = send(options.path)
  try {
    while (pending) {
      const answer: PageAnswer = await pending
      pending = null
      throttled = null
      const body = answer.result.body
      if (body.kind !== 'rows') {
        pages++
        progress()
        return summary(false, false)
      }
      const room = options.maxRows - rows
      const capped = body.page.rows.length > room || (body.page.rows.length === room && body.nextLink !== null)
      if (body.nextLink && !capped && !options.signal.aborted) pending = send(body.nextLink)
      const page = body.page.rows.length > room ? truncate(body.page, room) : body.page
      rows += page.rows.length
      pages++
      await options.onPage(page, answer)
      progress()
      if (capped) return summary(true, false)
      // Cancelled between pages: the prefetched page is dropped (its abort is expected) and the run says so.
      if (body.nextLink && options.signal.aborted) {
        pending?.catch(() => undefined)
        return summary(false, true)
      }
    }
    return summary(false, false)
  } catch (error) {
    // A prefetched page that is no longer wanted must not surface as an unhandled rejection.
    pending?.catch(() => undefined)
    if (options.signal.aborted) return summary(false, true)
    throw error
  }
}
