import type { HandlersOfPrefix } from '../handler-types'

export const customerHandlers: HandlersOfPrefix<'customers'> = {
  'customers:create': async (input, { services }) => services.connections.createCustomer(input),

  'customers:update': async ({ id, ...patch }, { services }) => services.connections.updateCustomer(id, patch),

  'customers:delete': async ({ id }, { services }) => ({
    deleted: true as const,
    ...(await services.connections.deleteCustomer(id)),
  }),

  'customers:assign': async ({ connectionId, customerId }, { services }) =>
    services.connections.setCustomer(connectionId, customerId),
}
