/** A connection editor as a workspace tab: a saved new connection turns the tab into its editor. */
import type { Workspace } from '../shell/use-workspace'
import type { WorkspaceTab } from '../shell/workspace'
import { ConnectionEditor } from './ConnectionEditor'
import { useConnections } from './use-connections'

export interface ConnectionEditorTabProps {
  readonly tab: Extract<WorkspaceTab, { kind: 'connection-editor' }>
  readonly workspace: Pick<Workspace, 'connectionSaved' | 'close'>
}

export function ConnectionEditorTab({ tab, workspace }: ConnectionEditorTabProps) {
  const { refresh, select } = useConnections()
  return (
    <ConnectionEditor
      key={tab.id}
      connectionId={tab.connectionId}
      onSaved={(saved) => {
        void refresh()
        select(saved.id)
        workspace.connectionSaved(tab.id, saved)
      }}
      onCancel={() => workspace.close(tab.id)}
    />
  )
}
