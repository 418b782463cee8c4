/** Formatted values (`…@OData.Community.Display.V1.FormattedValue`) as an en-US user in UTC sees them. */
import type { Value } from './data-generator'
import type { ColumnDef } from './schema'

const pad = (n: number): string => (n < 10 ? `0${n}` : String(n))

/** `1234567.5` → `1,234,567.50` (or no decimals): hand-written because Intl costs microseconds per value on a 5,000-row page. */
function grouped(value: number, decimals: number): string {
  const fixed = Math.abs(value).toFixed(decimals)
  const dot = decimals > 0 ? fixed.length - decimals - 1 : fixed.length
  let whole = fixed.slice(0, dot)
  let out = ''
  while (whole.length > 3) {
    out = `,${whole.slice(-3)}${out}`
    whole = whole.slice(0, -3)
  }
  return `${value < 0 ? '-' : ''}${whole}${out}${fixed.slice(dot)}`
}

function dateTime(text: string, dateOnly: boolean): string {
  const ms = Date.parse(text.length === 10 ? `${text}T00:00:00Z` : text)
  if (Number.isNaN(ms)) return text
  const d = new Date(ms)
  const date = `${d.getUTCMonth() + 1}/${d.getUTCDate()}/${d.getUTCFullYear()}`
  if (dateOnly) return date
  const hours = d.getUTCHours()
  return `${date} ${hours % 12 === 0 ? 12 : hours % 12}:${pad(d.getUTCMinutes())} ${hours < 12 ? 'AM' : 'PM'}`
}

/** The display text of a non-lookup value, or undefined when Dataverse sends no formatted value for it. */
export function formattedValue(column: ColumnDef, value: Value, currencySymbol: string): string | undefined {
  if (value === null) return undefined
  switch (column.type) {
    case 'picklist':
    case 'state':
    case 'status':
      return column.options?.find((option) => option.value === value)?.label
    case 'boolean':
      return value === true ? 'Yes' : 'No'
    case 'money':
      return typeof value === 'number'
        ? `${value < 0 ? '-' : ''}${currencySymbol}${grouped(Math.abs(value), 2)}`
        : undefined
    case 'decimal':
      return typeof value === 'number' ? grouped(value, 2) : undefined
    case 'integer':
    case 'bigint':
      return typeof value === 'number' ? grouped(value, 0) : undefined
    case 'datetime':
      return typeof value === 'string' ? dateTime(value, column.format === 'dateonly') : undefined
    default:
      return undefined
  }
}
