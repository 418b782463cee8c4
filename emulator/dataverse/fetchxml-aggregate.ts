/**
 * FetchXML aggregation (`<fetch aggregate="true">`), as Microsoft's "Aggregate data using FetchXml"
 * describes it: `count`, `countcolumn` (with `distinct`), `sum`, `avg`, `min`, `max` per alias,
 * `groupby` columns with `dategrouping`, `<order alias>`, simple `count`/`page` paging over the
 * groups (never a paging cookie), and the 50,000-row limit (`aggregatelimit` may lower it).
 * Null values are left out of every aggregate; a group whose value is null has no such key.
 */
import type { Row, Value } from './data-generator'
import { fail } from './errors'
import { kindOf } from './filter'
import { formattedValue } from './format'
import { FORMATTED } from './prefer'
import { isLookupType, type ColumnDef } from './schema'
import type { OrgStore } from './store'

export const AGGREGATE_LIMIT = 50_000
const LIMIT_ERROR = '0x8004e023'
const FETCH_ERROR = '0x80041102'

type AggregateFunction = 'count' | 'countcolumn' | 'sum' | 'avg' | 'min' | 'max'
const FUNCTIONS = new Set<string>(['count', 'countcolumn', 'sum', 'avg', 'min', 'max'])
const DATE_GROUPINGS = new Set(['day', 'week', 'month', 'quarter', 'year', 'fiscal-period', 'fiscal-year'])

/** One `<attribute>` of an aggregate query, with how to read its value from a row of the fetch's entity. */
export interface AggregateAttribute {
  readonly alias: string | undefined
  readonly column: ColumnDef
  readonly aggregate: string | undefined
  readonly groupby: boolean
  readonly dategrouping: string | undefined
  readonly distinct: boolean
  readonly valueOf: (row: Row) => Value
}

export interface AggregateQuery {
  readonly attributes: readonly AggregateAttribute[]
  readonly orders: readonly {
    readonly alias: string | undefined
    readonly attribute: string | undefined
    readonly descending: boolean
  }[]
  /** The rows the filters and row-level security let through, in any order. */
  readonly rows: readonly Row[]
  readonly count: number | undefined
  readonly page: number
  readonly top: number | undefined
}

export interface AggregateOutput {
  readonly more: boolean
  readonly write: (wantsFormatted: boolean) => string
}

type Output =
  | { readonly kind: 'group'; readonly attribute: AggregateAttribute; readonly alias: string }
  | {
      readonly kind: 'aggregate'
      readonly attribute: AggregateAttribute
      readonly alias: string
      readonly fn: AggregateFunction
    }

function outputs(attributes: readonly AggregateAttribute[]): Output[] {
  const seen = new Set<string>()
  return attributes.map((attribute) => {
    const alias = attribute.alias
    if (!alias)
      return fail(
        400,
        FETCH_ERROR,
        `An aggregate query needs an alias on every <attribute> (the one for '${attribute.column.logicalName}' has none).`,
      )
    if (seen.has(alias.toLowerCase()))
      return fail(
        400,
        FETCH_ERROR,
        `The alias '${alias}' is used more than once; each column of an aggregate query needs its own alias.`,
      )
    seen.add(alias.toLowerCase())
    if (attribute.groupby) {
      if (attribute.dategrouping !== undefined && !DATE_GROUPINGS.has(attribute.dategrouping)) {
        fail(
          400,
          FETCH_ERROR,
          `The dategrouping '${attribute.dategrouping}' is not valid: use day, week, month, quarter, year, fiscal-period or fiscal-year.`,
        )
      }
      if (
        attribute.dategrouping !== undefined &&
        kindOf(attribute.column) !== 'datetime' &&
        kindOf(attribute.column) !== 'date'
      ) {
        fail(400, FETCH_ERROR, `dategrouping needs a date column; '${attribute.column.logicalName}' is not one.`)
      }
      return { kind: 'group', attribute, alias }
    }
    const fn = attribute.aggregate?.toLowerCase()
    if (!fn || !FUNCTIONS.has(fn)) {
      return fail(
        400,
        FETCH_ERROR,
        `The <attribute> '${alias}' of an aggregate query needs aggregate="count|countcolumn|sum|avg|min|max" or groupby="true".`,
      )
    }
    if ((fn === 'sum' || fn === 'avg') && kindOf(attribute.column) !== 'number') {
      fail(
        400,
        FETCH_ERROR,
        `The aggregate '${fn}' needs a number column; '${attribute.column.logicalName}' is not one.`,
      )
    }
    return { kind: 'aggregate', attribute, alias, fn: fn as AggregateFunction }
  })
}

/** SQL Server's DATEPART(week): week 1 holds 1 January, weeks start on Sunday (UTC). */
function weekOfYear(date: Date): number {
  const start = Date.UTC(date.getUTCFullYear(), 0, 1)
  const dayOfYear = Math.floor((date.getTime() - start) / 86_400_000)
  return Math.floor((dayOfYear + new Date(start).getUTCDay()) / 7) + 1
}

/** The date part a `dategrouping` names; fiscal periods follow the default fiscal year (quarters from January). */
function datePart(value: Value, grouping: string): Value {
  if (value === null) return null
  const date = new Date(String(value))
  if (Number.isNaN(date.getTime())) return null
  const year = date.getUTCFullYear()
  const quarter = Math.floor(date.getUTCMonth() / 3) + 1
  switch (grouping) {
    case 'day':
      return date.getUTCDate()
    case 'week':
      return weekOfYear(date)
    case 'month':
      return date.getUTCMonth() + 1
    case 'quarter':
      return quarter
    case 'year':
      return year
    case 'fiscal-period':
      return `Quarter ${quarter} FY${year}`
    default:
      return `FY${year}`
  }
}

function compareValues(a: Value | undefined, b: Value | undefined): number {
  const x = a ?? null
  const y = b ?? null
  if (x === y) return 0
  if (x === null) return -1
  if (y === null) return 1
  const left = typeof x === 'string' ? x.toLowerCase() : x
  const right = typeof y === 'string' ? y.toLowerCase() : y
  return left < right ? -1 : left > right ? 1 : 0
}

function aggregateOf(output: Extract<Output, { kind: 'aggregate' }>, rows: readonly Row[]): Value {
  if (output.fn === 'count') return rows.length
  const values: Value[] = []
  for (const row of rows) {
    const value = output.attribute.valueOf(row)
    if (value !== null && value !== undefined) values.push(value)
  }
  switch (output.fn) {
    case 'countcolumn':
      return output.attribute.distinct
        ? new Set(values.map((v) => (typeof v === 'string' ? v.toLowerCase() : v))).size
        : values.length
    case 'sum':
      return values.reduce<number>((total, v) => total + Number(v), 0)
    case 'avg': {
      if (values.length === 0) return null
      const mean = values.reduce<number>((total, v) => total + Number(v), 0) / values.length
      // AVG over a whole-number column is itself a whole number, as in SQL Server.
      return output.attribute.column.type === 'integer' || output.attribute.column.type === 'bigint'
        ? Math.trunc(mean)
        : mean
    }
    case 'min':
    case 'max': {
      if (values.length === 0) return null
      const sign = output.fn === 'min' ? 1 : -1
      return values.reduce((best, v) => (compareValues(v, best) * sign < 0 ? v : best))
    }
  }
}

function formatted(output: Output, value: Value, store: OrgStore, currencySymbol: string): string | undefined {
  if (value === null) return undefined
  if (
    typeof value === 'number' &&
    (output.kind === 'aggregate'
      ? output.fn === 'count' || output.fn === 'countcolumn'
      : output.attribute.dategrouping !== undefined)
  ) {
    return value.toLocaleString('en-US')
  }
  if (output.kind === 'group' && output.attribute.dategrouping !== undefined) return String(value)
  if (output.kind === 'group' && isLookupType(output.attribute.column.type))
    return store.lookupName(output.attribute.column, String(value))?.name ?? undefined
  return (
    formattedValue(output.attribute.column, value, currencySymbol) ??
    (typeof value === 'number' ? value.toLocaleString('en-US') : undefined)
  )
}

/** Groups, aggregates, orders and pages the rows; the caller has applied filters and security. */
export function runAggregate(query: AggregateQuery, store: OrgStore, currencySymbol: string): AggregateOutput {
  const columns = outputs(query.attributes)
  const groupOutputs = columns.filter((output): output is Extract<Output, { kind: 'group' }> => output.kind === 'group')
  const keyOf = (row: Row): Value[] =>
    groupOutputs.map((output) => {
      const value = output.attribute.valueOf(row) ?? null
      return output.attribute.dategrouping ? datePart(value, output.attribute.dategrouping) : value
    })
  const buckets = new Map<string, { key: Value[]; rows: Row[] }>()
  for (const row of query.rows) {
    const key = keyOf(row)
    const id = JSON.stringify(key.map((value) => (typeof value === 'string' ? value.toLowerCase() : value)))
    let bucket = buckets.get(id)
    if (!bucket) buckets.set(id, (bucket = { key, rows: [] }))
    bucket.rows.push(row)
  }
  // With no groupby there is exactly one result row, even over no rows at all.
  if (groupOutputs.length === 0 && buckets.size === 0) buckets.set('[]', { key: [], rows: [] })
  const groups = [...buckets.values()].map((bucket) => {
    const result: Record<string, Value> = {}
    let g = 0
    for (const output of columns)
      result[output.alias] = output.kind === 'group' ? (bucket.key[g++] ?? null) : aggregateOf(output, bucket.rows)
    return result
  })
  const orders = query.orders.map((order) => {
    if (!order.alias)
      return fail(
        400,
        FETCH_ERROR,
        `An aggregate query is ordered by alias: use <order alias="…"/> instead of <order attribute="${order.attribute ?? ''}"/>.`,
      )
    const output = columns.find((c) => c.alias.toLowerCase() === order.alias?.toLowerCase())
    if (!output)
      return fail(
        400,
        FETCH_ERROR,
        `The order alias '${order.alias}' is not the alias of any <attribute> in the query.`,
      )
    return { alias: output.alias, sign: order.descending ? -1 : 1 }
  })
  const sortBy = orders.length > 0 ? orders : groupOutputs.map((output) => ({ alias: output.alias, sign: 1 }))
  groups.sort((a, b) => {
    for (const order of sortBy) {
      const c = compareValues(a[order.alias], b[order.alias]) * order.sign
      if (c !== 0) return c
    }
    return 0
  })
  const size = Math.min(query.top ?? query.count ?? 5000, 5000)
  const start = query.top !== undefined ? 0 : (query.page - 1) * size
  const page = groups.slice(start, start + size)
  const more = query.top === undefined && groups.length > start + size
  return {
    more,
    write: (wantsFormatted) =>
      page
        .map((group) => {
          const members: string[] = []
          for (const output of columns) {
            const value = group[output.alias] ?? null
            if (value === null) continue
            const text = wantsFormatted ? formatted(output, value, store, currencySymbol) : undefined
            if (text !== undefined)
              members.push(`${JSON.stringify(`${output.alias}@${FORMATTED}`)}:${JSON.stringify(text)}`)
            members.push(`${JSON.stringify(output.alias)}:${JSON.stringify(value)}`)
          }
          return `{${members.join(',')}}`
        })
        .join(','),
  }
}

/** Refuses an aggregate over more rows than the limit, with Dataverse's error. */
export function checkAggregateLimit(rows: number, limit: number): void {
  if (rows > limit) fail(400, LIMIT_ERROR, 'AggregateQueryRecordLimit exceeded. Cannot perform this operation.')
}
