import type { Cell } from '@common/query/result-set'

const NEEDS_QUOTES = /[",\r\n]/

/**
 * Characters that make a spreadsheet read a cell as a formula (`=HYPERLINK(…)`, `+1+1`, `@SUM(…)`)
 * or that Excel strips before doing so (tab, carriage return).
 */
const FORMULA_START = /^[=+\-@\t\r]/

/**
 * What to do with a text cell that a spreadsheet would run as a formula. `neutralise` (the default)
 * writes it with a leading `'`, which Excel and LibreOffice show as text; `raw` writes it as it is,
 * for files that are read by programs rather than opened in a spreadsheet.
 */
export type CsvFormulas = 'neutralise' | 'raw'

/** One RFC 4180 field: quoted when it holds a quote, comma or line break; quotes doubled. */
export function csvField(value: Cell, formulas: CsvFormulas = 'neutralise'): string {
  if (value === null) return ''
  // Only text can carry a formula: a negative number stays a number.
  const text =
    typeof value === 'string'
      ? formulas === 'neutralise' && FORMULA_START.test(value)
        ? `'${value}`
        : value
      : String(value)
  return NEEDS_QUOTES.test(text) || text !== text.trim() ? `"${text.replaceAll('"', '""')}"` : text
}

/** One record with the CRLF line ending RFC 4180 prescribes (and Excel expects). */
export function csvRecord(values: readonly Cell[], formulas: CsvFormulas = 'neutralise'): string {
  return values.map((value) => csvField(value, formulas)).join(',') + '\r\n'
}

/** UTF-8 byte order mark: without it Excel reads UTF-8 CSV as the local code page and garbles accents. */
export const UTF8_BOM = '\uFEFF'
