/** A connection's "…" menu in the rail: test, edit (or view a built-in's settings), duplicate, token, delete. */
import { Button, Menu, MenuItem, MenuList, MenuPopover, MenuTrigger } from '@fluentui/react-components'
import {
  CheckmarkStarburst16Regular,
  Copy16Regular,
  Delete16Regular,
  DocumentCopy16Regular,
  Edit16Regular,
  Eye16Regular,
  MoreHorizontal20Regular,
} from '@fluentui/react-icons'
import type { ReactNode } from 'react'
import type { ConnectionView } from '@common/connection'

export interface ConnectionItemMenuProps {
  readonly connection: ConnectionView
  readonly className: string
  readonly onTest: () => void
  readonly onEdit: () => void
  readonly onDuplicate: () => void
  readonly onCopyToken: () => void
  readonly onDelete: () => void
  /** More entries (copy as command, discovery; customer actions for saved ones), placed before Delete. */
  readonly extra?: ReactNode
}

export function ConnectionItemMenu(props: ConnectionItemMenuProps) {
  const { connection } = props
  const saved = connection.builtIn === null
  return (
    <Menu>
      <MenuTrigger disableButtonEnhancement>
        <Button
          className={props.className}
          appearance="transparent"
          size="small"
          icon={<MoreHorizontal20Regular />}
          aria-label={`Actions for ${connection.name}`}
        />
      </MenuTrigger>
      <MenuPopover>
        <MenuList>
          <MenuItem icon={<CheckmarkStarburst16Regular />} data-testid="rail-test-connection" onClick={props.onTest}>
            Test connection
          </MenuItem>
          {saved ? (
            <MenuItem icon={<Edit16Regular />} onClick={props.onEdit}>
              Edit
            </MenuItem>
          ) : (
            <MenuItem icon={<Eye16Regular />} data-testid="rail-view-settings" onClick={props.onEdit}>
              View settings
            </MenuItem>
          )}
          {saved && (
            <MenuItem icon={<DocumentCopy16Regular />} onClick={props.onDuplicate}>
              Duplicate
            </MenuItem>
          )}
          <MenuItem icon={<Copy16Regular />} onClick={props.onCopyToken}>
            Copy access token
          </MenuItem>
          {props.extra}
          {saved && (
            <MenuItem icon={<Delete16Regular />} onClick={props.onDelete}>
              Delete…
            </MenuItem>
          )}
        </MenuList>
      </MenuPopover>
    </Menu>
  )
}
