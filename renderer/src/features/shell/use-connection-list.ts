/**
 * The connections the rail lists, kept fresh on connections:changed. Only what main's view carries
 * (never a secret); the list is refetched rather than patched so it always matches main.
 */
import { useCallback, useEffect, useState } from 'react'
import type { ConnectionList } from '../../../../common/contract/connections'
import { bridge, BridgeError, unwrap } from '../../bridge'

export type ConnectionListState =
  | { readonly status: 'loading' }
  | { readonly status: 'ready'; readonly list: ConnectionList }
  | { readonly status: 'error'; readonly message: string }

export function useConnectionList(): ConnectionListState & { refresh(): Promise<void> } {
  const [state, setState] = useState<ConnectionListState>({ status: 'loading' })
  const refresh = useCallback(async () => {
    try {
      setState({ status: 'ready', list: await unwrap(bridge().connectionsList()) })
    } catch (error) {
      setState({ status: 'error', message: error instanceof BridgeError ? `${error.error.message} ${error.error.next}` : String(error) })
    }
  }, [])
  useEffect(() => {
    void refresh()
    return bridge().onConnectionsChanged(() => void refresh())
  }, [refresh])
  return { ...state, refresh }
}
