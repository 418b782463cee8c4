import { join } from 'node:path'
import { MetadataService } from './dataverse/metadata/service'
import type { Host } from './host'
import { createWorkspace, type Workspace } from './workspace'

/** Everything handlers use. Built once per host by createServices(); handlers never know which host. */
export interface Services {
  readonly host: Host
  /** Metadata indexes per connection, cached under `<dataDir>/metadata`. */
  readonly metadata: MetadataService
  /** History, saved queries and open query tabs, under `<dataDir>/workspace`. */
  readonly workspace: Workspace
}

export function createServices(host: Host): Services {
  return {
    host,
    metadata: new MetadataService({ cacheDir: join(host.dataDir, 'metadata') }),
    workspace: createWorkspace(host.dataDir),
  }
}
