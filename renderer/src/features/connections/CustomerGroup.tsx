/** One customer's group in the rail: a header (colour dot, name, count, collapse, menu) over its connections. */
import {
  Button,
  Caption1,
  makeStyles,
  Menu,
  MenuItem,
  MenuList,
  MenuPopover,
  MenuTrigger,
  tokens,
} from '@fluentui/react-components'
import {
  ArrowExport20Regular,
  ArrowImport20Regular,
  ChevronDown16Regular,
  ChevronRight16Regular,
  Delete16Regular,
  Edit16Regular,
  MoreHorizontal20Regular,
} from '@fluentui/react-icons'
import type { ReactNode } from 'react'
import type { Customer } from '@common/customer'
import { Masked } from '../presentation/Masked'
import { customerColourToken } from './customer-colours'
import { useRailStyles } from './rail-styles'

const useStyles = makeStyles({
  group: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS },
  header: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalXXS, minWidth: 0 },
  toggle: {
    flex: 1,
    minWidth: 0,
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalXS,
    padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalXXS}`,
    border: 'none',
    background: 'transparent',
    color: 'inherit',
    font: 'inherit',
    fontWeight: tokens.fontWeightSemibold,
    cursor: 'pointer',
    textAlign: 'left',
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}` },
  },
  dot: { width: '10px', height: '10px', borderRadius: '50%', flexShrink: 0 },
  ungroupedDot: { border: `1px dashed ${tokens.colorNeutralStroke1}` },
  name: { flex: 1, minWidth: 0, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
  count: { color: tokens.colorNeutralForeground3 },
  empty: { color: tokens.colorNeutralForeground3, paddingLeft: tokens.spacingHorizontalL },
})

export interface CustomerGroupActions {
  readonly onEdit: (customer: Customer) => void
  readonly onExport: (customer: Customer) => void
  readonly onImport: (customer: Customer) => void
  readonly onDelete: (customer: Customer) => void
}

export interface CustomerGroupProps {
  /** null: the "Ungrouped" group. */
  readonly customer: Customer | null
  readonly count: number
  readonly collapsed: boolean
  readonly onToggle: () => void
  readonly actions: CustomerGroupActions
  readonly children: ReactNode
}

export function CustomerGroup({ customer, count, collapsed, onToggle, actions, children }: CustomerGroupProps) {
  const styles = useStyles()
  const rail = useRailStyles()
  const label = customer?.name ?? 'Ungrouped'
  return (
    <li className={styles.group} data-testid="customer-group" data-customer-name={label}>
      <div className={styles.header}>
        <button
          type="button"
          className={styles.toggle}
          aria-expanded={!collapsed}
          onClick={onToggle}
          data-testid="customer-toggle"
        >
          {collapsed ? <ChevronRight16Regular aria-hidden /> : <ChevronDown16Regular aria-hidden />}
          <span
            className={customer ? styles.dot : `${styles.dot} ${styles.ungroupedDot}`}
            style={customer ? { backgroundColor: customerColourToken(customer.colour) } : undefined}
            aria-hidden
            data-testid="customer-dot"
          />
          <span className={styles.name}>{customer ? <Masked value={customer.name} /> : 'Ungrouped'}</span>
          <Caption1 className={styles.count} data-testid="customer-count" aria-label={`${count} connections`}>
            {count}
          </Caption1>
        </button>
        {customer && (
          <Menu>
            <MenuTrigger disableButtonEnhancement>
              <Button
                appearance="transparent"
                size="small"
                icon={<MoreHorizontal20Regular />}
                aria-label={`Actions for customer ${customer.name}`}
                data-testid="customer-menu"
              />
            </MenuTrigger>
            <MenuPopover>
              <MenuList>
                <MenuItem icon={<Edit16Regular />} onClick={() => actions.onEdit(customer)}>
                  Edit customer…
                </MenuItem>
                <MenuItem
                  icon={<ArrowExport20Regular />}
                  disabled={count === 0}
                  onClick={() => actions.onExport(customer)}
                >
                  Export its connections (JSON, no secrets)…
                </MenuItem>
                <MenuItem icon={<ArrowImport20Regular />} onClick={() => actions.onImport(customer)}>
                  Import into this customer…
                </MenuItem>
                <MenuItem icon={<Delete16Regular />} onClick={() => actions.onDelete(customer)}>
                  Delete customer…
                </MenuItem>
              </MenuList>
            </MenuPopover>
          </Menu>
        )}
      </div>
      {!collapsed && (
        <ul className={rail.list} aria-label={`Connections of ${label}`}>
          {children}
        </ul>
      )}
      {!collapsed && count === 0 && customer && (
        <Caption1 className={styles.empty}>
          No connections yet: use a connection’s “…” menu → Move to customer.
        </Caption1>
      )}
    </li>
  )
}
