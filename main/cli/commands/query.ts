import { readFile } from 'node:fs/promises'
import type { Command } from 'commander'
import type { z } from 'zod'
import {
  QueryRequestSchema,
  DEFAULT_ROW_CAP,
  describeStrategy,
  type FetchAllPaging,
  type FetchAllSummary,
} from '@common/query/execution'
import type { ResultPage } from '@common/query/result-set'
import { isAppFailure } from '@common/result'
import {
  csvRecord,
  UTF8_BOM,
  type CsvFormulas,
  rowObjects,
  TabularLayout,
  createExportWriter,
} from '../../app/query-export'
import { addConnectionFlags, openCliConnection, type ConnectionFlagValues } from '../connection-flags'
import { EXIT, UsageError, type CliIo } from '../io'
import type { CommandRegistrar } from '../program'
import { createStyle } from '../style'

type Format = 'json' | 'ndjson' | 'csv'

const PAGING_LABEL: Readonly<Record<FetchAllPaging, string>> = {
  'next-link': '@odata.nextLink',
  'paging-cookie': 'the FetchXML paging cookie',
  'page-number': 'FetchXML page numbers',
  single: 'one request (FetchXML top)',
}

interface QueryOptions extends ConnectionFlagValues {
  readonly all?: boolean
  readonly maxRows?: string
  readonly format?: string
  readonly out?: string
  readonly fetchxml?: string
  readonly pageSize?: string
  readonly formatted?: boolean
  readonly csvRaw?: boolean
}

/** The query text's zod problem in a sentence: its size against the limit, or that it is empty. */
function queryTextProblem(error: z.ZodError, text: string, fetchxmlFile: string | undefined): string {
  const what = fetchxmlFile ? `the FetchXML in ${fetchxmlFile}` : 'the query path'
  const tooBig = error.issues.find((issue) => issue.code === 'too_big')
  if (tooBig && tooBig.code === 'too_big') {
    return `${what} is ${text.length.toLocaleString('en')} characters long; a query can be at most ${Number(tooBig.maximum).toLocaleString('en')} characters`
  }
  return `${what} is empty`
}

function positive(value: string | undefined, flag: string, fallback: number): number {
  if (value === undefined) return fallback
  const number = Number(value)
  if (!Number.isInteger(number) || number < 1) throw new UsageError(`${flag} must be a whole number of 1 or more`)
  return number
}

/** Writes pages to standard output as they arrive: a JSON array, one JSON object per line, or CSV. */
function stdoutSink(io: CliIo, format: Format, includeFormatted: boolean, formulas: CsvFormulas) {
  let layout: TabularLayout | undefined
  let first = true
  return {
    page(page: ResultPage) {
      if (format === 'csv') {
        if (!layout) {
          layout = new TabularLayout(page, { includeFormatted })
          io.stdout(
            UTF8_BOM +
              csvRecord(
                layout.outputs.map((output) => output.header),
                formulas,
              ),
          )
        }
        io.stdout(
          layout
            .rows(page)
            .map((row) => csvRecord(row, formulas))
            .join(''),
        )
        return
      }
      for (const row of rowObjects(page, includeFormatted)) {
        if (format === 'ndjson') io.stdout(JSON.stringify(row) + '\n')
        else {
          io.stdout((first ? '[\n' : ',\n') + JSON.stringify(row))
          first = false
        }
      }
    },
    end() {
      if (format === 'json') io.stdout(first ? '[]\n' : '\n]\n')
    },
    dropped: () => layout?.droppedColumns ?? [],
  }
}

export const registerQuery: CommandRegistrar = (program, io, setExit) => {
  const command: Command = program
    .command('query')
    .description('run a Web API query (OData, or FetchXML with --fetchxml) and print or save the rows')
    .argument('[path]', "relative Web API path, e.g. 'contacts?$select=fullname&$top=10'")
  addConnectionFlags(command)
    .option('--all', 'fetch every page (OData @odata.nextLink, FetchXML paging cookie) to the last one (or --max-rows)')
    .option('--max-rows <n>', `stop after this many rows (default ${DEFAULT_ROW_CAP.toLocaleString('en')} with --all)`)
    .option('--page-size <n>', 'Prefer: odata.maxpagesize (1–5000)')
    .option('--format <format>', 'json, ndjson or csv', 'json')
    .option(
      '--out <file>',
      'write to this file instead of standard output (streams; large results never sit in memory)',
    )
    .option('--fetchxml <file>', 'run the FetchXML in this file instead of a path')
    .option('--no-formatted', 'leave out formatted values (choice labels, lookup names)')
    .option(
      '--csv-raw',
      "CSV: write cells that start with = + - @ as they are (by default they get a leading ' so spreadsheets do not run them)",
    )
    .action(async (path: string | undefined, options: QueryOptions) => {
      const format = (options.format ?? 'json') as Format
      if (!['json', 'ndjson', 'csv'].includes(format)) throw new UsageError('--format must be json, ndjson or csv')
      if (!path && !options.fetchxml) throw new UsageError('give a path (e.g. contacts?$top=10) or --fetchxml FILE')
      if (path && options.fetchxml) throw new UsageError('give either a path or --fetchxml, not both')
      const pageSize = options.pageSize === undefined ? null : positive(options.pageSize, '--page-size', 5000)
      if (pageSize !== null && pageSize > 5000) throw new UsageError('--page-size is at most 5000')
      const maxRows = positive(options.maxRows, '--max-rows', DEFAULT_ROW_CAP)
      const includeFormatted = options.formatted !== false
      const csvFormulas: CsvFormulas = options.csvRaw ? 'raw' : 'neutralise'
      const text = options.fetchxml
        ? await readFile(options.fetchxml, 'utf8').catch(() => {
            throw new UsageError(`--fetchxml: cannot read ${options.fetchxml}`)
          })
        : path!
      const textCheck = QueryRequestSchema.shape.text.safeParse(text)
      if (!textCheck.success) throw new UsageError(queryTextProblem(textCheck.error, text, options.fetchxml))

      const style = createStyle(io)
      const fail = (error: unknown) => {
        if (!isAppFailure(error)) throw error
        const failure = error.toAppError()
        io.stderr(
          `${style.red('dvw: query failed')}: ${failure.message}\n  Cause: ${failure.cause}\n  Next: ${failure.next}\n`,
        )
        const diagnoses = Array.isArray(failure.details?.diagnoses)
          ? (failure.details.diagnoses as { title: string; fix: string[] }[])
          : []
        for (const diagnosis of diagnoses)
          io.stderr(
            `\n${style.bold(diagnosis.title)}\n${diagnosis.fix.map((step, i) => `  ${i + 1}. ${step}`).join('\n')}\n`,
          )
        setExit(EXIT.failed)
      }
      const opened = await openCliConnection(options, io)
      const runner = opened.services.query
      const connection = opened.connection
      const request = QueryRequestSchema.parse({
        connectionId: connection.id,
        operationId: 'cli',
        mode: options.fetchxml ? 'fetchxml' : 'odata',
        text,
        prefer: { annotations: includeFormatted, maxPageSize: pageSize },
      })
      // How the pages were asked matters for FetchXML (cookie or page numbers), so it is said; OData has one way.
      const pagingNote = (summary: FetchAllSummary) => {
        if (summary.strategy) io.stderr(`${style.dim(`Fetched ${describeStrategy(summary.strategy)}.`)}\n`)
        if (summary.paging && summary.paging !== 'next-link')
          io.stderr(`${style.dim(`Paged with ${PAGING_LABEL[summary.paging]}.`)}\n`)
        if (summary.notice) io.stderr(`${style.yellow('Note')}: ${summary.notice}\n`)
      }
      const progress = (rows: number, pages: number, throttled: number | null) => {
        if (!io.stderrIsTty) return
        io.stderr(
          `\r${rows.toLocaleString('en')} rows · ${pages} pages${throttled ? ` · throttled, retrying in ${throttled} s` : ''}   `,
        )
      }
      const stop = new AbortController()
      const onSignal = () => stop.abort(new Error('interrupted'))
      process.once('SIGINT', onSignal)
      try {
        if (options.out) {
          if (options.all) {
            const result = await runner.exportToFile(
              request,
              { format, path: options.out, maxRows, includeFormatted, csvFormulas },
              {
                signal: stop.signal,
                onProgress: (event) => progress(event.rows, event.pages, event.throttledSeconds),
              },
            )
            if (io.stderrIsTty) io.stderr('\n')
            pagingNote(result.summary)
            io.stderr(
              `${style.green('Saved')} ${result.rows.toLocaleString('en')} rows (${result.summary.pages} ${result.summary.pages === 1 ? 'page' : 'pages'}) to ${options.out}${result.summary.capped ? ` — stopped at --max-rows ${maxRows}` : ''}\n`,
            )
            if (result.droppedColumns.length)
              io.stderr(
                `${style.yellow('Note')}: columns that appeared after the header were left out: ${result.droppedColumns.join(', ')}\n`,
              )
          } else {
            const writer = createExportWriter(format, options.out, { includeFormatted, csvFormulas })
            const first = await runner.execute(request, { signal: stop.signal }).catch(async (error: unknown) => {
              await writer.abort()
              throw error
            })
            if (first.body.kind === 'rows') await writer.writePage(first.body.page)
            const done = await writer.finish()
            io.stderr(
              `${style.green('Saved')} ${done.rows.toLocaleString('en')} rows to ${options.out}${first.body.kind === 'rows' && (first.body.nextLink || first.body.moreRecords) ? ' (more pages: add --all)' : ''}\n`,
            )
          }
        } else {
          const sink = stdoutSink(io, format, includeFormatted, csvFormulas)
          if (options.all) {
            const summary = await runner.fetchAll(request, maxRows, {
              signal: stop.signal,
              onPage: (_id, page) => sink.page(page),
              onProgress: (event) => progress(event.rows, event.pages, event.throttledSeconds),
            })
            sink.end()
            if (io.stderrIsTty) io.stderr('\n')
            pagingNote(summary)
            if (summary.capped) io.stderr(`${style.yellow('Stopped')} at --max-rows ${maxRows.toLocaleString('en')}.\n`)
            if (summary.cancelled) {
              io.stderr('Cancelled.\n')
              setExit(EXIT.failed)
              return
            }
          } else {
            const first = await runner.execute(request, { signal: stop.signal })
            if (first.body.kind === 'rows') sink.page(first.body.page)
            else if (first.body.kind === 'text')
              io.stdout(first.body.text.endsWith('\n') ? first.body.text : `${first.body.text}\n`)
            if (first.body.kind !== 'text') sink.end()
            if (first.body.kind === 'rows' && (first.body.nextLink || first.body.moreRecords))
              io.stderr(`${style.dim('More rows are available: add --all to fetch every page.')}\n`)
          }
          const dropped = sink.dropped()
          if (dropped.length)
            io.stderr(
              `${style.yellow('Note')}: columns that appeared after the CSV header were left out: ${dropped.join(', ')}\n`,
            )
        }
        setExit(EXIT.ok)
      } catch (error) {
        fail(error)
      } finally {
        process.off('SIGINT', onSignal)
        await opened.close()
      }
    })
}
