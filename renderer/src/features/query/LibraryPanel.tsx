/** The query library beside the editor: this connection's run history and the saved queries. */
import {
  Badge,
  Button,
  makeStyles,
  MessageBar,
  MessageBarBody,
  SearchBox,
  Tab,
  TabList,
  Text,
  tokens,
  Tooltip,
} from '@fluentui/react-components'
import { ArrowDownload16Regular, ArrowUpload16Regular, Delete16Regular } from '@fluentui/react-icons'
import { useCallback, useEffect, useRef, useState } from 'react'
import type { AppError } from '@common/result'
import type { SavedQuery } from '@common/query/workspace'
import { call, toAppError } from '../../bridge'
import { ErrorBar } from '../../ui/ErrorBar'
import { useBridgeQuery } from '../../use-bridge-query'
import { Masked } from '../presentation/Masked'
import { usePresentation } from '../presentation/use-presentation'

const useStyles = makeStyles({
  panel: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalS,
    borderLeft: `1px solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground2,
    minHeight: 0,
    overflow: 'hidden',
  },
  list: { display: 'flex', flexDirection: 'column', gap: '2px', overflowY: 'auto', minHeight: 0, flex: 1 },
  item: {
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'stretch',
    gap: '2px',
    padding: '6px 8px',
    borderRadius: tokens.borderRadiusMedium,
    border: 'none',
    textAlign: 'left',
    backgroundColor: 'transparent',
    color: 'inherit',
    cursor: 'pointer',
    ':hover': { backgroundColor: tokens.colorNeutralBackground2Hover },
  },
  text: {
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: '12px',
    whiteSpace: 'pre-wrap',
    wordBreak: 'break-all',
    maxHeight: '4.5em',
    overflow: 'hidden',
  },
  meta: {
    display: 'flex',
    gap: tokens.spacingHorizontalXS,
    alignItems: 'center',
    color: tokens.colorNeutralForeground3,
    flexWrap: 'wrap',
  },
  actions: { display: 'flex', gap: tokens.spacingHorizontalXS },
  empty: { color: tokens.colorNeutralForeground3, padding: tokens.spacingVerticalM },
})

const SEARCH_DELAY_MS = 150

/** The value as it was `delayMs` after it last changed: a search is sent when typing pauses. */
function useDebounced(value: string, delayMs: number): string {
  const [settled, setSettled] = useState(value)
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), delayMs)
    return () => clearTimeout(timer)
  }, [value, delayMs])
  return settled
}

export interface LibraryPanelProps {
  readonly connectionId: string | null
  /** The query saved last from this tab: the saved list is read again when it changes. */
  readonly lastSaved: SavedQuery | null
  readonly onOpen: (entry: { text: string; mode: SavedQuery['mode']; title?: string; savedQueryId?: string }) => void
}

/** History of this connection's runs and the saved queries, side by side with the editor. */
export function LibraryPanel({ connectionId, lastSaved, onOpen }: LibraryPanelProps) {
  const styles = useStyles()
  const presentation = usePresentation()
  const [view, setView] = useState<'history' | 'saved'>('saved')
  const [search, setSearch] = useState('')
  const [failure, setFailure] = useState<AppError | null>(null)
  const [notice, setNotice] = useState<string | null>(null)
  const [transferring, setTransferring] = useState(false)
  const query = useDebounced(search, SEARCH_DELAY_MS) || undefined
  // main announces every recorded, deleted or cleared run, whoever caused it.
  const historyList = useBridgeQuery(
    'history:list',
    { connectionId: connectionId ?? '', search: query },
    { enabled: view === 'history' && connectionId !== null, refreshOn: ['history:changed'] },
  )
  const savedList = useBridgeQuery(
    'saved-queries:list',
    { connectionId: connectionId ?? undefined, search: query },
    { enabled: view === 'saved' },
  )
  const { refresh: refreshSaved } = savedList
  const seenSaved = useRef(lastSaved)
  useEffect(() => {
    if (seenSaved.current === lastSaved) return
    seenSaved.current = lastSaved
    void refreshSaved()
  }, [lastSaved, refreshSaved])
  const history = historyList.data?.entries ?? []
  const saved = savedList.data?.queries ?? []
  const error = failure ?? (view === 'history' ? historyList.error : savedList.error)

  const fail = useCallback((caught: unknown) => setFailure(toAppError(caught)), [])
  /** After a change made here: the shown list is read again. */
  const refreshShown = view === 'history' ? historyList.refresh : savedList.refresh
  const reload = useCallback(() => {
    setFailure(null)
    void refreshShown()
  }, [refreshShown])

  // The file dialogs and the file itself belong to main; the window only hears what happened.
  const transfer = async (action: () => Promise<string | null>) => {
    setTransferring(true)
    setFailure(null)
    setNotice(null)
    try {
      const done = await action()
      if (done) setNotice(done)
    } catch (caught) {
      fail(caught)
    } finally {
      setTransferring(false)
    }
  }

  const exportAll = () =>
    transfer(async () => {
      const { path, count } = await call('saved-queries:export', {})
      return path ? `Exported ${count} saved ${count === 1 ? 'query' : 'queries'} to ${path}.` : null
    })

  const importFile = () =>
    transfer(async () => {
      const report = await call('saved-queries:import', undefined)
      if (report.cancelled) return null
      reload()
      const rejected = report.rejected.length
        ? ` ${report.rejected.length} rejected (${report.rejected.map((r) => `#${r.index + 1}: ${r.reason}`).join('; ')}).`
        : ''
      return `Imported ${report.added} new, ${report.updated} updated, ${report.unchanged} unchanged from ${report.path}.${rejected}`
    })

  return (
    <aside className={styles.panel} aria-label="Query library" data-testid="library-panel">
      <TabList
        size="small"
        selectedValue={view}
        onTabSelect={(_event, data) => setView(data.value as 'history' | 'saved')}
      >
        <Tab value="saved">Saved</Tab>
        <Tab value="history">History</Tab>
      </TabList>
      <SearchBox
        size="small"
        placeholder={view === 'history' ? 'Search history' : 'Search saved queries'}
        value={search}
        onChange={(_event, data) => setSearch(data.value)}
      />
      {view === 'saved' && (
        <div className={styles.actions}>
          <Tooltip content="Export every saved query to a JSON file" relationship="description">
            <Button
              size="small"
              icon={<ArrowDownload16Regular />}
              disabled={transferring}
              onClick={() => void exportAll()}
              data-testid="export-saved-queries"
            >
              Export…
            </Button>
          </Tooltip>
          <Tooltip content="Import saved queries from a JSON export; existing ones are kept" relationship="description">
            <Button
              size="small"
              icon={<ArrowUpload16Regular />}
              disabled={transferring}
              onClick={() => void importFile()}
              data-testid="import-saved-queries"
            >
              Import…
            </Button>
          </Tooltip>
        </div>
      )}
      {error && (
        <ErrorBar
          error={error}
          data-testid="library-error"
          actions={
            error.code === 'STORE_CORRUPT' && (
              <Button
                size="small"
                onClick={() =>
                  void call('workspace:start-fresh', { store: view === 'history' ? 'history' : 'saved-queries' }).then(
                    reload,
                    fail,
                  )
                }
              >
                Start with an empty list
              </Button>
            )
          }
        />
      )}
      {notice && (
        <MessageBar intent="success" data-testid="library-notice">
          <MessageBarBody>
            <Masked value={notice} />
          </MessageBarBody>
        </MessageBar>
      )}
      <div className={styles.list} role="list">
        {view === 'history' && !connectionId && (
          <Text className={styles.empty}>History is kept per connection: pick a connection to see its runs.</Text>
        )}
        {view === 'history' && connectionId && history.length === 0 && (
          <Text className={styles.empty}>No runs yet on this connection.</Text>
        )}
        {view === 'saved' && saved.length === 0 && (
          <Text className={styles.empty}>No saved queries yet. Use Save in the toolbar to keep one.</Text>
        )}
        {view === 'history' &&
          history.map((entry) => (
            <div key={entry.id} role="listitem" className={styles.actions}>
              <button
                type="button"
                className={styles.item}
                style={{ flex: 1 }}
                onClick={() => onOpen({ text: entry.text, mode: entry.mode })}
                data-testid="history-entry"
              >
                <span className={styles.text}>{presentation.text(entry.text)}</span>
                <span className={styles.meta}>
                  <Badge
                    size="small"
                    appearance="tint"
                    color={entry.outcome === 'ok' ? 'success' : entry.outcome === 'cancelled' ? 'warning' : 'danger'}
                  >
                    {entry.status ?? entry.outcome}
                  </Badge>
                  {entry.rowCount !== null && <span>{entry.rowCount.toLocaleString()} rows</span>}
                  <span>{new Date(entry.at).toLocaleString()}</span>
                </span>
              </button>
              <Button
                size="small"
                appearance="subtle"
                icon={<Delete16Regular />}
                aria-label="Remove from history"
                onClick={() => void call('history:delete', { id: entry.id }).then(reload, fail)}
              />
            </div>
          ))}
        {view === 'saved' &&
          saved.map((query) => (
            <div key={query.id} role="listitem" className={styles.actions}>
              <button
                type="button"
                className={styles.item}
                style={{ flex: 1 }}
                onClick={() =>
                  onOpen({ text: query.text, mode: query.mode, title: query.name, savedQueryId: query.id })
                }
                data-testid="saved-query"
              >
                <Text weight="semibold">{presentation.text(query.name)}</Text>
                <span className={styles.meta}>
                  {query.connectionId === null && (
                    <Badge size="small" appearance="outline">
                      all connections
                    </Badge>
                  )}
                  {query.mode === 'fetchxml' && (
                    <Badge size="small" appearance="outline">
                      FetchXML
                    </Badge>
                  )}
                  {query.tags.map((tag) => (
                    <Badge key={tag} size="small" appearance="tint">
                      {presentation.text(tag)}
                    </Badge>
                  ))}
                </span>
              </button>
              <Button
                size="small"
                appearance="subtle"
                icon={<Delete16Regular />}
                aria-label={`Delete ${query.name}`}
                onClick={() => void call('saved-queries:delete', { id: query.id }).then(reload, fail)}
              />
            </div>
          ))}
      </div>
    </aside>
  )
}
