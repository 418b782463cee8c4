import { makeStyles, tokens } from '@fluentui/react-components'
import { useCallback, useEffect } from 'react'
import { ConnectionEditorTab, editorTab } from '../connections/ConnectionEditorTab'
import { ConnectionRail, type EditorRequest } from '../connections/ConnectionRail'
import { CurrentConnectionProvider } from '../connections/use-current-connection'
import { ExplainPanel } from '../diagnostics/ExplainPanel'
import { TOOL_TABS, type DiagnosticsTool } from '../diagnostics/tabs'
import { TokenInspector } from '../diagnostics/TokenInspector'
import { AppHeader } from './AppHeader'
import { StatusBar } from './StatusBar'
import { useTabs, type TabsController, type WorkspaceTab } from './use-tabs'
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
  main: { gridArea: 'main', minWidth: 0, minHeight: 0 },
})

function renderTab(tab: WorkspaceTab, openTool: (tool: DiagnosticsTool) => void, tabs: TabsController) {
  switch (tab.kind) {
    case 'welcome':
      return <WelcomeTab onOpenTool={openTool} />
    case 'explain':
      return <ExplainPanel />
    case 'token':
      return <TokenInspector />
    case 'connection-editor':
      return <ConnectionEditorTab tab={tab} tabs={tabs} />
    default:
      return null
  }
}

export function AppShell() {
  const styles = useStyles()
  const tabs = useTabs()
  const { open } = tabs
  const openTool = useCallback((tool: DiagnosticsTool) => open(TOOL_TABS[tool]), [open])

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

  return (
    <CurrentConnectionProvider>
      <div className={styles.root} data-app-state="ready">
        <AppHeader onOpenTool={openTool} />
        <ConnectionRail onOpenEditor={openEditor} />
        <main className={styles.main} aria-label="Workspace">
          <WorkspaceTabs controller={tabs} render={(tab) => renderTab(tab, openTool, tabs)} />
        </main>
        <StatusBar />
      </div>
    </CurrentConnectionProvider>
  )
}
