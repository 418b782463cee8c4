/**
 * How the rail arranges connections once customers exist: the built-in sample pinned on top, then
 * one group per customer (by name), then "Ungrouped". The filter matches a customer's name (showing
 * all its connections) or a connection's own facts.
 */
import type { ConnectionView } from '@common/connection'
import type { Customer } from '@common/customer'
import { matchesConnection } from './connection-filter'

export interface ConnectionGroup {
  /** null: the connections without a customer. */
  readonly customer: Customer | null
  readonly connections: readonly ConnectionView[]
  /** Every connection of the group, whatever the filter shows. */
  readonly total: number
}

export interface RailLayout {
  readonly pinned: readonly ConnectionView[]
  readonly groups: readonly ConnectionGroup[]
  readonly shown: number
}

const UNGROUPED_KEY = 'ungrouped'

export function groupKey(group: ConnectionGroup): string {
  return group.customer?.id ?? UNGROUPED_KEY
}

export function layoutRail(
  connections: readonly ConnectionView[],
  customers: readonly Customer[],
  query: string,
): RailLayout {
  const text = query.trim().toLowerCase()
  const known = new Set(customers.map((customer) => customer.id))
  const customerOf = (connection: ConnectionView) =>
    connection.customerId && known.has(connection.customerId) ? connection.customerId : null
  const pinned = connections.filter((connection) => connection.builtIn !== null && matchesConnection(connection, query))
  const saved = connections.filter((connection) => connection.builtIn === null)

  const groupOf = (customer: Customer | null): ConnectionGroup => {
    const members = saved.filter((connection) => customerOf(connection) === (customer?.id ?? null))
    const customerMatches = customer !== null && text !== '' && customer.name.toLowerCase().includes(text)
    return {
      customer,
      connections: customerMatches ? members : members.filter((connection) => matchesConnection(connection, query)),
      total: members.length,
    }
  }
  const groups = [...customers.map(groupOf), groupOf(null)].filter(
    // While filtering, a group with nothing to show is left out; otherwise an empty customer still shows.
    (group) => (text ? group.connections.length > 0 : group.customer !== null || group.total > 0),
  )
  return { pinned, groups, shown: pinned.length + groups.reduce((sum, group) => sum + group.connections.length, 0) }
}
