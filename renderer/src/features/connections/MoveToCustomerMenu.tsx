/** The connection menu's customer entries: move it into a customer (or out of one), and duplicate it into another environment. */
import { Menu, MenuItem, MenuItemRadio, MenuList, MenuPopover, MenuTrigger } from '@fluentui/react-components'
import { DocumentCopy16Regular, PeopleTeam16Regular } from '@fluentui/react-icons'
import type { ConnectionView } from '@common/connection'
import type { Customer } from '@common/customer'
import { Masked } from '../presentation/Masked'

export interface MoveToCustomerMenuProps {
  readonly connection: ConnectionView
  readonly customers: readonly Customer[]
  readonly onMove: (customerId: string | null) => void
  readonly onDuplicateInto: () => void
}

const UNGROUPED = ''

export function MoveToCustomerMenu({ connection, customers, onMove, onDuplicateInto }: MoveToCustomerMenuProps) {
  const current = connection.customerId ?? UNGROUPED
  return (
    <>
      <MenuItem icon={<DocumentCopy16Regular />} onClick={onDuplicateInto} data-testid="rail-duplicate-into">
        Duplicate into another environment…
      </MenuItem>
      <Menu
        checkedValues={{ customer: [current] }}
        onCheckedValueChange={(_event, data) => {
          const chosen = data.checkedItems[0] ?? UNGROUPED
          if (chosen !== current) onMove(chosen === UNGROUPED ? null : chosen)
        }}
      >
        <MenuTrigger disableButtonEnhancement>
          <MenuItem icon={<PeopleTeam16Regular />} data-testid="rail-move-to-customer">
            Move to customer
          </MenuItem>
        </MenuTrigger>
        <MenuPopover>
          <MenuList>
            {customers.map((customer) => (
              <MenuItemRadio key={customer.id} name="customer" value={customer.id}>
                <Masked value={customer.name} />
              </MenuItemRadio>
            ))}
            <MenuItemRadio name="customer" value={UNGROUPED}>
              Ungrouped
            </MenuItemRadio>
          </MenuList>
        </MenuPopover>
      </Menu>
    </>
  )
}
