import type { HandlersOfPrefix } from '../handler-types'

export const metadataHandlers: HandlersOfPrefix<'metadata'> = {
  'metadata:load': async ({ connectionId, refresh }, { services, signal }) =>
    services.query.metadata(connectionId, { refresh, signal }),
  'metadata:choices': async ({ connectionId, table }, { services, signal }) => ({
    choices: await services.query.choices(connectionId, table, signal),
  }),
}
