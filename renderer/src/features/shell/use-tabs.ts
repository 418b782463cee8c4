import { useCallback, useReducer } from 'react'

export interface WorkspaceTab {
  readonly id: string
  readonly kind: string
  readonly title: string
  readonly closable: boolean
}

interface TabsState {
  readonly tabs: readonly WorkspaceTab[]
  readonly activeId: string
}

type TabsAction =
  | { type: 'open'; tab: WorkspaceTab }
  | { type: 'close'; id: string }
  | { type: 'activate'; id: string }
  | { type: 'cycle'; step: 1 | -1 }
  | { type: 'retitle'; id: string; title: string }

function reduce(state: TabsState, action: TabsAction): TabsState {
  switch (action.type) {
    case 'open': {
      const existing = state.tabs.find((tab) => tab.id === action.tab.id)
      return existing ? { ...state, activeId: existing.id } : { tabs: [...state.tabs, action.tab], activeId: action.tab.id }
    }
    case 'close': {
      const index = state.tabs.findIndex((tab) => tab.id === action.id)
      const target = state.tabs[index]
      if (!target?.closable) return state
      const tabs = state.tabs.filter((tab) => tab.id !== action.id)
      const neighbour = tabs[Math.min(index, tabs.length - 1)]
      return { tabs, activeId: state.activeId === action.id && neighbour ? neighbour.id : state.activeId }
    }
    case 'activate':
      return state.tabs.some((tab) => tab.id === action.id) ? { ...state, activeId: action.id } : state
    case 'retitle':
      return { ...state, tabs: state.tabs.map((tab) => (tab.id === action.id ? { ...tab, title: action.title } : tab)) }
    case 'cycle': {
      const index = state.tabs.findIndex((tab) => tab.id === state.activeId)
      const next = state.tabs[(index + action.step + state.tabs.length) % state.tabs.length]
      return next ? { ...state, activeId: next.id } : state
    }
  }
}

export const WELCOME_TAB: WorkspaceTab = { id: 'welcome', kind: 'welcome', title: 'Welcome', closable: false }

export function useTabs(initial: readonly WorkspaceTab[] = [WELCOME_TAB]) {
  const [state, dispatch] = useReducer(reduce, { tabs: initial, activeId: initial[0]?.id ?? WELCOME_TAB.id })
  return {
    tabs: state.tabs,
    activeId: state.activeId,
    open: useCallback((tab: WorkspaceTab) => dispatch({ type: 'open', tab }), []),
    close: useCallback((id: string) => dispatch({ type: 'close', id }), []),
    activate: useCallback((id: string) => dispatch({ type: 'activate', id }), []),
    cycle: useCallback((step: 1 | -1) => dispatch({ type: 'cycle', step }), []),
    retitle: useCallback((id: string, title: string) => dispatch({ type: 'retitle', id, title }), []),
  }
}

export type TabsController = ReturnType<typeof useTabs>
