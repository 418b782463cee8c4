/**
 * The saved-connections file (`connections.json` in the data folder): a versioned document holding
 * the user's connections, their customers, and the built-in sample's chosen scenario. Secrets are not in it.
 */
import { z } from 'zod'
import { ConnectionSchema, LastTestSchema } from '@common/connection'
import { CustomerSchema } from '@common/customer'
import type { StoreBackend } from '../store/backend'
import { createDocumentStore, type DocumentStore, type Migration } from '../store/document-store'

export const CONNECTIONS_STORE_NAME = 'connections'
const CONNECTIONS_SCHEMA_VERSION = 2

const ConnectionsDocumentSchema = z.object({
  connections: z.array(ConnectionSchema),
  customers: z.array(CustomerSchema),
  sample: z.object({ scenario: z.string().min(1).max(64), lastTest: LastTestSchema.nullable() }).nullable(),
})
export type ConnectionsDocument = z.infer<typeof ConnectionsDocumentSchema>

/**
 * Version 1 is the first released layout. Version 2 adds customers: a version-1 file gains an empty
 * list and keeps every connection as it was (ungrouped). The number went up so that an older app
 * leaves a file with customers alone instead of dropping them on its next write.
 */
const CONNECTIONS_MIGRATIONS: readonly Migration[] = [
  { to: 2, migrate: (document) => ({ ...document, customers: document.customers ?? [] }) },
]

export function createConnectionsStore(backend: StoreBackend, now?: () => Date): DocumentStore<ConnectionsDocument> {
  return createDocumentStore({
    backend,
    label: 'saved connections',
    schema: ConnectionsDocumentSchema,
    version: CONNECTIONS_SCHEMA_VERSION,
    migrations: CONNECTIONS_MIGRATIONS,
    empty: () => ({ connections: [], customers: [], sample: null }),
    now,
  })
}
