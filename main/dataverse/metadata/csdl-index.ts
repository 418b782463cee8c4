import { SaxesParser, type SaxesTagPlain } from 'saxes'
import { METADATA_FORMAT, type MetadataIndexData, type OperationInfo, type PackedEntityType } from '../../../common/metadata/packed'

/**
 * Builds the metadata index from CSDL XML as it streams in: feed `write(chunk)` with text as it
 * arrives and call `end()` for the index. Only the elements the index needs are looked at; the
 * thousands of Annotation elements a real `$metadata` carries pass through saxes untouched.
 */
export interface CsdlIndexBuilder {
  write(chunk: string): void
  end(): MetadataIndexData
}

interface TypeInProgress {
  name: string
  baseType?: string
  abstract: boolean
  key: string[]
  properties: string[]
  navigation: string[]
}

interface NavigationInProgress {
  name: string
  target: string
  collection: boolean
  foreignKey: string
}

const COLLECTION = /^Collection\((.*)\)$/

function localTag(name: string): string {
  const colon = name.indexOf(':')
  return colon === -1 ? name : name.slice(colon + 1)
}

export class CsdlFormatError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'CsdlFormatError'
  }
}

export function createCsdlIndexBuilder(): CsdlIndexBuilder {
  const parser = new SaxesParser({ xmlns: false, position: false })
  let namespace = ''
  let alias: string | null = null
  const entitySets: Record<string, string> = {}
  const entityTypes: Record<string, PackedEntityType> = {}
  const operations: OperationInfo[] = []
  const imports: string[] = []

  let type: TypeInProgress | undefined
  let navigation: NavigationInProgress | undefined
  let operation: OperationInfo | undefined
  let inKey = false
  let sawSchema = false

  // Names in the main namespace are stored unqualified; the alias form (`mscrm.x`) is resolved too.
  const shortType = (raw: string): string => {
    if (namespace && raw.startsWith(namespace + '.')) return raw.slice(namespace.length + 1)
    if (alias && raw.startsWith(alias + '.')) return raw.slice(alias.length + 1)
    return raw
  }
  const shortTypeDeep = (raw: string): string => {
    const collection = COLLECTION.exec(raw)
    return collection ? `Collection(${shortType(collection[1] ?? '')})` : shortType(raw)
  }

  parser.on('opentag', (tag: SaxesTagPlain) => {
    const attributes = tag.attributes as Record<string, string>
    switch (localTag(tag.name)) {
      case 'Schema':
        // The Dataverse service has one schema; if there are more, the one with entity types wins.
        if (!sawSchema || Object.keys(entityTypes).length === 0) {
          namespace = attributes.Namespace ?? ''
          alias = attributes.Alias ?? null
        }
        sawSchema = true
        return
      case 'EntityType': {
        const name = attributes.Name ?? ''
        type = { name, abstract: attributes.Abstract === 'true', key: [], properties: [], navigation: [] }
        if (attributes.BaseType) type.baseType = shortType(attributes.BaseType)
        return
      }
      case 'Key':
        inKey = true
        return
      case 'PropertyRef':
        if (type && inKey && attributes.Name) type.key.push(attributes.Name)
        return
      case 'Property':
        if (type && attributes.Name) {
          const nullable = attributes.Nullable !== 'false'
          type.properties.push(`${attributes.Name}\t${shortTypeDeep(attributes.Type ?? 'Edm.String')}\t${nullable ? 'n' : ''}`)
        }
        return
      case 'NavigationProperty':
        if (type && attributes.Name) {
          const raw = attributes.Type ?? ''
          const collection = COLLECTION.exec(raw)
          navigation = {
            name: attributes.Name,
            target: shortType(collection ? (collection[1] ?? '') : raw),
            collection: collection !== null,
            foreignKey: '',
          }
        }
        return
      case 'ReferentialConstraint':
        if (navigation && !navigation.foreignKey && attributes.Property) navigation.foreignKey = attributes.Property
        return
      case 'Function':
      case 'Action':
        operation = {
          name: attributes.Name ?? '',
          kind: localTag(tag.name) === 'Function' ? 'function' : 'action',
          bound: attributes.IsBound === 'true',
          parameters: [],
        }
        return
      case 'Parameter':
        if (operation && attributes.Name) {
          const parameterType = shortTypeDeep(attributes.Type ?? '')
          // The first parameter of a bound operation is the binding parameter, not an argument.
          if (operation.bound && operation.bindingType === undefined) operation.bindingType = parameterType
          else operation.parameters.push({ name: attributes.Name, type: parameterType, nullable: attributes.Nullable !== 'false' })
        }
        return
      case 'ReturnType':
        if (operation && attributes.Type) operation.returnType = shortTypeDeep(attributes.Type)
        return
      case 'EntitySet':
        if (attributes.Name && attributes.EntityType) entitySets[attributes.Name] = shortType(attributes.EntityType)
        return
      case 'FunctionImport':
      case 'ActionImport':
        if (attributes.Name) imports.push(attributes.Name)
        return
      default:
        return
    }
  })

  parser.on('closetag', (tag: SaxesTagPlain) => {
    switch (localTag(tag.name)) {
      case 'EntityType':
        if (type) {
          entityTypes[type.name] = {
            ...(type.baseType ? { baseType: type.baseType } : {}),
            ...(type.abstract ? { abstract: true } : {}),
            key: type.key,
            properties: type.properties.join('\n'),
            navigation: type.navigation.join('\n'),
          }
        }
        type = undefined
        return
      case 'Key':
        inKey = false
        return
      case 'NavigationProperty':
        if (type && navigation) {
          const { name, target, collection, foreignKey } = navigation
          type.navigation.push(`${name}\t${target}\t${collection ? '*' : '1'}\t${foreignKey}`)
        }
        navigation = undefined
        return
      case 'Function':
      case 'Action':
        if (operation?.name) operations.push(operation)
        operation = undefined
        return
      default:
        return
    }
  })

  let failure: Error | undefined
  parser.on('error', (error) => {
    failure ??= error
  })

  return {
    write(chunk) {
      if (failure) return
      parser.write(chunk)
    },
    end() {
      if (!failure) parser.close()
      if (failure) throw new CsdlFormatError(`The $metadata document is not well-formed XML: ${failure.message}`)
      if (!sawSchema) throw new CsdlFormatError('The $metadata document has no <Schema> element: it is not OData CSDL.')
      return { format: METADATA_FORMAT, namespace, alias, entitySets, entityTypes, operations, imports }
    },
  }
}

/** Indexes a whole CSDL document held in memory (tests, small documents). */
export function indexCsdl(xml: string): MetadataIndexData {
  const builder = createCsdlIndexBuilder()
  builder.write(xml)
  return builder.end()
}

/** Indexes a CSDL document from a byte stream (a fetch Response body), never holding the whole text. */
export async function indexCsdlStream(body: ReadableStream<Uint8Array>, signal?: AbortSignal): Promise<MetadataIndexData> {
  const builder = createCsdlIndexBuilder()
  const decoder = new TextDecoder('utf-8')
  const reader = body.getReader()
  try {
    for (;;) {
      signal?.throwIfAborted()
      const { done, value } = await reader.read()
      if (done) break
      builder.write(decoder.decode(value, { stream: true }))
    }
    builder.write(decoder.decode())
  } catch (error) {
    // Stop the download too: a cancelled or broken parse must not keep the connection busy.
    await reader.cancel(error).catch(() => undefined)
    throw error
  }
  return builder.end()
}
