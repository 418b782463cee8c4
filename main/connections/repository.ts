/**
 * The saved-connections file (`connections.json` in the data folder): a versioned document holding
 * the user's connections and the built-in sample's chosen scenario. Secrets are not in it.
 */
import { z } from 'zod'
import { ConnectionSchema, LastTestSchema } from '@common/connection'
import type { StoreBackend } from '../store/backend'
import { createDocumentStore, type DocumentStore, type Migration } from '../store/document-store'

export const CONNECTIONS_STORE_NAME = 'connections'
const CONNECTIONS_SCHEMA_VERSION = 1

const ConnectionsDocumentSchema = z.object({
  connections: z.array(ConnectionSchema),
  sample: z.object({ scenario: z.string().min(1).max(64), lastTest: LastTestSchema.nullable() }).nullable(),
})
export type ConnectionsDocument = z.infer<typeof ConnectionsDocumentSchema>

/** Version 1 is the first released layout; later layouts add a migration here (to: 2, …). */
const CONNECTIONS_MIGRATIONS: readonly Migration[] = []

export function createConnectionsStore(backend: StoreBackend, now?: () => Date): DocumentStore<ConnectionsDocument> {
  return createDocumentStore({
    backend,
    label: 'saved connections',
    schema: ConnectionsDocumentSchema,
    version: CONNECTIONS_SCHEMA_VERSION,
    migrations: CONNECTIONS_MIGRATIONS,
    empty: () => ({ connections: [], sample: null }),
    now,
  })
}
