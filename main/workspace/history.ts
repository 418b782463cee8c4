import { randomUUID } from 'node:crypto'
import { z } from 'zod'
import { HISTORY_LIMIT, HistoryEntrySchema, type HistoryEntry } from '../../common/query/workspace'
import type { DocumentStore } from './document-store'
import { redactQueryText } from './redact'

export const HistoryDocumentSchema = z.object({ version: z.literal(1), entries: z.array(HistoryEntrySchema) })
export type HistoryDocument = z.infer<typeof HistoryDocumentSchema>

export type NewHistoryEntry = Omit<HistoryEntry, 'id' | 'at'> & { readonly at?: string }

/** Per-connection query history: newest first, the last HISTORY_LIMIT runs of each connection. */
export class QueryHistory {
  constructor(private readonly store: DocumentStore<HistoryDocument>) {}

  async add(entry: NewHistoryEntry): Promise<HistoryEntry> {
    const document = await this.store.read()
    const added: HistoryEntry = HistoryEntrySchema.parse({
      ...entry,
      id: randomUUID(),
      at: entry.at ?? new Date().toISOString(),
      text: redactQueryText(entry.text),
    })
    let kept = 0
    const entries = [added, ...document.entries].filter(
      (existing) => existing.connectionId !== added.connectionId || ++kept <= HISTORY_LIMIT,
    )
    await this.store.write({ version: 1, entries })
    return added
  }

  /** Newest first; `search` matches the query text, status and error code, case-insensitively. */
  async list(options: { readonly connectionId: string; readonly search?: string; readonly limit?: number }): Promise<HistoryEntry[]> {
    const { entries } = await this.store.read()
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
    return (await this.store.read()).entries.find((entry) => entry.id === id)
  }

  async remove(id: string): Promise<boolean> {
    const document = await this.store.read()
    const entries = document.entries.filter((entry) => entry.id !== id)
    if (entries.length === document.entries.length) return false
    await this.store.write({ version: 1, entries })
    return true
  }

  async clear(connectionId: string): Promise<number> {
    const document = await this.store.read()
    const entries = document.entries.filter((entry) => entry.connectionId !== connectionId)
    await this.store.write({ version: 1, entries })
    return document.entries.length - entries.length
  }
}
