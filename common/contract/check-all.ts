/** "Check all": the preflight check on many connections at once, as a live matrix (issue 14). */
import { z } from 'zod'
import { CHECK_ALL_MAX_CONNECTIONS, MatrixCellSchema, MatrixRowSchema, MatrixRunSchema } from '../check-matrix'
import { ConnectionIdSchema } from '../connection'
import { ReportMaskSchema, StepIdSchema } from '../diagnostics'
import { defineChannel, defineEvent } from './define'

const RunIdSchema = z.uuid()

export const checkAllChannels = {
  'check-all:run': defineChannel({
    summary:
      'Check many connections, at most 4 at a time; rows and cells stream as check-all:progressed, the finished matrix (with what changed since the previous run) is the answer.',
    request: z.object({
      /** Chosen by the window so it can cancel the run before the answer arrives. */
      runId: RunIdSchema,
      connectionIds: z.array(ConnectionIdSchema).min(1).max(CHECK_ALL_MAX_CONNECTIONS),
    }),
    response: MatrixRunSchema,
  }),
  'check-all:cancel': defineChannel({
    summary: 'Cancel a check-all run: queued checks never start, running ones are aborted; the answer names them.',
    request: z.object({ runId: RunIdSchema }),
    response: z.object({ cancelled: z.boolean() }),
  }),
  'check-all:export': defineChannel({
    summary: 'Save a finished matrix as a redacted report (printable HTML, Markdown or CSV) to a file chosen in main.',
    request: z.object({ runId: RunIdSchema, format: z.enum(['html', 'markdown', 'csv']), mask: ReportMaskSchema }),
    response: z.object({ path: z.string().nullable() }),
  }),
}

export const checkAllEvents = {
  'check-all:progressed': defineEvent({
    summary:
      'A connection of a check-all run was queued, started or finished, or one of its steps moved (the live matrix).',
    payload: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('connection'), runId: RunIdSchema, row: MatrixRowSchema }),
      z.object({
        kind: z.literal('step'),
        runId: RunIdSchema,
        connectionId: ConnectionIdSchema,
        stepId: StepIdSchema,
        cell: MatrixCellSchema,
      }),
    ]),
  }),
}
