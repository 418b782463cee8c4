/**
 * A primary-key seek, as SQL Server does on a clustered index: when `$filter` bounds the primary
 * key (`accountid gt X and accountid le Y and …`, at its top level) and the rows are read in key
 * order, the scan starts at X and stops after Y instead of testing every row. The whole filter
 * still decides which rows match; the bounds only skip rows it would refuse, so answers do not
 * change, only the time a key-range query takes on 50,000 rows.
 */
import type { Expression } from '@common/odata'
import { compareGuids } from './guid-order'

interface KeyBound {
  readonly id: string
  readonly inclusive: boolean
}

export interface KeyBounds {
  readonly lower?: KeyBound
  readonly upper?: KeyBound
}

function conjuncts(expression: Expression): Expression[] {
  if (expression.kind === 'binary' && expression.operator === 'and')
    return [...conjuncts(expression.left), ...conjuncts(expression.right)]
  return [expression]
}

function tighter(a: KeyBound | undefined, b: KeyBound, lower: boolean): KeyBound {
  if (!a) return b
  const c = compareGuids(a.id, b.id)
  if (c === 0) return a.inclusive ? b : a
  return (lower ? c > 0 : c < 0) ? a : b
}

/** The key bounds a filter's top-level `and` sets on `key`, or null when it sets none. */
export function keyBounds(filter: Expression | undefined, key: string): KeyBounds | null {
  if (!filter) return null
  let lower: KeyBound | undefined
  let upper: KeyBound | undefined
  for (const part of conjuncts(filter)) {
    if (part.kind !== 'binary' || part.left.kind !== 'path' || part.right.kind !== 'literal') continue
    if (part.left.segments.length !== 1 || part.left.segments[0]?.name.toLowerCase() !== key.toLowerCase()) continue
    if (part.right.type !== 'guid' || typeof part.right.value !== 'string') continue
    const id = part.right.value.toLowerCase()
    if (part.operator === 'gt' || part.operator === 'ge')
      lower = tighter(lower, { id, inclusive: part.operator === 'ge' }, true)
    else if (part.operator === 'lt' || part.operator === 'le')
      upper = tighter(upper, { id, inclusive: part.operator === 'le' }, false)
  }
  return lower || upper ? { ...(lower ? { lower } : {}), ...(upper ? { upper } : {}) } : null
}

/** Whether a key is past the upper bound, so no later row (in key order) can match. */
export function pastUpper(bounds: KeyBounds, id: string): boolean {
  if (!bounds.upper) return false
  const c = compareGuids(id, bounds.upper.id)
  return bounds.upper.inclusive ? c > 0 : c >= 0
}

/** The first index in key-ordered rows that the lower bound allows. */
export function lowerIndex(bounds: KeyBounds, length: number, idAt: (index: number) => string): number {
  const lower = bounds.lower
  if (!lower) return 0
  let lo = 0
  let hi = length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    const c = compareGuids(idAt(mid), lower.id)
    if (lower.inclusive ? c < 0 : c <= 0) lo = mid + 1
    else hi = mid
  }
  return lo
}
