/**
 * Whether a fetch-all may be split into primary-key ranges and fetched in parallel, and the
 * request for one range. Splitting returns the same rows as following nextLink only when the
 * rows do not depend on their order or position: no `$top` (the first N by some order), no
 * `$orderby` other than the primary key, no `$apply` (aggregates and groupby are computed over
 * all rows), no `$skiptoken`, and a plain entity set (not a single record, navigation, function
 * or saved view). FetchXML pages with its own paging cookie and stays sequential.
 */
import { guidFromSqlNumber } from '@common/query/sql-guid-order'
import type { KeyRange } from './key-ranges'

export type SplitCandidate =
  | {
      readonly kind: 'candidate'
      readonly entitySet: string
      /** The query's other options, as sent (encoded). */
      readonly options: readonly string[]
      /** The `$filter` value as sent (encoded), or null. */
      readonly filter: string | null
      /** The `$orderby` value, decoded, or null. */
      readonly orderBy: string | null
    }
  | { readonly kind: 'sequential'; readonly reason: string }

const ENTITY_SET = /^[A-Za-z_][A-Za-z0-9_]*$/
/** Options that only make sense on other resources, or that change which rows come back by position. */
const RULED_OUT: Readonly<Record<string, string>> = {
  $top: 'the query has $top',
  $apply: 'the query aggregates with $apply',
  $skiptoken: 'the query starts from a $skiptoken',
  $skip: 'the query has $skip',
  $search: 'the query uses $search',
  savedquery: 'the query runs a saved view',
  userquery: 'the query runs a saved view',
  fetchxml: 'FetchXML pages with its own paging cookie',
}

function decode(value: string): string {
  try {
    return decodeURIComponent(value)
  } catch {
    return value
  }
}

/** The first look: what the request text allows, before the table's primary key is known. */
export function splitCandidate(request: {
  readonly method: string
  readonly path: string
  readonly fetchXml?: unknown
}): SplitCandidate {
  if (request.fetchXml) return { kind: 'sequential', reason: 'FetchXML pages with its own paging cookie' }
  if (request.method.toUpperCase() !== 'GET')
    return { kind: 'sequential', reason: `the request is a ${request.method}` }
  const question = request.path.indexOf('?')
  const resource = question < 0 ? request.path : request.path.slice(0, question)
  if (!ENTITY_SET.test(resource))
    return { kind: 'sequential', reason: 'the query reads a single record, a navigation or a function, not a table' }
  const options: string[] = []
  let filter: string | null = null
  let orderBy: string | null = null
  for (const part of question < 0 ? [] : request.path.slice(question + 1).split('&')) {
    if (!part) continue
    const equals = part.indexOf('=')
    const name = decode(equals < 0 ? part : part.slice(0, equals)).toLowerCase()
    const value = equals < 0 ? '' : part.slice(equals + 1)
    const ruledOut = RULED_OUT[name]
    if (ruledOut) return { kind: 'sequential', reason: ruledOut }
    if (name === '$filter') filter = value
    else if (name === '$orderby') orderBy = decode(value).trim()
    else options.push(part)
  }
  return { kind: 'candidate', entitySet: resource, options, filter, orderBy }
}

/** Null when the order allows splitting on `key` (none, or the key ascending), else why not. */
export function orderRulesOut(orderBy: string | null, key: string): string | null {
  if (orderBy === null || orderBy === '') return null
  const [column = '', direction = 'asc', ...rest] = orderBy.split(/\s+/)
  if (rest.length === 0 && column.toLowerCase() === key.toLowerCase() && direction.toLowerCase() === 'asc') return null
  return `the query is ordered by ${orderBy}`
}

/**
 * The request for one range: the query's own options, its filter and the range's bounds joined
 * with `and`, ordered by the key so each page ends at the highest key it holds. GUID literals
 * are unquoted in Dataverse's OData.
 */
export function rangePath(
  candidate: Extract<SplitCandidate, { kind: 'candidate' }>,
  key: string,
  range: KeyRange,
): string {
  const bounds: string[] = []
  if (range.after !== null) bounds.push(`${key} gt ${guidFromSqlNumber(range.after)}`)
  if (range.upTo !== null) bounds.push(`${key} le ${guidFromSqlNumber(range.upTo)}`)
  const encodedBounds = bounds.map((bound) => bound.replaceAll(' ', '%20'))
  const filter = [candidate.filter === null ? null : `(${candidate.filter})`, ...encodedBounds]
    .filter((part): part is string => part !== null)
    .join('%20and%20')
  const options = [...candidate.options, ...(filter ? [`$filter=${filter}`] : []), `$orderby=${key}%20asc`]
  return `${candidate.entitySet}?${options.join('&')}`
}
