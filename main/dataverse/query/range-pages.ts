/**
 * Reading the pages of a parallel fetch-all's key ranges: their key bounds and order, their
 * nextLink, and the failures that stop the run or send it back to paging one page at a time.
 */
import { AppFailure, isAppFailure } from '@common/result'
import { compareSqlGuids, sqlGuidNumber } from '@common/query/sql-guid-order'
import type { DataverseResponse } from '../client'

export function outOfOrder(key: string, detail: string): AppFailure {
  return new AppFailure({
    code: 'DATAVERSE_ERROR',
    message: `Fetch all stopped: a page of the ${key} ranges came back ${detail}.`,
    cause:
      'The parallel fetch splits the table into ranges of its primary key and relies on the server ordering and filtering GUIDs as SQL Server does (as Dataverse does).',
    next: 'The rows fetched so far were delivered. Run it again with a $orderby on another column to fetch it page by page.',
    details: { protocol: 'key-range-order', key },
  })
}

/** A page's row count, its first and last keys as numbers in SQL Server's order, and whether its rows ascend. */
export interface Bounds {
  readonly count: number
  readonly first: bigint | null
  readonly last: bigint | null
  readonly ordered: boolean
}

/**
 * The first and last keys of a page, and whether its rows are in strictly ascending key order
 * (SQL Server's); null when the answer is not a collection or a row has no GUID key.
 */
export function pageBounds(response: DataverseResponse, key: string): Bounds | null {
  const body = response.body
  const rows = body && typeof body === 'object' ? (body as { value?: unknown }).value : null
  if (!Array.isArray(rows)) return null
  let previous: string | null = null
  let ordered = true
  for (const row of rows) {
    const value = row && typeof row === 'object' ? (row as Record<string, unknown>)[key] : undefined
    if (typeof value !== 'string') return null
    if (previous !== null && compareSqlGuids(previous, value) >= 0) ordered = false
    previous = value
  }
  const edge = (row: unknown) => sqlGuidNumber(String((row as Record<string, unknown>)[key]))
  const first = rows.length ? edge(rows[0]) : null
  const last = rows.length ? edge(rows.at(-1)) : null
  if (rows.length && (first === null || last === null)) return null
  return { count: rows.length, first, last, ordered }
}

/** How many keys a page spans; only a page of two rows or more says how densely its keys sit. */
export const widthOf = (keys: Bounds): bigint | null =>
  keys.count > 1 && keys.first !== null && keys.last !== null ? keys.last - keys.first : null

export function nextLinkOf(response: DataverseResponse): string | null {
  const body = response.body as { '@odata.nextLink'?: unknown } | null
  return typeof body?.['@odata.nextLink'] === 'string' ? body['@odata.nextLink'] : null
}

/** Whether a failure of the first ranged page means the server cannot filter by key (a virtual table, say). */
export function refusesRanges(error: unknown): boolean {
  return isAppFailure(error) && error.code === 'DATAVERSE_ERROR' && [400, 501].includes(Number(error.details?.status))
}

export function refusedReason(error: unknown): string {
  const status = isAppFailure(error) ? Number(error.details?.status) : 0
  return `the server refused a primary-key range filter (HTTP ${status})`
}
