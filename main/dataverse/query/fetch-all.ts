import type { FetchAllSummary, QueryProgress } from '@common/query/execution'
import type { ResultPage, ResultShaper } from '@common/query/result-set'
import type { DataverseClient } from '../client'
import { AppFailure, isAppFailure } from '@common/result'
import { sendPage, type PageAnswer } from './execute'
import { nextLinkCursor, type PageCursor } from './page-cursor'

/** 502/503/504 on a page GET are transient: the same link is asked again, so nothing is lost or repeated. */
const TRANSIENT = new Set([502, 503, 504])
const PAGE_RETRIES = 3

function isTransient(error: unknown): boolean {
  return isAppFailure(error) && error.code === 'DATAVERSE_ERROR' && TRANSIENT.has(Number(error.details?.status))
}

function delay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer)
      reject(
        signal.reason instanceof Error
          ? signal.reason
          : new AppFailure({
              code: 'CANCELLED',
              message: 'Cancelled.',
              cause: 'You stopped it.',
              next: 'Run it again.',
            }),
      )
    }
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    signal.addEventListener('abort', onAbort, { once: true })
  })
}

/** A macrotask turn: with an in-process server that never waits, timers (a cancel, a timeout) still get to run between pages. */
export const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

/**
 * A signal for one page that follows the operation's. Each request hangs its own abort listener
 * on the signal it is given and keeps it until the request is collected; giving it a per-page
 * signal, and unhooking that from the operation's when the page is done, leaves the operation's
 * signal with no listeners however many pages there are.
 */
async function withPageSignal<T>(operation: AbortSignal, run: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const page = new AbortController()
  const onAbort = () => page.abort(operation.reason)
  if (operation.aborted) page.abort(operation.reason)
  else operation.addEventListener('abort', onAbort, { once: true })
  try {
    return await run(page.signal)
  } finally {
    operation.removeEventListener('abort', onAbort)
  }
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
  /** How the next page is found; by default `@odata.nextLink`. */
  readonly cursor?: PageCursor
}

export function truncate(page: ResultPage, rows: number): ResultPage {
  return {
    columns: page.columns,
    rows: page.rows.slice(0, rows),
    formatted: page.formatted.map((values) => values?.slice(0, rows) ?? null),
  }
}

/**
 * Sends one page GET (first page or a link) on a per-page signal that follows `signal`, asking a
 * transient failure (502/503/504) again up to PAGE_RETRIES times. A 429 is waited out below, in
 * the transport, which calls onThrottle with the seconds left.
 */
function pageSender(
  client: DataverseClient,
  options: Pick<FetchAllOptions, 'operationId' | 'method' | 'headers' | 'shaper' | 'signal'> & {
    readonly onThrottle?: (secondsLeft: number) => void
  },
): (path: string) => Promise<PageAnswer> {
  return (path) =>
    withRetries(options.signal, (signal) =>
      sendPage(
        client,
        { operationId: options.operationId, method: options.method, path, headers: options.headers },
        options.shaper,
        { signal, onThrottle: options.onThrottle },
      ),
    )
}

/** Runs one page request on a per-page signal, asking a transient failure (502/503/504) again up to PAGE_RETRIES times. */
export async function withRetries<T>(operation: AbortSignal, run: (signal: AbortSignal) => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await withPageSignal(operation, run)
    } catch (error) {
      if (attempt >= PAGE_RETRIES || !isTransient(error) || operation.aborted) throw error
      await delay(250 * 2 ** attempt, operation)
    }
  }
}

/**
 * Follows the pages (`@odata.nextLink`, or FetchXML's paging cookie) to the end, to the row cap,
 * or until cancelled. The next page is requested as soon as the current one's link is known, so
 * the server works on page N+1 while page N is shaped and handed on. Every link goes through the
 * client, which refuses other hosts; the cursor stops a server that does not move on.
 */
export async function fetchAll(client: DataverseClient, options: FetchAllOptions): Promise<FetchAllSummary> {
  const started = performance.now()
  let rows = 0
  let pages = 0
  let throttled: number | null = null
  const progress = () =>
    options.onProgress?.({
      operationId: options.operationId,
      rows,
      pages,
      elapsedMs: Math.round(performance.now() - started),
      throttledSeconds: throttled,
    })
  const onThrottle = (secondsLeft: number) => {
    throttled = secondsLeft > 0 ? secondsLeft : null
    progress()
  }
  const send = pageSender(client, { ...options, onThrottle })

  const cursor = options.cursor ?? nextLinkCursor(options.path)
  const summary = (capped: boolean, cancelled: boolean): FetchAllSummary => {
    const notice = cursor.notice()
    return {
      operationId: options.operationId,
      rows,
      pages,
      elapsedMs: Math.round(performance.now() - started),
      capped,
      cancelled,
      paging: cursor.paging,
      ...(notice ? { notice } : {}),
    }
  }

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
      // A server that breaks the paging protocol still sent this page: it is handed on before the run stops.
      let next: string | null = null
      let broken: unknown = null
      try {
        next = cursor.next(answer)
      } catch (error) {
        broken = error
      }
      const capped = body.page.rows.length > room || (body.page.rows.length === room && next !== null)
      if (next && !capped && !options.signal.aborted) {
        pending = send(next)
        // Marked as handled at once: a cancel (or a failure of this page) rejects it before it is awaited, or when it never is.
        pending.catch(() => undefined)
      }
      const page = body.page.rows.length > room ? truncate(body.page, room) : body.page
      rows += page.rows.length
      pages++
      await options.onPage(page, answer)
      progress()
      await nextTurn()
      if (capped) return summary(true, false)
      if (broken) throw broken
      // Cancelled between pages: the prefetched page is dropped (its abort is expected) and the run says so.
      if (next && options.signal.aborted) return summary(false, true)
    }
    return summary(false, false)
  } catch (error) {
    if (options.signal.aborted) return summary(false, true)
    throw error
  }
}
