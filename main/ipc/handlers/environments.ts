import type { HandlersOfPrefix } from '../handler-types'

export const environmentHandlers: HandlersOfPrefix<'environments'> = {
  'environments:discover': async ({ connectionId }, { services, signal }) =>
    services.environments.discover(connectionId, { signal }),

  'environments:create-connections': async ({ connectionId, environments }, { services }) =>
    services.environments.createConnections(connectionId, environments),
}
