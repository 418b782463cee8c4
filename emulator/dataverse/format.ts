/** Formatted values (`…@OData.Community.Display.V1.FormattedValue`) as an en-US user in UTC sees them. */
import type { Value } from './data-generator'
import type { ColumnDef } from './schema'

const whole = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 })
const decimal = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })

const pad = (n: number): string => (n < 10 ? `0${n}` : String(n))

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
      return typeof value === 'number' ? `${value < 0 ? '-' : ''}${currencySymbol}${decimal.format(Math.abs(value))}` : undefined
    case 'decimal':
      return typeof value === 'number' ? decimal.format(value) : undefined
    case 'integer':
    case 'bigint':
      return typeof value === 'number' ? whole.format(value) : undefined
    case 'datetime':
      return typeof value === 'string' ? dateTime(value, column.format === 'dateonly') : undefined
    default:
      return undefined
  }
}
