import type { ApiTable } from './handler-types'
import { appHandlers } from './handlers/app'

/** The handler table: exactly one async function per contract channel. */
export function createApi(): ApiTable {
  return {
    ...appHandlers,
  }
}
