/**
 * Owns the workspace reducer for the window, reads the query tabs of the last session back from
 * main at start and writes them (debounced) whenever one changes, so a restart — or a crash —
 * brings the same tabs and text back.
 */
import { useEffect, useMemo, useReducer, useRef, useState, type ReactNode } from 'react'
import type { OpenTabs } from '@common/query/workspace'
import type { AppError } from '@common/result'
import { call, toAppError } from '../../bridge'
import { useBridgeQuery } from '../../use-bridge-query'
import { WorkspaceContext, type WorkspaceContextValue } from './use-workspace'
import { initialWorkspace, openTabsOf, reduceWorkspace } from './workspace'

const SAVE_DELAY_MS = 400

export function WorkspaceProvider({ children }: { readonly children: ReactNode }) {
  const [state, dispatch] = useReducer(reduceWorkspace, initialWorkspace)
  const saved = useBridgeQuery('query-tabs:load', undefined)
  const [saveError, setSaveError] = useState<AppError | null>(null)
  const loaded = !saved.loading

  useEffect(() => {
    if (saved.data) dispatch({ type: 'queries-restored', saved: saved.data })
  }, [saved.data])

  // Compared as text: opening a tool tab changes the state but not what main keeps.
  const document = useMemo(() => JSON.stringify(openTabsOf(state)), [state])
  const latest = useRef(document)
  latest.current = document
  useEffect(() => {
    if (!loaded) return
    const timer = setTimeout(() => {
      call('query-tabs:save', JSON.parse(latest.current) as OpenTabs).catch((failure: unknown) =>
        setSaveError(toAppError(failure)),
      )
    }, SAVE_DELAY_MS)
    return () => clearTimeout(timer)
  }, [document, loaded])

  const error = saved.error ?? saveError
  const value = useMemo<WorkspaceContextValue>(() => ({ state, dispatch, loaded, error }), [state, loaded, error])
  return <WorkspaceContext.Provider value={value}>{children}</WorkspaceContext.Provider>
}
