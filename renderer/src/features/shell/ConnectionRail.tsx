import { Badge, Button, makeStyles, Menu, MenuItem, MenuList, MenuPopover, MenuTrigger, SearchBox, Subtitle2, Text, tokens } from '@fluentui/react-components'
import { CheckmarkStarburst20Regular, PlugDisconnected48Regular } from '@fluentui/react-icons'
import { useId, useState } from 'react'
import type { ConnectionView } from '../../../../common/connection'
import { useConnectionList } from './use-connection-list'

const useStyles = makeStyles({
  rail: {
    gridArea: 'rail',
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalM,
    borderRight: `1px solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground2,
    minWidth: 0,
    overflowY: 'auto',
  },
  list: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  item: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    padding: tokens.spacingHorizontalS,
    borderRadius: tokens.borderRadiusMedium,
    borderLeft: '4px solid transparent',
    cursor: 'pointer',
    ':hover': { backgroundColor: tokens.colorNeutralBackground2Hover },
  },
  selected: { backgroundColor: tokens.colorNeutralBackground1Selected },
  name: { display: 'flex', flexDirection: 'column', flexGrow: 1, minWidth: 0 },
  ellipsis: { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
  muted: { color: tokens.colorNeutralForeground3 },
  empty: {
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'center',
    textAlign: 'center',
    gap: tokens.spacingVerticalS,
    paddingBlock: tokens.spacingVerticalXXL,
    color: tokens.colorNeutralForeground3,
  },
})

const LAST_TEST_COLOUR = { pass: 'success', warn: 'warning', fail: 'danger' } as const

export interface ConnectionRailProps {
  /** "Test connection" on a connection: opens (or reuses) its check tab and runs the check. */
  readonly onTestConnection: (connection: ConnectionView) => void
}

function ConnectionItem({ connection, selected, onSelect, onTest }: { connection: ConnectionView; selected: boolean; onSelect: () => void; onTest: () => void }) {
  const styles = useStyles()
  return (
    <Menu openOnContext>
      <MenuTrigger disableButtonEnhancement>
        <li
          className={selected ? `${styles.item} ${styles.selected}` : styles.item}
          style={{ borderLeftColor: connection.colour }}
          data-testid="rail-connection"
          data-connection-id={connection.id}
          aria-selected={selected}
          role="option"
          tabIndex={0}
          onClick={onSelect}
          onKeyDown={(event) => {
            if (event.key === 'Enter' || event.key === ' ') onSelect()
          }}
        >
          <span className={styles.name}>
            <Text weight="semibold" className={styles.ellipsis}>
              {connection.name}
            </Text>
            <Text size={200} className={`${styles.muted} ${styles.ellipsis}`}>
              {new URL(connection.orgUrl).hostname}
            </Text>
          </span>
          {connection.lastTest && (
            <Badge appearance="tint" size="small" color={LAST_TEST_COLOUR[connection.lastTest.status]} title={connection.lastTest.summary}>
              {connection.lastTest.status}
            </Badge>
          )}
          {selected && (
            <Button
              size="small"
              appearance="subtle"
              icon={<CheckmarkStarburst20Regular />}
              aria-label={`Test connection ${connection.name}`}
              title="Test connection"
              data-testid="rail-test-connection"
              onClick={(event) => {
                event.stopPropagation()
                onTest()
              }}
            />
          )}
        </li>
      </MenuTrigger>
      <MenuPopover>
        <MenuList>
          <MenuItem icon={<CheckmarkStarburst20Regular />} onClick={onTest} data-testid="rail-menu-test-connection">
            Test connection
          </MenuItem>
        </MenuList>
      </MenuPopover>
    </Menu>
  )
}

export function ConnectionRail({ onTestConnection }: ConnectionRailProps) {
  const styles = useStyles()
  const headingId = useId()
  const [query, setQuery] = useState('')
  const [selectedId, setSelectedId] = useState<string | null>(null)
  const connections = useConnectionList()
  const all = connections.status === 'ready' ? connections.list.connections : []
  const needle = query.trim().toLowerCase()
  const shown = all.filter((connection) => !needle || `${connection.name} ${connection.orgUrl}`.toLowerCase().includes(needle))
  return (
    <nav className={styles.rail} aria-labelledby={headingId} data-testid="connection-rail">
      <Subtitle2 id={headingId}>Connections</Subtitle2>
      <SearchBox placeholder="Search connections" aria-label="Search connections" value={query} onChange={(_event, data) => setQuery(data.value)} />
      {connections.status === 'error' && <Text className={styles.muted}>{connections.message}</Text>}
      {shown.length > 0 && (
        <ul className={styles.list} role="listbox" aria-label="Connections">
          {shown.map((connection) => (
            <ConnectionItem
              key={connection.id}
              connection={connection}
              selected={connection.id === selectedId}
              onSelect={() => setSelectedId(connection.id)}
              onTest={() => {
                setSelectedId(connection.id)
                onTestConnection(connection)
              }}
            />
          ))}
        </ul>
      )}
      {!all.some((connection) => connection.builtIn === null) && (
        <div className={styles.empty} data-testid="connections-empty">
          <PlugDisconnected48Regular aria-hidden />
          <Text weight="semibold">No saved connections yet</Text>
          <Text size={200}>
            A connection needs the environment URL, the tenant, and an app registration&apos;s client ID with its secret or certificate.
          </Text>
        </div>
      )}
    </nav>
  )
}
