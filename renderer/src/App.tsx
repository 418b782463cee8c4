import { FluentProvider } from '@fluentui/react-components'
import { useMemo, type ReactNode } from 'react'
import { AppShell } from './features/shell/AppShell'
import { PresentationProvider } from './features/presentation/PresentationProvider'
import { presentationTheme } from './features/presentation/presentation-theme'
import { usePresentation } from './features/presentation/use-presentation'
import { QueryConnectionsProvider } from './features/query/QueryConnectionsProvider'
import { QueryTabsProvider } from './features/query/QueryTabsProvider'
import { useQueryConnections } from './features/query/use-query-connection'
import { useSystemTheme } from './theme'

/** Presentation mode masks the tenant and client ids of every connection the window knows. */
function Presentation({ children }: { readonly children: ReactNode }) {
  const { all } = useQueryConnections()
  const knownIds = useMemo(() => all.flatMap((connection) => [connection.tenantId, connection.clientId]), [all])
  return <PresentationProvider knownIds={knownIds}>{children}</PresentationProvider>
}

/** Light or dark from the OS; the whole type ramp grows while presenting. */
function Themed({ children }: { readonly children: ReactNode }) {
  const { theme, mode } = useSystemTheme()
  const { on } = usePresentation()
  const shown = useMemo(() => (on ? presentationTheme(theme) : theme), [on, theme])
  return (
    <FluentProvider theme={shown} style={{ height: '100%' }} data-theme={mode}>
      {children}
    </FluentProvider>
  )
}

export function App() {
  return (
    <QueryConnectionsProvider>
      <Presentation>
        <Themed>
          <QueryTabsProvider>
            <AppShell />
          </QueryTabsProvider>
        </Themed>
      </Presentation>
    </QueryConnectionsProvider>
  )
}
