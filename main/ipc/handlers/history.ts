import type { HandlersOfPrefix } from '../handler-types'

export const historyHandlers: HandlersOfPrefix<'history'> = {
  'history:list': async ({ connectionId, search, limit }, { services }) => ({
    entries: await services.workspace.history.list({ connectionId, search, limit }),
  }),
  'history:delete': async ({ id }, { services }) => ({ deleted: await services.workspace.history.remove(id) }),
  'history:clear': async ({ connectionId }, { services }) => ({
    removed: await services.workspace.history.clear(connectionId),
  }),
}
