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

function isCell(value: unknown): boolean {
  const type = typeof value
  return type === 'string' || value === null || type === 'boolean' || (type === 'number' && Number.isFinite(value))
}

function isCellRows(value: unknown): boolean {
  if (!Array.isArray(value)) return false
  const rows = value as unknown[]
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r]
    if (!Array.isArray(row)) return false
    const cells = row as unknown[]
    for (let c = 0; c < cells.length; c++) if (!isCell(cells[c])) return false
  }
  return true
}

function isFormattedColumns(value: unknown): boolean {
  if (!Array.isArray(value)) return false
  const columns = value as unknown[]
  for (let c = 0; c < columns.length; c++) {
    const column = columns[c]
    if (column === null) continue
    if (!Array.isArray(column)) return false
    const texts = column as unknown[]
    for (let r = 0; r < texts.length; r++) {
      const text = texts[r]
      if (text !== null && typeof text !== 'string') return false
    }
  }
  return true
}

/*
 * The row matrix and the formatted values are checked by one plain loop each rather than a zod
 * schema per cell. A page crosses the dispatcher's response check (and the page event's payload
 * check) with 50,000 and more cells: zod's union per cell, and the copy of every row it makes on the
 * way out, cost more than JSON.parse of the whole page (about 11 ms for 5,000 rows × 10 columns).
 * The loops keep the same contract (CellSchema: string, finite number, boolean or null) and pass
 * the arrays on as they are.
 */
const CellRowsSchema = z.custom<Cell[][]>(isCellRows, {
  message: 'Rows must be arrays of cells (text, finite number, true/false or null).',
})
const FormattedColumnsSchema = z.custom<((string | null)[] | null)[]>(isFormattedColumns, {
  message: 'Formatted values must be, per column, null or an array of text or null.',
})

export const ResultPageSchema = z.object({
  columns: z.array(ResultColumnSchema),
  rows: CellRowsSchema,
  /** formatted[c] is null, or one formatted value (or null) per row for column c. */
  formatted: FormattedColumnsSchema,
})
export type ResultPage = z.infer<typeof ResultPageSchema>

export const FORMATTED = '@OData.Community.Display.V1.FormattedValue'
const LOOKUP_TABLE = '@Microsoft.Dynamics.CRM.lookuplogicalname'

/** What to do with one key of a row, decided once per key and then reused for every row. */
type Plan =
  /**
   * column is -1 until a scalar arrives: an expanded record under this key becomes path columns
   * instead, planned in `nested` (made when the first such record arrives).
   */
  | { readonly kind: 'value'; column: number; nested: Scope | null }
  | { readonly kind: 'formatted'; readonly column: number }
  | { readonly kind: 'lookup-table'; readonly column: number }
  | { readonly kind: 'skip' }

const SKIP: Plan = { kind: 'skip' }

/**
 * The plans of one level of the rows: the row itself (prefix '') or an expanded record inside it
 * (prefix 'nav/'). The records of one answer list the same keys in the same order, so each key is
 * first compared with the key at the same place in the previous record (`keys`: a pointer compare,
 * as JSON.parse interns property names). When it matches and that place is a plain value with a
 * known column (`columnAt`), the value is stored straight into the row. Anything else — another
 * key there, an annotation, a nested record, a first sighting — takes the general path, which
 * looks the key up in `plans` and updates the place for the next record. So there is no per-row
 * Object.keys and no map lookup per cell on the common path.
 */
interface Scope {
  readonly prefix: string
  readonly plans: Map<string, Plan>
  readonly keys: string[]
  /** The column of the plain value at each place, or -1 when that place takes the general path. */
  readonly columnAt: number[]
}

function scope(prefix: string): Scope {
  return { prefix, plans: new Map(), keys: [], columnAt: [] }
}

/** A row of `width` nulls in a packed array (copied with slice() for every row). */
function blankRow(width: number): Cell[] {
  const row: Cell[] = []
  for (let c = 0; c < width; c++) row.push(null)
  return row
}

/** The formatted values of the page being shaped, one list per column that has any. */
interface PageState {
  readonly length: number
  readonly formatted: ((string | null)[] | null)[]
}

/**
 * Turns Web API rows into ResultPages. Stateful across pages so that "fetch all" keeps one column
 * order: columns named in `$select` come first in that order, then others in the order first seen.
 */
export class ResultShaper {
  private readonly columns: ResultColumn[] = []
  private readonly position = new Map<string, number>()
  private readonly top = scope('')

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

  private plan(level: Scope, key: string): Plan {
    let plan = level.plans.get(key)
    if (plan) return plan
    const at = key.indexOf('@')
    if (at === 0)
      plan = SKIP // @odata.etag and other row annotations
    else if (at > 0) {
      const annotation = key.slice(at)
      const column = this.column(level.prefix + key.slice(0, at))
      plan =
        annotation === FORMATTED
          ? { kind: 'formatted', column }
          : annotation === LOOKUP_TABLE
            ? { kind: 'lookup-table', column }
            : SKIP
    } else plan = { kind: 'value', column: -1, nested: null }
    level.plans.set(key, plan)
    return plan
  }

  /** The columns so far (a later page may add some at the end). */
  get columnList(): readonly ResultColumn[] {
    return this.columns
  }

  private put(row: Cell[], rowIndex: number, level: Scope, record: Record<string, unknown>, page: PageState): void {
    const keys = level.keys
    const columnAt = level.columnAt
    let place = 0
    for (const key in record) {
      if (keys[place] === key) {
        const column = columnAt[place] as number
        if (column >= 0) {
          const value = record[key]
          if (value === null || typeof value !== 'object') {
            row[column] = value as Cell
            place++
            continue
          }
        }
      } else keys[place] = key
      columnAt[place] = this.putKey(row, rowIndex, level, key, record[key], page)
      place++
    }
  }

  /** The general path for one key; returns the column to use at this place next time, or -1. */
  private putKey(row: Cell[], rowIndex: number, level: Scope, key: string, value: unknown, page: PageState): number {
    const plan = this.plan(level, key)
    if (plan.kind === 'skip') return -1
    if (plan.kind === 'formatted') {
      if (typeof value === 'string') {
        let list = page.formatted[plan.column]
        if (!list) {
          list = new Array<string | null>(page.length).fill(null)
          page.formatted[plan.column] = list
        }
        list[rowIndex] = value
      }
      return -1
    }
    if (plan.kind === 'lookup-table') {
      const info = this.columns[plan.column]
      if (info && info.lookupTable === undefined && typeof value === 'string') info.lookupTable = value
      return -1
    }
    if (value !== null && typeof value === 'object') {
      if (!Array.isArray(value)) {
        plan.nested ??= scope(`${level.prefix}${key}/`)
        this.put(row, rowIndex, plan.nested, value as Record<string, unknown>, page)
        return plan.column
      }
      if (plan.column < 0) plan.column = this.column(level.prefix + key)
      const info = this.columns[plan.column]
      if (info && !info.json) info.json = true
      row[plan.column] = JSON.stringify(value)
      return plan.column
    }
    if (plan.column < 0) plan.column = this.column(level.prefix + key)
    row[plan.column] = value as Cell
    return plan.column
  }

  shape(values: readonly unknown[]): ResultPage {
    const rows: Cell[][] = new Array(values.length)
    const page: PageState = { length: values.length, formatted: [] }
    // Each row starts as a copy of a blank row of the current width. When a row adds columns, the
    // blank grows, and the rows up to the last one that added columns are padded afterwards.
    let blank = blankRow(this.columns.length)
    let lastWidening = -1
    for (let index = 0; index < values.length; index++) {
      const row = blank.slice()
      const record = values[index]
      if (record !== null && typeof record === 'object')
        this.put(row, index, this.top, record as Record<string, unknown>, page)
      rows[index] = row
      if (this.columns.length !== blank.length) {
        blank = blankRow(this.columns.length)
        lastWidening = index
      }
    }
    const width = this.columns.length
    for (let index = 0; index <= lastWidening; index++) {
      const row = rows[index] as Cell[]
      for (let c = 0; c < width; c++) if (row[c] === undefined) row[c] = null
    }
    const formatted = page.formatted
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
