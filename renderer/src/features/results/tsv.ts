/**
 * Tab-separated text as Excel writes it to the clipboard: a field with a tab, a line break or a
 * quote is quoted, quotes doubled; rows end with CRLF. Pasting it into Excel, Sheets or a text
 * editor gives one cell per value.
 */
function field(text: string): string {
  return /[\t\r\n"]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

export function toTsv(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  return [headers, ...rows].map((row) => row.map(field).join('\t')).join('\r\n') + '\r\n'
}
