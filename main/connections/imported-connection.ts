import type { Connection } from '@common/connection'

/**
 * A connection read from an import file, before the service stores it. Its own module so the
 * import rules (sign-in-host.ts) and the file formats (transfer.ts) need not import the service.
 */
export interface ImportedConnection {
  readonly connection: Omit<Connection, 'id' | 'createdAt' | 'updatedAt' | 'lastTest' | 'builtIn' | 'scenario'>
  /** A secret that came with the import (a connection string with a real ClientSecret value). */
  readonly secret?: string
}
