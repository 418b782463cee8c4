/**
 * Every open workspace tab in one reducer: the shell's tools, the connection editors and checks,
 * and the query tabs (whose text main persists). A tab says what it shows in typed fields; its id
 * is only a key, never parsed. Starting a check is an intent on the check tab that the panel
 * consumes, so reopening the tab does not start another.
 */
import type { OpenTabs, QueryTab } from '@common/query/workspace'
import { titleFor } from '../query/query-text'

export type DiagnosticsTool = 'explain' | 'token' | 'requests' | 'limits'

export type WorkspaceTab =
  | { readonly kind: 'welcome'; readonly id: string }
  | { readonly kind: DiagnosticsTool; readonly id: string }
  | { readonly kind: 'query'; readonly id: string; readonly query: QueryTab }
  | {
      readonly kind: 'connection-editor'
      readonly id: string
      readonly connectionId: string | null
      readonly title: string
    }
  | {
      readonly kind: 'check'
      readonly id: string
      readonly connectionId: string
      readonly title: string
      readonly runRequested: boolean
    }

export interface WorkspaceState {
  readonly tabs: readonly WorkspaceTab[]
  readonly activeId: string
  /** The query tab shown last: the one a restart brings back to the front. */
  readonly lastQueryId: string | null
}

export type QueryPatch = Partial<Omit<QueryTab, 'id'>>

export type WorkspaceAction =
  | { readonly type: 'open-tool'; readonly tool: DiagnosticsTool }
  | {
      readonly type: 'edit-connection'
      readonly tabId: string
      readonly connection: { readonly id: string; readonly name: string } | null
    }
  | {
      readonly type: 'connection-saved'
      readonly tabId: string
      readonly newTabId: string
      readonly connection: { readonly id: string; readonly name: string }
    }
  | {
      readonly type: 'test-connection'
      readonly tabId: string
      readonly connection: { readonly id: string; readonly name: string }
    }
  | { readonly type: 'check-started'; readonly tabId: string }
  | { readonly type: 'close'; readonly tabId: string }
  | { readonly type: 'activate'; readonly tabId: string }
  | { readonly type: 'cycle'; readonly step: 1 | -1 }
  | { readonly type: 'queries-restored'; readonly saved: OpenTabs }
  | { readonly type: 'query-created'; readonly query: QueryTab }
  | { readonly type: 'query-updated'; readonly id: string; readonly patch: QueryPatch }

export const WELCOME_TAB: WorkspaceTab = { kind: 'welcome', id: 'welcome' }

const TOOL_TITLES: Record<DiagnosticsTool | 'welcome', string> = {
  welcome: 'Welcome',
  explain: 'Explain an error',
  token: 'Token inspector',
  requests: 'Requests',
  limits: 'Limits',
}

export function titleOf(tab: WorkspaceTab): string {
  switch (tab.kind) {
    case 'query':
      return tab.query.title
    case 'connection-editor':
      return tab.title
    case 'check':
      return `Check · ${tab.title}`
    default:
      return TOOL_TITLES[tab.kind]
  }
}

export function closable(tab: WorkspaceTab): boolean {
  return tab.kind !== 'welcome'
}

export const initialWorkspace: WorkspaceState = { tabs: [WELCOME_TAB], activeId: WELCOME_TAB.id, lastQueryId: null }

/** Shows `tab`, or the open tab it duplicates (same tool, same connection's check or editor). */
function open(state: WorkspaceState, tab: WorkspaceTab, same: (open: WorkspaceTab) => boolean): WorkspaceState {
  const existing = state.tabs.find(same)
  return existing ? activate(state, existing.id) : activate({ ...state, tabs: [...state.tabs, tab] }, tab.id)
}

function activate(state: WorkspaceState, tabId: string): WorkspaceState {
  const tab = state.tabs.find((candidate) => candidate.id === tabId)
  if (!tab) return state
  return { ...state, activeId: tab.id, lastQueryId: tab.kind === 'query' ? tab.id : state.lastQueryId }
}

function close(state: WorkspaceState, tabId: string): WorkspaceState {
  const index = state.tabs.findIndex((tab) => tab.id === tabId)
  const target = state.tabs[index]
  if (!target || !closable(target)) return state
  const tabs = state.tabs.filter((tab) => tab.id !== tabId)
  const neighbour = tabs[Math.min(index, tabs.length - 1)]
  const lastQueryId =
    state.lastQueryId === tabId ? (tabs.filter((tab) => tab.kind === 'query').at(-1)?.id ?? null) : state.lastQueryId
  const activeId = state.activeId === tabId && neighbour ? neighbour.id : state.activeId
  return { tabs, activeId, lastQueryId }
}

function replace(state: WorkspaceState, tabId: string, change: (tab: WorkspaceTab) => WorkspaceTab): WorkspaceState {
  return { ...state, tabs: state.tabs.map((tab) => (tab.id === tabId ? change(tab) : tab)) }
}

export function reduceWorkspace(state: WorkspaceState, action: WorkspaceAction): WorkspaceState {
  switch (action.type) {
    case 'open-tool':
      return open(state, { kind: action.tool, id: action.tool }, (tab) => tab.kind === action.tool)
    case 'edit-connection': {
      const { connection } = action
      if (!connection)
        return open(
          state,
          { kind: 'connection-editor', id: action.tabId, connectionId: null, title: 'New connection' },
          () => false,
        )
      const tab: WorkspaceTab = {
        kind: 'connection-editor',
        id: action.tabId,
        connectionId: connection.id,
        title: connection.name,
      }
      return open(state, tab, (open) => open.kind === 'connection-editor' && open.connectionId === connection.id)
    }
    case 'connection-saved': {
      const tab = state.tabs.find((candidate) => candidate.id === action.tabId)
      if (tab?.kind !== 'connection-editor') return state
      if (tab.connectionId !== null) return replace(state, tab.id, () => ({ ...tab, title: action.connection.name }))
      // A new connection's tab becomes that connection's editor, as if it had been opened from the rail.
      const { connection } = action
      return reduceWorkspace(close(state, tab.id), { type: 'edit-connection', tabId: action.newTabId, connection })
    }
    case 'test-connection': {
      const { connection } = action
      const opened = open(
        state,
        { kind: 'check', id: action.tabId, connectionId: connection.id, title: connection.name, runRequested: true },
        (tab) => tab.kind === 'check' && tab.connectionId === connection.id,
      )
      return replace(opened, opened.activeId, (tab) => (tab.kind === 'check' ? { ...tab, runRequested: true } : tab))
    }
    case 'check-started':
      return replace(state, action.tabId, (tab) => (tab.kind === 'check' ? { ...tab, runRequested: false } : tab))
    case 'close':
      return close(state, action.tabId)
    case 'activate':
      return activate(state, action.tabId)
    case 'cycle': {
      const index = state.tabs.findIndex((tab) => tab.id === state.activeId)
      const next = state.tabs[(index + action.step + state.tabs.length) % state.tabs.length]
      return next ? activate(state, next.id) : state
    }
    case 'queries-restored': {
      const shown = new Set(state.tabs.map((tab) => tab.id))
      const restored = action.saved.tabs
        .filter((query) => !shown.has(query.id))
        .map((query): WorkspaceTab => ({ kind: 'query', id: query.id, query }))
      const next = { ...state, tabs: [...state.tabs, ...restored] }
      return action.saved.activeId ? activate(next, action.saved.activeId) : next
    }
    case 'query-created':
      return activate(
        { ...state, tabs: [...state.tabs, { kind: 'query', id: action.query.id, query: action.query }] },
        action.query.id,
      )
    case 'query-updated':
      return replace(state, action.id, (tab) => {
        if (tab.kind !== 'query') return tab
        const next = { ...tab.query, ...action.patch }
        // The title follows the text until the tab is bound to a named saved query.
        return {
          ...tab,
          query: action.patch.title || next.savedQueryId ? next : { ...next, title: titleFor(next.text, next.mode) },
        }
      })
  }
}

/** What main keeps across restarts: the query tabs in order and the one shown last. */
export function openTabsOf(state: WorkspaceState): OpenTabs {
  const tabs = state.tabs.flatMap((tab) => (tab.kind === 'query' ? [tab.query] : []))
  return { tabs, activeId: tabs.some((query) => query.id === state.lastQueryId) ? state.lastQueryId : null }
}
