/** The window's provider stack: the connection list, presentation mode, theme and the workspace tabs, around the shell. */
import { FluentProvider } from '@fluentui/react-components'
import { useMemo, type ReactNode } from 'react'
import { ConnectionsProvider } from './features/connections/ConnectionsProvider'
import { useConnections } from './features/connections/use-connections'
import { AppShell } from './features/shell/AppShell'
import { WorkspaceProvider } from './features/shell/WorkspaceProvider'
import { PresentationProvider } from './features/presentation/PresentationProvider'
import { presentationTheme } from './features/presentation/presentation-theme'
import { usePresentation } from './features/presentation/use-presentation'
import { useSystemTheme } from './theme'

/** Presentation mode masks the tenant and client ids of every connection the window knows. */
function Presentation({ children }: { readonly children: ReactNode }) {
  const { connections } = useConnections()
  const knownIds = useMemo(
    () => connections.flatMap((connection) => [connection.tenantId, connection.clientId]),
    [connections],
  )
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
    <ConnectionsProvider>
      <Presentation>
        <Themed>
          <WorkspaceProvider>
            <AppShell />
          </WorkspaceProvider>
        </Themed>
      </Presentation>
    </ConnectionsProvider>
  )
}
