/** Starts, follows, cancels and exports one "check all" run; the run id is made here so Cancel works at once. */
import { useCallback, useEffect, useRef, useState } from 'react'
import type { ReportMask } from '@common/diagnostics'
import { bridge, toAppError, unwrap } from '../../bridge'
import { applyProgress, queuedRows, type MatrixState } from './matrix-state'
import { MATRIX_STEP_IDS } from './steps'

export type MatrixExportFormat = 'html' | 'markdown' | 'csv'

export function useCheckAll() {
  const [state, setState] = useState<MatrixState>({ status: 'idle' })
  const current = useRef<string | null>(null)

  useEffect(() => bridge().onCheckAllProgressed((event) => setState((previous) => applyProgress(previous, event))), [])

  const start = useCallback(
    async (connections: ReadonlyArray<{ readonly id: string; readonly name: string; readonly orgUrl: string }>) => {
      const runId = crypto.randomUUID()
      current.current = runId
      setState({ status: 'running', runId, rows: queuedRows(connections, MATRIX_STEP_IDS), cancelling: false })
      try {
        const run = await unwrap(
          bridge().checkAllRun({ runId, connectionIds: connections.map((connection) => connection.id) }),
        )
        if (current.current === runId) setState({ status: 'done', run })
      } catch (error) {
        if (current.current === runId) setState({ status: 'error', error: toAppError(error) })
      }
    },
    [],
  )

  const cancel = useCallback(async () => {
    const runId = current.current
    if (!runId) return
    setState((previous) => (previous.status === 'running' ? { ...previous, cancelling: true } : previous))
    await unwrap(bridge().checkAllCancel({ runId }))
  }, [])

  const exportAs = useCallback(async (format: MatrixExportFormat, mask: ReportMask) => {
    const runId = current.current
    if (!runId) return null
    return (await unwrap(bridge().checkAllExport({ runId, format, mask }))).path
  }, [])

  /** Back to choosing connections; a run still answering is ignored. */
  const reset = useCallback(() => {
    current.current = null
    setState({ status: 'idle' })
  }, [])

  return { state, start, cancel, exportAs, reset }
}
