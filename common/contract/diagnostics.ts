/** The preflight check, the error explainer, the token inspector and reports (issue 5). */
import { z } from 'zod'
import { CloudSchema } from '../clouds'
import { ConnectionIdSchema } from '../connection'
import {
  CheckRunSchema,
  ExplainResultSchema,
  HistoryDiffSchema,
  HistoryEntrySchema,
  ProbeTableSchema,
  ReportMaskSchema,
  StepResultSchema,
  TokenExpectationSchema,
  TokenInspectionSchema,
} from '../diagnostics'
import { defineChannel, defineEvent } from './define'

/** Long enough for a whole stack trace or log excerpt; explain() reads at most this much anyway. */
const MAX_EXPLAIN_INPUT = 200_000
/** Access tokens are a few KB; 32 KB leaves room for large group/role claims. */
const MAX_TOKEN_INPUT = 32_768

const CheckIdSchema = z.uuid()

export const diagnosticsChannels = {
  'diagnostics:explain': defineChannel({
    summary:
      'Explain a pasted error (AADSTS, MSAL, Dataverse, HTTP, TLS…): ranked diagnoses with fixes, and every id recognised.',
    request: z.object({ text: z.string().max(MAX_EXPLAIN_INPUT), cloud: CloudSchema.optional() }),
    response: ExplainResultSchema,
  }),
  'diagnostics:inspect-token': defineChannel({
    summary:
      'Decode a pasted access token and explain its claims; the response carries claims and findings, never the token.',
    request: z.object({ token: z.string().max(MAX_TOKEN_INPUT), expected: TokenExpectationSchema.optional() }),
    response: TokenInspectionSchema,
  }),
  'check:run': defineChannel({
    summary:
      'Run the preflight check on a connection; steps stream as check:progressed, the finished check is the answer.',
    request: z.object({
      connectionId: ConnectionIdSchema,
      /** Chosen by the window so it can cancel the check before the answer arrives. */
      checkId: CheckIdSchema,
      tables: z.array(ProbeTableSchema).min(1).max(10).optional(),
    }),
    response: CheckRunSchema,
  }),
  'check:cancel': defineChannel({
    summary: 'Cancel a running check; the running steps are aborted and the check answers as cancelled.',
    request: z.object({ checkId: CheckIdSchema }),
    response: z.object({ cancelled: z.boolean() }),
  }),
  'check:history': defineChannel({
    summary: "A connection's last 20 checks (newest first) and what changed since the last passing one.",
    request: z.object({ connectionId: ConnectionIdSchema }),
    response: z.object({ entries: z.array(HistoryEntrySchema), changes: HistoryDiffSchema }),
  }),
  'check:export-report': defineChannel({
    summary:
      'Save the report of a finished check (Markdown, printable HTML or JSON) to a file chosen in a main-process dialog.',
    request: z.object({ checkId: CheckIdSchema, format: z.enum(['markdown', 'html', 'json']), mask: ReportMaskSchema }),
    response: z.object({ path: z.string().nullable() }),
  }),
  'check:copy-ticket': defineChannel({
    summary: 'Put a compact Markdown summary of a finished check on the clipboard, for a support ticket.',
    request: z.object({ checkId: CheckIdSchema, mask: ReportMaskSchema }),
    response: z.object({ copied: z.literal(true), characters: z.number().int() }),
  }),
}

export const diagnosticsEvents = {
  'check:progressed': defineEvent({
    summary: 'A step of a running check started or finished (the live stepper).',
    payload: z.object({ checkId: CheckIdSchema, connectionId: ConnectionIdSchema, step: StepResultSchema }),
  }),
}
