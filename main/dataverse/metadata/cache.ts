import { createHash } from 'node:crypto'
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { z } from 'zod'
import {
  MetadataIndexDataSchema,
  TableChoicesSchema,
  type MetadataIndexData,
  type TableChoices,
} from '@common/metadata/packed'

const CacheFileSchema = z.object({
  orgUrl: z.string(),
  retrieveVersion: z.string(),
  builtAt: z.string(),
  index: MetadataIndexDataSchema,
})
export type MetadataCacheEntry = z.infer<typeof CacheFileSchema>

const ChoicesFileSchema = z.object({
  orgUrl: z.string(),
  retrieveVersion: z.string(),
  tables: z.record(z.string(), TableChoicesSchema),
})

/**
 * The on-disk cache of metadata indexes, one file per org URL, valid for one `RetrieveVersion`.
 * It holds derived data only, so a file that does not parse or match is a cache miss and is
 * rebuilt from `$metadata`; nothing the user wrote lives here.
 */
export class MetadataCache {
  constructor(private readonly dir: string) {}

  private file(orgUrl: string, suffix: string): string {
    const key = createHash('sha256').update(orgUrl.toLowerCase()).digest('hex').slice(0, 32)
    return join(this.dir, `${key}.${suffix}.json`)
  }

  private async writeAtomically(path: string, text: string): Promise<void> {
    await mkdir(this.dir, { recursive: true })
    const temporary = `${path}.${process.pid}.${Date.now()}.tmp`
    await writeFile(temporary, text, 'utf8')
    await rename(temporary, path)
  }

  private async readJson(path: string): Promise<unknown> {
    try {
      return JSON.parse(await readFile(path, 'utf8'))
    } catch {
      return undefined
    }
  }

  /** The cached index for this org and version, or undefined (absent, stale or unreadable). */
  async read(orgUrl: string, retrieveVersion: string): Promise<MetadataCacheEntry | undefined> {
    const raw = await this.readJson(this.file(orgUrl, 'index'))
    // A full zod pass over thousands of packed types costs more than the read itself; the header is
    // checked strictly, and the index only for shape at the top level (its strings decode lazily).
    const header = CacheFileSchema.pick({ orgUrl: true, retrieveVersion: true, builtAt: true }).safeParse(raw)
    if (!header.success || header.data.orgUrl !== orgUrl || header.data.retrieveVersion !== retrieveVersion)
      return undefined
    const index = (raw as { index?: unknown }).index
    const top = MetadataIndexDataSchema.pick({ format: true, namespace: true, alias: true, imports: true }).safeParse(
      index,
    )
    if (
      !top.success ||
      typeof (index as MetadataIndexData).entitySets !== 'object' ||
      typeof (index as MetadataIndexData).entityTypes !== 'object'
    ) {
      return undefined
    }
    return { ...header.data, index: index as MetadataIndexData }
  }

  async write(entry: MetadataCacheEntry): Promise<void> {
    await this.writeAtomically(this.file(entry.orgUrl, 'index'), JSON.stringify(entry))
  }

  async readChoices(orgUrl: string, retrieveVersion: string): Promise<Record<string, TableChoices>> {
    const parsed = ChoicesFileSchema.safeParse(await this.readJson(this.file(orgUrl, 'choices')))
    if (!parsed.success || parsed.data.orgUrl !== orgUrl || parsed.data.retrieveVersion !== retrieveVersion) return {}
    return parsed.data.tables
  }

  async writeChoices(orgUrl: string, retrieveVersion: string, tables: Record<string, TableChoices>): Promise<void> {
    await this.writeAtomically(this.file(orgUrl, 'choices'), JSON.stringify({ orgUrl, retrieveVersion, tables }))
  }
}
