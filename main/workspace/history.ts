import { randomUUID } from 'node:crypto'
import { z } from 'zod'
import { HISTORY_LIMIT, HistoryEntrySchema, type HistoryEntry } from '@common/query/workspace'
import type { DocumentStore } from '../store/document-store'
import { redactQueryText } from './redact'

export const HistoryDocumentSchema = z.object({ entries: z.array(HistoryEntrySchema) })
export type HistoryDocument = z.infer<typeof HistoryDocumentSchema>

export type NewHistoryEntry = Omit<HistoryEntry, 'id' | 'at'> & { readonly at?: string }

/** Per-connection query history: newest first, the last HISTORY_LIMIT runs of each connection. */
/** Which connection's history changed; null when entries of several (or unknown) connections went. */
export type HistoryListener = (change: { readonly connectionId: string | null }) => void

export class QueryHistory {
  private readonly listeners = new Set<HistoryListener>()

  constructor(private readonly store: DocumentStore<HistoryDocument>) {}

  onChange(listener: HistoryListener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  private changed(connectionId: string | null): void {
    for (const listener of this.listeners) listener({ connectionId })
  }

  async add(entry: NewHistoryEntry): Promise<HistoryEntry> {
    const added: HistoryEntry = HistoryEntrySchema.parse({
      ...entry,
      id: randomUUID(),
      at: entry.at ?? new Date().toISOString(),
      text: redactQueryText(entry.text),
    })
    this.store.update((document) => {
      let kept = 0
      return {
        entries: [added, ...document.entries].filter(
          (existing) => existing.connectionId !== added.connectionId || ++kept <= HISTORY_LIMIT,
        ),
      }
    })
    this.changed(added.connectionId)
    return added
  }

  /** Newest first; `search` matches the query text, status and error code, case-insensitively. */
  async list(options: {
    readonly connectionId: string
    readonly search?: string
    readonly limit?: number
  }): Promise<HistoryEntry[]> {
    const { entries } = this.store.read()
    const needle = options.search?.trim().toLowerCase()
    const matches = entries.filter((entry) => {
      if (entry.connectionId !== options.connectionId) return false
      if (!needle) return true
      return (
        entry.text.toLowerCase().includes(needle) ||
        String(entry.status ?? '').includes(needle) ||
        (entry.errorCode?.toLowerCase().includes(needle) ?? false) ||
        entry.outcome === needle
      )
    })
    return matches.slice(0, options.limit ?? HISTORY_LIMIT)
  }

  async get(id: string): Promise<HistoryEntry | undefined> {
    return this.store.read().entries.find((entry) => entry.id === id)
  }

  async remove(id: string): Promise<boolean> {
    let removed: HistoryEntry | undefined
    this.store.update((document) => {
      removed = document.entries.find((entry) => entry.id === id)
      return { entries: document.entries.filter((entry) => entry.id !== id) }
    })
    if (removed) this.changed(removed.connectionId)
    return removed !== undefined
  }

  async clear(connectionId: string): Promise<number> {
    let removed = 0
    this.store.update((document) => {
      const entries = document.entries.filter((entry) => entry.connectionId !== connectionId)
      removed = document.entries.length - entries.length
      return { entries }
    })
    if (removed) this.changed(connectionId)
    return removed
  }
}
