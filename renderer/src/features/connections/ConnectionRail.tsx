/** The connection rail: search, the list with its actions, import/export, and the store's banners. */
import { Button, MenuItem, SearchBox, Text } from '@fluentui/react-components'
import {
  Add20Regular,
  ArrowImport20Regular,
  Copy16Regular,
  Globe20Regular,
  PeopleTeamAdd20Regular,
  PlugDisconnected48Regular,
} from '@fluentui/react-icons'
import { useId, useState } from 'react'
import type { ConnectionView } from '@common/connection'
import type { Customer } from '@common/customer'
import { Masked } from '../presentation/Masked'
import { ConfirmDeleteCustomerDialog, ConfirmDeleteDialog, ConfirmResetDialog } from './ConfirmDialogs'
import { ConnectionItem } from './ConnectionItem'
import { CustomerDialog } from './CustomerDialog'
import { DuplicateIntoDialog } from './DuplicateIntoDialog'
import type { EditorRequest } from './editor-request'
import { ImportTextDialog } from './ImportTextDialog'
import { useInteropDialogs } from './InteropDialogs'
import { MoveToCustomerMenu } from './MoveToCustomerMenu'
import { NetworkSettingsDialog } from './NetworkSettingsDialog'
import { RailBanners } from './RailBanners'
import { RailConnections, shownCount } from './RailConnections'
import { RailHeader } from './RailHeader'
import { useRailStyles } from './rail-styles'
import { useConnections } from './use-connections'
import { useCustomerActions } from './use-customer-actions'
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
  const customerActions = useCustomerActions(actions)
  const interop = useInteropDialogs({ refresh: state.refresh, notify: actions.notify })
  const [query, setQuery] = useState('')
  const [deleting, setDeleting] = useState<ConnectionView | null>(null)
  const [resetting, setResetting] = useState(false)
  const [importing, setImporting] = useState(false)
  const [networkOpen, setNetworkOpen] = useState(false)
  const [editingCustomer, setEditingCustomer] = useState<Customer | 'new' | null>(null)
  const [deletingCustomer, setDeletingCustomer] = useState<Customer | null>(null)
  const [duplicatingInto, setDuplicatingInto] = useState<ConnectionView | null>(null)

  const { customers } = state
  const shown = shownCount(state.connections, customers, query)
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
        extra={
          <>
            <MenuItem icon={<ArrowImport20Regular />} onClick={interop.importFromTool} data-testid="import-from-tool">
              Import from another tool…
            </MenuItem>
            <MenuItem
              icon={<PeopleTeamAdd20Regular />}
              onClick={() => setEditingCustomer('new')}
              data-testid="new-customer"
            >
              New customer…
            </MenuItem>
          </>
        }
      />
      <SearchBox
        placeholder={customers.length ? 'Search customers and connections' : 'Search connections'}
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

      <RailConnections
        connections={state.connections}
        customers={customers}
        query={query}
        groupActions={{
          onEdit: setEditingCustomer,
          onExport: (customer) => void customerActions.exportCustomer(customer),
          onImport: (customer) => void customerActions.importInto(customer),
          onDelete: setDeletingCustomer,
        }}
        renderItem={(connection) => (
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
            menuExtra={
              <>
                <MenuItem
                  icon={<Copy16Regular />}
                  data-testid="rail-copy-command"
                  onClick={() => interop.copyAsCommand(connection)}
                >
                  Copy as command…
                </MenuItem>
                <MenuItem
                  icon={<Globe20Regular />}
                  data-testid="rail-discover-environments"
                  onClick={() => interop.discover(connection)}
                >
                  Discover environments…
                </MenuItem>
                {connection.builtIn === null && (
                  <MoveToCustomerMenu
                    connection={connection}
                    customers={customers}
                    onMove={(customerId) => void customerActions.move(connection.id, customerId)}
                    onDuplicateInto={() => setDuplicatingInto(connection)}
                  />
                )}
              </>
            }
          />
        )}
      />

      {state.status === 'ready' && query.trim() !== '' && shown === 0 && (
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
      <CustomerDialog
        editing={editingCustomer}
        onClose={() => setEditingCustomer(null)}
        onSaved={(customer, created) => {
          setEditingCustomer(null)
          void state.refresh()
          actions.notify({
            intent: 'success',
            title: created ? `Created customer “${customer.name}”` : `Saved customer “${customer.name}”`,
            text: created ? 'Move connections into it with their “…” menu.' : '',
          })
        }}
      />
      <ConfirmDeleteCustomerDialog
        customer={deletingCustomer}
        count={state.connections.filter((connection) => connection.customerId === deletingCustomer?.id).length}
        onCancel={() => setDeletingCustomer(null)}
        onConfirm={(customer) => {
          setDeletingCustomer(null)
          void customerActions.remove(customer)
        }}
      />
      <DuplicateIntoDialog
        original={duplicatingInto}
        onClose={() => setDuplicatingInto(null)}
        onCreated={(copy) => {
          setDuplicatingInto(null)
          void state.refresh().then(() => state.select(copy.id))
          actions.notify({
            intent: 'success',
            title: `Created “${copy.name}”`,
            text: 'It signs in with the same app registration and stored credential as the original.',
          })
        }}
      />
      <NetworkSettingsDialog open={networkOpen} onClose={() => setNetworkOpen(false)} />
      {interop.element}
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
