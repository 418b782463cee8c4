import { join } from 'node:path'
import { OpenTabsSchema } from '../../common/query/workspace'
import { openDocumentStore } from './document-store'
import { HistoryDocumentSchema, QueryHistory } from './history'
import { OpenTabsStore } from './open-tabs'
import { SavedQueries, SavedQueriesDocumentSchema } from './saved-queries'

export interface Workspace {
  readonly history: QueryHistory
  readonly savedQueries: SavedQueries
  readonly tabs: OpenTabsStore
}

/** The query workbench's own files, kept in `<dataDir>/workspace/`. */
export function createWorkspace(dataDir: string): Workspace {
  const dir = join(dataDir, 'workspace')
  return {
    history: new QueryHistory(
      openDocumentStore({ dir, name: 'history', what: 'query history', schema: HistoryDocumentSchema, empty: () => ({ version: 1 as const, entries: [] }) }),
    ),
    savedQueries: new SavedQueries(
      openDocumentStore({ dir, name: 'saved-queries', what: 'saved queries', schema: SavedQueriesDocumentSchema, empty: () => ({ version: 1 as const, queries: [] }) }),
    ),
    tabs: new OpenTabsStore(openDocumentStore({ dir, name: 'open-tabs', what: 'open tabs', schema: OpenTabsSchema, empty: () => ({ tabs: [], activeId: null }) })),
  }
}
