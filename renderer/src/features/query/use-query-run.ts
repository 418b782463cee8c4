/** One query tab's runs against main: first page, next pages, fetch-all, export and cancel. */
import { useCallback, useEffect, useRef, useState } from 'react'
import type { FetchAllSummary, QueryProgress, QueryResult } from '@common/query/execution'
import type { QueryTab } from '@common/query/workspace'
import type { AppError } from '@common/result'
import { bridge, toAppError, unwrap } from '../../bridge'
import { appendPage, emptyResult, resultFromPage, type ResultData } from '../results/result-data'
import type { ResultView } from '../results/ResultsPanel'
import { requestOf } from './query-request'

export interface RunState {
  readonly running: 'query' | 'next-page' | 'fetch-all' | 'export' | null
  readonly operationId: string | null
  /** The rows received so far (grid), or null before the first answer. */
  readonly view: ResultView | null
  /** The last HTTP answer's facts for the status line. */
  readonly response: Omit<QueryResult, 'body'> | null
  readonly text: string | null
  readonly nextLink: string | null
  readonly count: number | null
  readonly progress: QueryProgress | null
  readonly fetched: FetchAllSummary | null
  readonly exported: { readonly path: string; readonly rows: number; readonly capped: boolean } | null
  readonly error: AppError | null
}

const initial: RunState = {
  running: null,
  operationId: null,
  view: null,
  response: null,
  text: null,
  nextLink: null,
  count: null,
  progress: null,
  fetched: null,
  exported: null,
  error: null,
}

/**
 * One tab's runs: the first page, next pages, fetch-all with progress (pages arrive as events and
 * are appended in place, repainting at most once per frame), cancel, and export to a file.
 */
export function useQueryRun(tabId: string) {
  const [state, setState] = useState<RunState>(initial)
  const data = useRef<ResultData>(emptyResult())
  const operation = useRef<string | null>(null)
  const sequence = useRef(0)
  const frame = useRef<number | null>(null)
  const version = useRef(0)

  const viewFor = useCallback((operationId: string): ResultView => {
    return {
      data: data.current,
      version: version.current,
      response: () => unwrap(bridge().queryBody({ operationId })),
    }
  }, [])

  useEffect(() => {
    const offPage = bridge().onQueryPageReceived(({ operationId, page }) => {
      if (operationId !== operation.current) return
      data.current = appendPage(data.current, page)
      version.current++
      // Pages can arrive faster than frames: repaint once per frame, not once per page.
      frame.current ??= requestAnimationFrame(() => {
        frame.current = null
        setState((current) => ({ ...current, view: viewFor(operationId) }))
      })
    })
    const offProgress = bridge().onQueryProgressed((progress) => {
      if (progress.operationId === operation.current) setState((current) => ({ ...current, progress }))
    })
    return () => {
      offPage()
      offProgress()
      if (frame.current !== null) cancelAnimationFrame(frame.current)
    }
  }, [viewFor])

  const begin = useCallback((): string => {
    const operationId = `${tabId}-${++sequence.current}`
    operation.current = operationId
    return operationId
  }, [tabId])

  const run = useCallback(
    async (tab: QueryTab, connectionId: string) => {
      const operationId = begin()
      setState({ ...initial, running: 'query', operationId })
      try {
        const result = await unwrap(bridge().queryExecute(requestOf(tab, connectionId, operationId)))
        if (operation.current !== operationId) return
        const { body, ...response } = result
        if (body.kind === 'rows') {
          data.current = resultFromPage(body.page)
          version.current++
          setState({
            ...initial,
            operationId,
            response,
            view: viewFor(operationId),
            nextLink: body.nextLink,
            count: body.count,
          })
        } else {
          data.current = emptyResult()
          setState({ ...initial, operationId, response, text: body.kind === 'text' ? body.text : '' })
        }
      } catch (failure) {
        if (operation.current === operationId) setState({ ...initial, operationId, error: toAppError(failure) })
      }
    },
    [begin, viewFor],
  )

  const nextPage = useCallback(
    async (connectionId: string) => {
      const operationId = operation.current
      const link = state.nextLink
      if (!operationId || !link) return
      setState((current) => ({ ...current, running: 'next-page', error: null }))
      try {
        const result = await unwrap(bridge().queryNextPage({ connectionId, operationId, nextLink: link }))
        if (operation.current !== operationId) return
        const { body, ...response } = result
        if (body.kind === 'rows') {
          data.current = appendPage(data.current, body.page)
          version.current++
        }
        setState((current) => ({
          ...current,
          running: null,
          response,
          view: viewFor(operationId),
          nextLink: body.kind === 'rows' ? body.nextLink : null,
        }))
      } catch (failure) {
        setState((current) => ({ ...current, running: null, error: toAppError(failure) }))
      }
    },
    [state.nextLink, viewFor],
  )

  const fetchAll = useCallback(
    async (tab: QueryTab, connectionId: string, maxRows: number) => {
      const operationId = begin()
      data.current = emptyResult()
      version.current++
      setState({
        ...initial,
        running: 'fetch-all',
        operationId,
        view: viewFor(operationId),
        progress: { operationId, rows: 0, pages: 0, elapsedMs: 0, throttledSeconds: null },
      })
      try {
        const summary = await unwrap(bridge().queryFetchAll({ ...requestOf(tab, connectionId, operationId), maxRows }))
        if (operation.current !== operationId) return
        setState((current) => ({
          ...current,
          running: null,
          fetched: summary,
          view: viewFor(operationId),
          nextLink: null,
        }))
      } catch (failure) {
        if (operation.current === operationId)
          setState((current) => ({ ...current, running: null, error: toAppError(failure) }))
      }
    },
    [begin, viewFor],
  )

  const exportTo = useCallback(
    async (
      tab: QueryTab,
      connectionId: string,
      format: 'csv' | 'json' | 'xlsx',
      maxRows: number,
      csvFormulas: 'neutralise' | 'raw' = 'neutralise',
    ) => {
      const operationId = `${tabId}-export-${++sequence.current}`
      operation.current = operationId
      setState((current) => ({
        ...current,
        running: 'export',
        operationId,
        exported: null,
        error: null,
        progress: null,
      }))
      try {
        const result = await unwrap(
          bridge().queryExport({
            ...requestOf(tab, connectionId, operationId),
            format,
            maxRows,
            includeFormatted: tab.prefer.annotations,
            csvFormulas,
          }),
        )
        setState((current) => ({
          ...current,
          running: null,
          exported: result.saved ? { path: result.path, rows: result.rows, capped: result.capped } : null,
        }))
      } catch (failure) {
        setState((current) => ({ ...current, running: null, error: toAppError(failure) }))
      }
    },
    [tabId],
  )

  const cancel = useCallback(async () => {
    const operationId = operation.current
    if (!operationId) return
    await unwrap(bridge().queryCancel({ operationId })).catch(() => undefined)
  }, [])

  return { state, run, nextPage, fetchAll, exportTo, cancel }
}
