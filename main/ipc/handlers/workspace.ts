import type { HandlersOfPrefix } from '../handler-types'

export const workspaceHandlers: HandlersOfPrefix<'workspace'> = {
  'workspace:start-fresh': async ({ store }, { services }) => {
    services.workspace.startFresh(store)
    return { started: true as const }
  },
}
