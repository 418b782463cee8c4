import type { ApiTable } from './handler-types'
import { appHandlers } from './handlers/app'
import { connectionHandlers } from './handlers/connections'
import { diagnosticsHandlers } from './handlers/diagnostics'
import { queryHandlers } from './handlers/query'
import { requestHandlers } from './handlers/requests'
import { settingsHandlers } from './handlers/settings'

/** The handler table: exactly one async function per contract channel. */
export function createApi(): ApiTable {
  return {
    ...appHandlers,
    ...connectionHandlers,
    ...diagnosticsHandlers,
    ...queryHandlers,
    ...requestHandlers,
    ...settingsHandlers,
  }
}
