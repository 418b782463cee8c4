/**
 * The saved "check all" runs (the last 20), so the next run can say what changed since last time.
 * Kept in `check-all-runs.json` through the shared document store: a damaged file is copied aside
 * and reported, never reset. What is saved is the matrix only (statuses, diagnosis ids, one-line
 * summaries), scrubbed once more on the way in: no secret, token or assertion is ever written.
 */
import { z } from 'zod'
import { SavedMatrixRunSchema, type MatrixRow, type SavedMatrixRun } from '@common/check-matrix'
import type { StoreBackend } from '../store/backend'
import { createDocumentStore, type DocumentStore } from '../store/document-store'
import { scrubDeep } from './report/scrub'

export const MATRIX_RUNS_STORE_NAME = 'check-all-runs'
const MATRIX_RUNS_LIMIT = 20

const MatrixRunsDocumentSchema = z.object({
  /** Newest first. */
  runs: z.array(SavedMatrixRunSchema),
})
type MatrixRunsDocument = z.infer<typeof MatrixRunsDocumentSchema>

export function createMatrixRunsStore(backend: StoreBackend): DocumentStore<MatrixRunsDocument> {
  return createDocumentStore({
    backend,
    label: 'check-all runs',
    schema: MatrixRunsDocumentSchema,
    version: 1,
    empty: () => ({ runs: [] }),
  })
}

export interface MatrixRuns {
  /** Newest first. Throws STORE_CORRUPT while the file is damaged. */
  list(): SavedMatrixRun[]
  save(run: SavedMatrixRun): void
  /** The connection's row in the newest saved run where its check ran to the end. */
  previousRow(connectionId: string): { runId: string; startedAt: string; row: MatrixRow } | null
  /** A deleted connection's rows go with it (a run left with no row goes too). */
  forget(connectionId: string): void
}

export function createMatrixRuns(store: DocumentStore<MatrixRunsDocument>, limit = MATRIX_RUNS_LIMIT): MatrixRuns {
  const list = () => store.read().runs
  return {
    list,
    save(run) {
      const clean = scrubDeep(SavedMatrixRunSchema.parse(run))
      store.update((current) => ({
        runs: [clean, ...current.runs.filter((saved) => saved.runId !== run.runId)].slice(0, limit),
      }))
    },
    previousRow(connectionId) {
      for (const run of list()) {
        const row = run.rows.find((candidate) => candidate.connectionId === connectionId && candidate.state === 'done')
        if (row) return { runId: run.runId, startedAt: run.startedAt, row }
      }
      return null
    },
    forget(connectionId) {
      if (!list().some((run) => run.rows.some((row) => row.connectionId === connectionId))) return
      store.update((current) => ({
        runs: current.runs
          .map((run) => ({ ...run, rows: run.rows.filter((row) => row.connectionId !== connectionId) }))
          .filter((run) => run.rows.length > 0),
      }))
    },
  }
}
