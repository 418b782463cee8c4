/** Result rows kept in column arrays that pages append to in place. */
import type { Cell, ResultColumn, ResultPage } from '@common/query/result-set'

/** Every row received so far for one result (pages appended in place: no copy per page). */
export interface ResultData {
  readonly columns: ResultColumn[]
  readonly rows: Cell[][]
  readonly formatted: ((string | null)[] | null)[]
}

export function emptyResult(): ResultData {
  return { columns: [], rows: [], formatted: [] }
}

/**
 * Appends a page. Pages from one run share a column order (main's ResultShaper), so a later page
 * only ever adds columns at the end; earlier rows read those as null.
 */
export function appendPage(data: ResultData, page: ResultPage): ResultData {
  const before = data.rows.length
  for (let c = data.columns.length; c < page.columns.length; c++) data.formatted.push(null)
  page.columns.forEach((column, c) => {
    if (c >= data.columns.length) data.columns.push(column)
    else if (column.lookupTable && !data.columns[c]?.lookupTable) data.columns[c] = column
  })
  for (const row of page.rows) data.rows.push(row)
  page.formatted.forEach((values, c) => {
    if (!values) return
    let list = data.formatted[c]
    if (!list) {
      list = new Array<string | null>(before).fill(null)
      data.formatted[c] = list
    }
    while (list.length < before) list.push(null)
    for (const value of values) list.push(value)
  })
  return { columns: data.columns, rows: data.rows, formatted: data.formatted }
}

export function resultFromPage(page: ResultPage): ResultData {
  return appendPage(emptyResult(), page)
}

/** What a cell shows: the formatted value (choice label, lookup name, currency) when there is one. */
export function displayText(data: ResultData, row: number, column: number): string {
  const formatted = data.formatted[column]?.[row]
  if (formatted != null) return formatted
  const value = data.rows[row]?.[column] ?? null
  return value === null ? '' : String(value)
}

export type SortDirection = 'ascending' | 'descending'

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' })

/**
 * Row order for a sort, as an index array: the rows themselves never move, so sorting 50,000
 * rows allocates one Uint32Array. Numbers sort as numbers, text with a natural collation, and empty
 * cells last whatever the direction.
 */
export function sortOrder(data: ResultData, column: number, direction: SortDirection): Uint32Array {
  const order = new Uint32Array(data.rows.length)
  for (let i = 0; i < order.length; i++) order[i] = i
  const formatted = data.formatted[column]
  const sign = direction === 'ascending' ? 1 : -1
  const key = (row: number): string | number | boolean | null => {
    const value = data.rows[row]?.[column] ?? null
    // A choice sorts by its label, a lookup by the record's name: what the user reads.
    if (formatted?.[row] != null && typeof value !== 'number') return formatted[row]
    return value
  }
  const keys = Array.from(order, key)
  order.sort((a, b) => {
    const x = keys[a] ?? null
    const y = keys[b] ?? null
    if (x === null || x === '') return y === null || y === '' ? a - b : 1
    if (y === null || y === '') return -1
    const compared = typeof x === 'number' && typeof y === 'number' ? x - y : collator.compare(String(x), String(y))
    return compared === 0 ? a - b : compared * sign
  })
  return order
}
