/** The per-model registry the language providers read, so one Monaco instance serves tabs on different connections. */
import type { MetadataIndex } from '@common/metadata/metadata-index'
import type { ChoiceOption } from '@common/metadata/packed'

/**
 * What the language providers know about the document in one editor: its connection's metadata
 * index (once loaded) and a way to load a table's choice values on demand. Keyed by model URI, so
 * each query tab completes against its own connection.
 */
export interface ModelContext {
  readonly index: MetadataIndex | null
  readonly loadChoices?: (table: string) => Promise<Record<string, readonly ChoiceOption[]>>
}

const contexts = new Map<string, ModelContext>()

export function setModelContext(uri: string, context: ModelContext): void {
  contexts.set(uri, context)
}

export function modelContext(uri: string): ModelContext {
  return contexts.get(uri) ?? { index: null }
}

export function clearModelContext(uri: string): void {
  contexts.delete(uri)
}
