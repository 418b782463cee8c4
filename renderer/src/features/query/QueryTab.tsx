import {
  Badge,
  Button,
  Checkbox,
  Dropdown,
  Input,
  makeStyles,
  Menu,
  MenuItem,
  MenuList,
  MenuPopover,
  MenuTrigger,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Option,
  Tab,
  TabList,
  Text,
  Textarea,
  ToggleButton,
  tokens,
  Tooltip,
} from '@fluentui/react-components'
import {
  ArrowClockwise16Regular,
  ArrowDownload16Regular,
  Code16Regular,
  DocumentArrowDown16Regular,
  LockClosed16Regular,
  PanelRight16Regular,
  Play16Filled,
  Save16Regular,
  Stop16Regular,
} from '@fluentui/react-icons'
import { useCallback, useEffect, useState } from 'react'
import { DEFAULT_ROW_CAP } from '../../../../common/query/execution'
import { bridge } from '../../bridge'
import { useCurrentConnection } from '../connections/use-current-connection'
import type { MetadataIndex } from '../../../../common/metadata/metadata-index'
import { normalizeQuery } from '../../../../common/odata'
import { compactFetchXml, fetchXmlRequestPath } from '../../../../common/query/fetchxml'
import type { QueryMode, QueryTab as QueryTabModel, SavedQuery } from '../../../../common/query/workspace'
import { SNIPPET_LABELS, SNIPPET_LANGUAGES, type SnippetLanguage, type SnippetRequest } from '../../../../common/query/snippets'
import { QueryEditor } from '../../editor/QueryEditor'
import { Masked } from '../presentation/Masked'
import { useMaskedField } from '../presentation/use-masked-field'
import { usePresentation } from '../presentation/use-presentation'
import { ResultsPanel } from '../results/ResultsPanel'
import { LibraryPanel } from './LibraryPanel'
import { SaveQueryDialog } from './SaveQueryDialog'
import { ResponseSummary, RunError, RunProgress } from './RunStatus'
import { SnippetDialog } from './SnippetDialog'
import { useMetadata } from './use-metadata'
import { useQueryConnections } from './use-query-connection'
import { useQueryRun } from './use-query-run'
import { STARTER_TEXT, useQueryTabs } from './use-query-tabs'

const useStyles = makeStyles({
  root: { display: 'grid', gridTemplateRows: 'auto auto 1fr', height: '100%', minHeight: 0 },
  toolbar: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  spacer: { flex: 1 },
  work: { display: 'grid', minHeight: 0 },
  split: { display: 'grid', gridTemplateRows: 'minmax(120px, 38%) minmax(0, 1fr)', minHeight: 0, minWidth: 0 },
  // minWidth 0: Monaco sets its own width, which would otherwise keep this cell from shrinking when the rail widens.
  editor: { minHeight: 0, minWidth: 0, borderBottom: `1px solid ${tokens.colorNeutralStroke2}` },
  pageSize: { width: '88px' },
  rowCap: { width: '110px' },
  method: { minWidth: '96px' },
  body: { fontFamily: tokens.fontFamilyMonospace },
  impersonation: { width: '260px' },
  connection: { minWidth: '200px' },
  stripe: { width: '4px', alignSelf: 'stretch', borderRadius: '2px' },
  results: { display: 'flex', flexDirection: 'column', minHeight: 0, minWidth: 0 },
  panel: { flex: 1, minHeight: 0 },
})

/** The relative URL a snippet sends: the normalised OData text, or the FetchXML on its entity set. */
function snippetPath(tab: QueryTabModel, index: MetadataIndex | null): string {
  if (tab.mode === 'odata') return normalizeQuery(tab.text).url
  const fetch = fetchXmlRequestPath(tab.text, (table) => index?.entitySetOf(table))
  return fetch.ok ? fetch.path : `?fetchXml=${encodeURIComponent(compactFetchXml(tab.text))}`
}

export function QueryTab({ id }: { readonly id: string }) {
  const styles = useStyles()
  const store = useQueryTabs()
  const connections = useQueryConnections()
  const presentation = usePresentation()
  const tab = store.get(id)
  const [libraryOpen, setLibraryOpen] = useState(!presentation.on)
  const [saving, setSaving] = useState(false)
  const [snippetLanguage, setSnippetLanguage] = useState<SnippetLanguage | null>(null)
  const [notice, setNotice] = useState<string | null>(null)
  const [refreshKey, setRefreshKey] = useState(0)
  const [savedQuery, setSavedQuery] = useState<SavedQuery | null>(null)

  const connection = tab?.connectionId ? connections.byId(tab.connectionId) : null
  const metadata = useMetadata(connection?.id ?? null)
  const runner = useQueryRun(id)
  const impersonation = useMaskedField(tab?.impersonate ?? '', 'id')
  const [rowCap, setRowCap] = useState(DEFAULT_ROW_CAP)

  // A new tab starts on the rail's current connection, else the first one (the sample is pinned first).
  // After that the tab keeps its own connection, shown with its colour in the toolbar.
  const rail = useCurrentConnection()
  const preferred = (rail.current && connections.byId(rail.current.id)) ?? connections.current
  useEffect(() => {
    if (tab && !tab.connectionId && preferred) store.update(id, { connectionId: preferred.id })
  }, [tab, preferred, id, store])

  // History lists the run as soon as main has recorded it.
  useEffect(() => {
    if (runner.state.response || runner.state.error || runner.state.fetched) setRefreshKey((key) => key + 1)
  }, [runner.state.response, runner.state.error, runner.state.fetched])

  /** `text`: the editor's text when Ctrl/Cmd+Enter was pressed, which may be ahead of the tab's state. */
  const run = useCallback(
    (text?: string) => {
      if (!tab) return
      if (!connection) {
        setNotice('Pick a connection on the left to run this query.')
        return
      }
      setNotice(null)
      void runner.run(text === undefined ? tab : { ...tab, text }, connection.id)
    },
    [tab, connection, runner],
  )
  if (!tab) return null

  const switchMode = (mode: QueryMode) => {
    if (mode === tab.mode) return
    const untouched = tab.text === STARTER_TEXT[tab.mode] || tab.text.trim() === ''
    store.update(id, { mode, text: untouched ? STARTER_TEXT[mode] : tab.text })
  }

  const busy = runner.state.running !== null
  const openLink = (url: string) => void bridge().appOpenExternal({ url })
  const snippetRequest: SnippetRequest = {
    method: tab.method,
    path: snippetPath(tab, metadata.context.index),
    ...(tab.method !== 'GET' && tab.body ? { body: tab.body } : {}),
    headers: {
      ...(tab.prefer.annotations ? { Prefer: 'odata.include-annotations="*"' } : {}),
      ...(tab.impersonate ? { CallerObjectId: tab.impersonate } : {}),
    },
  }

  return (
    <div className={styles.root} data-testid="query-tab">
      <div className={styles.toolbar} role="toolbar" aria-label="Query">
        {connection && <span className={styles.stripe} style={{ backgroundColor: connection.colour }} aria-hidden />}
        <Dropdown
          className={styles.connection}
          size="small"
          aria-label="Connection"
          placeholder={connections.all.length ? 'Pick a connection' : 'No connections yet'}
          value={presentation.text(connection?.name ?? '')}
          selectedOptions={connection ? [connection.id] : []}
          onOptionSelect={(_event, data) => data.optionValue && store.update(id, { connectionId: data.optionValue })}
          data-testid="query-connection"
        >
          {connections.all.map((option) => (
            <Option key={option.id} value={option.id} text={presentation.text(option.name)}>
              {presentation.text(option.name)}
              {option.production ? ' (PROD)' : ''}
            </Option>
          ))}
        </Dropdown>
        {connection?.production && <Badge color="danger">PROD</Badge>}
        {connection?.readOnly && <LockClosed16Regular aria-label="Read-only connection" />}
        <TabList size="small" selectedValue={tab.mode} onTabSelect={(_event, data) => switchMode(data.value as QueryMode)} aria-label="Query language">
          <Tab value="odata">OData</Tab>
          <Tab value="fetchxml">FetchXML</Tab>
        </TabList>
        <Dropdown
          size="small"
          className={styles.method}
          aria-label="HTTP method"
          value={tab.method}
          selectedOptions={[tab.method]}
          onOptionSelect={(_event, data) => data.optionValue && store.update(id, { method: data.optionValue as QueryTabModel['method'] })}
          disabled={tab.mode === 'fetchxml'}
          data-testid="query-method"
        >
          {['GET', 'POST', 'PATCH', 'PUT', 'DELETE'].map((method) => (
            <Option key={method} value={method} disabled={method !== 'GET' && (connection?.readOnly ?? true)}>
              {method}
            </Option>
          ))}
        </Dropdown>
        <Tooltip content="Run (Ctrl+Enter)" relationship="description">
          <Button appearance="primary" size="small" icon={<Play16Filled />} onClick={() => run()} disabled={busy} data-testid="run-query">
            Run
          </Button>
        </Tooltip>
        <Tooltip content="Follow every @odata.nextLink up to the row cap" relationship="description">
          <Button
            size="small"
            icon={<ArrowDownload16Regular />}
            disabled={busy || !connection}
            onClick={() => connection && void runner.fetchAll(tab, connection.id, rowCap)}
            data-testid="fetch-all"
          >
            Fetch all
          </Button>
        </Tooltip>
        <Input
          className={styles.rowCap}
          size="small"
          type="number"
          aria-label="Row cap"
          title="Fetch all and export stop after this many rows"
          value={String(rowCap)}
          onChange={(_event, data) => {
            const cap = Number.parseInt(data.value, 10)
            if (Number.isInteger(cap) && cap > 0) setRowCap(cap)
          }}
        />
        {busy && (
          <Button size="small" icon={<Stop16Regular />} onClick={() => void runner.cancel()} data-testid="cancel-query">
            Cancel
          </Button>
        )}
        <Checkbox
          label="Formatted values"
          checked={tab.prefer.annotations}
          onChange={(_event, data) => store.update(id, { prefer: { ...tab.prefer, annotations: Boolean(data.checked) } })}
        />
        <Tooltip content="Prefer: odata.maxpagesize (1–5000); empty for the server default of 5,000" relationship="description">
          <Input
            className={styles.pageSize}
            size="small"
            type="number"
            placeholder="Page size"
            aria-label="Page size"
            value={tab.prefer.maxPageSize === null ? '' : String(tab.prefer.maxPageSize)}
            onChange={(_event, data) => {
              const size = Number.parseInt(data.value, 10)
              store.update(id, { prefer: { ...tab.prefer, maxPageSize: Number.isInteger(size) && size >= 1 && size <= 5000 ? size : null } })
            }}
          />
        </Tooltip>
        <Tooltip content={impersonation.hint ?? 'Run as another user: their Entra object id, sent as CallerObjectId'} relationship="description">
          <Input
            className={styles.impersonation}
            size="small"
            placeholder="Impersonate (Entra object id)"
            aria-label="Impersonate user by Entra object id"
            value={impersonation.value}
            readOnly={impersonation.readOnly}
            onChange={(_event, data) => store.update(id, { impersonate: data.value.trim() || null })}
          />
        </Tooltip>
        <span className={styles.spacer} />
        <Button size="small" icon={<Save16Regular />} onClick={() => setSaving(true)} data-testid="save-query">
          Save
        </Button>
        <Menu>
          <MenuTrigger disableButtonEnhancement>
            <Button size="small" icon={<Code16Regular />} disabled={!connection} title={connection ? undefined : 'Pick a connection: the snippet needs its tenant and app'}>
              Copy as code
            </Button>
          </MenuTrigger>
          <MenuPopover>
            <MenuList>
              {SNIPPET_LANGUAGES.map((language) => (
                <MenuItem key={language} onClick={() => setSnippetLanguage(language)}>
                  {SNIPPET_LABELS[language]}
                </MenuItem>
              ))}
            </MenuList>
          </MenuPopover>
        </Menu>
        <ToggleButton size="small" appearance="subtle" checked={libraryOpen} icon={<PanelRight16Regular />} onClick={() => setLibraryOpen((open) => !open)} aria-label="Saved queries and history" />
      </div>
      {tab.impersonate ? (
        <MessageBar intent="warning" data-testid="impersonation-banner">
          <MessageBarBody>
            <MessageBarTitle>Impersonating</MessageBarTitle>
            Requests from this tab run as the user with Entra object id <Masked value={tab.impersonate} kind="id" /> (CallerObjectId).
          </MessageBarBody>
        </MessageBar>
      ) : (
        <span />
      )}
      <div className={styles.work} style={{ gridTemplateColumns: libraryOpen ? 'minmax(0, 1fr) 300px' : 'minmax(0, 1fr)' }}>
        <div className={styles.split}>
          <div className={styles.editor} style={tab.method !== 'GET' ? { display: 'grid', gridTemplateRows: 'minmax(0, 1fr) auto' } : undefined}>
            <QueryEditor
              key={tab.mode}
              tabId={id}
              mode={tab.mode}
              defaultValue={tab.text}
              context={metadata.context}
              onChange={(text) => store.update(id, { text })}
              onRun={run}
            />
            {tab.method !== 'GET' && (
              <Textarea
                className={styles.body}
                resize="vertical"
                aria-label="Request body (JSON)"
                placeholder='{"name": "Contoso"}'
                value={tab.body}
                onChange={(_event, data) => store.update(id, { body: data.value })}
                data-testid="query-body"
              />
            )}
          </div>
          <div className={styles.results}>
            <div>
              {metadata.state.status === 'error' && (
                <MessageBar intent="warning">
                  <MessageBarBody>
                    Completion has no table names: {metadata.state.error.message} {metadata.state.error.next}
                  </MessageBarBody>
                </MessageBar>
              )}
              {runner.state.error && <RunError error={runner.state.error} onOpenLink={openLink} />}
              {runner.state.exported && (
                <MessageBar intent="success" data-testid="export-done">
                  <MessageBarBody>
                    Exported {runner.state.exported.rows.toLocaleString()} rows to {runner.state.exported.path}
                    {runner.state.exported.capped ? ' (stopped at the row cap)' : ''}.
                  </MessageBarBody>
                </MessageBar>
              )}
              {runner.state.fetched && (
                <MessageBar intent={runner.state.fetched.cancelled ? 'warning' : 'info'} data-testid="fetch-all-done">
                  <MessageBarBody>
                    {runner.state.fetched.cancelled ? 'Cancelled after' : 'Fetched'} {runner.state.fetched.rows.toLocaleString()} rows in{' '}
                    {runner.state.fetched.pages} pages ({(runner.state.fetched.elapsedMs / 1000).toFixed(1)} s)
                    {runner.state.fetched.capped ? `, stopped at the row cap of ${rowCap.toLocaleString()}` : ''}
                    {runner.state.fetched.paging === 'paging-cookie' ? ', paged with the FetchXML paging cookie' : ''}
                    {runner.state.fetched.paging === 'page-number' ? ', paged by FetchXML page number' : ''}.
                    {runner.state.fetched.notice ? ` ${runner.state.fetched.notice}` : ''}
                  </MessageBarBody>
                </MessageBar>
              )}
            </div>
            <RunProgress state={runner.state} onCancel={() => void runner.cancel()} />
            <div className={styles.panel}>
            <ResultsPanel
              result={runner.state.view}
              summary={<ResponseSummary state={runner.state} />}
              actions={
                <>
                  {runner.state.nextLink && (
                    <Button size="small" disabled={busy} onClick={() => connection && void runner.nextPage(connection.id)} data-testid="next-page">
                      Next page
                    </Button>
                  )}
                  <Menu>
                    <MenuTrigger disableButtonEnhancement>
                      <Button size="small" appearance="subtle" icon={<DocumentArrowDown16Regular />} disabled={busy || !connection} data-testid="export-menu">
                        Export
                      </Button>
                    </MenuTrigger>
                    <MenuPopover>
                      <MenuList>
                        {(['csv', 'xlsx', 'json'] as const).map((format) => (
                          <MenuItem key={format} onClick={() => connection && void runner.exportTo(tab, connection.id, format, rowCap)} data-testid={`export-${format}`}>
                            {format === 'csv' ? 'CSV (Excel, UTF-8)' : format === 'xlsx' ? 'Excel workbook (.xlsx)' : 'JSON'} — all pages to the row cap
                          </MenuItem>
                        ))}
                      </MenuList>
                    </MenuPopover>
                  </Menu>
                  {connection && (
                    <Tooltip
                      content={
                        metadata.state.status === 'ready'
                          ? `Metadata of ${metadata.state.summary.orgUrl}: ${metadata.state.summary.entitySets} tables, version ${metadata.state.summary.retrieveVersion}, ${metadata.state.summary.fromCache ? 'from the cache' : 'downloaded'} ${new Date(metadata.state.summary.builtAt).toLocaleString()}. Refresh after adding tables or columns.`
                          : 'Load the metadata again'
                      }
                      relationship="description"
                    >
                      <Button size="small" appearance="subtle" icon={<ArrowClockwise16Regular />} onClick={metadata.refresh} data-testid="refresh-metadata">
                        {metadata.state.status === 'loading' ? 'Loading metadata…' : 'Metadata'}
                      </Button>
                    </Tooltip>
                  )}
                </>
              }
              empty={
                runner.state.running === 'query' ? (
                  <Text>Running…</Text>
                ) : runner.state.text !== null ? (
                  <pre data-testid="response-text">{presentation.text(runner.state.text)}</pre>
                ) : notice ? (
                  <MessageBar intent="info" data-testid="query-notice">
                    <MessageBarBody>{notice}</MessageBarBody>
                  </MessageBar>
                ) : (
                  <Text>Run the query (Ctrl+Enter) to see rows here.</Text>
                )
              }
            />
            </div>
          </div>
        </div>
        {libraryOpen && (
          <LibraryPanel
            connectionId={tab.connectionId}
            refreshKey={refreshKey}
            onOpen={(entry) => store.create({ text: entry.text, mode: entry.mode, title: entry.title, savedQueryId: entry.savedQueryId ?? null, connectionId: tab.connectionId })}
          />
        )}
      </div>
      {saving && (
        <SaveQueryDialog
          tab={tab}
          existing={savedQuery && savedQuery.id === tab.savedQueryId ? savedQuery : null}
          onClose={() => setSaving(false)}
          onSaved={(query) => {
            setSaving(false)
            setSavedQuery(query)
            store.update(id, { savedQueryId: query.id, title: query.name })
            setRefreshKey((key) => key + 1)
          }}
        />
      )}
      {snippetLanguage && connection && (
        <SnippetDialog open initialLanguage={snippetLanguage} onClose={() => setSnippetLanguage(null)} target={connection.snippetTarget} request={snippetRequest} />
      )}
    </div>
  )
}
