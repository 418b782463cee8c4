/**
 * The rail's connections: a flat list while there are no customers (as before customers existed),
 * otherwise the sample pinned on top, then one collapsible group per customer and "Ungrouped".
 */
import type { ReactNode } from 'react'
import type { ConnectionView } from '@common/connection'
import type { Customer } from '@common/customer'
import { ConnectionList } from './ConnectionList'
import { CustomerGroup, type CustomerGroupActions } from './CustomerGroup'
import { groupKey, layoutRail } from './customer-groups'
import { matchesConnection } from './connection-filter'
import { useCollapsedCustomers } from './use-collapsed-customers'

export interface RailConnectionsProps {
  readonly connections: readonly ConnectionView[]
  readonly customers: readonly Customer[]
  readonly query: string
  readonly renderItem: (connection: ConnectionView) => ReactNode
  readonly groupActions: CustomerGroupActions
}

/** How many connections the filter shows, for the "no match" line. */
export function shownCount(connections: readonly ConnectionView[], customers: readonly Customer[], query: string) {
  return customers.length
    ? layoutRail(connections, customers, query).shown
    : connections.filter((connection) => matchesConnection(connection, query)).length
}

export function RailConnections({ connections, customers, query, renderItem, groupActions }: RailConnectionsProps) {
  const collapse = useCollapsedCustomers()
  if (customers.length === 0) {
    return <ConnectionList>{connections.filter((c) => matchesConnection(c, query)).map(renderItem)}</ConnectionList>
  }
  const layout = layoutRail(connections, customers, query)
  // While filtering, every group with a match is shown open, so a match is never hidden by a collapse.
  const filtering = query.trim() !== ''
  return (
    <ConnectionList>
      {layout.pinned.map(renderItem)}
      {layout.groups.map((group) => {
        const key = groupKey(group)
        return (
          <CustomerGroup
            key={key}
            customer={group.customer}
            count={group.total}
            collapsed={!filtering && collapse.isCollapsed(key)}
            onToggle={() => collapse.toggle(key)}
            actions={groupActions}
          >
            {group.connections.map(renderItem)}
          </CustomerGroup>
        )
      })}
    </ConnectionList>
  )
}
