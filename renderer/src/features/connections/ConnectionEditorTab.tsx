import type { TabsController, WorkspaceTab } from '../shell/use-tabs'
import { ConnectionEditor } from './ConnectionEditor'
import type { EditorRequest } from './ConnectionRail'
import { useConnections } from './use-current-connection'

const NEW_PREFIX = 'connection-editor:new:'
const EDIT_PREFIX = 'connection-editor:'
let newCount = 0

/** The workspace tab for a request: one tab per edited connection; each "New" gets its own tab. */
export function editorTab(request: EditorRequest): WorkspaceTab {
  if (request.mode === 'new') return { id: `${NEW_PREFIX}${++newCount}`, kind: 'connection-editor', title: 'New connection', closable: true }
  return { id: `${EDIT_PREFIX}${request.id}`, kind: 'connection-editor', title: request.name, closable: true }
}

function connectionIdOf(tab: WorkspaceTab): string | null {
  return tab.id.startsWith(NEW_PREFIX) ? null : tab.id.slice(EDIT_PREFIX.length)
}

export function ConnectionEditorTab({ tab, tabs }: { readonly tab: WorkspaceTab; readonly tabs: TabsController }) {
  const { refresh, select } = useConnections()
  return (
    <ConnectionEditor
      key={tab.id}
      connectionId={connectionIdOf(tab)}
      onSaved={(saved) => {
        void refresh()
        select(saved.id)
        if (connectionIdOf(tab) === null) {
          tabs.close(tab.id)
          tabs.open(editorTab({ mode: 'edit', id: saved.id, name: saved.name }))
        } else {
          tabs.retitle(tab.id, saved.name)
        }
      }}
      onCancel={() => tabs.close(tab.id)}
    />
  )
}
