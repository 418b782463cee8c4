import type { HandlersOfPrefix } from '../handler-types'

export const limitHandlers: HandlersOfPrefix<'limits'> = {
  // The budget holds numbers and Dataverse's 429 message only (service-protection-budget.ts), never a header or token.
  'limits:get': async ({ connectionId }, { services }) => services.limits.view(connectionId),
}
