import { createContext, useContext } from 'react'
import type { ConnectionView } from '../../../../common/connection'
import type { SnippetTarget } from '../../../../common/query/snippets'

/**
 * What the query tab needs to know about the connection it runs on, derived from the connection
 * list main sends (never a secret: the view carries only whether one is set).
 */
export interface QueryConnection {
  readonly id: string
  readonly name: string
  readonly readOnly: boolean
  readonly production: boolean
  readonly colour: string
  readonly tenantId: string
  readonly clientId: string
  /** For copy-as-code: URLs, tenant and client ids, and which kind of credential (never its value). */
  readonly snippetTarget: SnippetTarget
}

export interface QueryConnections {
  readonly all: readonly QueryConnection[]
  /** The connection new query tabs start on: the first in the list (the sample is pinned first). */
  readonly current: QueryConnection | null
  byId(id: string): QueryConnection | null
  /** Set when the list could not be read. */
  readonly error: string | null
}

export function toQueryConnection(view: ConnectionView): QueryConnection {
  return {
    id: view.id,
    name: view.name,
    readOnly: view.readOnly,
    production: view.environment === 'prod',
    colour: view.colour,
    tenantId: view.tenantId,
    clientId: view.clientId,
    snippetTarget: {
      orgUrl: view.orgUrl,
      apiVersion: view.apiVersion,
      authorityHost: `https://${view.authorityHost}`,
      tenantId: view.tenantId,
      clientId: view.clientId,
      credential: view.auth.kind,
    },
  }
}

export const QueryConnectionsContext = createContext<QueryConnections>({ all: [], current: null, byId: () => null, error: null })

export function useQueryConnections(): QueryConnections {
  return useContext(QueryConnectionsContext)
}
