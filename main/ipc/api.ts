import type { ApiTable } from './handler-types'
import { appHandlers } from './handlers/app'
import { checkHandlers } from './handlers/check'
import { checkAllHandlers } from './handlers/check-all'
import { connectionHandlers } from './handlers/connections'
import { customerHandlers } from './handlers/customers'
import { diagnosticsHandlers } from './handlers/diagnostics'
import { environmentHandlers } from './handlers/environments'
import { interopHandlers } from './handlers/interop'
import { historyHandlers } from './handlers/history'
import { limitHandlers } from './handlers/limits'
import { metadataHandlers } from './handlers/metadata'
import { queryHandlers } from './handlers/query'
import { queryTabHandlers } from './handlers/query-tabs'
import { requestHandlers } from './handlers/requests'
import { savedQueryHandlers } from './handlers/saved-queries'
import { workspaceHandlers } from './handlers/workspace'

/** The handler table: exactly one async function per contract channel, one handlers/ file per channel prefix. */
export function createApi(): ApiTable {
  return {
    ...appHandlers,
    ...checkHandlers,
    ...checkAllHandlers,
    ...connectionHandlers,
    ...customerHandlers,
    ...diagnosticsHandlers,
    ...environmentHandlers,
    ...interopHandlers,
    ...historyHandlers,
    ...limitHandlers,
    ...metadataHandlers,
    ...queryHandlers,
    ...queryTabHandlers,
    ...requestHandlers,
    ...savedQueryHandlers,
    ...workspaceHandlers,
  }
}
