/**
 * The read-only guard's view of an environment's metadata: which names are operations (functions,
 * actions, custom APIs) and which are entity sets. It reads whatever index is loaded for the
 * connection at the moment of each request, so it sharpens as soon as the query tab has loaded
 * metadata, and answers "unknown" before that (the guard then uses its conservative rule).
 */
import type { MetadataIndex } from '@common/metadata/metadata-index'
import type { OperationCatalog } from '../http/operations'

interface Lookup {
  readonly index: MetadataIndex
  readonly operations: ReadonlySet<string>
  readonly entitySets: ReadonlySet<string>
}

/** Operation names compare case-insensitively: a near miss counts as an operation, never as data. */
function lookupOf(index: MetadataIndex): Lookup {
  return {
    index,
    operations: new Set(index.functionNames().map((name) => name.toLowerCase())),
    entitySets: new Set(index.entitySetNames()),
  }
}

export function operationCatalog(currentIndex: () => MetadataIndex | undefined): OperationCatalog {
  let cached: Lookup | undefined
  const lookup = (): Lookup | undefined => {
    const index = currentIndex()
    if (!index) return undefined
    if (cached?.index !== index) cached = lookupOf(index)
    return cached
  }
  return {
    isOperation: (name) => lookup()?.operations.has(name.toLowerCase()),
    isEntitySet: (name) => lookup()?.entitySets.has(name),
  }
}
