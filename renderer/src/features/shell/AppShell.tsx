/** The window's layout: header, connection rail, the tabbed workspace and the status bar. */
import { makeStyles, mergeClasses, Spinner, tokens } from '@fluentui/react-components'
import { lazy, Suspense, useCallback, useEffect } from 'react'
import { CheckPanel } from '../check/CheckPanel'
import { ConnectionEditorTab } from '../connections/ConnectionEditorTab'
import { ConnectionRail, type EditorRequest } from '../connections/ConnectionRail'
import { useConnections } from '../connections/use-connections'
import { ExplainPanel } from '../diagnostics/ExplainPanel'
import { RequestsPanel } from '../diagnostics/RequestsPanel'
import { TokenInspector } from '../diagnostics/TokenInspector'
import { LimitsPanel } from '../limits/LimitsPanel'
import { usePresentation } from '../presentation/use-presentation'
import { ErrorBar } from '../../ui/ErrorBar'
import { AppHeader } from './AppHeader'
import { StatusBar } from './StatusBar'
import { useWorkspace, type Workspace } from './use-workspace'
import { FirstRunPanel } from './FirstRunPanel'
import { useAppCommands } from './use-app-commands'
import { WelcomeTab } from './WelcomeTab'
import { titleOf, WELCOME_TAB, type WorkspaceTab } from './workspace'
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

// Monaco is a few MB: its chunk loads with the first query tab, not at start.
const QueryTab = lazy(() => import('../query/QueryTab').then((module) => ({ default: module.QueryTab })))

function renderTab(tab: WorkspaceTab, workspace: Workspace, testCurrent: () => void) {
  switch (tab.kind) {
    case 'welcome':
      return (
        <WelcomeTab
          onOpenTool={workspace.openTool}
          onTestConnection={testCurrent}
          onNewQuery={() => workspace.createQuery()}
        />
      )
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
    case 'limits':
      return <LimitsPanel />
    case 'connection-editor':
      return <ConnectionEditorTab tab={tab} workspace={workspace} />
    case 'check':
      return (
        <CheckPanel
          key={tab.id}
          connectionId={tab.connectionId}
          runRequested={tab.runRequested}
          onRunStarted={() => workspace.checkStarted(tab.id)}
        />
      )
  }
}

/** Ctrl+Tab / Ctrl+Shift+Tab cycle tabs and Ctrl+W closes one, as in every tabbed tool. */
function useTabKeys({ cycle, close, activeId }: Pick<Workspace, 'cycle' | 'close' | 'activeId'>) {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey)) return
      if (event.key === 'Tab') {
        event.preventDefault()
        cycle(event.shiftKey ? -1 : 1)
      } else if (event.key.toLowerCase() === 'w') {
        event.preventDefault()
        close(activeId)
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [cycle, close, activeId])
}

export function AppShell() {
  const styles = useStyles()
  const presentation = usePresentation()
  const workspace = useWorkspace()
  const { current, connections, select } = useConnections()
  const { testConnection, editConnection } = workspace
  useTabKeys(workspace)

  const openEditor = useCallback(
    (request: EditorRequest) => editConnection(request.mode === 'new' ? null : { id: request.id, name: request.name }),
    [editConnection],
  )
  /** "Test a connection" on the welcome tab and in the header: the selected connection, else the offline sample. */
  const testCurrent = useCallback(() => {
    const target = current ?? connections.find((connection) => connection.builtIn === 'sample')
    if (!target) return
    select(target.id)
    testConnection(target)
  }, [current, connections, select, testConnection])
  useAppCommands({
    'new-query': () => workspace.createQuery(),
    'test-connection': testCurrent,
    'toggle-presentation': presentation.toggle,
  })

  return (
    <div className={mergeClasses(styles.root, presentation.on && styles.presenting)} data-app-state="ready">
      <AppHeader onOpenTool={workspace.openTool} onTestConnection={testCurrent} currentName={current?.name ?? null} />
      <ConnectionRail onOpenEditor={openEditor} onTestConnection={testConnection} />
      <main className={styles.main} aria-label="Workspace">
        {workspace.error && (
          <ErrorBar
            intent="warning"
            lead="Your open query tabs could not be restored or saved:"
            error={workspace.error}
            data-testid="query-tabs-error"
          />
        )}
        {workspace.activeId === WELCOME_TAB.id && <FirstRunPanel onTestConnection={testConnection} />}
        <WorkspaceTabs
          tabs={workspace.tabs}
          activeId={workspace.activeId}
          titleOf={(tab) => presentation.text(titleOf(tab))}
          onActivate={workspace.activate}
          onClose={workspace.close}
          render={(tab) => renderTab(tab, workspace, testCurrent)}
          onNewQuery={() => workspace.createQuery()}
        />
      </main>
      <StatusBar />
    </div>
  )
}
