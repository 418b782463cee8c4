/** The preflight check, the error explainer, the token inspector and reports (issue 5). */
import { z } from 'zod'
import { CloudSchema, ExplainResultSchema, TokenExpectationSchema, TokenInspectionSchema } from '../diagnostics'
import { defineChannel } from './define'

/** Long enough for a whole stack trace or log excerpt; explain() reads at most this much anyway. */
export const MAX_EXPLAIN_INPUT = 200_000
/** Access tokens are a few KB; 32 KB leaves room for large group/role claims. */
export const MAX_TOKEN_INPUT = 32_768

export const diagnosticsChannels = {
  'diagnostics:explain': defineChannel({
    summary: 'Explain a pasted error (AADSTS, MSAL, Dataverse, HTTP, TLS…): ranked diagnoses with fixes, and every id recognised.',
    request: z.object({ text: z.string().max(MAX_EXPLAIN_INPUT), cloud: CloudSchema.optional() }),
    response: ExplainResultSchema,
  }),
  'diagnostics:inspect-token': defineChannel({
    summary: 'Decode a pasted access token and explain its claims; the response carries claims and findings, never the token.',
    request: z.object({ token: z.string().max(MAX_TOKEN_INPUT), expected: TokenExpectationSchema.optional() }),
    response: TokenInspectionSchema,
  }),
}

export const diagnosticsEvents = {}
