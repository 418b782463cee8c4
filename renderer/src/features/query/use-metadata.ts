/** Metadata for completion, loaded once per connection and shared by its tabs. */
import { useCallback, useEffect, useMemo, useState } from 'react'
import { MetadataIndex } from '@common/metadata/metadata-index'
import type { MetadataSummary, TableChoices } from '@common/metadata/packed'
import type { AppError } from '@common/result'
import { bridge, toAppError, unwrap } from '../../bridge'
import type { ModelContext } from '../../editor/model-context'

interface Loaded {
  readonly index: MetadataIndex
  readonly summary: MetadataSummary
}

/**
 * The renderer's cache of metadata indexes: one IPC round trip per connection (the packed index
 * decodes lazily), and choice values per table on first use. Shared by every tab of a connection.
 */
const indexes = new Map<string, Promise<Loaded>>()
const choices = new Map<string, Promise<TableChoices>>()

function load(connectionId: string, refresh: boolean): Promise<Loaded> {
  const known = indexes.get(connectionId)
  if (known && !refresh) return known
  const loading = unwrap(bridge().metadataLoad({ connectionId, refresh })).then(({ index, summary }) => ({
    index: new MetadataIndex(index),
    summary,
  }))
  indexes.set(connectionId, loading)
  loading.catch(() => indexes.delete(connectionId))
  if (refresh) for (const key of [...choices.keys()]) if (key.startsWith(`${connectionId}|`)) choices.delete(key)
  return loading
}

function loadChoices(connectionId: string, table: string): Promise<TableChoices> {
  const key = `${connectionId}|${table}`
  const known = choices.get(key)
  if (known) return known
  const loading = unwrap(bridge().metadataChoices({ connectionId, table })).then((answer) => answer.choices)
  choices.set(key, loading)
  loading.catch(() => choices.delete(key))
  return loading
}

export type MetadataState =
  | { readonly status: 'none' }
  | { readonly status: 'loading' }
  | { readonly status: 'ready'; readonly index: MetadataIndex; readonly summary: MetadataSummary }
  | { readonly status: 'error'; readonly error: AppError }

export function useMetadata(connectionId: string | null): {
  state: MetadataState
  context: ModelContext
  refresh: () => void
} {
  const [state, setState] = useState<MetadataState>({ status: connectionId ? 'loading' : 'none' })
  const [generation, setGeneration] = useState(0)

  useEffect(() => {
    if (!connectionId) {
      setState({ status: 'none' })
      return
    }
    let live = true
    setState({ status: 'loading' })
    load(connectionId, generation > 0)
      .then((loaded) => live && setState({ status: 'ready', ...loaded }))
      .catch((failure: unknown) => {
        if (!live) return
        setState({ status: 'error', error: toAppError(failure) })
      })
    return () => {
      live = false
    }
  }, [connectionId, generation])

  const index = state.status === 'ready' ? state.index : null
  const context = useMemo<ModelContext>(
    () => ({
      index,
      ...(connectionId
        ? {
            loadChoices: async (table: string) => {
              const loaded = await loadChoices(connectionId, table)
              index?.attachChoices(table, loaded)
              return loaded
            },
          }
        : {}),
    }),
    [index, connectionId],
  )
  const refresh = useCallback(() => setGeneration((value) => value + 1), [])
  return { state, context, refresh }
}
