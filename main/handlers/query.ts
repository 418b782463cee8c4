import type { queryChannels } from '../../common/contract/query'
import type { HandlersFor } from '../handler-types'

export const queryHandlers: HandlersFor<keyof typeof queryChannels> = {
  'history:list': async ({ connectionId, search, limit }, { services }) => ({
    entries: await services.workspace.history.list({ connectionId, search, limit }),
  }),
  'history:delete': async ({ id }, { services }) => ({ deleted: await services.workspace.history.remove(id) }),
  'history:clear': async ({ connectionId }, { services }) => ({ removed: await services.workspace.history.clear(connectionId) }),

  'saved-queries:list': async (filter, { services }) => ({ queries: await services.workspace.savedQueries.list(filter) }),
  'saved-queries:save': async (draft, { services }) => services.workspace.savedQueries.save(draft),
  'saved-queries:delete': async ({ id }, { services }) => ({ deleted: await services.workspace.savedQueries.remove(id) }),
  'saved-queries:export': async ({ ids }, { services }) => ({
    json: await services.workspace.savedQueries.exportJson(ids),
    fileName: `saved-queries-${new Date().toISOString().slice(0, 10)}.json`,
  }),
  'saved-queries:import': async ({ json }, { services }) => services.workspace.savedQueries.importJson(json),

  'workspace:start-fresh': async ({ store }, { services }) => {
    services.workspace.startFresh(store)
    return { started: true as const }
  },

  'query-tabs:load': async (_input, { services }) => services.workspace.tabs.load(),
  'query-tabs:save': async (tabs, { services }) => {
    await services.workspace.tabs.save(tabs)
    return { saved: true as const }
  },
}
