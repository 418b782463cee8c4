/**
 * "Check all": the preflight check (check-service.ts) on a list of connections, at most four at a
 * time across every run going on (check-slots.ts), as a live matrix. Each connection's check is an ordinary check (its history and "last test"
 * are recorded as usual). Cancelling stops the queued checks and aborts the running ones. Every
 * finished run is saved (matrix only, scrubbed) and compared with each connection's previous one.
 */
import { randomUUID } from 'node:crypto'
import {
  CHECK_ALL_CONCURRENCY,
  MATRIX_STEP_IDS,
  cellStatusOf,
  compareRow,
  type MatrixCell,
  type MatrixRow,
  type MatrixRun,
  type RowComparison,
} from '@common/check-matrix'
import type { StepId, StepResult } from '@common/diagnostics'
import { AppFailure } from '@common/result'
import type { MatrixRuns } from '../diagnostics/matrix-runs'
import type { AppConnections } from './ad-hoc-connections'
import type { CheckService } from './check-service'
import { createCheckSlots } from './check-slots'

/** Runs finished in this process, kept for their exports. */
const KEPT_RUNS = 10

export type CheckAllProgress =
  | { readonly kind: 'connection'; readonly runId: string; readonly row: MatrixRow }
  | {
      readonly kind: 'step'
      readonly runId: string
      readonly connectionId: string
      readonly stepId: StepId
      readonly cell: MatrixCell
    }

interface CheckAllRequest {
  readonly runId: string
  readonly connectionIds: readonly string[]
  readonly signal?: AbortSignal
  readonly onProgress?: (progress: CheckAllProgress) => void
}

export interface CheckAllService {
  run(request: CheckAllRequest): Promise<MatrixRun>
  /** False when no run with this id is going on. */
  cancel(runId: string): boolean
  /** A run finished in this process. Throws NOT_FOUND. */
  finished(runId: string): MatrixRun
}

export interface CheckAllServiceOptions {
  readonly checks: CheckService
  readonly connections: AppConnections
  readonly runs: MatrixRuns
  readonly concurrency?: number
  readonly now?: () => Date
}

function oneLine(text: string): string {
  const line = text.split(/\r?\n/, 1)[0] ?? ''
  return line.length > 300 ? `${line.slice(0, 299)}…` : line
}

function cellOf(step: StepResult): MatrixCell {
  const diagnosis = step.status === 'fail' || step.status === 'warn' ? step.diagnoses[0] : undefined
  return {
    status: cellStatusOf(step.status),
    summary: oneLine(step.summary),
    diagnosis: diagnosis ? { id: diagnosis.id, title: diagnosis.title, fix: diagnosis.fix } : null,
  }
}

function pendingCells(): Record<StepId, MatrixCell> {
  return Object.fromEntries(
    MATRIX_STEP_IDS.map((id) => [id, { status: 'pending', summary: 'Waiting…', diagnosis: null }]),
  ) as Record<StepId, MatrixCell>
}

function problemOf(error: unknown): string {
  if (error instanceof AppFailure) return `${error.message} ${error.next}`
  return `The check stopped with an unexpected error: ${error instanceof Error ? error.message : String(error)}`
}

function duplicateRun(runId: string): AppFailure {
  return new AppFailure({
    code: 'CONFLICT',
    message: `A check-all run with id ${runId} already exists.`,
    cause: 'The window reused the id of an earlier run.',
    next: 'Start the run again.',
  })
}

export function createCheckAllService(options: CheckAllServiceOptions): CheckAllService {
  const concurrency = options.concurrency ?? CHECK_ALL_CONCURRENCY
  const slots = createCheckSlots(concurrency)
  const now = options.now ?? (() => new Date())
  const running = new Map<string, AbortController>()
  const finished = new Map<string, MatrixRun>()

  options.connections.onChange((change) => {
    if (change.kind !== 'deleted') return
    try {
      options.runs.forget(change.id)
    } catch {
      // A damaged runs file is reported when it is next read; deleting the connection goes ahead.
    }
  })

  const initialRow = (connectionId: string): MatrixRow => {
    const base = { connectionId, outcome: null, checkId: null, cells: pendingCells() }
    try {
      const connection = options.connections.get(connectionId)
      return {
        ...base,
        connectionName: connection.name,
        environmentUrl: connection.orgUrl,
        tenantId: connection.tenantId,
        clientId: connection.clientId,
        state: 'queued',
        problem: null,
      }
    } catch (error) {
      return {
        ...base,
        connectionName: connectionId,
        environmentUrl: '',
        tenantId: '',
        clientId: '',
        state: 'error',
        problem: problemOf(error),
      }
    }
  }

  return {
    async run(request) {
      if (running.has(request.runId) || finished.has(request.runId)) throw duplicateRun(request.runId)
      const abort = new AbortController()
      const stop = () => abort.abort(new DOMException('The run was cancelled.', 'AbortError'))
      request.signal?.addEventListener('abort', stop, { once: true })
      running.set(request.runId, abort)
      const startedAt = now().toISOString()
      const rows = [...new Set(request.connectionIds)].map(initialRow)
      // A copy: the row goes on changing after it was announced.
      const announce = (row: MatrixRow) =>
        request.onProgress?.({ kind: 'connection', runId: request.runId, row: structuredClone(row) })
      for (const row of rows) if (row.state === 'error') announce(row)
      const queue = rows.filter((row) => row.state === 'queued')

      const checkOne = async (row: MatrixRow): Promise<void> => {
        const checkId = randomUUID()
        Object.assign(row, { state: 'running', checkId })
        announce(row)
        try {
          const { check } = await options.checks.run({
            connectionId: row.connectionId,
            checkId,
            signal: abort.signal,
            onProgress: (step) => {
              const cell = cellOf(step)
              row.cells[step.id] = cell
              request.onProgress?.({
                kind: 'step',
                runId: request.runId,
                connectionId: row.connectionId,
                stepId: step.id,
                cell,
              })
            },
          })
          for (const step of check.steps) row.cells[step.id] = cellOf(step)
          Object.assign(row, { state: check.cancelled ? 'cancelled' : 'done', outcome: check.outcome })
        } catch (error) {
          Object.assign(row, { state: 'error', problem: problemOf(error) })
        }
        announce(row)
      }

      const worker = async () => {
        for (let row = queue.shift(); row; row = queue.shift()) {
          if (!(await slots.acquire(abort.signal))) {
            row.state = 'cancelled'
            announce(row)
            continue
          }
          try {
            await checkOne(row)
          } finally {
            slots.release()
          }
        }
      }
      try {
        await Promise.all(Array.from({ length: Math.min(concurrency, queue.length) }, worker))
      } finally {
        running.delete(request.runId)
        request.signal?.removeEventListener('abort', stop)
      }

      let saveProblem: string | null = null
      const comparison: Record<string, RowComparison> = {}
      try {
        for (const row of rows) {
          if (row.state === 'done')
            comparison[row.connectionId] = compareRow(options.runs.previousRow(row.connectionId), row)
        }
      } catch (error) {
        saveProblem = problemOf(error)
      }
      const run: MatrixRun = {
        runId: request.runId,
        startedAt,
        finishedAt: now().toISOString(),
        rows,
        cancelled: rows.filter((row) => row.state === 'cancelled').map((row) => row.connectionId),
        comparison,
        saveProblem,
      }
      try {
        options.runs.save(run)
      } catch (error) {
        saveProblem ??= problemOf(error)
      }
      const result = { ...run, saveProblem }
      finished.set(run.runId, result)
      while (finished.size > KEPT_RUNS) finished.delete(finished.keys().next().value as string)
      return result
    },

    cancel(runId) {
      const abort = running.get(runId)
      if (!abort) return false
      abort.abort(new DOMException('The run was cancelled.', 'AbortError'))
      return true
    },

    finished(runId) {
      const run = finished.get(runId)
      if (!run)
        throw new AppFailure({
          code: 'NOT_FOUND',
          message: `There is no finished check-all run ${runId}.`,
          cause: 'The run is still going on, or the app was restarted since (finished runs are kept until then).',
          next: 'Wait for the run to finish, or run "Check all" again, then export.',
          details: { runId },
        })
      return run
    },
  }
}
