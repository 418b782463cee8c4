/** The rail's title row: "New connection" and the import/export/network menu. */
import {
  Button,
  Menu,
  MenuItem,
  MenuList,
  MenuPopover,
  MenuTrigger,
  Subtitle2,
  Tooltip,
} from '@fluentui/react-components'
import {
  Add20Regular,
  ArrowExport20Regular,
  ArrowImport20Regular,
  Globe20Regular,
  MoreHorizontal20Regular,
} from '@fluentui/react-icons'
import type { ReactNode } from 'react'
import { CheckAllButton } from '../matrix/CheckAllButton'
import { useRailStyles } from './rail-styles'

export interface RailHeaderProps {
  readonly headingId: string
  /** False: nothing saved yet, so nothing to export. */
  readonly canExport: boolean
  readonly onNew: () => void
  readonly onImportFile: () => void
  readonly onPaste: () => void
  readonly onExport: (format: 'json' | 'connection-string') => void
  readonly onNetwork: () => void
  /** More entries (customers), placed before the network settings. */
  readonly extra?: ReactNode
}

export function RailHeader(props: RailHeaderProps) {
  const styles = useRailStyles()
  return (
    <div className={styles.heading}>
      <Subtitle2 id={props.headingId}>Connections</Subtitle2>
      <span>
        <CheckAllButton />
        <Tooltip content="New connection" relationship="label">
          <Button appearance="subtle" icon={<Add20Regular />} onClick={props.onNew} data-testid="new-connection" />
        </Tooltip>
        <Menu>
          <MenuTrigger disableButtonEnhancement>
            <Tooltip content="Import and export" relationship="label">
              <Button appearance="subtle" icon={<MoreHorizontal20Regular />} data-testid="rail-menu" />
            </Tooltip>
          </MenuTrigger>
          <MenuPopover>
            <MenuList>
              <MenuItem icon={<ArrowImport20Regular />} onClick={props.onImportFile}>
                Import from a file…
              </MenuItem>
              <MenuItem icon={<ArrowImport20Regular />} onClick={props.onPaste}>
                Paste connection strings…
              </MenuItem>
              <MenuItem
                icon={<ArrowExport20Regular />}
                disabled={!props.canExport}
                onClick={() => props.onExport('json')}
              >
                Export all (JSON, no secrets)…
              </MenuItem>
              <MenuItem
                icon={<ArrowExport20Regular />}
                disabled={!props.canExport}
                onClick={() => props.onExport('connection-string')}
              >
                Export as connection strings…
              </MenuItem>
              {props.extra}
              <MenuItem icon={<Globe20Regular />} onClick={props.onNetwork}>
                Network settings…
              </MenuItem>
            </MenuList>
          </MenuPopover>
        </Menu>
      </span>
    </div>
  )
}
