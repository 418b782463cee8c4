import type { Cell } from '../../../common/query/result-set'

const NEEDS_QUOTES = /[",\r\n]/

/** One RFC 4180 field: quoted when it holds a quote, comma or line break; quotes doubled. */
export function csvField(value: Cell): string {
  if (value === null) return ''
  const text = typeof value === 'string' ? value : String(value)
  return NEEDS_QUOTES.test(text) || text !== text.trim() ? `"${text.replaceAll('"', '""')}"` : text
}

/** One record with the CRLF line ending RFC 4180 prescribes (and Excel expects). */
export function csvRecord(values: readonly Cell[]): string {
  return values.map(csvField).join(',') + '\r\n'
}

/** UTF-8 byte order mark: without it Excel reads UTF-8 CSV as the local code page and garbles accents. */
export const UTF8_BOM = '\uFEFF'
