/**
 * `$apply` aggregation, the subset Dataverse documents: `filter(…)`, `groupby((col,…))`,
 * `groupby((col,…),aggregate(…))` and `aggregate(…)` with sum, average, min, max,
 * countdistinct and `$count`, chained with `/`. Groups come back ordered by their columns,
 * a null group value is left out of its row, and formatted values follow the source column.
 */
import { parseFilter } from '@common/odata'
import { CODES, fail, propertyNotFound } from './errors'
import type { Row, Value } from './data-generator'
import { compileFilter, kindOf, type Predicate } from './filter'
import { formattedValue } from './format'
import type { PlanContext } from './plan'
import { FORMATTED, type Preferences } from './prefer'
import type { ColumnDef, TableDef } from './schema'

type Method = 'sum' | 'average' | 'min' | 'max' | 'countdistinct' | 'count'

interface Aggregate {
  readonly alias: string
  readonly method: Method
  /** Undefined for `$count`. */
  readonly column?: ColumnDef
}

type Step =
  | { readonly kind: 'filter'; readonly test: Predicate }
  | { readonly kind: 'groupby'; readonly columns: readonly ColumnDef[]; readonly aggregates: readonly Aggregate[] }
  | { readonly kind: 'aggregate'; readonly aggregates: readonly Aggregate[] }

const METHODS: Readonly<Record<string, Method>> = {
  sum: 'sum',
  average: 'average',
  avg: 'average',
  min: 'min',
  max: 'max',
  countdistinct: 'countdistinct',
}

const invalid = (message: string): never => fail(400, CODES.odataError, `Invalid $apply: ${message}`)

/** Splits on `separator` outside parentheses and quotes. */
function splitTopLevel(text: string, separator: string): string[] {
  const parts: string[] = []
  let depth = 0
  let quoted = false
  let current = ''
  for (const char of text) {
    if (char === "'") quoted = !quoted
    else if (!quoted && char === '(') depth++
    else if (!quoted && char === ')') depth--
    if (!quoted && depth === 0 && char === separator) {
      parts.push(current.trim())
      current = ''
    } else current += char
  }
  if (depth !== 0 || quoted) invalid(`unbalanced parentheses or quotes in '${text}'.`)
  parts.push(current.trim())
  return parts
}

/** `name(inner)` → [name, inner]. */
function call(text: string): [string, string] {
  const match = /^([A-Za-z]+)\s*\(([\s\S]*)\)$/.exec(text.trim())
  if (!match) return invalid(`expected filter(…), groupby(…) or aggregate(…), not '${text}'.`)
  return [(match[1] as string).toLowerCase(), match[2] as string]
}

function columnOf(table: TableDef, name: string, context: PlanContext): ColumnDef {
  return (
    context.store.index.column(table, name) ??
    context.store.index.columnByLogicalName(table, name) ??
    propertyNotFound(table, name)
  )
}

function aggregates(text: string, table: TableDef, context: PlanContext): Aggregate[] {
  return splitTopLevel(text, ',').map((item) => {
    const count = /^\$count\s+as\s+([A-Za-z_]\w*)$/.exec(item)
    if (count) return { alias: count[1] as string, method: 'count' }
    const match = /^([A-Za-z_]\w*)\s+with\s+([A-Za-z]+)\s+as\s+([A-Za-z_]\w*)$/.exec(item)
    const method = match ? METHODS[(match[2] as string).toLowerCase()] : undefined
    if (!match || !method)
      return invalid(
        `write '<column> with sum|average|min|max|countdistinct as <alias>' or '$count as <alias>', not '${item}'.`,
      )
    const column = columnOf(table, match[1] as string, context)
    if ((method === 'sum' || method === 'average') && kindOf(column) !== 'number')
      invalid(`${method} needs a number column; '${column.logicalName}' is not one.`)
    return { alias: match[3] as string, method, column }
  })
}

export function parseApply(text: string, table: TableDef, context: PlanContext): Step[] {
  return splitTopLevel(text, '/').map((part): Step => {
    const [name, inner] = call(part)
    if (name === 'filter') {
      const parsed = parseFilter(inner)
      if (!parsed.ok) return invalid(`${parsed.error.message} in filter(${inner}).`)
      return {
        kind: 'filter',
        test: compileFilter(parsed.value, {
          table,
          store: context.store,
          now: context.now,
          caller: context.caller,
          aliases: context.aliases,
        }),
      }
    }
    if (name === 'aggregate') return { kind: 'aggregate', aggregates: aggregates(inner, table, context) }
    if (name === 'groupby') {
      const [list = '', rest, ...extra] = splitTopLevel(inner, ',')
      const columns = /^\(([\s\S]*)\)$/.exec(list)?.[1]
      if (columns === undefined || extra.length > 0)
        return invalid(`write groupby((col1,col2)) or groupby((col1),aggregate(…)), not groupby(${inner}).`)
      const grouped = splitTopLevel(columns, ',').map((c) => columnOf(table, c, context))
      if (rest === undefined) return { kind: 'groupby', columns: grouped, aggregates: [] }
      const [restName, restInner] = call(rest)
      if (restName !== 'aggregate') invalid(`groupby takes aggregate(…) as its second argument, not ${restName}(…).`)
      return { kind: 'groupby', columns: grouped, aggregates: aggregates(restInner, table, context) }
    }
    return fail(
      501,
      CODES.notSupported,
      `The $apply transformation '${name}' is not supported by this emulator (filter, groupby and aggregate are).`,
    )
  })
}

function compute(aggregate: Aggregate, rows: readonly Row[]): Value {
  if (aggregate.method === 'count') return rows.length
  const name = (aggregate.column as ColumnDef).wireName
  const values = rows.map((row) => row[name] ?? null).filter((value): value is Exclude<Value, null> => value !== null)
  switch (aggregate.method) {
    case 'countdistinct':
      return new Set(values).size
    case 'sum':
      return values.reduce<number>((total, value) => total + Number(value), 0)
    case 'average':
      return values.length === 0
        ? null
        : values.reduce<number>((total, value) => total + Number(value), 0) / values.length
    case 'min':
      return values.length === 0 ? null : values.reduce((a, b) => (b < a ? b : a))
    case 'max':
      return values.length === 0 ? null : values.reduce((a, b) => (b > a ? b : a))
  }
}

const COUNT_COLUMN: ColumnDef = {
  logicalName: 'count',
  schemaName: 'Count',
  displayName: 'Count',
  type: 'integer',
  wireName: 'count',
}

/** The column whose formatting an aggregate value takes (a count formats as a whole number). */
const formatColumn = (aggregate: Aggregate): ColumnDef =>
  aggregate.method === 'count' || aggregate.method === 'countdistinct' || !aggregate.column
    ? COUNT_COLUMN
    : aggregate.column

export interface ApplyResult {
  readonly rows: Record<string, Value>[]
}

/** Runs the steps over the rows the caller may see; output rows are plain objects in Dataverse's member order. */
export function runApply(
  steps: readonly Step[],
  source: readonly Row[],
  prefer: Preferences,
  currencySymbol: string,
): ApplyResult {
  let rows: readonly Row[] = source
  const formatted = prefer.wants(FORMATTED)
  const member = (out: Record<string, Value>, name: string, column: ColumnDef, value: Value): void => {
    const text = formatted ? formattedValue(column, value, currencySymbol) : undefined
    if (text !== undefined) out[`${name}@${FORMATTED}`] = text
    out[name] = value
  }
  for (const step of steps) {
    if (step.kind === 'filter') {
      rows = rows.filter(step.test)
      continue
    }
    if (step.kind === 'aggregate') {
      const out: Record<string, Value> = {}
      for (const aggregate of step.aggregates)
        member(out, aggregate.alias, formatColumn(aggregate), compute(aggregate, rows))
      return { rows: [out] }
    }
    const groups = new Map<string, Row[]>()
    for (const row of rows) {
      const key = JSON.stringify(step.columns.map((column) => row[column.wireName] ?? null))
      const group = groups.get(key)
      if (group) group.push(row)
      else groups.set(key, [row])
    }
    const ordered = [...groups.entries()].sort(([a], [b]) =>
      compareKeys(JSON.parse(a) as Value[], JSON.parse(b) as Value[]),
    )
    return {
      rows: ordered.map(([key, members]) => {
        const values = JSON.parse(key) as Value[]
        const out: Record<string, Value> = {}
        step.columns.forEach((column, i) => {
          const value = values[i] ?? null
          if (value !== null) member(out, column.wireName, column, value)
        })
        for (const aggregate of step.aggregates)
          member(out, aggregate.alias, formatColumn(aggregate), compute(aggregate, members))
        return out
      }),
    }
  }
  return { rows: rows.map((row) => ({ ...row })) }
}

/** Nulls first, then ascending, column by column (SQL Server's GROUP BY … ORDER BY). */
function compareKeys(a: readonly Value[], b: readonly Value[]): number {
  for (let i = 0; i < a.length; i++) {
    const x = a[i] ?? null
    const y = b[i] ?? null
    if (x === y) continue
    if (x === null) return -1
    if (y === null) return 1
    return x < y ? -1 : 1
  }
  return 0
}
