import { makeStyles, mergeClasses, MessageBar, MessageBarBody, Spinner, tokens } from '@fluentui/react-components'
import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react'
import type { ConnectionView } from '../../../../common/connection'
import { CheckPanel } from '../check/CheckPanel'
import { checkTab, connectionIdOf } from '../check/tabs'
import { ConnectionEditorTab, editorTab } from '../connections/ConnectionEditorTab'
import { ConnectionRail, type EditorRequest } from '../connections/ConnectionRail'
import { CurrentConnectionProvider, useConnections } from '../connections/use-current-connection'
import { ExplainPanel } from '../diagnostics/ExplainPanel'
import { TOOL_TABS, type DiagnosticsTool } from '../diagnostics/tabs'
import { RequestsPanel } from '../diagnostics/RequestsPanel'
import { TokenInspector } from '../diagnostics/TokenInspector'
import { usePresentation } from '../presentation/use-presentation'
import { useQueryTabs } from '../query/use-query-tabs'
import { AppHeader } from './AppHeader'
import { FirstRunPanel } from './FirstRunPanel'
import { StatusBar } from './StatusBar'
import { useAppCommands } from './use-app-commands'
import { useTabs, WELCOME_TAB, type TabsController, type WorkspaceTab } from './use-tabs'
import { WelcomeTab } from './WelcomeTab'
import { WorkspaceTabs } from './WorkspaceTabs'

const useStyles = makeStyles({
  root: {
    display: 'grid',
    height: '100%',
    gridTemplateRows: 'auto 1fr auto',
    gridTemplateColumns: '288px 1fr',
    gridTemplateAreas: `"header header" "rail main" "status status"`,
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground1,
  },
  // Presenting: the larger type needs a wider rail, or connection names are cut at a few letters.
  presenting: { gridTemplateColumns: '352px 1fr' },
  main: { gridArea: 'main', minWidth: 0, minHeight: 0 },
})

interface TabActions {
  readonly openTool: (tool: DiagnosticsTool) => void
  readonly tabs: TabsController
  /** "Test a connection" on the welcome tab: the selected connection, else the offline sample. */
  readonly testCurrent: () => void
  /** Pending "Test connection" requests per connection id, consumed by its check tab. */
  readonly checkRequests: Readonly<Record<string, number>>
  readonly checkStarted: (connectionId: string) => void
  readonly newQuery: () => void
}

// Monaco is a few MB: its chunk loads with the first query tab, not at start.
const QueryTab = lazy(() => import('../query/QueryTab').then((module) => ({ default: module.QueryTab })))

function renderTab(tab: WorkspaceTab, actions: TabActions) {
  switch (tab.kind) {
    case 'welcome':
      return <WelcomeTab onOpenTool={actions.openTool} onTestConnection={actions.testCurrent} onNewQuery={actions.newQuery} />
    case 'query':
      return (
        <Suspense fallback={<Spinner label="Loading the query editor…" />}>
          <QueryTab id={tab.id} />
        </Suspense>
      )
    case 'explain':
      return <ExplainPanel />
    case 'token':
      return <TokenInspector />
    case 'requests':
      return <RequestsPanel />
    case 'connection-editor':
      return <ConnectionEditorTab tab={tab} tabs={actions.tabs} />
    case 'check': {
      const connectionId = connectionIdOf(tab)
      return connectionId ? (
        <CheckPanel key={tab.id} connectionId={connectionId} runRequest={actions.checkRequests[connectionId] ?? 0} onRunStarted={() => actions.checkStarted(connectionId)} />
      ) : null
    }
    default:
      return null
  }
}

function Shell() {
  const styles = useStyles()
  const presentation = usePresentation()
  const shellTabs = useTabs()
  const { open } = shellTabs
  const queries = useQueryTabs()
  const restored = useRef(false)

  // Query tabs live in the query store (persisted by main); the shell shows one tab per query.
  useEffect(() => {
    const shown = new Set(shellTabs.tabs.map((tab) => tab.id))
    for (const query of queries.tabs) {
      if (!shown.has(query.id)) shellTabs.open({ id: query.id, kind: 'query', title: query.title, closable: true })
    }
    if (!restored.current && queries.loaded) {
      restored.current = true
      if (queries.activeId) shellTabs.activate(queries.activeId)
    }
  }, [queries.tabs, queries.loaded, queries.activeId, shellTabs])

  useEffect(() => {
    if (queries.loaded && queries.get(shellTabs.activeId)) queries.setActive(shellTabs.activeId)
  }, [shellTabs.activeId, queries])

  const tabs = useMemo(
    () => ({
      ...shellTabs,
      tabs: shellTabs.tabs.map((tab) => ({ ...tab, title: presentation.text(tab.kind === 'query' ? (queries.get(tab.id)?.title ?? tab.title) : tab.title) })),
      close: (id: string) => {
        shellTabs.close(id)
        if (queries.get(id)) queries.remove(id)
      },
    }),
    [shellTabs, queries, presentation],
  )
  const { create } = queries
  const newQuery = useCallback(() => {
    create()
  }, [create])
  const connections = useConnections()
  const openTool = useCallback((tool: DiagnosticsTool) => open(TOOL_TABS[tool]), [open])
  const [checkRequests, setCheckRequests] = useState<Record<string, number>>({})

  useEffect(() => {
    // Ctrl+Tab / Ctrl+Shift+Tab cycle tabs and Ctrl+W closes one, as in every tabbed tool.
    const onKey = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey)) return
      if (event.key === 'Tab') {
        event.preventDefault()
        tabs.cycle(event.shiftKey ? -1 : 1)
      } else if (event.key.toLowerCase() === 'w') {
        event.preventDefault()
        tabs.close(tabs.activeId)
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [tabs])

  const openEditor = useCallback((request: EditorRequest) => open(editorTab(request)), [open])
  const testConnection = useCallback(
    (connection: Pick<ConnectionView, 'id' | 'name'>) => {
      open(checkTab(connection.id, connection.name))
      setCheckRequests((previous) => ({ ...previous, [connection.id]: (previous[connection.id] ?? 0) + 1 }))
    },
    [open],
  )
  const checkStarted = useCallback((connectionId: string) => setCheckRequests((previous) => ({ ...previous, [connectionId]: 0 })), [])
  const { current, connections: all, select } = connections
  const testCurrent = useCallback(() => {
    const target = current ?? all.find((connection) => connection.builtIn === 'sample')
    if (!target) return
    select(target.id)
    testConnection(target)
  }, [current, all, select, testConnection])
  useAppCommands({ 'new-query': newQuery, 'test-connection': testCurrent, 'toggle-presentation': presentation.toggle })

  return (
    <div className={mergeClasses(styles.root, presentation.on && styles.presenting)} data-app-state="ready">
      <AppHeader onOpenTool={openTool} onTestConnection={testCurrent} currentName={current?.name ?? null} />
      <ConnectionRail onOpenEditor={openEditor} onTestConnection={testConnection} />
      <main className={styles.main} aria-label="Workspace">
        {queries.error && (
          <MessageBar intent="warning" data-testid="query-tabs-error">
            <MessageBarBody>Your open query tabs could not be restored or saved: {queries.error}</MessageBarBody>
          </MessageBar>
        )}
        {tabs.activeId === WELCOME_TAB.id && <FirstRunPanel onTestConnection={testConnection} />}
        <WorkspaceTabs
          controller={tabs}
          render={(tab) => renderTab(tab, { openTool, tabs, testCurrent, checkRequests, checkStarted, newQuery })}
          onNewQuery={newQuery}
        />
      </main>
      <StatusBar />
    </div>
  )
}

export function AppShell() {
  return (
    <CurrentConnectionProvider>
      <Shell />
    </CurrentConnectionProvider>
  )
}
