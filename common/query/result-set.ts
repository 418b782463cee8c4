import { z } from 'zod'

/**
 * Query results in the shape the renderer grid and the exporters use: a column list plus row arrays
 * of plain values (cheap to structured-clone and to render), with formatted values (annotations)
 * kept per column, only for the columns that have them. A 5,000-row page is 5,000 small arrays,
 * not 5,000 objects with a dozen `@OData…` keys each.
 */
export const CellSchema = z.union([z.string(), z.number(), z.boolean(), z.null()])
export type Cell = z.infer<typeof CellSchema>

export const ResultColumnSchema = z.object({
  /** The key in the Web API row: `name`, `_parentaccountid_value`, or `primarycontactid/fullname` for an expanded record. */
  name: z.string(),
  /** The table a lookup column points to (`lookuplogicalname` annotation), when the rows say. */
  lookupTable: z.string().optional(),
  /** True for a cell holding JSON text of an expanded collection or a complex value. */
  json: z.boolean().optional(),
})
export type ResultColumn = z.infer<typeof ResultColumnSchema>

export const ResultPageSchema = z.object({
  columns: z.array(ResultColumnSchema),
  rows: z.array(z.array(CellSchema)),
  /** formatted[c] is null, or one formatted value (or null) per row for column c. */
  formatted: z.array(z.array(z.string().nullable()).nullable()),
})
export type ResultPage = z.infer<typeof ResultPageSchema>

export const FORMATTED = '@OData.Community.Display.V1.FormattedValue'
const LOOKUP_TABLE = '@Microsoft.Dynamics.CRM.lookuplogicalname'

/**
 * Turns Web API rows into ResultPages. Stateful across pages so that "fetch all" keeps one column
 * order: columns named in `$select` come first in that order, then others in the order first seen.
 */
/** What to do with one key of a row, decided once per key and then reused for every row. */
type Plan =
  /** column is -1 until a scalar arrives: an expanded record under this key becomes path columns instead. */
  | { readonly kind: 'value'; column: number }
  | { readonly kind: 'formatted'; readonly column: number }
  | { readonly kind: 'lookup-table'; readonly column: number }
  | { readonly kind: 'skip' }

const SKIP: Plan = { kind: 'skip' }

export class ResultShaper {
  private readonly columns: ResultColumn[] = []
  private readonly position = new Map<string, number>()
  /** Per key prefix ('' for the row itself, 'nav/' inside an expanded record): key → plan. */
  private readonly plans = new Map<string, Map<string, Plan>>()

  constructor(selectOrder: readonly string[] = []) {
    for (const name of selectOrder) this.column(name)
  }

  private column(name: string): number {
    const known = this.position.get(name)
    if (known !== undefined) return known
    this.columns.push({ name })
    this.position.set(name, this.columns.length - 1)
    return this.columns.length - 1
  }

  private plan(prefix: string, key: string): Plan {
    let plans = this.plans.get(prefix)
    if (!plans) {
      plans = new Map()
      this.plans.set(prefix, plans)
    }
    let plan = plans.get(key)
    if (plan) return plan
    const at = key.indexOf('@')
    if (at === 0) plan = SKIP // @odata.etag and other row annotations
    else if (at > 0) {
      const annotation = key.slice(at)
      const column = this.column(prefix + key.slice(0, at))
      plan = annotation === FORMATTED ? { kind: 'formatted', column } : annotation === LOOKUP_TABLE ? { kind: 'lookup-table', column } : SKIP
    } else plan = { kind: 'value', column: -1 }
    plans.set(key, plan)
    return plan
  }

  /** The columns so far (a later page may add some at the end). */
  get columnList(): readonly ResultColumn[] {
    return this.columns
  }

  shape(values: readonly unknown[]): ResultPage {
    const rows: Cell[][] = new Array(values.length)
    const formatted: ((string | null)[] | null)[] = []
    const setFormatted = (column: number, row: number, text: string) => {
      let list = formatted[column]
      if (!list) {
        list = new Array<string | null>(values.length).fill(null)
        formatted[column] = list
      }
      list[row] = text
    }

    const put = (row: Cell[], rowIndex: number, prefix: string, record: Record<string, unknown>) => {
      for (const key in record) {
        const plan = this.plan(prefix, key)
        if (plan.kind === 'skip') continue
        const value = record[key]
        if (plan.kind === 'formatted') {
          if (typeof value === 'string') setFormatted(plan.column, rowIndex, value)
          continue
        }
        if (plan.kind === 'lookup-table') {
          const info = this.columns[plan.column]
          if (info && info.lookupTable === undefined && typeof value === 'string') info.lookupTable = value
          continue
        }
        if (value !== null && typeof value === 'object') {
          if (!Array.isArray(value)) {
            put(row, rowIndex, `${prefix}${key}/`, value as Record<string, unknown>)
            continue
          }
          if (plan.column < 0) plan.column = this.column(prefix + key)
          const info = this.columns[plan.column]
          if (info && !info.json) info.json = true
          row[plan.column] = JSON.stringify(value)
          continue
        }
        if (plan.column < 0) plan.column = this.column(prefix + key)
        row[plan.column] = value as Cell
      }
    }

    for (let index = 0; index < values.length; index++) {
      const row: Cell[] = []
      const record = values[index]
      if (record !== null && typeof record === 'object') put(row, index, '', record as Record<string, unknown>)
      rows[index] = row
    }
    // Rows are filled sparsely while columns are discovered; make them dense and equally long.
    const width = this.columns.length
    for (const row of rows) {
      for (let c = 0; c < width; c++) if (row[c] === undefined) row[c] = null
    }
    while (formatted.length < width) formatted.push(null)
    for (let c = 0; c < width; c++) if (formatted[c] === undefined) formatted[c] = null
    return { columns: this.columns.map((column) => ({ ...column })), rows, formatted }
  }
}

/** Column names from a `$select` value (`name,accountid`), for ResultShaper's order. */
export function selectOrderOf(select: string | undefined): string[] {
  if (!select) return []
  return select
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '' && name !== '*')
}
