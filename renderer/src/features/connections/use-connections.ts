/**
 * The connection list main owns, read once for the whole window, and the "current connection"
 * every feature works on. Features read it through the selectors below; only ids go back to main.
 */
import { createContext, useContext } from 'react'
import type { ConnectionView } from '@common/connection'
import type { ConnectionList, Customer } from '@common/contract/connections'
import type { AppError } from '@common/result'

type ConnectionsStatus = 'loading' | 'ready' | 'error'

export interface ConnectionsState {
  readonly status: ConnectionsStatus
  /** The sample first, then the user's connections by name. */
  readonly connections: readonly ConnectionView[]
  readonly problem: ConnectionList['problem']
  readonly secretsPersistent: boolean
  readonly sampleScenarios: ConnectionList['sampleScenarios']
  /** The customers connections are grouped by, by name. */
  readonly customers: readonly Customer[]
  readonly error: AppError | null
  /** The connection features act on, or null. */
  readonly current: ConnectionView | null
  select(id: string | null): void
  refresh(): Promise<void>
}

export const ConnectionsContext = createContext<ConnectionsState | null>(null)

export function useConnections(): ConnectionsState {
  const state = useContext(ConnectionsContext)
  if (!state) throw new Error('useConnections() is used outside <ConnectionsProvider>')
  return state
}

/** The connection the user picked in the rail (null when none), and a way to pick another. */
export function useCurrentConnection(): { readonly current: ConnectionView | null; select(id: string | null): void } {
  const { current, select } = useConnections()
  return { current, select }
}
