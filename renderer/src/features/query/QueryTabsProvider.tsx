import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react'
import type { OpenTabs, QueryTab } from '../../../../common/query/workspace'
import { BridgeError, bridge, unwrap } from '../../bridge'
import { QueryTabsContext, STARTER_TEXT, titleFor, type QueryTabsStore } from './use-query-tabs'

const SAVE_DELAY_MS = 400

function newId(): string {
  return `q-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`
}

/**
 * Owns the open query tabs: reads them back from main at start, and writes them (debounced)
 * whenever one changes, so a restart — or a crash — brings the same tabs and text back.
 */
export function QueryTabsProvider({ children }: { readonly children: ReactNode }) {
  const [state, setState] = useState<OpenTabs>({ tabs: [], activeId: null })
  const [loaded, setLoaded] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const latest = useRef(state)
  latest.current = state

  useEffect(() => {
    let live = true
    // Through a promise, so a bridge that cannot answer becomes a visible error, not a crash.
    Promise.resolve()
      .then(() => unwrap(bridge().queryTabsLoad()))
      .then((saved) => live && setState(saved))
      .catch((failure: unknown) => live && setError(failure instanceof BridgeError ? failure.message : String(failure)))
      .finally(() => live && setLoaded(true))
    return () => {
      live = false
    }
  }, [])

  useEffect(() => {
    if (!loaded) return
    const timer = setTimeout(() => {
      Promise.resolve()
        .then(() => unwrap(bridge().queryTabsSave(latest.current)))
        .catch((failure: unknown) =>
        setError(failure instanceof BridgeError ? failure.message : String(failure)),
      )
    }, SAVE_DELAY_MS)
    return () => clearTimeout(timer)
  }, [state, loaded])

  const create = useCallback((initial: Partial<Omit<QueryTab, 'id'>> = {}): QueryTab => {
    const mode = initial.mode ?? 'odata'
    const text = initial.text ?? STARTER_TEXT[mode]
    const tab: QueryTab = {
      id: newId(),
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
    setState((current) => ({ tabs: [...current.tabs, tab], activeId: tab.id }))
    return tab
  }, [])

  const update = useCallback((id: string, patch: Partial<Omit<QueryTab, 'id'>>) => {
    setState((current) => ({
      ...current,
      tabs: current.tabs.map((tab) => {
        if (tab.id !== id) return tab
        const next = { ...tab, ...patch }
        // The title follows the text until the tab is bound to a named saved query.
        return patch.title || next.savedQueryId ? next : { ...next, title: titleFor(next.text, next.mode) }
      }),
    }))
  }, [])

  const remove = useCallback((id: string) => {
    setState((current) => {
      const tabs = current.tabs.filter((tab) => tab.id !== id)
      return { tabs, activeId: current.activeId === id ? (tabs.at(-1)?.id ?? null) : current.activeId }
    })
  }, [])

  const setActive = useCallback((id: string | null) => setState((current) => (current.activeId === id ? current : { ...current, activeId: id })), [])

  const store = useMemo<QueryTabsStore>(
    () => ({
      loaded,
      error,
      tabs: state.tabs,
      activeId: state.activeId,
      get: (id) => state.tabs.find((tab) => tab.id === id),
      create,
      update,
      remove,
      setActive,
    }),
    [loaded, error, state, create, update, remove, setActive],
  )
  return <QueryTabsContext.Provider value={store}>{children}</QueryTabsContext.Provider>
}
