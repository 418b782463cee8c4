import { randomUUID } from 'node:crypto'
import { z } from 'zod'
import {
  SavedQueriesFileSchema,
  SavedQueryDraftSchema,
  SavedQuerySchema,
  type ImportReport,
  type SavedQuery,
  type SavedQueryDraft,
} from '@common/query/workspace'
import { AppFailure } from '@common/result'
import type { DocumentStore } from '../store/document-store'
import { redactQueryText } from './redact'

export const SavedQueriesDocumentSchema = z.object({ queries: z.array(SavedQuerySchema) })
export type SavedQueriesDocument = z.infer<typeof SavedQueriesDocumentSchema>

function sameContent(a: SavedQuery, b: SavedQuery): boolean {
  return (
    a.name === b.name &&
    a.text === b.text &&
    a.mode === b.mode &&
    a.connectionId === b.connectionId &&
    a.description === b.description &&
    a.tags.join('\u0000') === b.tags.join('\u0000')
  )
}

/** Named, tagged queries, global (connectionId null) or tied to one connection. */
export class SavedQueries {
  constructor(private readonly store: DocumentStore<SavedQueriesDocument>) {}

  /** Global queries plus the connection's own; `search` matches name, description, tags and text. */
  async list(
    options: { readonly connectionId?: string | null; readonly search?: string; readonly tag?: string } = {},
  ): Promise<SavedQuery[]> {
    const { queries } = this.store.read()
    const needle = options.search?.trim().toLowerCase()
    return queries
      .filter(
        (query) =>
          options.connectionId === undefined ||
          query.connectionId === null ||
          query.connectionId === options.connectionId,
      )
      .filter((query) => !options.tag || query.tags.includes(options.tag))
      .filter(
        (query) =>
          !needle ||
          query.name.toLowerCase().includes(needle) ||
          query.description.toLowerCase().includes(needle) ||
          query.tags.some((tag) => tag.toLowerCase().includes(needle)) ||
          query.text.toLowerCase().includes(needle),
      )
      .sort((a, b) => a.name.localeCompare(b.name))
  }

  async save(draft: SavedQueryDraft): Promise<SavedQuery> {
    const parsed = SavedQueryDraftSchema.parse(draft)
    const document = this.store.read()
    const now = new Date().toISOString()
    const existing = parsed.id ? document.queries.find((query) => query.id === parsed.id) : undefined
    if (parsed.id && !existing) {
      throw new AppFailure({
        code: 'NOT_FOUND',
        message: `The saved query "${parsed.name}" no longer exists.`,
        cause: 'It was deleted in another tab or by an import.',
        next: 'Save it again as a new query.',
      })
    }
    const saved: SavedQuery = {
      ...parsed,
      id: existing?.id ?? randomUUID(),
      name: parsed.name.trim(),
      tags: [...new Set(parsed.tags.map((tag) => tag.trim()).filter(Boolean))],
      text: redactQueryText(parsed.text),
      createdAt: existing?.createdAt ?? now,
      updatedAt: now,
    }
    const queries = existing
      ? document.queries.map((query) => (query.id === saved.id ? saved : query))
      : [...document.queries, saved]
    this.store.update(() => ({ queries }))
    return saved
  }

  async remove(id: string): Promise<boolean> {
    let removed = false
    this.store.update((document) => {
      const queries = document.queries.filter((query) => query.id !== id)
      removed = queries.length !== document.queries.length
      return { queries }
    })
    return removed
  }

  /** The export file's text and how many queries it holds: all queries, or only the given ids. */
  async exportJson(ids?: readonly string[]): Promise<{ json: string; count: number }> {
    const { queries } = this.store.read()
    const chosen = ids ? queries.filter((query) => ids.includes(query.id)) : queries
    const json = JSON.stringify(
      {
        format: 'dataverse-workbench/saved-queries',
        version: 1,
        exportedAt: new Date().toISOString(),
        queries: chosen,
      },
      null,
      2,
    )
    return { json, count: chosen.length }
  }

  /**
   * Imports an export file. An entry whose id exists is updated when its content differs; new ids are
   * added; invalid entries are reported with their reason and skipped, never half-imported.
   */
  async importJson(text: string): Promise<ImportReport> {
    let raw: unknown
    try {
      raw = JSON.parse(text)
    } catch (error) {
      throw new AppFailure(
        {
          code: 'INVALID_INPUT',
          message: 'The file is not valid JSON, so no query was imported.',
          cause: 'It was edited by hand or is not a saved-queries export.',
          next: 'Choose a file exported from Dataverse Workbench (Saved queries → Export).',
        },
        { cause: error },
      )
    }
    const file = SavedQueriesFileSchema.safeParse(raw)
    if (!file.success) {
      throw new AppFailure({
        code: 'INVALID_INPUT',
        message: 'The file is not a Dataverse Workbench saved-queries export, so no query was imported.',
        cause: 'Its "format" or "version" field is missing or different.',
        next: 'Choose a file exported from Dataverse Workbench (Saved queries → Export).',
      })
    }
    const document = this.store.read()
    const queries = [...document.queries]
    const rejected: { index: number; reason: string }[] = []
    let added = 0
    let updated = 0
    let unchanged = 0
    file.data.queries.forEach((candidate, index) => {
      const parsed = SavedQuerySchema.safeParse(candidate)
      if (!parsed.success) {
        const issue = parsed.error.issues[0]
        rejected.push({ index, reason: issue ? `${issue.path.join('.') || 'entry'}: ${issue.message}` : 'invalid' })
        return
      }
      const incoming = { ...parsed.data, text: redactQueryText(parsed.data.text) }
      const at = queries.findIndex((query) => query.id === incoming.id)
      if (at === -1) {
        queries.push(incoming)
        added++
      } else if (sameContent(queries[at]!, incoming)) unchanged++
      else {
        queries[at] = { ...incoming, updatedAt: new Date().toISOString() }
        updated++
      }
    })
    this.store.update(() => ({ queries }))
    return { added, updated, unchanged, rejected }
  }
}
