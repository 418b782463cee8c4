import { z } from 'zod'
import { ResultPageSchema } from './result-set'
import { PreferOptionsSchema, QueryModeSchema } from './workspace'

export const DEFAULT_ROW_CAP = 50_000
export const MAX_ROW_CAP = 5_000_000

/** A query as the renderer (or the CLI) asks main to run it. Main builds the URL from the connection. */
/** Real requests carry a handful; the cap keeps a window from sending an unbounded header map. */
const MAX_EXTRA_HEADERS = 50

export const QueryRequestSchema = z.object({
  connectionId: z.string().min(1).max(64),
  /** Chosen by the caller, so it can cancel before the first answer arrives. */
  operationId: z.string().min(1).max(100),
  mode: QueryModeSchema,
  /** The editor text: OData (one option per line allowed) or a FetchXML document. */
  text: z.string().min(1).max(100_000),
  method: z.enum(['GET', 'POST', 'PATCH', 'PUT', 'DELETE']).default('GET'),
  body: z.string().max(1_000_000).optional(),
  /** Extra request headers (MSCRM.*, If-Match…); Prefer and CallerObjectId come from the toggles. */
  headers: z
    .record(z.string().max(100), z.string().max(4000))
    .refine(
      (headers) => Object.keys(headers).length <= MAX_EXTRA_HEADERS,
      `A request carries at most ${MAX_EXTRA_HEADERS} extra headers.`,
    )
    .default({}),
  prefer: PreferOptionsSchema,
  /** Entra object id to run as (CallerObjectId), or null. */
  impersonate: z.string().max(100).nullable().default(null),
})
export type QueryRequest = z.input<typeof QueryRequestSchema>

const QueryTimingsSchema = z.object({ ttfbMs: z.number(), totalMs: z.number() })

const QueryBodySchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('rows'),
    page: ResultPageSchema,
    /** True when the response was one record or a function result, shown as one row. */
    single: z.boolean(),
    /** @odata.count when $count=true was asked. */
    count: z.number().nullable(),
    /** Absolute @odata.nextLink on the org host; main checks the host again before following it. */
    nextLink: z.string().nullable(),
    /** FetchXML's `@Microsoft.Dynamics.CRM.morerecords`: more rows follow, which fetch-all pages to (FetchXML has no nextLink). */
    moreRecords: z.boolean().optional(),
  }),
  z.object({ kind: z.literal('text'), text: z.string(), truncated: z.boolean() }),
  z.object({ kind: z.literal('empty') }),
])
export type QueryBody = z.infer<typeof QueryBodySchema>

export const QueryResultSchema = z.object({
  operationId: z.string(),
  /** The relative URL that was sent (normalised). */
  path: z.string(),
  method: z.string(),
  status: z.number().int(),
  headers: z.record(z.string(), z.string()),
  requestId: z.string().nullable(),
  timings: QueryTimingsSchema,
  bytes: z.number().int(),
  body: QueryBodySchema,
})
export type QueryResult = z.infer<typeof QueryResultSchema>

/**
 * How fetch-all asked for the pages: OData's `@odata.nextLink`, FetchXML's paging cookie, FetchXML
 * page numbers alone (Dataverse sent no cookie), or one request (FetchXML `top`).
 */
const FetchAllPagingSchema = z.enum(['next-link', 'paging-cookie', 'page-number', 'single'])
export type FetchAllPaging = z.infer<typeof FetchAllPagingSchema>

/** How fetch-all asked for the pages: key ranges in parallel, or one page after another, and why. */
const FetchAllStrategySchema = z.object({
  mode: z.enum(['parallel', 'sequential']),
  /** Most pages asked at once. */
  degree: z.number().int(),
  /** The column the rows were split on, when parallel. */
  key: z.string().optional(),
  /** How many key ranges were fetched, when parallel. */
  ranges: z.number().int().optional(),
  /** Why this mode: Dataverse's x-ms-dop-hint, or what in the query rules splitting out. */
  reason: z.string(),
})
export type FetchAllStrategy = z.infer<typeof FetchAllStrategySchema>

/** `parallel ×4 by accountid ranges` or `sequential (the query has $top)`, for the CLI and the grid's status. */
export function describeStrategy(strategy: FetchAllStrategy): string {
  return strategy.mode === 'parallel'
    ? `parallel ×${strategy.degree} by ${strategy.key ?? 'key'} ranges (${strategy.ranges ?? 0} ranges; ${strategy.reason})`
    : `sequential (${strategy.reason})`
}

export const FetchAllSummarySchema = z.object({
  operationId: z.string(),
  rows: z.number().int(),
  pages: z.number().int(),
  elapsedMs: z.number(),
  /** The row cap stopped it before the last page. */
  capped: z.boolean(),
  cancelled: z.boolean(),
  paging: FetchAllPagingSchema.optional(),
  /** Something the user should know about how the pages were asked (for example simple paging's 50,000-row limit). */
  notice: z.string().optional(),
  strategy: FetchAllStrategySchema.optional(),
})
export type FetchAllSummary = z.infer<typeof FetchAllSummarySchema>

export const QueryProgressSchema = z.object({
  operationId: z.string(),
  rows: z.number().int(),
  pages: z.number().int(),
  elapsedMs: z.number(),
  /** Seconds left while waiting out a 429 Retry-After; null when not throttled. */
  throttledSeconds: z.number().nullable(),
})
export type QueryProgress = z.infer<typeof QueryProgressSchema>
