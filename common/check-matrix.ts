/**
 * "Check all": the preflight check run on many connections at once, as a matrix (rows: connections,
 * columns: the check's steps), and how one run compares with the previous one. Shared by main, the
 * renderer and the CLI, whose `--json` prints this shape.
 */
import { z } from 'zod'
import { CatalogIdSchema, CheckOutcomeSchema, STEP_IDS, type StepId, type StepStatus } from './diagnostics'

/** The matrix's columns, in the check's order. The one place the matrix learns the step ids from. */
export const MATRIX_STEP_IDS: readonly StepId[] = STEP_IDS

/** How many checks run at the same time; more would crowd the sign-in endpoint and the machine. */
export const CHECK_ALL_CONCURRENCY = 4
/** A run checks at most this many connections (a large portfolio, not an unbounded list). */
export const CHECK_ALL_MAX_CONNECTIONS = 200

const CellStatusSchema = z.enum(['pending', 'running', 'pass', 'warn', 'fail', 'skipped'])
export type CellStatus = z.infer<typeof CellStatusSchema>

export const MatrixCellSchema = z.object({
  status: CellStatusSchema,
  /** One line: the step's summary. */
  summary: z.string().max(500),
  /** The first diagnosis of a warning or failure: its id, title and fix steps (catalog text, no secrets). */
  diagnosis: z.object({ id: CatalogIdSchema, title: z.string(), fix: z.array(z.string()) }).nullable(),
})
export type MatrixCell = z.infer<typeof MatrixCellSchema>

const RowStateSchema = z.enum(['queued', 'running', 'done', 'cancelled', 'error'])

export const MatrixRowSchema = z.object({
  connectionId: z.string(),
  connectionName: z.string(),
  environmentUrl: z.string(),
  /** Identifiers only (an export may mask them); never a secret. */
  tenantId: z.string(),
  clientId: z.string(),
  state: RowStateSchema,
  /** The check's outcome once it finished (or was cancelled). */
  outcome: CheckOutcomeSchema.nullable(),
  /** The check whose report the row came from (finished checks keep a report for a while). */
  checkId: z.string().nullable(),
  /** Why the check could not run at all (state "error"), in plain words with the next step. */
  problem: z.string().nullable(),
  cells: z.record(z.enum(STEP_IDS), MatrixCellSchema),
})
export type MatrixRow = z.infer<typeof MatrixRowSchema>

const CellChangeSchema = z.enum(['better', 'worse', 'new', 'same'])
export type CellChange = z.infer<typeof CellChangeSchema>

/** Per connection: the earlier run it was compared with, and per step how the cell moved. */
const RowComparisonSchema = z.object({
  /** Absent when the connection was never checked in a saved run before: every cell is "new". */
  previous: z.object({ runId: z.string(), startedAt: z.string() }).nullable(),
  cells: z.record(z.enum(STEP_IDS), CellChangeSchema),
})
export type RowComparison = z.infer<typeof RowComparisonSchema>

export const MatrixRunSchema = z.object({
  runId: z.string(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  rows: z.array(MatrixRowSchema),
  /** Connections whose check was cancelled: queued ones never started, running ones were aborted. */
  cancelled: z.array(z.string()),
  /** Connection id → the comparison with its previous saved run; absent for rows that did not finish. */
  comparison: z.record(z.string(), RowComparisonSchema),
  /** The run could not be saved or the earlier runs read (the file is left as it is); the checks still ran. */
  saveProblem: z.string().nullable(),
})
export type MatrixRun = z.infer<typeof MatrixRunSchema>

/** A saved run: the matrix without the comparison (it is worked out again against older runs). */
export const SavedMatrixRunSchema = MatrixRunSchema.omit({ comparison: true, saveProblem: true })
export type SavedMatrixRun = z.infer<typeof SavedMatrixRunSchema>

const RANK: Readonly<Record<CellStatus, number | null>> = {
  pass: 3,
  warn: 2,
  skipped: 1,
  fail: 0,
  pending: null,
  running: null,
}

/** Better/worse by pass > warn > skipped > fail; a cell with nothing to compare is "new". */
export function compareCell(before: MatrixCell | undefined, after: MatrixCell): CellChange {
  const was = before ? RANK[before.status] : null
  const now = RANK[after.status]
  if (now === null) return 'same'
  if (was === null) return 'new'
  if (now > was) return 'better'
  if (now < was) return 'worse'
  return 'same'
}

export function compareRow(
  previous: { readonly runId: string; readonly startedAt: string; readonly row: MatrixRow } | null,
  row: MatrixRow,
): RowComparison {
  const cells = Object.fromEntries(
    MATRIX_STEP_IDS.map((id) => {
      const cell = row.cells[id]
      return [id, cell ? compareCell(previous?.row.cells[id], cell) : 'same']
    }),
  ) as Record<StepId, CellChange>
  return { previous: previous ? { runId: previous.runId, startedAt: previous.startedAt } : null, cells }
}

/** The matrix cell a step status becomes. */
export function cellStatusOf(status: StepStatus): CellStatus {
  return status === 'skip' ? 'skipped' : status
}

/** ✓ ! ✗ - for the CLI's compact table and the Markdown export. */
export const CELL_MARK: Readonly<Record<CellStatus, string>> = {
  pass: '✓',
  warn: '!',
  fail: '✗',
  skipped: '-',
  pending: '·',
  running: '…',
}

/** Whether a run has a failing connection: a failed check, or one that could not run at all. */
export function rowFailed(row: MatrixRow): boolean {
  return row.state === 'error' || (row.state === 'done' && row.outcome === 'fail')
}
