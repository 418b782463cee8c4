/**
 * The connections the renderer knows about and the "current connection" every feature works on.
 * Other features read it with useCurrentConnection(); only the id ever goes back to main.
 */
import { createContext, createElement, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react'
import type { ConnectionView } from '../../../../common/connection'
import type { ConnectionList } from '../../../../common/contract/connections'
import { BridgeError, bridge, unwrap } from '../../bridge'

export type ConnectionsStatus = 'loading' | 'ready' | 'error'

export interface ConnectionsState {
  readonly status: ConnectionsStatus
  /** The sample first, then the user's connections by name. */
  readonly connections: readonly ConnectionView[]
  readonly problem: ConnectionList['problem']
  readonly secretsPersistent: boolean
  readonly sampleScenarios: ConnectionList['sampleScenarios']
  readonly error: string | null
  /** The connection features act on, or null. */
  readonly current: ConnectionView | null
  select(id: string | null): void
  refresh(): Promise<void>
}

const ConnectionsContext = createContext<ConnectionsState | null>(null)

export function CurrentConnectionProvider({ children }: { readonly children: ReactNode }) {
  const [list, setList] = useState<ConnectionList | null>(null)
  const [status, setStatus] = useState<ConnectionsStatus>('loading')
  const [error, setError] = useState<string | null>(null)
  const [currentId, setCurrentId] = useState<string | null>(null)
  const live = useRef(true)

  const refresh = useCallback(async () => {
    try {
      const next = await unwrap(bridge().connectionsList())
      if (!live.current) return
      setList(next)
      // The app opens on the read-only offline sample, never on whatever (possibly production) was used last.
      setCurrentId((id) => id ?? next.connections.find((connection) => connection.builtIn === 'sample')?.id ?? null)
      setStatus('ready')
      setError(null)
    } catch (caught) {
      if (!live.current) return
      setStatus('error')
      setError(caught instanceof BridgeError ? caught.message : String(caught))
    }
  }, [])

  useEffect(() => {
    live.current = true
    void refresh()
    const api = bridge()
    const unsubscribe = typeof api.onConnectionsChanged === 'function' ? api.onConnectionsChanged(() => void refresh()) : undefined
    return () => {
      live.current = false
      unsubscribe?.()
    }
  }, [refresh])

  const connections = useMemo(() => list?.connections ?? [], [list])
  const current = useMemo(() => connections.find((connection) => connection.id === currentId) ?? null, [connections, currentId])

  const value = useMemo<ConnectionsState>(
    () => ({
      status,
      connections,
      problem: list?.problem ?? null,
      secretsPersistent: list?.secretsPersistent ?? true,
      sampleScenarios: list?.sampleScenarios ?? [],
      error,
      current,
      select: setCurrentId,
      refresh,
    }),
    [status, connections, list, error, current, refresh],
  )
  return createElement(ConnectionsContext.Provider, { value }, children)
}

export function useConnections(): ConnectionsState {
  const state = useContext(ConnectionsContext)
  if (!state) throw new Error('useConnections() is used outside <CurrentConnectionProvider>')
  return state
}

/** The connection the user picked in the rail (null when none), and a way to pick another. */
export function useCurrentConnection(): { readonly current: ConnectionView | null; select(id: string | null): void } {
  const { current, select } = useConnections()
  return { current, select }
}
