/**
 * Runs the query workbench's requests for the handlers and the CLI: turns editor text into a
 * request on a connection's session, sends it, shapes the answer for the grid, follows pages,
 * streams exports to files, records history, and explains failures with the diagnostics catalog.
 */
import type { z } from 'zod'
import type { MetadataIndexData, MetadataSummary, TableChoices } from '@common/metadata/packed'
import type { FetchAllSummary, QueryProgress, QueryRequestSchema, QueryResult } from '@common/query/execution'
import type { ResultPage } from '@common/query/result-set'
import { AppFailure, isAppFailure } from '@common/result'
import type { CsvFormulas } from '../dataverse/export/csv'
import { createExportWriter, type ExportFormat, type ExportResult } from '../dataverse/export/writer'
import type { MetadataSource } from '../dataverse/metadata/source'
import { sendPage, type PageAnswer } from '../dataverse/query/execute'
import { fetchXmlPaging } from '../dataverse/query/fetchxml-paging'
import { QueryOperations, type LastBody } from '../dataverse/query/operations'
import { fetchAllAuto } from '../dataverse/query/ranged-fetch-all'
import { prepareQuery, type PreparedQuery } from '@common/query/prepare'
import { diagnoseFailure, withDiagnoses } from '../diagnostics/failure-facts'
import type { MetadataService } from '../dataverse/metadata/service'
import type { Workspace } from '../workspace'
import type { AppConnections } from './ad-hoc-connections'
import type { ConnectionSession, Sessions } from './sessions'

export type RunRequest = z.output<typeof QueryRequestSchema>

export interface RunContext {
  readonly signal?: AbortSignal
  readonly onProgress?: (progress: QueryProgress) => void
  readonly onPage?: (operationId: string, page: ResultPage) => void
}

/** The session's transport as a metadata source: `$metadata` comes back as a stream to parse as it arrives. */
function metadataSourceFor(session: ConnectionSession): MetadataSource {
  return {
    orgUrl: session.connection.orgUrl,
    get: async (path, init = {}) => {
      const url = session.client.resolve(path)
      const token = await session.getToken({ signal: init.signal })
      const headers = new Headers({
        accept: 'application/json',
        'odata-maxversion': '4.0',
        'odata-version': '4.0',
        ...init.headers,
      })
      headers.set('authorization', `Bearer ${token.accessToken}`)
      return session.transport(new Request(url, { headers, signal: init.signal }))
    },
  }
}

/** A failure with the diagnoses its facts map to (failure-facts.ts), so the window can say what to fix. */
function explained(error: unknown, session: ConnectionSession | null): unknown {
  if (!isAppFailure(error) || error.code === 'CANCELLED' || error.code === 'INVALID_INPUT') return error
  return withDiagnoses(error, diagnoseFailure(error, session?.connection.cloud ?? 'commercial'))
}

/** What the query service stands on: sessions per connection, the metadata cache and the query workbench's stores. */
export interface QueryServicePorts {
  readonly connections: Pick<AppConnections, 'keepsHistory'>
  readonly sessions: Sessions
  readonly metadata: MetadataService
  readonly workspace: Workspace
}

export class QueryService {
  private readonly operations = new QueryOperations()
  /** Fetch-all and export runs in progress. */
  private longRuns = 0

  constructor(private readonly services: QueryServicePorts) {}

  session(connectionId: string): ConnectionSession {
    return this.services.sessions.open(connectionId)
  }

  async metadata(
    connectionId: string,
    options: { refresh?: boolean; signal?: AbortSignal } = {},
  ): Promise<{ summary: MetadataSummary; index: MetadataIndexData }> {
    const session = this.session(connectionId)
    try {
      const loaded = await this.services.metadata.load(connectionId, metadataSourceFor(session), options)
      return { summary: loaded.summary, index: loaded.index.data }
    } catch (error) {
      throw explained(error, session)
    }
  }

  async choices(connectionId: string, table: string, signal?: AbortSignal): Promise<TableChoices> {
    const session = this.session(connectionId)
    try {
      return await this.services.metadata.choices(connectionId, metadataSourceFor(session), table, signal)
    } catch (error) {
      throw explained(error, session)
    }
  }

  private async prepare(request: RunRequest, session: ConnectionSession, signal?: AbortSignal): Promise<PreparedQuery> {
    if (request.mode !== 'fetchxml') return prepareQuery(request, () => undefined)
    const { index } = await this.services.metadata.load(request.connectionId, metadataSourceFor(session), { signal })
    return prepareQuery(
      request,
      (table) => index.entitySetOf(table),
      (table, property) => index.entityType(table)?.property(property) !== undefined,
    )
  }

  private async remember(
    request: RunRequest,
    outcome: { status: number | null; rows: number | null; started: number; error?: unknown },
  ): Promise<void> {
    if (!this.services.connections.keepsHistory(request.connectionId)) return
    const failure = outcome.error && isAppFailure(outcome.error) ? outcome.error : null
    await this.services.workspace.history
      .add({
        connectionId: request.connectionId,
        mode: request.mode,
        method: request.method,
        text: request.text,
        status: outcome.status ?? failure?.details?.status ?? null,
        outcome: failure?.code === 'CANCELLED' ? 'cancelled' : outcome.error ? 'error' : 'ok',
        rowCount: outcome.rows,
        durationMs: Math.round(performance.now() - outcome.started),
        ...(failure ? { errorCode: failure.details?.code ?? failure.code } : {}),
      })
      // History is a convenience: a damaged history file must not fail the query itself.
      .catch(() => undefined)
  }

  /** Runs a query and returns its first page (or its single answer). */
  async execute(request: RunRequest, context: RunContext = {}): Promise<QueryResult> {
    const started = performance.now()
    const session = this.session(request.connectionId)
    let prepared: PreparedQuery | undefined
    try {
      prepared = await this.prepare(request, session, context.signal)
      const operation = this.operations.start(
        request.operationId,
        prepared.selectOrder,
        prepared.headers,
        context.signal,
      )
      const answer = await sendPage(
        session.client,
        {
          operationId: request.operationId,
          method: prepared.method,
          path: prepared.path,
          headers: prepared.headers,
          ...(prepared.body !== undefined ? { body: prepared.body } : {}),
        },
        operation.shaper,
        {
          signal: operation.controller.signal,
          onThrottle: this.throttleReporter(request.operationId, started, context),
        },
      )
      operation.lastBody = lastBodyOf(answer)
      await this.remember(request, { status: answer.result.status, rows: answer.rowCount, started })
      return answer.result
    } catch (error) {
      await this.remember(request, { status: null, rows: null, started, error })
      throw explained(error, session)
    }
  }

  /** Follows a page's `@odata.nextLink` for the same operation (same column order). */
  async nextPage(
    connectionId: string,
    operationId: string,
    nextLink: string,
    context: RunContext = {},
  ): Promise<QueryResult> {
    const session = this.session(connectionId)
    const operation = this.operations.resume(operationId, context.signal)
    if (!operation) {
      throw new AppFailure({
        code: 'NOT_FOUND',
        message: 'That result is no longer open, so its next page cannot be fetched.',
        cause: 'Many queries ran since, or the app was restarted.',
        next: 'Run the query again.',
      })
    }
    try {
      const answer = await sendPage(
        session.client,
        { operationId, method: 'GET', path: nextLink, headers: operation.headers },
        operation.shaper,
        {
          signal: operation.controller.signal,
        },
      )
      operation.lastBody = lastBodyOf(answer)
      return answer.result
    } catch (error) {
      throw explained(error, session)
    }
  }

  private throttleReporter(operationId: string, started: number, context: RunContext) {
    return (secondsLeft: number) =>
      context.onProgress?.({
        operationId,
        rows: 0,
        pages: 0,
        elapsedMs: Math.round(performance.now() - started),
        throttledSeconds: secondsLeft > 0 ? secondsLeft : null,
      })
  }

  /** Every page up to the row cap, each delivered through context.onPage; cancellable at any moment. */
  async fetchAll(request: RunRequest, maxRows: number, context: RunContext = {}): Promise<FetchAllSummary> {
    return this.counted(() => this.fetchAllPages(request, maxRows, context))
  }

  /** Whether a fetch-all or an export is running: the app must not restart (to update) under one. */
  longRunning(): boolean {
    return this.longRuns > 0
  }

  private async counted<T>(run: () => Promise<T>): Promise<T> {
    this.longRuns++
    try {
      return await run()
    } finally {
      this.longRuns--
    }
  }

  private async fetchAllPages(request: RunRequest, maxRows: number, context: RunContext): Promise<FetchAllSummary> {
    const started = performance.now()
    const session = this.session(request.connectionId)
    try {
      const summary = await this.pageThrough(request, session, { maxRows, keepAnswer: true }, context, (page) =>
        context.onPage?.(request.operationId, page),
      )
      await this.remember(request, {
        status: summary.cancelled ? null : 200,
        rows: summary.rows,
        started,
        ...(summary.cancelled ? { error: cancelledFailure() } : {}),
      })
      return summary
    } catch (error) {
      await this.remember(request, { status: null, rows: null, started, error })
      throw explained(error, session)
    }
  }

  /** Runs the query and streams every page (to the cap) straight into a file; rows never pile up in memory. */
  async exportToFile(
    request: RunRequest,
    target: {
      readonly format: ExportFormat
      readonly path: string
      readonly maxRows: number
      readonly includeFormatted: boolean
      readonly csvFormulas?: CsvFormulas
    },
    context: RunContext = {},
  ): Promise<ExportResult & { readonly summary: FetchAllSummary }> {
    return this.counted(() => this.exportPages(request, target, context))
  }

  private async exportPages(
    request: RunRequest,
    target: {
      readonly format: ExportFormat
      readonly path: string
      readonly maxRows: number
      readonly includeFormatted: boolean
      readonly csvFormulas?: CsvFormulas
    },
    context: RunContext,
  ): Promise<ExportResult & { readonly summary: FetchAllSummary }> {
    const session = this.session(request.connectionId)
    const writer = createExportWriter(target.format, target.path, {
      includeFormatted: target.includeFormatted,
      sheetName: 'Results',
      csvFormulas: target.csvFormulas,
    })
    try {
      const summary = await this.pageThrough(
        request,
        session,
        { maxRows: target.maxRows, keepAnswer: false },
        context,
        (page) => writer.writePage(page),
      )
      if (summary.cancelled) {
        await writer.abort()
        throw cancelledFailure()
      }
      return { ...(await writer.finish()), summary }
    } catch (error) {
      await writer.abort()
      throw explained(error, session)
    }
  }

  /**
   * Prepares the request and follows its pages up to `maxRows` as one operation (cancellable by id),
   * handing each page on; with `keepAnswer` the last answer stays available to the raw view.
   */
  private async pageThrough(
    request: RunRequest,
    session: ConnectionSession,
    options: { readonly maxRows: number; readonly keepAnswer: boolean },
    context: RunContext,
    onPage: (page: ResultPage) => Promise<void> | void,
  ): Promise<FetchAllSummary> {
    const prepared = await this.prepare(request, session, context.signal)
    const fetchXml =
      prepared.fetchXml &&
      fetchXmlPaging(prepared.fetchXml.xml, prepared.fetchXml.entitySet, prepared.headers, request.prefer.maxPageSize)
    const operation = this.operations.start(request.operationId, prepared.selectOrder, prepared.headers, context.signal)
    // Key ranges in parallel where the query allows it, else page after page; the summary says which.
    return fetchAllAuto(session.client, {
      operationId: request.operationId,
      method: 'GET',
      path: fetchXml ? fetchXml.path : prepared.path,
      headers: fetchXml ? fetchXml.headers : prepared.headers,
      ...(fetchXml ? { cursor: fetchXml.cursor } : {}),
      shaper: operation.shaper,
      maxRows: options.maxRows,
      signal: operation.controller.signal,
      onPage: (page, answer) => {
        if (options.keepAnswer) operation.lastBody = lastBodyOf(answer)
        return onPage(page)
      },
      onProgress: context.onProgress,
    })
  }

  cancel(operationId: string): boolean {
    return this.operations.cancel(operationId)
  }

  /** The last answer of an operation as text: pretty JSON (or the text) with its status line and headers. */
  body(operationId: string): { statusLine: string; headers: Record<string, string>; body: string } {
    const last = this.operations.get(operationId)?.lastBody
    if (!last) {
      throw new AppFailure({
        code: 'NOT_FOUND',
        message: 'That result is no longer kept, so its raw answer cannot be shown.',
        cause: 'Only the latest results are kept in memory.',
        next: 'Run the query again.',
      })
    }
    const body =
      'json' in last.body
        ? JSON.stringify(JSON.parse(last.body.json), null, 2)
        : typeof last.body.value === 'string'
          ? last.body.value
          : (JSON.stringify(last.body.value, null, 2) ?? '')
    return { statusLine: last.statusLine, headers: last.headers, body }
  }
}

function lastBodyOf(answer: PageAnswer): LastBody {
  const { status, body, text } = answer.response
  return {
    statusLine: `HTTP ${status}`,
    headers: answer.result.headers,
    body: body !== null && typeof body === 'object' ? { json: text } : { value: body },
  }
}

function cancelledFailure(): AppFailure {
  return new AppFailure({
    code: 'CANCELLED',
    message: 'The query was cancelled.',
    cause: 'You stopped it before it finished.',
    next: 'Run it again when you are ready.',
  })
}
