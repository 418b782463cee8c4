import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import { Readable } from 'node:stream'
import { MetadataIndex } from '@common/metadata/metadata-index'
import { AppFailure } from '@common/result'
import { CsdlFormatError, indexCsdlStream } from './csdl-index'

/** One table of a metadata index, as `dvw metadata --json` lists it. */
export interface TableListing {
  readonly logicalName: string
  readonly entitySet: string
  readonly key: readonly string[]
  readonly columns: number
}

/** Every table that has an entity set, by logical name. */
export function listTables(index: MetadataIndex): TableListing[] {
  const tables: TableListing[] = []
  for (const entitySet of index.entitySetNames()) {
    const type = index.entitySet(entitySet)
    if (type) tables.push({ logicalName: type.name, entitySet, key: type.key, columns: type.properties().length })
  }
  return tables.sort((a, b) => (a.logicalName < b.logicalName ? -1 : a.logicalName > b.logicalName ? 1 : 0))
}

/** Indexes a `$metadata` document saved to disk, streaming it as the download path does. */
export async function indexMetadataFile(path: string, signal?: AbortSignal): Promise<MetadataIndex> {
  const info = await stat(path).catch(() => null)
  if (!info?.isFile()) {
    throw new AppFailure({
      code: 'NOT_FOUND',
      message: `There is no file at ${path}.`,
      cause: 'The path is wrong, or the file was moved.',
      next: 'Give the path of a $metadata document saved from <org>/api/data/v9.2/$metadata.',
    })
  }
  try {
    const body = Readable.toWeb(createReadStream(path)) as ReadableStream<Uint8Array>
    return new MetadataIndex(await indexCsdlStream(body, signal))
  } catch (error) {
    if (!(error instanceof CsdlFormatError)) throw error
    throw new AppFailure({
      code: 'INVALID_INPUT',
      message: `${path} is not a $metadata document: ${error.message}`,
      cause: 'The file is not OData CSDL XML (perhaps an HTML error page, JSON, or a truncated download).',
      next: 'Save the document again from <org>/api/data/v9.2/$metadata (Accept: application/xml) and pass that file.',
    })
  }
}
