/**
 * The live matrix of one "check all" run: rows fill in from check-all:progressed while the run
 * goes on, and the finished answer (authoritative, with the comparison) replaces them.
 */
import type { MatrixRow, MatrixRun } from '@common/check-matrix'
import type { EventPayloadOf } from '@common/contract'
import type { AppError } from '@common/result'

export type MatrixState =
  | { readonly status: 'idle' }
  | {
      readonly status: 'running'
      readonly runId: string
      readonly rows: readonly MatrixRow[]
      readonly cancelling: boolean
    }
  | { readonly status: 'done'; readonly run: MatrixRun }
  | { readonly status: 'error'; readonly error: AppError }

export type MatrixProgress = EventPayloadOf<'check-all:progressed'>

/** Rows as they are before the first event arrives: every connection queued, every cell waiting. */
export function queuedRows(
  connections: ReadonlyArray<{ readonly id: string; readonly name: string; readonly orgUrl: string }>,
  stepIds: readonly string[],
): MatrixRow[] {
  return connections.map((connection) => ({
    connectionId: connection.id,
    connectionName: connection.name,
    environmentUrl: connection.orgUrl,
    tenantId: '',
    clientId: '',
    state: 'queued',
    outcome: null,
    checkId: null,
    problem: null,
    cells: Object.fromEntries(
      stepIds.map((id) => [id, { status: 'pending', summary: 'Waiting…', diagnosis: null }]),
    ) as MatrixRow['cells'],
  }))
}

export function applyProgress(state: MatrixState, event: MatrixProgress): MatrixState {
  if (state.status !== 'running' || state.runId !== event.runId) return state
  const rows = state.rows.map((row) => {
    if (event.kind === 'connection') return row.connectionId === event.row.connectionId ? event.row : row
    if (row.connectionId !== event.connectionId) return row
    return { ...row, cells: { ...row.cells, [event.stepId]: event.cell } }
  })
  return { ...state, rows }
}

/** Finished rows out of all, for the progress bar. */
export function progressOf(rows: readonly MatrixRow[]): { readonly finished: number; readonly total: number } {
  const finished = rows.filter((row) => row.state !== 'queued' && row.state !== 'running').length
  return { finished, total: rows.length }
}
