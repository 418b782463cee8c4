import { createWriteStream, type WriteStream } from 'node:fs'
import { rename, rm, stat } from 'node:fs/promises'
import type ExcelJS from 'exceljs'
import type { ResultPage } from '@common/query/result-set'
import { csvRecord, UTF8_BOM, type CsvFormulas } from './csv'
import { rowObjects, TabularLayout } from './layout'

/** Exports hold customer rows: readable by their owner only (the mode applies on POSIX systems). */
const EXPORT_FILE_MODE = 0o600

export type ExportFormat = 'csv' | 'json' | 'ndjson' | 'xlsx'

export interface ExportOptions {
  /** Add formatted values (choice labels, lookup names, currency text) next to the raw values. */
  readonly includeFormatted?: boolean
  /** Worksheet name for XLSX. */
  readonly sheetName?: string
  /** CSV only: neutralise text cells a spreadsheet would run as formulas (the default), or write them raw. */
  readonly csvFormulas?: CsvFormulas
}

export interface ExportResult {
  readonly path: string
  readonly format: ExportFormat
  readonly rows: number
  readonly bytes: number
  readonly columns: readonly string[]
  /** Columns that appeared only after the header was written (CSV/XLSX), so are not in the file. */
  readonly droppedColumns: readonly string[]
}

/**
 * Writes result pages to a file as they arrive, so "fetch all" never holds every row. The file is
 * written under a `.partial` name and renamed when finished: an aborted export leaves no file that
 * looks complete.
 */
export interface ExportWriter {
  writePage(page: ResultPage): Promise<void>
  finish(): Promise<ExportResult>
  abort(): Promise<void>
}

function write(stream: WriteStream, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => reject(error)
    stream.once('error', onError)
    const flushed = stream.write(text, 'utf8')
    const done = () => {
      stream.off('error', onError)
      resolve()
    }
    if (flushed) done()
    else stream.once('drain', done)
  })
}

function close(stream: WriteStream): Promise<void> {
  return new Promise((resolve, reject) => {
    stream.once('error', reject)
    stream.end(() => resolve())
  })
}

abstract class FileExport implements ExportWriter {
  protected readonly partial: string
  protected rowCount = 0
  protected columnNames: string[] = []
  protected dropped: string[] = []
  private settled = false

  constructor(
    readonly path: string,
    readonly format: ExportFormat,
    protected readonly options: ExportOptions,
  ) {
    this.partial = `${path}.partial`
  }

  abstract writePage(page: ResultPage): Promise<void>
  protected abstract close(): Promise<void>
  protected abstract destroy(): Promise<void>

  async finish(): Promise<ExportResult> {
    if (this.settled) throw new Error('export already finished')
    this.settled = true
    await this.close()
    await rename(this.partial, this.path)
    const { size } = await stat(this.path)
    return {
      path: this.path,
      format: this.format,
      rows: this.rowCount,
      bytes: size,
      columns: this.columnNames,
      droppedColumns: this.dropped,
    }
  }

  async abort(): Promise<void> {
    if (this.settled) return
    this.settled = true
    await this.destroy()
    await rm(this.partial, { force: true })
  }
}

class CsvExport extends FileExport {
  private readonly stream: WriteStream
  private layout: TabularLayout | undefined
  private readonly formulas: CsvFormulas = this.options.csvFormulas ?? 'neutralise'

  constructor(path: string, options: ExportOptions) {
    super(path, 'csv', options)
    this.stream = createWriteStream(this.partial, { mode: EXPORT_FILE_MODE })
  }

  async writePage(page: ResultPage): Promise<void> {
    if (!this.layout) {
      this.layout = new TabularLayout(page, { includeFormatted: this.options.includeFormatted ?? true })
      this.columnNames = this.layout.outputs.map((output) => output.header)
      await write(this.stream, UTF8_BOM + csvRecord(this.columnNames, this.formulas))
    }
    let chunk = ''
    for (const row of this.layout.rows(page)) chunk += csvRecord(row, this.formulas)
    this.rowCount += page.rows.length
    this.dropped = this.layout.droppedColumns
    await write(this.stream, chunk)
  }

  protected async close(): Promise<void> {
    if (!this.layout) await write(this.stream, UTF8_BOM)
    await close(this.stream)
  }

  protected async destroy(): Promise<void> {
    await new Promise<void>((resolve) => this.stream.destroy().once('close', () => resolve()))
  }
}

class JsonExport extends FileExport {
  private readonly stream: WriteStream
  private readonly seen = new Set<string>()

  constructor(path: string, format: 'json' | 'ndjson', options: ExportOptions) {
    super(path, format, options)
    this.stream = createWriteStream(this.partial, { mode: EXPORT_FILE_MODE })
  }

  async writePage(page: ResultPage): Promise<void> {
    for (const column of page.columns) {
      if (!this.seen.has(column.name)) {
        this.seen.add(column.name)
        this.columnNames.push(column.name)
      }
    }
    const objects = rowObjects(page, this.options.includeFormatted ?? true)
    let chunk = ''
    for (const object of objects) {
      const text = JSON.stringify(object)
      if (this.format === 'ndjson') chunk += text + '\n'
      else chunk += (this.rowCount === 0 && chunk === '' ? '[\n' : ',\n') + text
    }
    this.rowCount += objects.length
    await write(this.stream, chunk)
  }

  protected async close(): Promise<void> {
    if (this.format === 'json') await write(this.stream, this.rowCount === 0 ? '[]\n' : '\n]\n')
    await close(this.stream)
  }

  protected async destroy(): Promise<void> {
    await new Promise<void>((resolve) => this.stream.destroy().once('close', () => resolve()))
  }
}

interface XlsxBook {
  readonly workbook: ExcelJS.stream.xlsx.WorkbookWriter
  readonly sheet: ExcelJS.Worksheet
}

class XlsxExport extends FileExport {
  /** exceljs costs a quarter of a second to load, so only an xlsx export loads it, and only once it starts. */
  private readonly book: Promise<XlsxBook>
  private layout: TabularLayout | undefined

  constructor(path: string, options: ExportOptions) {
    super(path, 'xlsx', options)
    this.book = import('exceljs').then(({ default: ExcelJS }) => {
      // Shared strings would keep every distinct string in memory until the end; inline strings stream.
      const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
        stream: createWriteStream(this.partial, { mode: EXPORT_FILE_MODE }),
        useSharedStrings: false,
        useStyles: true,
      })
      const sheet = workbook.addWorksheet(options.sheetName?.slice(0, 31) || 'Results', {
        views: [{ state: 'frozen', ySplit: 1 }],
      })
      return { workbook, sheet }
    })
    // Handled where it is awaited (the first page, or close); this only keeps an unused failure from being unhandled.
    this.book.catch(() => undefined)
  }

  async writePage(page: ResultPage): Promise<void> {
    const { sheet } = await this.book
    if (!this.layout) {
      this.layout = new TabularLayout(page, { includeFormatted: this.options.includeFormatted ?? true })
      this.columnNames = this.layout.outputs.map((output) => output.header)
      const header = sheet.addRow(this.columnNames)
      header.font = { bold: true }
      header.commit()
    }
    for (const row of this.layout.rows(page)) sheet.addRow(row).commit()
    this.rowCount += page.rows.length
    this.dropped = this.layout.droppedColumns
  }

  protected async close(): Promise<void> {
    const { workbook, sheet } = await this.book
    sheet.commit()
    await workbook.commit()
  }

  protected async destroy(): Promise<void> {
    // exceljs has no abort: committing ends its file stream so the partial file can then be removed.
    // When exceljs never loaded there is no stream and no file to end.
    const book = await this.book.catch(() => null)
    await book?.workbook.commit()
  }
}

export function createExportWriter(format: ExportFormat, path: string, options: ExportOptions = {}): ExportWriter {
  switch (format) {
    case 'csv':
      return new CsvExport(path, options)
    case 'json':
    case 'ndjson':
      return new JsonExport(path, format, options)
    case 'xlsx':
      return new XlsxExport(path, options)
  }
}
