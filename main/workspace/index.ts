import { OpenTabsSchema } from '@common/query/workspace'
import type { OpenStore } from '../store/backend'
import { createDocumentStore, type DocumentStore } from '../store/document-store'
import { HistoryDocumentSchema, QueryHistory } from './history'
import { OpenTabsStore } from './open-tabs'
import { SavedQueries, SavedQueriesDocumentSchema } from './saved-queries'

type WorkspaceStoreName = 'history' | 'saved-queries' | 'tabs'

export interface Workspace {
  readonly history: QueryHistory
  readonly savedQueries: SavedQueries
  readonly tabs: OpenTabsStore
  /** The user's choice after a damaged file: start that list empty (the damaged copy is kept). */
  startFresh(store: WorkspaceStoreName): void
}

/**
 * The query workbench's own files, through the host's store layer (electron-store in the app,
 * conf elsewhere): `query-history.json`, `saved-queries.json`, `query-tabs.json`.
 */
export function createWorkspace(openStore: OpenStore): Workspace {
  const stores: Record<WorkspaceStoreName, DocumentStore<unknown>> = {} as Record<
    WorkspaceStoreName,
    DocumentStore<unknown>
  >
  const history = createDocumentStore({
    backend: openStore('query-history'),
    label: 'query history',
    schema: HistoryDocumentSchema,
    version: 1,
    empty: () => ({ entries: [] }),
  })
  const saved = createDocumentStore({
    backend: openStore('saved-queries'),
    label: 'saved queries',
    schema: SavedQueriesDocumentSchema,
    version: 1,
    empty: () => ({ queries: [] }),
  })
  const tabs = createDocumentStore({
    backend: openStore('query-tabs'),
    label: 'open query tabs',
    schema: OpenTabsSchema,
    version: 1,
    empty: () => ({ tabs: [], activeId: null }),
  })
  stores.history = history
  stores['saved-queries'] = saved
  stores.tabs = tabs
  return {
    history: new QueryHistory(history),
    savedQueries: new SavedQueries(saved),
    tabs: new OpenTabsStore(tabs),
    startFresh: (name) => stores[name].startFresh(),
  }
}
