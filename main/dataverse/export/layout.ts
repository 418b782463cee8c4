import { FORMATTED, type Cell, type ResultPage } from '@common/query/result-set'

/** One output column: a value column, or the formatted value (label, lookup name) of one. */
export interface OutputColumn {
  readonly header: string
  readonly column: number
  readonly formatted: boolean
}

/**
 * The columns of a tabular export (CSV, XLSX), fixed by the first page because a header cannot be
 * rewritten once written. Columns that first appear on a later page are reported, never silently lost.
 */
export class TabularLayout {
  readonly outputs: readonly OutputColumn[]
  private readonly known: ReadonlySet<string>
  private readonly dropped = new Set<string>()
  private readonly includeFormatted: boolean

  constructor(first: ResultPage, options: { readonly includeFormatted: boolean }) {
    const outputs: OutputColumn[] = []
    first.columns.forEach((column, index) => {
      outputs.push({ header: column.name, column: index, formatted: false })
      if (options.includeFormatted && first.formatted[index])
        outputs.push({ header: `${column.name} (formatted)`, column: index, formatted: true })
    })
    this.outputs = outputs
    this.known = new Set(outputs.map((output) => output.header))
    this.includeFormatted = options.includeFormatted
  }

  /** The page's rows as output cells; notes columns the header has no room for. */
  rows(page: ResultPage): Cell[][] {
    page.columns.forEach((column, index) => {
      if (!this.known.has(column.name)) this.dropped.add(column.name)
      const label = `${column.name} (formatted)`
      if (this.includeFormatted && page.formatted[index] && !this.known.has(label)) this.dropped.add(label)
    })
    return page.rows.map((row, r) =>
      this.outputs.map((output) =>
        output.formatted ? (page.formatted[output.column]?.[r] ?? null) : (row[output.column] ?? null),
      ),
    )
  }

  get droppedColumns(): string[] {
    return [...this.dropped]
  }
}

/** A row as a JSON object the way the Web API names things: formatted values as `col@…FormattedValue`. */
export function rowObjects(page: ResultPage, includeFormatted: boolean): Record<string, unknown>[] {
  return page.rows.map((row, r) => {
    const record: Record<string, unknown> = {}
    page.columns.forEach((column, c) => {
      const value = row[c] ?? null
      record[column.name] = column.json && typeof value === 'string' ? (JSON.parse(value) as unknown) : value
      const formatted = includeFormatted ? page.formatted[c]?.[r] : undefined
      if (formatted != null) record[column.name + FORMATTED] = formatted
    })
    return record
  })
}
