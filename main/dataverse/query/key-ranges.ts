/**
 * Primary-key ranges for a parallel fetch-all, as numbers in SQL Server's uniqueidentifier order
 * (sql-guid-order.ts), the order Dataverse filters and sorts GUIDs in. A range is (after, upTo]:
 * rows whose key is greater than `after` and at most `upTo`, either end open when null. Ranges
 * made here never overlap and always cover what they were cut from, so fetching every range
 * returns each row once.
 */
import { SQL_GUID_MAX } from '@common/query/sql-guid-order'

export interface KeyRange {
  /** Exclusive lower end; null: from the smallest key. */
  readonly after: bigint | null
  /** Inclusive upper end; null: to the largest key. */
  readonly upTo: bigint | null
}

export const WHOLE_KEY_SPACE: KeyRange = { after: null, upTo: null }

/**
 * The whole key space in `count` ranges of equal width. Where the keys are spread over the space
 * (random GUIDs, or ids from many servers) each holds about as many rows; where they bunch up
 * (sequential GUIDs from one server) most ranges come back empty at once and the busy one is cut
 * again by splitRemainder as soon as its first page shows how dense its keys are.
 */
export function splitEvenly(count: number, range: KeyRange = WHOLE_KEY_SPACE): KeyRange[] {
  const low = range.after ?? -1n
  const high = range.upTo ?? SQL_GUID_MAX
  const parts = BigInt(Math.max(1, Math.floor(count)))
  const width = high - low
  if (width < parts) return [range]
  const out: KeyRange[] = []
  let after = range.after
  for (let i = 1n; i < parts; i++) {
    const upTo = low + (width * i) / parts
    out.push({ after, upTo })
    after = upTo
  }
  out.push({ after, upTo: range.upTo })
  return out
}

/**
 * What is left of `range` after a page whose keys ran from `first` to `last` (ascending), cut
 * into at most `pieces` ranges. The page says how wide a page of keys is here, so each piece but
 * the last is three quarters of a page wide: the next rows most likely sit about as densely as
 * these, and a piece a little narrower than a page still comes back in one page where they sit a
 * little denser (a piece that needs a second page costs its range a whole extra round). The last
 * piece keeps the rest up to the range's end. When the rest is narrower than that, it is cut evenly.
 */
export function splitRemainder(range: KeyRange, first: bigint, last: bigint, pieces: number): KeyRange[] {
  const rest: KeyRange = { after: last, upTo: range.upTo }
  const high = range.upTo ?? SQL_GUID_MAX
  const count = Math.max(1, Math.floor(pieces))
  if (count === 1 || last >= high) return [rest]
  const pageWidth = last > first ? ((last - first) * 3n) / 4n || 1n : 1n
  if (pageWidth * BigInt(count) >= high - last) return splitEvenly(count, rest)
  const out: KeyRange[] = []
  let after = last
  for (let i = 1; i < count; i++) {
    const upTo = after + pageWidth
    out.push({ after, upTo })
    after = upTo
  }
  out.push({ after, upTo: range.upTo })
  return out
}

/** How many pages `width` keys wide fit in a range. */
export function pagesLeft(range: KeyRange, width: bigint): bigint {
  return ((range.upTo ?? SQL_GUID_MAX) - (range.after ?? -1n)) / (width < 1n ? 1n : width)
}

/** Whether a key falls inside a range. */
export function inRange(range: KeyRange, key: bigint): boolean {
  return (range.after === null || key > range.after) && (range.upTo === null || key <= range.upTo)
}
