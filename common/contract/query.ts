/** The query workbench: metadata, execution, paging, export, history (issue 6). */
import { z } from 'zod'
import {
  HistoryEntrySchema,
  ImportReportSchema,
  OpenTabsSchema,
  SavedQueryDraftSchema,
  SavedQuerySchema,
} from '../query/workspace'
import { MetadataIndexDataSchema, MetadataSummarySchema, TableChoicesSchema } from '../metadata/packed'
import {
  DEFAULT_ROW_CAP,
  FetchAllSummarySchema,
  MAX_ROW_CAP,
  QueryProgressSchema,
  QueryRequestSchema,
  QueryResultSchema,
} from '../query/execution'
import { ResultPageSchema } from '../query/result-set'
import { defineChannel, defineEvent } from './define'

const Id = z.string().min(1).max(200)

const ConnectionId = z.string().min(1).max(64)
const OperationId = z.string().min(1).max(100)
const RowCap = z.number().int().min(1).max(MAX_ROW_CAP).default(DEFAULT_ROW_CAP)

export const queryChannels = {
  'query:execute': defineChannel({
    summary: 'Run a query (OData or FetchXML) on a connection and return its first page, shaped for the grid.',
    request: QueryRequestSchema,
    response: QueryResultSchema,
  }),
  'query:next-page': defineChannel({
    summary: "Follow a page's @odata.nextLink (same host only) for the same result.",
    request: z.object({
      connectionId: ConnectionId,
      operationId: OperationId,
      nextLink: z.string().min(1).max(20_000),
    }),
    response: QueryResultSchema,
  }),
  'query:fetch-all': defineChannel({
    summary: 'Fetch every page up to the row cap; pages arrive as query:page-received events with query:progressed.',
    request: QueryRequestSchema.extend({ maxRows: RowCap }),
    response: FetchAllSummarySchema,
  }),
  'query:cancel': defineChannel({
    summary: 'Stop a running query, fetch-all or export at once.',
    request: z.object({ operationId: OperationId }),
    response: z.object({ cancelled: z.boolean() }),
  }),
  'query:body': defineChannel({
    summary: 'The last answer of a result as text (status line, headers, pretty body) for the JSON and raw views.',
    request: z.object({ operationId: OperationId }),
    response: z.object({ statusLine: z.string(), headers: z.record(z.string(), z.string()), body: z.string() }),
  }),
  'query:export': defineChannel({
    summary: 'Run the query and stream every page (to the row cap) into a CSV, JSON or XLSX file the user picks.',
    request: QueryRequestSchema.extend({
      format: z.enum(['csv', 'json', 'xlsx']),
      maxRows: RowCap,
      includeFormatted: z.boolean().default(true),
      /** CSV: text cells starting with = + - @ are written with a leading ' so a spreadsheet shows them as text; `raw` keeps them as they are. */
      csvFormulas: z.enum(['neutralise', 'raw']).default('neutralise'),
    }),
    response: z.discriminatedUnion('saved', [
      z.object({
        saved: z.literal(true),
        path: z.string(),
        rows: z.number().int(),
        bytes: z.number().int(),
        capped: z.boolean(),
        droppedColumns: z.array(z.string()),
      }),
      z.object({ saved: z.literal(false) }),
    ]),
  }),
  'metadata:load': defineChannel({
    summary:
      "A connection's metadata index (from memory, the disk cache or $metadata), sent once per connection for completion.",
    request: z.object({ connectionId: ConnectionId, refresh: z.boolean().default(false) }),
    response: z.object({ summary: MetadataSummarySchema, index: MetadataIndexDataSchema }),
  }),
  'metadata:choices': defineChannel({
    summary: "One table's choice column values (labels), loaded through EntityDefinitions on first use and cached.",
    request: z.object({ connectionId: ConnectionId, table: z.string().min(1).max(128) }),
    response: z.object({ choices: TableChoicesSchema }),
  }),
  'history:list': defineChannel({
    summary: "A connection's query history, newest first, optionally filtered by a search text.",
    request: z.object({
      connectionId: Id,
      search: z.string().max(500).optional(),
      limit: z.number().int().min(1).max(500).optional(),
    }),
    response: z.object({ entries: z.array(HistoryEntrySchema) }),
  }),
  'history:delete': defineChannel({
    summary: 'Remove one entry from the query history.',
    request: z.object({ id: Id }),
    response: z.object({ deleted: z.boolean() }),
  }),
  'history:clear': defineChannel({
    summary: 'Remove every history entry of one connection.',
    request: z.object({ connectionId: Id }),
    response: z.object({ removed: z.number().int() }),
  }),
  'saved-queries:list': defineChannel({
    summary: 'Saved queries available on a connection (global ones included), filtered by search text or tag.',
    request: z.object({
      connectionId: Id.nullable().optional(),
      search: z.string().max(500).optional(),
      tag: z.string().max(50).optional(),
    }),
    response: z.object({ queries: z.array(SavedQuerySchema) }),
  }),
  'saved-queries:save': defineChannel({
    summary: 'Create a saved query, or update one when the id is given.',
    request: SavedQueryDraftSchema,
    response: SavedQuerySchema,
  }),
  'saved-queries:delete': defineChannel({
    summary: 'Delete a saved query.',
    request: z.object({ id: Id }),
    response: z.object({ deleted: z.boolean() }),
  }),
  'saved-queries:export': defineChannel({
    summary: "Write saved queries (all, or the given ids) to a JSON file the user picks in main's save dialog.",
    request: z.object({ ids: z.array(Id).max(10_000).optional() }),
    response: z.object({ path: z.string().nullable(), count: z.number().int() }),
  }),
  'saved-queries:import': defineChannel({
    summary:
      "Import saved queries from an export file the user picks in main's open dialog; reports what was added, updated or rejected.",
    request: z.undefined(),
    response: z.discriminatedUnion('cancelled', [
      z.object({ cancelled: z.literal(true) }),
      ImportReportSchema.extend({ cancelled: z.literal(false), path: z.string() }),
    ]),
  }),
  'workspace:start-fresh': defineChannel({
    summary: 'After a damaged history, saved-queries or tabs file was kept aside: start that list empty.',
    request: z.object({ store: z.enum(['history', 'saved-queries', 'tabs']) }),
    response: z.object({ started: z.literal(true) }),
  }),
  'query-tabs:load': defineChannel({
    summary: 'The query tabs that were open when the app last closed.',
    request: z.undefined(),
    response: OpenTabsSchema,
  }),
  'query-tabs:save': defineChannel({
    summary: 'Remember the open query tabs, so they come back after a restart.',
    request: OpenTabsSchema,
    response: z.object({ saved: z.literal(true) }),
  }),
}

export const queryEvents = {
  'history:changed': defineEvent({
    summary: "A connection's query history gained, lost or cleared entries: refresh the history list.",
    payload: z.object({ connectionId: z.string().max(200).nullable() }),
  }),
  'query:page-received': defineEvent({
    summary: 'One page of a fetch-all, shaped for the grid.',
    payload: z.object({ operationId: OperationId, page: ResultPageSchema }),
  }),
  'query:progressed': defineEvent({
    summary: 'Fetch-all or export progress: rows, pages, elapsed time, and the Retry-After countdown while throttled.',
    payload: QueryProgressSchema,
  }),
}
