import { z } from 'zod'

/** Ids the app generates are UUIDs; anything near this long did not come from it. */
const MAX_ID = 200

export const QueryModeSchema = z.enum(['odata', 'fetchxml'])
export type QueryMode = z.infer<typeof QueryModeSchema>

const MAX_TEXT = 100_000

/**
 * One run of a query, as kept in a connection's history. It has no field for headers, tokens or
 * response bodies: what is not in the type cannot be stored.
 */
export const HistoryEntrySchema = z.object({
  id: z.string(),
  connectionId: z.string(),
  at: z.string(),
  mode: QueryModeSchema,
  method: z.string(),
  /** The query as the user wrote it (may span lines). */
  text: z.string().max(MAX_TEXT),
  /** HTTP status, or null when the request never got an answer (network error, cancelled). */
  status: z.number().int().nullable(),
  outcome: z.enum(['ok', 'error', 'cancelled']),
  rowCount: z.number().int().nullable(),
  durationMs: z.number().nullable(),
  errorCode: z.string().optional(),
})
export type HistoryEntry = z.infer<typeof HistoryEntrySchema>

export const HISTORY_LIMIT = 500

export const SavedQuerySchema = z.object({
  id: z.string(),
  name: z.string().min(1).max(200),
  description: z.string().max(2000).default(''),
  tags: z.array(z.string().min(1).max(50)).max(20).default([]),
  /** null: available on every connection; otherwise only on that one. */
  connectionId: z.string().max(MAX_ID).nullable(),
  mode: QueryModeSchema,
  text: z.string().max(MAX_TEXT),
  createdAt: z.string(),
  updatedAt: z.string(),
})
export type SavedQuery = z.infer<typeof SavedQuerySchema>

export const SavedQueryDraftSchema = SavedQuerySchema.omit({ createdAt: true, updatedAt: true }).extend({
  id: z.string().max(MAX_ID).optional(),
})
export type SavedQueryDraft = z.input<typeof SavedQueryDraftSchema>

/** The file format of an exported set of saved queries. */
export const SavedQueriesFileSchema = z.object({
  format: z.literal('dataverse-workbench/saved-queries'),
  version: z.literal(1),
  exportedAt: z.string(),
  queries: z.array(z.unknown()),
})

export const ImportReportSchema = z.object({
  added: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  /** Entries that were not valid saved queries, with the reason, by position in the file. */
  rejected: z.array(z.object({ index: z.number().int(), reason: z.string() })),
})
export type ImportReport = z.infer<typeof ImportReportSchema>

export const PreferOptionsSchema = z.object({
  /** odata.include-annotations: formatted values, lookup names. */
  annotations: z.boolean(),
  /** odata.maxpagesize, or null for the server default (5,000). */
  maxPageSize: z.number().int().min(1).max(5000).nullable(),
})
export type PreferOptions = z.infer<typeof PreferOptionsSchema>

const QueryTabSchema = z.object({
  id: z.string().max(MAX_ID),
  title: z.string().max(200),
  connectionId: z.string().max(MAX_ID).nullable(),
  mode: QueryModeSchema,
  text: z.string().max(MAX_TEXT),
  method: z.enum(['GET', 'POST', 'PATCH', 'PUT', 'DELETE']).default('GET'),
  body: z.string().max(MAX_TEXT).default(''),
  prefer: PreferOptionsSchema,
  /** Entra object id used for CallerObjectId impersonation, or null when off. */
  impersonate: z.string().max(100).nullable().default(null),
  savedQueryId: z.string().max(MAX_ID).nullable().default(null),
})
export type QueryTab = z.infer<typeof QueryTabSchema>

export const OpenTabsSchema = z.object({
  tabs: z.array(QueryTabSchema).max(50),
  activeId: z.string().max(MAX_ID).nullable(),
})
export type OpenTabs = z.infer<typeof OpenTabsSchema>
