import { useEffect, useMemo, useState, type ReactNode } from 'react'
import { BridgeError, bridge, unwrap } from '../../bridge'
import { QueryConnectionsContext, toQueryConnection, type QueryConnection, type QueryConnections } from './use-query-connection'

/** Keeps the query feature's copy of the connection list, refreshed whenever main says one changed. */
export function QueryConnectionsProvider({ children }: { readonly children: ReactNode }) {
  const [all, setAll] = useState<readonly QueryConnection[]>([])
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    let live = true
    const load = () =>
      Promise.resolve()
        .then(() => unwrap(bridge().connectionsList()))
        .then((list) => {
          if (!live) return
          setAll(list.connections.map(toQueryConnection))
          setError(null)
        })
        .catch((failure: unknown) => live && setError(failure instanceof BridgeError ? failure.message : String(failure)))
    void load()
    let unsubscribe: (() => void) | undefined
    try {
      unsubscribe = bridge().onConnectionsChanged(() => void load())
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure))
    }
    return () => {
      live = false
      unsubscribe?.()
    }
  }, [])

  const value = useMemo<QueryConnections>(
    () => ({ all, current: all[0] ?? null, byId: (id) => all.find((connection) => connection.id === id) ?? null, error }),
    [all, error],
  )
  return <QueryConnectionsContext.Provider value={value}>{children}</QueryConnectionsContext.Provider>
}
