/** Reads the connection list once for the window and again whenever main says a connection changed. */
import { useEffect, useMemo, useState, type ReactNode } from 'react'
import { useBridgeQuery } from '../../use-bridge-query'
import { ConnectionsContext, type ConnectionsState } from './use-connections'

export function ConnectionsProvider({ children }: { readonly children: ReactNode }) {
  const list = useBridgeQuery('connections:list', undefined, { refreshOn: ['connections:changed'] })
  const [currentId, setCurrentId] = useState<string | null>(null)
  const { data, error, loading, refresh } = list

  useEffect(() => {
    // The app opens on the read-only offline sample, never on whatever (possibly production) was used last.
    if (data)
      setCurrentId((id) => id ?? data.connections.find((connection) => connection.builtIn === 'sample')?.id ?? null)
  }, [data])

  const connections = useMemo(() => data?.connections ?? [], [data])
  const current = useMemo(
    () => connections.find((connection) => connection.id === currentId) ?? null,
    [connections, currentId],
  )

  const value = useMemo<ConnectionsState>(
    () => ({
      status: error ? 'error' : loading && !data ? 'loading' : 'ready',
      connections,
      problem: data?.problem ?? null,
      secretsPersistent: data?.secretsPersistent ?? true,
      sampleScenarios: data?.sampleScenarios ?? [],
      customers: data?.customers ?? [],
      error,
      current,
      select: setCurrentId,
      refresh,
    }),
    [error, loading, data, connections, current, refresh],
  )
  return <ConnectionsContext.Provider value={value}>{children}</ConnectionsContext.Provider>
}
