import type { WorkspaceTab } from '../shell/use-tabs'

const PREFIX = 'check:'

/** One check tab per connection; its id carries the connection id. */
export function checkTab(connectionId: string, name: string): WorkspaceTab {
  return { id: `${PREFIX}${connectionId}`, kind: 'check', title: `Check · ${name}`, closable: true }
}

export function connectionIdOf(tab: WorkspaceTab): string | null {
  return tab.kind === 'check' && tab.id.startsWith(PREFIX) ? tab.id.slice(PREFIX.length) : null
}
