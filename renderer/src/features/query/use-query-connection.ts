/** The connection facts a query tab needs, derived from the window's connection list. */
import { useMemo } from 'react'
import type { ConnectionView } from '@common/connection'
import type { SnippetTarget } from '@common/query/snippets'
import { useConnections } from '../connections/use-connections'

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

function toQueryConnection(view: ConnectionView): QueryConnection {
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
      // Snippets know secrets and certificates only: a federated connection's snippet reads a secret variable.
      credential: view.auth.kind === 'federated' ? 'secret' : view.auth.kind,
    },
  }
}

/** The query feature's view of the window's connection list (see ConnectionsProvider). */
export function useQueryConnections(): {
  readonly all: readonly QueryConnection[]
  byId(id: string | null): QueryConnection | null
} {
  const { connections } = useConnections()
  return useMemo(() => {
    const all = connections.map(toQueryConnection)
    return { all, byId: (id) => (id === null ? null : (all.find((connection) => connection.id === id) ?? null)) }
  }, [connections])
}
