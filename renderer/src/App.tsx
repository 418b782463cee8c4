import { FluentProvider } from '@fluentui/react-components'
import { AppShell } from './features/shell/AppShell'
import { PresentationProvider } from './features/presentation/PresentationProvider'
import { QueryConnectionsProvider } from './features/query/QueryConnectionsProvider'
import { QueryTabsProvider } from './features/query/QueryTabsProvider'
import { useSystemTheme } from './theme'

export function App() {
  const { theme, mode } = useSystemTheme()
  return (
    <FluentProvider theme={theme} style={{ height: '100%' }} data-theme={mode}>
      <PresentationProvider>
        <QueryConnectionsProvider>
          <QueryTabsProvider>
            <AppShell />
          </QueryTabsProvider>
        </QueryConnectionsProvider>
      </PresentationProvider>
    </FluentProvider>
  )
}
