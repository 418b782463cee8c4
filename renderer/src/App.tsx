import { FluentProvider } from '@fluentui/react-components'
import { AppShell } from './features/shell/AppShell'
import { PresentationProvider } from './features/presentation/PresentationProvider'
import { QueryTabsProvider } from './features/query/QueryTabsProvider'
import { useSystemTheme } from './theme'

export function App() {
  const { theme, mode } = useSystemTheme()
  return (
    <FluentProvider theme={theme} style={{ height: '100%' }} data-theme={mode}>
      <PresentationProvider>
        <QueryTabsProvider>
          <AppShell />
        </QueryTabsProvider>
      </PresentationProvider>
    </FluentProvider>
  )
}
