/** The query workbench: metadata, execution, paging, export, history (issue 6). */
import { z } from 'zod'
import {
  HistoryEntrySchema,
  ImportReportSchema,
  OpenTabsSchema,
  SavedQueryDraftSchema,
  SavedQuerySchema,
} from '../query/workspace'
import { defineChannel } from './define'

const Id = z.string().min(1).max(200)

export const queryChannels = {
  'history:list': defineChannel({
    summary: "A connection's query history, newest first, optionally filtered by a search text.",
    request: z.object({ connectionId: Id, search: z.string().max(500).optional(), limit: z.number().int().min(1).max(500).optional() }),
    response: z.object({ entries: z.array(HistoryEntrySchema) }),
  }),
  'history:delete': defineChannel({
    summary: 'Remove one entry from the query history.',
    request: z.object({ id: Id }),
    response: z.object({ deleted: z.boolean() }),
  }),
  'history:clear': defineChannel({
    summary: "Remove every history entry of one connection.",
    request: z.object({ connectionId: Id }),
    response: z.object({ removed: z.number().int() }),
  }),
  'saved-queries:list': defineChannel({
    summary: 'Saved queries available on a connection (global ones included), filtered by search text or tag.',
    request: z.object({ connectionId: Id.nullable().optional(), search: z.string().max(500).optional(), tag: z.string().max(50).optional() }),
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
    summary: 'Saved queries (all, or the given ids) as the JSON text of an export file.',
    request: z.object({ ids: z.array(Id).max(10_000).optional() }),
    response: z.object({ json: z.string(), fileName: z.string() }),
  }),
  'saved-queries:import': defineChannel({
    summary: 'Import saved queries from the JSON text of an export file; reports what was added, updated or rejected.',
    request: z.object({ json: z.string().max(20_000_000) }),
    response: ImportReportSchema,
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

export const queryEvents = {}
