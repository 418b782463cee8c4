import { createContext, useContext } from 'react'
import type { SnippetTarget } from '../../../../common/query/snippets'

/**
 * What the query tab needs to know about the connection it runs on. The connections feature
 * provides it (the rail's current connection); without a provider there is no connection, and
 * the tab says so instead of running.
 */
export interface QueryConnection {
  readonly id: string
  readonly name: string
  readonly readOnly: boolean
  readonly production: boolean
  /** For copy-as-code: URLs, tenant and client ids, and which kind of credential (never its value). */
  readonly snippetTarget: SnippetTarget
}

export interface QueryConnections {
  readonly current: QueryConnection | null
  byId(id: string): QueryConnection | null
}

export const QueryConnectionsContext = createContext<QueryConnections>({ current: null, byId: () => null })

export function useQueryConnections(): QueryConnections {
  return useContext(QueryConnectionsContext)
}
