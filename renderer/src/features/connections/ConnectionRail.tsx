/** The connection rail: search, the list with its actions, import/export, and the store's banners. */
import {
  Button,
  Caption1,
  makeStyles,
  Menu,
  MenuItem,
  MenuList,
  MenuPopover,
  MenuTrigger,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  mergeClasses,
  SearchBox,
  Spinner,
  Subtitle2,
  Text,
  tokens,
  Tooltip,
} from '@fluentui/react-components'
import {
  Add20Regular,
  ArrowExport20Regular,
  CheckmarkStarburst16Regular,
  ArrowImport20Regular,
  Copy16Regular,
  Delete16Regular,
  DocumentCopy16Regular,
  Edit16Regular,
  Eye16Regular,
  Globe20Regular,
  MoreHorizontal20Regular,
  PlugDisconnected48Regular,
} from '@fluentui/react-icons'
import { useId, useMemo, useRef, useState, type KeyboardEvent } from 'react'
import type { ConnectionView } from '@common/connection'
import { bridge, toAppError, unwrap } from '../../bridge'
import { Masked } from '../presentation/Masked'
import { usePresentation } from '../presentation/use-presentation'
import { ConnectionBadges, hostOf } from './ConnectionBadges'
import { ConfirmDeleteDialog, ConfirmResetDialog } from './ConfirmDialogs'
import { ImportTextDialog } from './ImportTextDialog'
import { useInteropDialogs } from './InteropDialogs'
import { NetworkSettingsDialog } from './NetworkSettingsDialog'
import { useConnections } from './use-connections'
import { CheckAllButton } from '../matrix/CheckAllButton'

const useStyles = makeStyles({
  rail: {
    gridArea: 'rail',
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalM,
    borderRight: `1px solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground2,
    minWidth: 0,
    minHeight: 0,
    overflowY: 'auto',
    // The rail scrolls as a whole; its banners and list must not be squeezed on top of each other.
    '& > *': { flexShrink: 0 },
  },
  heading: { display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: tokens.spacingHorizontalXS },
  list: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXXS,
    margin: 0,
    padding: 0,
    listStyleType: 'none',
  },
  item: {
    display: 'flex',
    alignItems: 'stretch',
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
    overflow: 'hidden',
    border: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  selected: { border: `1px solid ${tokens.colorBrandStroke1}`, backgroundColor: tokens.colorBrandBackground2 },
  prod: { border: `1px solid ${tokens.colorPaletteRedBorder2}` },
  stripe: { width: '6px', flexShrink: 0 },
  select: {
    flex: 1,
    minWidth: 0,
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'stretch',
    gap: '2px',
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalS}`,
    border: 'none',
    background: 'transparent',
    color: 'inherit',
    textAlign: 'left',
    cursor: 'pointer',
    font: 'inherit',
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '-2px' },
  },
  nameRow: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalXS, minWidth: 0 },
  name: {
    flex: 1,
    minWidth: 0,
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
    fontWeight: tokens.fontWeightSemibold,
  },
  // Presenting: the audience reads the whole name, on two lines if it must.
  nameWrapped: { whiteSpace: 'normal', overflowWrap: 'anywhere' },
  host: { color: tokens.colorNeutralForeground3, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
  more: { alignSelf: 'center', marginRight: tokens.spacingHorizontalXXS },
  empty: {
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'center',
    textAlign: 'center',
    gap: tokens.spacingVerticalS,
    paddingBlock: tokens.spacingVerticalL,
    color: tokens.colorNeutralForeground3,
  },
})

export type EditorRequest =
  { readonly mode: 'new' } | { readonly mode: 'edit'; readonly id: string; readonly name: string }

export interface ConnectionRailProps {
  readonly onOpenEditor: (request: EditorRequest) => void
  /** Runs the preflight check on a connection (opens its check tab). */
  readonly onTestConnection: (connection: ConnectionView) => void
}

function matches(connection: ConnectionView, query: string): boolean {
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

export function ConnectionRail({ onOpenEditor, onTestConnection }: ConnectionRailProps) {
  const styles = useStyles()
  const presentation = usePresentation()
  const headingId = useId()
  const state = useConnections()
  const [query, setQuery] = useState('')
  const [notice, setNotice] = useState<{ intent: 'success' | 'warning' | 'error'; title: string; text: string } | null>(
    null,
  )
  const [deleting, setDeleting] = useState<ConnectionView | null>(null)
  const [resetting, setResetting] = useState(false)
  const [importing, setImporting] = useState(false)
  const [networkOpen, setNetworkOpen] = useState(false)
  const listRef = useRef<HTMLUListElement>(null)
  const interop = useInteropDialogs({ refresh: state.refresh, notify: setNotice })

  const visible = useMemo(
    () => state.connections.filter((connection) => matches(connection, query)),
    [state.connections, query],
  )
  const saved = state.connections.filter((connection) => connection.builtIn === null)

  const run = async (action: () => Promise<void>) => {
    try {
      await action()
    } catch (caught) {
      const error = toAppError(caught)
      setNotice({ intent: 'error', title: error.message, text: `${error.cause} ${error.next}` })
    }
  }

  const duplicate = (connection: ConnectionView) =>
    run(async () => {
      const copy = await unwrap(bridge().connectionsDuplicate({ id: connection.id }))
      await state.refresh()
      state.select(copy.id)
      onOpenEditor({ mode: 'edit', id: copy.id, name: copy.name })
    })

  const copyToken = (connection: ConnectionView) =>
    run(async () => {
      const result = await unwrap(bridge().connectionsCopyToken({ id: connection.id }))
      setNotice({ intent: 'warning', title: 'Access token copied', text: result.warning })
    })

  const exportAs = (format: 'json' | 'connection-string') =>
    run(async () => {
      const result = await unwrap(bridge().connectionsExport({ ids: [], format }))
      if (result.path)
        setNotice({
          intent: 'success',
          title: `Exported ${result.count} connection${result.count === 1 ? '' : 's'}`,
          text: `Saved to ${result.path}, without secrets.`,
        })
    })

  const importFile = () =>
    run(async () => {
      const result = await unwrap(bridge().connectionsImport({ kind: 'file' }))
      if (result.cancelled) return
      await state.refresh()
      setNotice({
        intent: result.warnings.length ? 'warning' : 'success',
        title: `Imported ${result.imported.length} connection${result.imported.length === 1 ? '' : 's'}`,
        text: result.warnings.join(' '),
      })
    })

  const onListKey = (event: KeyboardEvent<HTMLUListElement>) => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return
    const buttons = [...(listRef.current?.querySelectorAll<HTMLButtonElement>('button[data-connection-id]') ?? [])]
    const index = buttons.indexOf(document.activeElement as HTMLButtonElement)
    const next =
      buttons[index === -1 ? 0 : (index + (event.key === 'ArrowDown' ? 1 : -1) + buttons.length) % buttons.length]
    if (next) {
      event.preventDefault()
      next.focus()
    }
  }

  return (
    <nav className={styles.rail} aria-labelledby={headingId} data-testid="connection-rail">
      <div className={styles.heading}>
        <Subtitle2 id={headingId}>Connections</Subtitle2>
        <span>
          <CheckAllButton />
          <Tooltip content="New connection" relationship="label">
            <Button
              appearance="subtle"
              icon={<Add20Regular />}
              onClick={() => onOpenEditor({ mode: 'new' })}
              data-testid="new-connection"
            />
          </Tooltip>
          <Menu>
            <MenuTrigger disableButtonEnhancement>
              <Tooltip content="Import and export" relationship="label">
                <Button appearance="subtle" icon={<MoreHorizontal20Regular />} data-testid="rail-menu" />
              </Tooltip>
            </MenuTrigger>
            <MenuPopover>
              <MenuList>
                <MenuItem icon={<ArrowImport20Regular />} onClick={() => void importFile()}>
                  Import from a file…
                </MenuItem>
                <MenuItem
                  icon={<ArrowImport20Regular />}
                  onClick={interop.importFromTool}
                  data-testid="import-from-tool"
                >
                  Import from another tool…
                </MenuItem>
                <MenuItem icon={<ArrowImport20Regular />} onClick={() => setImporting(true)}>
                  Paste connection strings…
                </MenuItem>
                <MenuItem
                  icon={<ArrowExport20Regular />}
                  disabled={saved.length === 0}
                  onClick={() => void exportAs('json')}
                >
                  Export all (JSON, no secrets)…
                </MenuItem>
                <MenuItem
                  icon={<ArrowExport20Regular />}
                  disabled={saved.length === 0}
                  onClick={() => void exportAs('connection-string')}
                >
                  Export as connection strings…
                </MenuItem>
                <MenuItem icon={<Globe20Regular />} onClick={() => setNetworkOpen(true)}>
                  Network settings…
                </MenuItem>
              </MenuList>
            </MenuPopover>
          </Menu>
        </span>
      </div>
      <SearchBox
        placeholder="Search connections"
        aria-label="Search connections"
        value={query}
        onChange={(_event, data) => setQuery(data.value)}
      />

      {state.problem && (
        <MessageBar intent="error" layout="multiline" data-testid="store-problem">
          <MessageBarBody>
            <MessageBarTitle>
              {state.problem.reason === 'newer-version'
                ? 'Saved connections are from a newer app version'
                : 'Saved connections could not be read'}
            </MessageBarTitle>
            {state.problem.reason === 'newer-version'
              ? `${state.problem.file} was left untouched. Update the app to use it.`
              : `${state.problem.file} is damaged (${state.problem.detail}) and was left untouched. A copy is at ${state.problem.copiedTo ?? '(none)'}.`}
          </MessageBarBody>
          <MessageBarActions>
            <Button size="small" onClick={() => setResetting(true)} data-testid="store-reset">
              Start with an empty list…
            </Button>
          </MessageBarActions>
        </MessageBar>
      )}
      {!state.secretsPersistent && (
        <MessageBar intent="warning" layout="multiline" data-testid="secrets-session-only">
          <MessageBarBody>
            <MessageBarTitle>Secrets last for this session only</MessageBarTitle>
            This computer offers no OS encryption for secrets, so they are kept in memory and forgotten when the app
            closes.
          </MessageBarBody>
        </MessageBar>
      )}
      {notice && (
        <MessageBar intent={notice.intent} layout="multiline" data-testid="rail-notice">
          <MessageBarBody>
            <MessageBarTitle>
              <Masked value={notice.title} kind="diagnostic" />
            </MessageBarTitle>
            <Masked value={notice.text} kind="diagnostic" />
          </MessageBarBody>
          <MessageBarActions>
            <Button size="small" appearance="transparent" onClick={() => setNotice(null)}>
              Dismiss
            </Button>
          </MessageBarActions>
        </MessageBar>
      )}

      {state.status === 'loading' && <Spinner size="tiny" label="Loading connections…" />}
      {state.status === 'error' && (
        <MessageBar intent="error" data-testid="connections-error">
          <MessageBarBody>
            Connections could not be loaded: <Masked value={state.error?.message ?? ''} kind="diagnostic" />
          </MessageBarBody>
        </MessageBar>
      )}

      <ul
        className={styles.list}
        aria-label="Saved connections"
        ref={listRef}
        onKeyDown={onListKey}
        data-testid="connection-list"
      >
        {visible.map((connection) => {
          const selected = state.current?.id === connection.id
          return (
            <li
              key={connection.id}
              className={mergeClasses(
                styles.item,
                connection.environment === 'prod' && styles.prod,
                selected && styles.selected,
              )}
              data-testid="connection-item"
              data-connection-name={connection.name}
            >
              <span
                className={styles.stripe}
                style={{ backgroundColor: connection.colour }}
                aria-hidden
                data-testid="colour-stripe"
              />
              <button
                type="button"
                className={styles.select}
                aria-pressed={selected}
                data-connection-id={connection.id}
                onClick={() => state.select(connection.id)}
                onDoubleClick={() => onOpenEditor({ mode: 'edit', id: connection.id, name: connection.name })}
              >
                <span className={styles.nameRow}>
                  <span className={mergeClasses(styles.name, presentation.on && styles.nameWrapped)}>
                    <Masked value={connection.name} />
                  </span>
                  <ConnectionBadges connection={connection} showTest />
                </span>
                <Caption1 className={styles.host}>{hostOf(connection.orgUrl)}</Caption1>
              </button>
              <Menu>
                <MenuTrigger disableButtonEnhancement>
                  <Button
                    className={styles.more}
                    appearance="transparent"
                    size="small"
                    icon={<MoreHorizontal20Regular />}
                    aria-label={`Actions for ${connection.name}`}
                  />
                </MenuTrigger>
                <MenuPopover>
                  <MenuList>
                    <MenuItem
                      icon={<CheckmarkStarburst16Regular />}
                      data-testid="rail-test-connection"
                      onClick={() => {
                        state.select(connection.id)
                        onTestConnection(connection)
                      }}
                    >
                      Test connection
                    </MenuItem>
                    {connection.builtIn === null ? (
                      <MenuItem
                        icon={<Edit16Regular />}
                        onClick={() => onOpenEditor({ mode: 'edit', id: connection.id, name: connection.name })}
                      >
                        Edit
                      </MenuItem>
                    ) : (
                      <MenuItem
                        icon={<Eye16Regular />}
                        data-testid="rail-view-settings"
                        onClick={() => onOpenEditor({ mode: 'edit', id: connection.id, name: connection.name })}
                      >
                        View settings
                      </MenuItem>
                    )}
                    {connection.builtIn === null && (
                      <MenuItem icon={<DocumentCopy16Regular />} onClick={() => void duplicate(connection)}>
                        Duplicate
                      </MenuItem>
                    )}
                    <MenuItem icon={<Copy16Regular />} onClick={() => void copyToken(connection)}>
                      Copy access token
                    </MenuItem>
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
                      <MenuItem icon={<Delete16Regular />} onClick={() => setDeleting(connection)}>
                        Delete…
                      </MenuItem>
                    )}
                  </MenuList>
                </MenuPopover>
              </Menu>
            </li>
          )
        })}
      </ul>

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
        onConfirm={(connection) =>
          void run(async () => {
            setDeleting(null)
            await unwrap(bridge().connectionsDelete({ id: connection.id }))
            if (state.current?.id === connection.id) state.select(null)
            await state.refresh()
            setNotice({
              intent: 'success',
              title: `Deleted “${connection.name}”`,
              text: 'Its stored secret was deleted too.',
            })
          })
        }
      />
      <ConfirmResetDialog
        open={resetting}
        problem={state.problem}
        onCancel={() => setResetting(false)}
        onConfirm={() =>
          void run(async () => {
            setResetting(false)
            await unwrap(bridge().connectionsStoreReset({ confirm: true }))
            await state.refresh()
          })
        }
      />
      <NetworkSettingsDialog open={networkOpen} onClose={() => setNetworkOpen(false)} />
      {interop.element}
      <ImportTextDialog
        open={importing}
        onClose={() => setImporting(false)}
        onImported={async (count, warnings) => {
          setImporting(false)
          await state.refresh()
          setNotice({
            intent: warnings.length ? 'warning' : 'success',
            title: `Imported ${count} connection${count === 1 ? '' : 's'}`,
            text: warnings.join(' '),
          })
        }}
      />
    </nav>
  )
}
