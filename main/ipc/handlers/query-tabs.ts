import type { HandlersOfPrefix } from '../handler-types'

export const queryTabHandlers: HandlersOfPrefix<'query-tabs'> = {
  'query-tabs:load': async (_input, { services }) => services.workspace.tabs.load(),
  'query-tabs:save': async (tabs, { services }) => {
    await services.workspace.tabs.save(tabs)
    return { saved: true as const }
  },
}
