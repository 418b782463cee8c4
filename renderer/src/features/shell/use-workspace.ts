/** The open tabs as features see them: the state of the workspace reducer and the intents they may send. */
import { createContext, useContext, useMemo, type Dispatch } from 'react'
import type { QueryTab } from '@common/query/workspace'
import type { AppError } from '@common/result'
import { STARTER_TEXT, titleFor } from '../query/query-text'
import type { DiagnosticsTool, QueryPatch, WorkspaceAction, WorkspaceState, WorkspaceTab } from './workspace'

export interface WorkspaceContextValue {
  readonly state: WorkspaceState
  readonly dispatch: Dispatch<WorkspaceAction>
  /** False until the query tabs of the last session were read back from main. */
  readonly loaded: boolean
  /** Set when the query tabs could not be read or written; the app continues without them. */
  readonly error: AppError | null
}

export const WorkspaceContext = createContext<WorkspaceContextValue | null>(null)

type ConnectionRef = { readonly id: string; readonly name: string }

export interface Workspace {
  readonly tabs: readonly WorkspaceTab[]
  readonly activeId: string
  readonly loaded: boolean
  readonly error: AppError | null
  openTool(tool: DiagnosticsTool): void
  /** null: a new connection, in a tab of its own. */
  editConnection(connection: ConnectionRef | null): void
  connectionSaved(tabId: string, connection: ConnectionRef): void
  /** Opens the connection's check tab with a request to run, which the check panel consumes. */
  testConnection(connection: ConnectionRef): void
  checkStarted(tabId: string): void
  close(tabId: string): void
  activate(tabId: string): void
  cycle(step: 1 | -1): void
  getQuery(id: string): QueryTab | undefined
  createQuery(initial?: QueryPatch): QueryTab
  updateQuery(id: string, patch: QueryPatch): void
}

let opened = 0
const newTabId = (kind: string) => `${kind}-${++opened}`
const newQueryId = () => `q-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`

function newQueryTab(initial: QueryPatch = {}): QueryTab {
  const mode = initial.mode ?? 'odata'
  const text = initial.text ?? STARTER_TEXT[mode]
  return {
    id: newQueryId(),
    title: initial.title ?? titleFor(text, mode),
    connectionId: initial.connectionId ?? null,
    mode,
    text,
    method: initial.method ?? 'GET',
    body: initial.body ?? '',
    prefer: initial.prefer ?? { annotations: true, maxPageSize: null },
    impersonate: initial.impersonate ?? null,
    savedQueryId: initial.savedQueryId ?? null,
  }
}

export function useWorkspace(): Workspace {
  const context = useContext(WorkspaceContext)
  if (!context) throw new Error('useWorkspace() needs a <WorkspaceProvider> above it')
  const { state, dispatch, loaded, error } = context
  const actions = useMemo(
    () => ({
      openTool: (tool: DiagnosticsTool) => dispatch({ type: 'open-tool', tool }),
      editConnection: (connection: ConnectionRef | null) =>
        dispatch({ type: 'edit-connection', tabId: newTabId('connection-editor'), connection }),
      connectionSaved: (tabId: string, connection: ConnectionRef) =>
        dispatch({
          type: 'connection-saved',
          tabId,
          newTabId: newTabId('connection-editor'),
          connection: { id: connection.id, name: connection.name },
        }),
      testConnection: (connection: ConnectionRef) =>
        dispatch({
          type: 'test-connection',
          tabId: newTabId('check'),
          connection: { id: connection.id, name: connection.name },
        }),
      checkStarted: (tabId: string) => dispatch({ type: 'check-started', tabId }),
      close: (tabId: string) => dispatch({ type: 'close', tabId }),
      activate: (tabId: string) => dispatch({ type: 'activate', tabId }),
      cycle: (step: 1 | -1) => dispatch({ type: 'cycle', step }),
      createQuery: (initial?: QueryPatch) => {
        const query = newQueryTab(initial)
        dispatch({ type: 'query-created', query })
        return query
      },
      updateQuery: (id: string, patch: QueryPatch) => dispatch({ type: 'query-updated', id, patch }),
    }),
    [dispatch],
  )
  return useMemo(
    () => ({
      ...actions,
      tabs: state.tabs,
      activeId: state.activeId,
      loaded,
      error,
      getQuery: (id: string) => {
        const tab = state.tabs.find((candidate) => candidate.id === id)
        return tab?.kind === 'query' ? tab.query : undefined
      },
    }),
    [actions, state, loaded, error],
  )
}
