/** The rail's search: a connection matches when any of its visible facts contains the text. */
import type { ConnectionView } from '@common/connection'
import { hostOf } from './ConnectionBadges'

export function matchesConnection(connection: ConnectionView, query: string): boolean {
  const text = query.trim().toLowerCase()
  if (!text) return true
  return [
    connection.name,
    hostOf(connection.orgUrl),
    connection.environment,
    connection.clientId,
    connection.tenantId,
    connection.notes,
  ]
    .join(' ')
    .toLowerCase()
    .includes(text)
}
