/** The connection rail: search, the list with its actions, import/export, and the store's banners. */
import { Button, SearchBox, Text } from '@fluentui/react-components'
import { Add20Regular, PlugDisconnected48Regular } from '@fluentui/react-icons'
import { useId, useMemo, useState } from 'react'
import type { ConnectionView } from '@common/connection'
import { Masked } from '../presentation/Masked'
import { ConfirmDeleteDialog, ConfirmResetDialog } from './ConfirmDialogs'
import { matchesConnection } from './connection-filter'
import { ConnectionItem } from './ConnectionItem'
import { ConnectionList } from './ConnectionList'
import type { EditorRequest } from './editor-request'
import { ImportTextDialog } from './ImportTextDialog'
import { NetworkSettingsDialog } from './NetworkSettingsDialog'
import { RailBanners } from './RailBanners'
import { RailHeader } from './RailHeader'
import { useRailStyles } from './rail-styles'
import { useConnections } from './use-connections'
import { useRailActions } from './use-rail-actions'

export type { EditorRequest } from './editor-request'

export interface ConnectionRailProps {
  readonly onOpenEditor: (request: EditorRequest) => void
  /** Runs the preflight check on a connection (opens its check tab). */
  readonly onTestConnection: (connection: ConnectionView) => void
}

export function ConnectionRail({ onOpenEditor, onTestConnection }: ConnectionRailProps) {
  const styles = useRailStyles()
  const headingId = useId()
  const state = useConnections()
  const actions = useRailActions(onOpenEditor)
  const [query, setQuery] = useState('')
  const [deleting, setDeleting] = useState<ConnectionView | null>(null)
  const [resetting, setResetting] = useState(false)
  const [importing, setImporting] = useState(false)
  const [networkOpen, setNetworkOpen] = useState(false)

  const visible = useMemo(
    () => state.connections.filter((connection) => matchesConnection(connection, query)),
    [state.connections, query],
  )
  const saved = state.connections.filter((connection) => connection.builtIn === null)
  const edit = (connection: ConnectionView) => onOpenEditor({ mode: 'edit', id: connection.id, name: connection.name })

  return (
    <nav className={styles.rail} aria-labelledby={headingId} data-testid="connection-rail">
      <RailHeader
        headingId={headingId}
        canExport={saved.length > 0}
        onNew={() => onOpenEditor({ mode: 'new' })}
        onImportFile={() => void actions.importFile()}
        onPaste={() => setImporting(true)}
        onExport={(format) => void actions.exportAs(format)}
        onNetwork={() => setNetworkOpen(true)}
      />
      <SearchBox
        placeholder="Search connections"
        aria-label="Search connections"
        value={query}
        onChange={(_event, data) => setQuery(data.value)}
      />
      <RailBanners
        state={state}
        notice={actions.notice}
        onDismissNotice={actions.dismissNotice}
        onReset={() => setResetting(true)}
      />

      <ConnectionList>
        {visible.map((connection) => (
          <ConnectionItem
            key={connection.id}
            connection={connection}
            selected={state.current?.id === connection.id}
            onSelect={() => state.select(connection.id)}
            onEdit={() => edit(connection)}
            onTest={() => {
              state.select(connection.id)
              onTestConnection(connection)
            }}
            onDuplicate={() => void actions.duplicate(connection)}
            onCopyToken={() => void actions.copyToken(connection)}
            onDelete={() => setDeleting(connection)}
          />
        ))}
      </ConnectionList>

      {state.status === 'ready' && query.trim() !== '' && visible.length === 0 && (
        <Text size={200}>
          No connection matches “<Masked value={query.trim()} />
          ”.
        </Text>
      )}

      {state.status !== 'loading' && saved.length === 0 && (
        <div className={styles.empty} data-testid="connections-empty">
          <PlugDisconnected48Regular aria-hidden />
          <Text weight="semibold">No saved connections yet</Text>
          <Text size={200}>
            A connection needs the environment URL, the tenant, and an app registration&apos;s client ID with its secret
            or certificate. Paste any environment URL to start.
          </Text>
          <Button appearance="primary" icon={<Add20Regular />} onClick={() => onOpenEditor({ mode: 'new' })}>
            New connection
          </Button>
        </div>
      )}

      <ConfirmDeleteDialog
        connection={deleting}
        onCancel={() => setDeleting(null)}
        onConfirm={(connection) => {
          setDeleting(null)
          void actions.remove(connection)
        }}
      />
      <ConfirmResetDialog
        open={resetting}
        problem={state.problem}
        onCancel={() => setResetting(false)}
        onConfirm={() => {
          setResetting(false)
          void actions.resetStore()
        }}
      />
      <NetworkSettingsDialog open={networkOpen} onClose={() => setNetworkOpen(false)} />
      <ImportTextDialog
        open={importing}
        onClose={() => setImporting(false)}
        onImported={async (count, warnings) => {
          setImporting(false)
          await actions.imported(count, warnings)
        }}
      />
    </nav>
  )
}
