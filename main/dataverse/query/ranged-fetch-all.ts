/**
 * Fetch-all in primary-key ranges, several at once. A real environment spends hundreds of
 * milliseconds of server time on each page, and following nextLink waits for the sum; ranges
 * of the key (fetch-mode.ts, key-ranges.ts) are independent queries, so up to the degree
 * Dataverse recommends (`x-ms-dop-hint`, never above 8) run side by side.
 *
 * - The rows are the sequential run's rows as a set: the ranges never overlap and together
 *   cover every key, each range is paged by its own nextLink in key order, and a range is only
 *   cut again at the highest key already delivered. Each page is checked to be in key order and
 *   inside its range, so a server that orders GUIDs differently stops the run instead of
 *   losing or repeating rows.
 * - Order: pages are handed on as they arrive, one at a time. Inside a page, and inside a
 *   range, rows are in primary-key order (SQL Server's GUID order); pages of different ranges
 *   interleave, so the whole is not sorted. A row cap keeps the first rows to arrive, not the
 *   lowest keys.
 * - A 429 is waited out by the transport (Retry-After); while any request is throttled the
 *   degree is halved for the rest of the run. Cancelling aborts every range at once.
 * - A page whose range goes on by its nextLink sends that request before the page is parsed
 *   (next-link-peek.ts): parsing waits while the request is on the server, instead of holding
 *   the other ranges' requests behind it. The peek claims only the link JSON.parse finds (tested),
 *   and every page is still checked (key order, inside its range) before it is handed on, in
 *   arrival order. A page is parsed only once no other answer's body is arriving
 *   (arriving-bodies.ts), so answers that come back together all send their next requests first.
 * - Ranges start evenly over the whole key space. Where the keys bunch up (Dataverse makes
 *   sequential GUIDs, so a table's ids sit in one small part of it), a range whose page arrives
 *   while slots are free is cut again from its last key, using the page's key width for the size
 *   of the next pieces. A page whose range holds many more pages, arriving while first pages of
 *   other ranges are out, holds its next request until it is parsed: those may come back empty
 *   in a moment, and the range is then cut into the slots they free instead of crawling on.
 */
import type { FetchAllStrategy, FetchAllSummary, QueryProgress } from '@common/query/execution'
import type { DataverseClient } from '../client'
import type { DataverseResponse } from '../client'
import { pageAnswer } from './execute'
import { fetchAll, nextTurn, truncate, withRetries, type FetchAllOptions } from './fetch-all'
import { orderRulesOut, rangePath, splitCandidate, type SplitCandidate } from './fetch-mode'
import { inRange, pagesLeft, splitEvenly, splitRemainder, WHOLE_KEY_SPACE, type KeyRange } from './key-ranges'
import { peekKeySpan, peekNextLink } from './next-link-peek'
import { arrivingBodies } from './arriving-bodies'
import { nextLinkGuard } from './page-cursor'
import { nextLinkOf, outOfOrder, pageBounds, refusedReason, refusesRanges, widthOf, type Bounds } from './range-pages'
import { degreeFor, knownDopHint, noteDopHint, primaryKeyOf } from './primary-key'

type Candidate = Extract<SplitCandidate, { kind: 'candidate' }>

interface Task {
  /** Narrowed once the page before it in the range is delivered (its last key is then known). */
  range: KeyRange
  /** The range's nextLink to follow, or null for its first page. */
  readonly link: string | null
  /** The key width of the page before it, once that page is parsed: how wide a page is here. */
  width: bigint | null
  /** Not sent until the page before it is delivered, when it may be cut into free slots instead (see arrived). */
  held: boolean
  /** The range's nextLink guard (page-cursor.ts): no link followed twice, no endless empty pages. */
  readonly follow: (nextLink: string | null, rows: number) => string | null
}

/** The task that pages on through the same range by its nextLink, under that range's guard. */
const restOf = (task: Task, range: KeyRange, link: string, width: bigint | null, held: boolean): Task => ({
  range,
  link,
  width,
  held,
  follow: task.follow,
})

/**
 * Decides the mode and runs it: key ranges in parallel when the query and the environment allow
 * it, otherwise the sequential fetchAll; the summary's `strategy` says which ran and why.
 */
export async function fetchAllAuto(client: DataverseClient, options: FetchAllOptions): Promise<FetchAllSummary> {
  const sequential = async (reason: string, degree = 1): Promise<FetchAllSummary> => {
    const strategy: FetchAllStrategy = { mode: 'sequential', degree, reason }
    return { ...(await fetchAll(client, options)), strategy }
  }
  const candidate = options.cursor
    ? ({ kind: 'sequential', reason: 'FetchXML pages with its own paging cookie' } as const)
    : splitCandidate(options)
  if (candidate.kind === 'sequential') return sequential(candidate.reason)
  let key: string | null
  try {
    key = await primaryKeyOf(client, candidate.entitySet, options.signal)
  } catch (error) {
    if (options.signal.aborted) throw error
    return sequential('the table definition could not be read to find its primary key')
  }
  if (key === null) return sequential(`no table has the entity set ${candidate.entitySet}`)
  const ordered = orderRulesOut(candidate.orderBy, key)
  if (ordered) return sequential(ordered)
  const hint = knownDopHint(client)
  if (hint === null) return sequential('Dataverse sent no x-ms-dop-hint')
  if (degreeFor(hint) === 1) return sequential(`x-ms-dop-hint is ${hint}`)
  try {
    return await fetchInRanges(client, options, candidate, key, degreeFor(hint))
  } catch (error) {
    if (error instanceof RangesRefused) return sequential(error.message)
    throw error
  }
}

class RangesRefused extends Error {}

async function fetchInRanges(
  client: DataverseClient,
  options: FetchAllOptions,
  candidate: Candidate,
  key: string,
  initialDegree: number,
): Promise<FetchAllSummary> {
  const started = performance.now()
  const stop = new AbortController()
  const onAbort = () => {
    stop.abort(options.signal.reason)
    finish()
  }
  if (options.signal.aborted) stop.abort(options.signal.reason)
  else options.signal.addEventListener('abort', onAbort, { once: true })

  let degree = initialDegree
  let degreeUsed = 0
  let throttleCap = Number.POSITIVE_INFINITY
  let throttled: number | null = null
  let rows = 0
  let pages = 0
  let ranges = 0
  let inflight = 0
  /** First pages of ranges in flight: answers that may come back empty and free their slots. */
  let firstPagesOut = 0
  let undelivered = 0
  let capped = false
  let failure: unknown = null
  let finished = false
  let delivery: Promise<void> = Promise.resolve()
  const queue: Task[] = []
  let resolveDone!: () => void
  const done = new Promise<void>((resolve) => (resolveDone = resolve))

  const progress = () =>
    options.onProgress?.({
      operationId: options.operationId,
      rows,
      pages,
      elapsedMs: Math.round(performance.now() - started),
      throttledSeconds: throttled,
    } satisfies QueryProgress)
  const onThrottle = (secondsLeft: number) => {
    if (secondsLeft > 0 && throttled === null) {
      throttleCap = Math.max(1, Math.ceil(degree / 2))
      degree = Math.min(degree, throttleCap)
    }
    throttled = secondsLeft > 0 ? secondsLeft : null
    progress()
  }
  // The answer as received; its JSON is parsed on first read of its body (see arrived).
  const bodies = arrivingBodies()
  const send = (path: string): Promise<DataverseResponse> =>
    withRetries(stop.signal, (signal) =>
      bodies.track((onHeaders) =>
        client.request({ method: options.method, path, headers: options.headers, signal, onThrottle, onHeaders }),
      ),
    )

  /** Ends the run on a failure, the cap or a cancel at once; otherwise when nothing is queued, in flight or undelivered. */
  const finish = (error: unknown = null) => {
    if (finished) return
    if (error !== null && failure === null) failure = error
    if (failure !== null || capped) stop.abort(failure ?? 'capped')
    const idle = inflight === 0 && queue.length === 0 && undelivered === 0
    if (!idle && !stop.signal.aborted) return
    finished = true
    resolveDone()
  }
  const enqueue = (range: KeyRange) => {
    ranges++
    queue.push({ range, link: null, width: null, held: false, follow: nextLinkGuard(rangePath(candidate, key, range)) })
  }
  /**
   * Cuts a queued range with two pages or more left into the slots nothing queued will take (its
   * nextLink is dropped: the pieces are new range queries from its last delivered key).
   */
  const cutIntoFreeSlots = () => {
    const free = degree - inflight - queue.filter((task) => !task.held).length
    if (free <= 0) return
    const index = queue.findIndex(
      (task) =>
        !task.held && task.width !== null && task.range.after !== null && pagesLeft(task.range, task.width) >= 2n,
    )
    const task = queue[index]
    if (!task || task.width === null || task.range.after === null) return
    queue.splice(index, 1)
    const last = task.range.after
    for (const piece of splitRemainder(task.range, last - task.width, last, free + 1)) enqueue(piece)
    ranges-- // the pieces replace the rest of this range rather than adding to it
  }
  const pump = () => {
    cutIntoFreeSlots()
    while (!stop.signal.aborted && inflight < degree && undelivered < degree * 2) {
      const index = queue.findIndex((task) => !task.held)
      if (index < 0) break
      const [task] = queue.splice(index, 1) as [Task]
      if (task.link === null) firstPagesOut++
      inflight++
      degreeUsed = Math.max(degreeUsed, inflight)
      const path = task.link ?? rangePath(candidate, key, task.range)
      send(path).then(
        (response) => {
          inflight--
          if (task.link === null) firstPagesOut--
          try {
            arrived(task, path, response)
          } catch (error) {
            finish(error)
          }
        },
        (error: unknown) => {
          inflight--
          if (task.link === null) firstPagesOut--
          finish(
            pages === 0 && refusesRanges(error) ? new RangesRefused(refusedReason(error), { cause: error }) : error,
          )
        },
      )
    }
    finish()
  }

  const arrived = (task: Task, path: string, response: DataverseResponse) => {
    const hint = noteDopHint(client, response.headers)
    if (hint !== null) degree = Math.min(degreeFor(hint), throttleCap)
    throttled = null
    const spare = degree - inflight - 1 - queue.length
    const peek = peekNextLink(response.text)
    if (peek.kind === 'end' || (peek.kind === 'link' && spare <= 0)) {
      // Read ahead: nothing to cut, so the next request leaves now and the page is parsed and
      // checked on delivery, while that request waits on the server.
      const link = peek.kind === 'link' ? task.follow(peek.link, 1) : null
      // Where this page is narrow for its range (keys bunched here, as Dataverse's sequential ids
      // are) while first pages of other ranges are out, those may come back empty in a moment:
      // the rest waits for this page's delivery, and is then cut into the slots they free.
      const span = link && firstPagesOut > 0 ? peekKeySpan(response.text, key) : null
      const wide = span !== null && pagesLeft({ after: span.last, upTo: task.range.upTo }, span.last - span.first) >= 2n
      const rest = link ? restOf(task, task.range, link, null, wide) : null
      if (rest) queue.unshift(rest)
      deliver(task, path, response, { rest, keys: null })
    } else {
      const keys = checkedBounds(task.range, response)
      const next = task.follow(nextLinkOf(response), keys.count)
      let rest: Task | null = null
      if (next && keys.first !== null && keys.last !== null) {
        const { first, last } = keys
        if (spare > 0) {
          for (const piece of splitRemainder(task.range, first, last, spare + 1)) enqueue(piece)
          ranges-- // the remainder replaces this range rather than adding to it
        } else {
          // The rest of this range follows its nextLink; it goes first so ranges finish rather than all crawl.
          rest = restOf(task, { after: last, upTo: task.range.upTo }, next, widthOf(keys), false)
          queue.unshift(rest)
        }
      }
      deliver(task, path, response, { rest, keys })
    }
    pump()
  }

  const deliver = (
    task: Task,
    path: string,
    response: DataverseResponse,
    ahead: { readonly rest: Task | null; readonly keys: Bounds | null },
  ) => {
    undelivered++
    delivery = delivery.then(async () => {
      try {
        // The other ranges' answers that have arrived, or are arriving, send their next requests
        // before this page is parsed.
        await nextTurn()
        await bodies.allIn()
        if (stop.signal.aborted) return
        const keys = ahead.keys ?? checkedBounds(task.range, response)
        // Delivered in arrival order, so the rest of the range is checked against this page's last key.
        if (ahead.rest && ahead.keys === null) {
          ahead.rest.range = { after: keys.last, upTo: task.range.upTo }
          ahead.rest.width = widthOf(keys)
          ahead.rest.held = false
        }
        const answer = pageAnswer(
          { operationId: options.operationId, method: options.method, path },
          response,
          options.shaper,
        )
        const body = answer.result.body
        if (body.kind !== 'rows' || body.single) throw outOfOrder(key, 'without a collection of rows')
        const room = options.maxRows - rows
        const more = ahead.rest !== null || queue.length > 0 || inflight > 0
        const page = body.page.rows.length > room ? truncate(body.page, room) : body.page
        if (body.page.rows.length > room || (body.page.rows.length === room && more)) capped = true
        rows += page.rows.length
        pages++
        await options.onPage(page, answer)
        progress()
        await nextTurn()
      } catch (error) {
        finish(error)
      } finally {
        undelivered--
      }
      if (capped) finish()
      else pump()
    })
  }

  /** The page's key bounds, after checking its rows are in key order and inside the range. */
  const checkedBounds = (range: KeyRange, response: DataverseResponse): Bounds => {
    const keys = pageBounds(response, key)
    if (keys === null) throw outOfOrder(key, `with a row that has no GUID ${key}`)
    if (!keys.ordered) throw outOfOrder(key, `out of ${key} order`)
    // In order, so the whole page is inside its range when its first and last rows are.
    for (const edge of [keys.first, keys.last])
      if (edge !== null && !inRange(range, edge)) throw outOfOrder(key, 'with a row outside its range')
    return keys
  }

  for (const range of splitEvenly(degree, WHOLE_KEY_SPACE)) enqueue(range)
  pump()
  try {
    await done
    await delivery
  } finally {
    options.signal.removeEventListener('abort', onAbort)
  }
  // Only before any page was handed on may the run start again page by page, or rows would repeat.
  if (failure instanceof RangesRefused) throw pages === 0 ? failure : failure.cause
  const cancelled = options.signal.aborted
  if (failure !== null && !cancelled) throw failure
  return {
    operationId: options.operationId,
    rows,
    pages,
    elapsedMs: Math.round(performance.now() - started),
    capped: capped && !cancelled,
    cancelled,
    paging: 'next-link',
    strategy: {
      mode: 'parallel',
      degree: degreeUsed,
      key,
      ranges,
      reason: `x-ms-dop-hint ${knownDopHint(client) ?? initialDegree}${throttleCap < Number.POSITIVE_INFINITY ? `, halved after a 429` : ''}`,
    },
  }
}
