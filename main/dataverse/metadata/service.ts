import { z } from 'zod'
import { MetadataIndex } from '@common/metadata/metadata-index'
import type { MetadataSummary, TableChoices } from '@common/metadata/packed'
import { AppFailure } from '@common/result'
import { MetadataCache } from './cache'
import { loadTableChoices } from './choices'
import { CsdlFormatError, indexCsdlStream } from './csdl-index'
import { failedMetadataRequest, type MetadataSource } from './source'

export interface LoadedMetadata {
  readonly index: MetadataIndex
  readonly summary: MetadataSummary
}

interface Entry {
  readonly orgUrl: string
  readonly retrieveVersion: string
  readonly builtAt: string
  readonly fromCache: boolean
  readonly index: MetadataIndex
  readonly choices: Map<string, TableChoices>
}

const RetrieveVersionSchema = z.object({ Version: z.string() })

function summarise(entry: Entry): MetadataSummary {
  return {
    orgUrl: entry.orgUrl,
    retrieveVersion: entry.retrieveVersion,
    builtAt: entry.builtAt,
    fromCache: entry.fromCache,
    ...entry.index.counts(),
  }
}

/**
 * Metadata per connection: kept in memory, cached on disk per org URL + RetrieveVersion, rebuilt
 * from `$metadata` when the version changed or the user asks for a refresh. Concurrent callers for
 * the same connection share one load.
 */
export class MetadataService {
  private readonly cache: MetadataCache
  private readonly entries = new Map<string, Entry>()
  private readonly pending = new Map<string, Promise<Entry>>()

  constructor(options: { readonly cacheDir: string }) {
    this.cache = new MetadataCache(options.cacheDir)
  }

  private async retrieveVersion(source: MetadataSource, signal?: AbortSignal): Promise<string> {
    const path = 'RetrieveVersion()'
    const response = await source.get(path, { signal })
    if (!response.ok) throw await failedMetadataRequest(path, response)
    const parsed = RetrieveVersionSchema.safeParse(await response.json())
    if (!parsed.success) throw new Error(`unexpected RetrieveVersion answer: ${parsed.error.message}`)
    return parsed.data.Version
  }

  private async download(source: MetadataSource, signal?: AbortSignal) {
    const response = await source.get('$metadata', { signal, headers: { accept: 'application/xml' } })
    if (!response.ok) throw await failedMetadataRequest('$metadata', response)
    if (!response.body) throw new Error('the $metadata response had no body')
    try {
      return await indexCsdlStream(response.body, signal)
    } catch (error) {
      if (error instanceof CsdlFormatError) {
        throw new AppFailure(
          {
            code: 'DATAVERSE_ERROR',
            message: `The environment's $metadata could not be read: ${error.message}`,
            cause: 'Something between the app and Dataverse (a proxy or sign-in page) answered instead of the Web API.',
            next: 'Open the connection check; if it passes, refresh the metadata again.',
          },
          { cause: error },
        )
      }
      throw error
    }
  }

  private async build(key: string, source: MetadataSource, refresh: boolean, signal?: AbortSignal): Promise<Entry> {
    const retrieveVersion = await this.retrieveVersion(source, signal)
    const current = this.entries.get(key)
    if (!refresh && current && current.orgUrl === source.orgUrl && current.retrieveVersion === retrieveVersion)
      return current

    const cached = refresh ? undefined : await this.cache.read(source.orgUrl, retrieveVersion)
    let entry: Entry
    if (cached) {
      entry = { ...cached, fromCache: true, index: new MetadataIndex(cached.index), choices: new Map() }
    } else {
      const data = await this.download(source, signal)
      const builtAt = new Date().toISOString()
      await this.cache.write({ orgUrl: source.orgUrl, retrieveVersion, builtAt, index: data })
      entry = {
        orgUrl: source.orgUrl,
        retrieveVersion,
        builtAt,
        fromCache: false,
        index: new MetadataIndex(data),
        choices: new Map(),
      }
    }
    const storedChoices = refresh ? {} : await this.cache.readChoices(source.orgUrl, retrieveVersion)
    for (const [table, choices] of Object.entries(storedChoices)) {
      entry.choices.set(table, choices)
      entry.index.attachChoices(table, choices)
    }
    this.entries.set(key, entry)
    return entry
  }

  private async entry(
    key: string,
    source: MetadataSource,
    options: { refresh?: boolean; signal?: AbortSignal },
  ): Promise<Entry> {
    const running = this.pending.get(key)
    if (running && !options.refresh) return running
    const loading = this.build(key, source, options.refresh ?? false, options.signal).finally(() => {
      if (this.pending.get(key) === loading) this.pending.delete(key)
    })
    this.pending.set(key, loading)
    return loading
  }

  /** The index for a connection: from memory, the disk cache, or a fresh `$metadata` download. */
  async load(
    key: string,
    source: MetadataSource,
    options: { refresh?: boolean; signal?: AbortSignal } = {},
  ): Promise<LoadedMetadata> {
    const entry = await this.entry(key, source, options)
    return { index: entry.index, summary: summarise(entry) }
  }

  /** Choice values of one table, loaded on first use and cached with the index. */
  async choices(key: string, source: MetadataSource, typeName: string, signal?: AbortSignal): Promise<TableChoices> {
    const entry = await this.entry(key, source, { signal })
    const known = entry.choices.get(typeName)
    if (known) return known
    if (!entry.index.entityType(typeName)) {
      throw new AppFailure({
        code: 'NOT_FOUND',
        message: `The table ${typeName} is not in this environment's metadata.`,
        cause: 'The name is misspelt, or the table was added after the metadata was cached.',
        next: 'Check the name, or refresh the metadata.',
      })
    }
    const choices = await loadTableChoices(source, typeName, signal)
    entry.choices.set(typeName, choices)
    entry.index.attachChoices(typeName, choices)
    await this.cache.writeChoices(entry.orgUrl, entry.retrieveVersion, Object.fromEntries(entry.choices))
    return choices
  }

  /** The index already in memory for a connection, without loading anything (the read-only guard asks). */
  loaded(key: string): MetadataIndex | undefined {
    return this.entries.get(key)?.index
  }

  /** Forgets a connection's in-memory index (the disk cache stays valid for its version). */
  forget(key: string): void {
    this.entries.delete(key)
  }
}
