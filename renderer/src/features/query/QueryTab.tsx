import {
  Button,
  Checkbox,
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
  Tab,
  TabList,
  Text,
  ToggleButton,
  tokens,
  Tooltip,
} from '@fluentui/react-components'
import { Code16Regular, PanelRight16Regular, Play16Filled, Save16Regular } from '@fluentui/react-icons'
import { useCallback, useMemo, useState } from 'react'
import type { MetadataIndex } from '../../../../common/metadata/metadata-index'
import { normalizeQuery } from '../../../../common/odata'
import { compactFetchXml, fetchXmlRequestPath } from '../../../../common/query/fetchxml'
import type { QueryMode, QueryTab as QueryTabModel, SavedQuery } from '../../../../common/query/workspace'
import { SNIPPET_LABELS, SNIPPET_LANGUAGES, type SnippetLanguage, type SnippetRequest } from '../../../../common/query/snippets'
import type { ModelContext } from '../../editor/model-context'
import { QueryEditor } from '../../editor/QueryEditor'
import { usePresentation } from '../presentation/use-presentation'
import { ResultsPanel } from '../results/ResultsPanel'
import { LibraryPanel } from './LibraryPanel'
import { SaveQueryDialog } from './SaveQueryDialog'
import { SnippetDialog } from './SnippetDialog'
import { useQueryConnections } from './use-query-connection'
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
  split: { display: 'grid', gridTemplateRows: 'minmax(120px, 38%) 1fr', minHeight: 0 },
  editor: { minHeight: 0, borderBottom: `1px solid ${tokens.colorNeutralStroke2}` },
  pageSize: { width: '88px' },
  impersonation: { width: '300px' },
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

  const connection = tab?.connectionId ? connections.byId(tab.connectionId) : connections.current
  const context = useMemo<ModelContext>(() => ({ index: null }), [])

  const run = useCallback(() => {
    if (!connection) {
      setNotice('Pick a connection on the left to run this query.')
      return
    }
    setNotice(`Running queries on ${connection.name} is not available in this build yet.`)
  }, [connection])

  if (!tab) return null

  const switchMode = (mode: QueryMode) => {
    if (mode === tab.mode) return
    const untouched = tab.text === STARTER_TEXT[tab.mode] || tab.text.trim() === ''
    store.update(id, { mode, text: untouched ? STARTER_TEXT[mode] : tab.text })
  }

  const snippetRequest: SnippetRequest = {
    method: tab.method,
    path: snippetPath(tab, context.index),
    headers: {
      ...(tab.prefer.annotations ? { Prefer: 'odata.include-annotations="*"' } : {}),
      ...(tab.impersonate ? { CallerObjectId: tab.impersonate } : {}),
    },
  }

  return (
    <div className={styles.root} data-testid="query-tab">
      <div className={styles.toolbar} role="toolbar" aria-label="Query">
        <TabList size="small" selectedValue={tab.mode} onTabSelect={(_event, data) => switchMode(data.value as QueryMode)} aria-label="Query language">
          <Tab value="odata">OData</Tab>
          <Tab value="fetchxml">FetchXML</Tab>
        </TabList>
        <Tooltip content="Run (Ctrl+Enter)" relationship="description">
          <Button appearance="primary" size="small" icon={<Play16Filled />} onClick={run} data-testid="run-query">
            Run
          </Button>
        </Tooltip>
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
        <Tooltip content="Run as another user: their Entra object id, sent as CallerObjectId" relationship="description">
          <Input
            className={styles.impersonation}
            size="small"
            placeholder="Impersonate (Entra object id)"
            aria-label="Impersonate user by Entra object id"
            value={tab.impersonate ?? ''}
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
            Requests from this tab run as the user with Entra object id {presentation.text(tab.impersonate, [tab.impersonate])} (CallerObjectId).
          </MessageBarBody>
        </MessageBar>
      ) : (
        <span />
      )}
      <div className={styles.work} style={{ gridTemplateColumns: libraryOpen ? '1fr 300px' : '1fr' }}>
        <div className={styles.split}>
          <div className={styles.editor}>
            <QueryEditor
              key={tab.mode}
              tabId={id}
              mode={tab.mode}
              defaultValue={tab.text}
              context={context}
              onChange={(text) => store.update(id, { text })}
              onRun={run}
            />
          </div>
          <ResultsPanel
            result={null}
            empty={
              notice ? (
                <MessageBar intent="info" data-testid="query-notice">
                  <MessageBarBody>{notice}</MessageBarBody>
                </MessageBar>
              ) : (
                <Text>Run the query (Ctrl+Enter) to see rows here.</Text>
              )
            }
          />
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
