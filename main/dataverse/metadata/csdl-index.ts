import { SaxesParser, type SaxesTagPlain } from 'saxes'
import {
  METADATA_FORMAT,
  type MetadataIndexData,
  type OperationInfo,
  type PackedEntityType,
} from '@common/metadata/packed'

/**
 * Builds the metadata index from CSDL XML as it streams in: feed `write(chunk)` with text as it
 * arrives and call `end()` for the index. `write` throws a CsdlFormatError as soon as a name or
 * type is longer than MAX_CSDL_NAME; `end` throws one for a document that is not CSDL. Only the
 * elements the index needs are looked at; the thousands of Annotation elements a real `$metadata`
 * carries pass through saxes untouched.
 */
interface CsdlIndexBuilder {
  write(chunk: string): void
  end(): MetadataIndexData
}

interface NavigationInProgress {
  readonly name: string
  readonly target: string
  readonly collection: boolean
  foreignKey: string
}

interface TypeInProgress {
  readonly name: string
  readonly baseType?: string
  readonly abstract: boolean
  readonly key: string[]
  readonly properties: string[]
  readonly navigation: NavigationInProgress[]
}

const COLLECTION_PREFIX = 'Collection('

export class CsdlFormatError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'CsdlFormatError'
  }
}

/**
 * Schema-level elements: when one opens, the entity type before it is complete. Ending types this
 * way means no `closetag` handler, which saxes would call for every one of the document's
 * hundreds of thousands of elements.
 */
const SCHEMA_MEMBERS = new Set([
  'EntityType',
  'ComplexType',
  'EnumType',
  'Function',
  'Action',
  'EntityContainer',
  'Term',
  'TypeDefinition',
  'Annotations',
])

/**
 * The longest name or type reference the index keeps. CSDL allows 128 characters for a simple name
 * and 511 for a namespace, so `Collection(<namespace>.<name>)` stays well under this; anything
 * longer is not Dataverse metadata, and would otherwise be cached and sent to the window whole.
 */
export const MAX_CSDL_NAME = 1024

/** Returns the attribute when present and within MAX_CSDL_NAME; throws a CsdlFormatError naming the element when it is longer. */
function bounded(element: string, attributes: Record<string, string>, attribute: string): string | undefined {
  const value = attributes[attribute]
  if (value !== undefined && value.length > MAX_CSDL_NAME) {
    throw new CsdlFormatError(
      `a <${element}> element has a ${attribute} of ${value.length.toLocaleString('en-US')} characters, over the limit of ${MAX_CSDL_NAME.toLocaleString('en-US')} for a name or type in CSDL.`,
    )
  }
  return value
}

function createCsdlIndexBuilder(): CsdlIndexBuilder {
  const parser = new SaxesParser({ xmlns: false, position: false })
  let namespace = ''
  let alias: string | null = null
  // Keyed by names from the document: without a prototype, `__proto__` or `constructor` is just a name.
  const entitySets: Record<string, string> = Object.create(null) as Record<string, string>
  const entityTypes: Record<string, PackedEntityType> = Object.create(null) as Record<string, PackedEntityType>
  const operations: OperationInfo[] = []
  const imports: string[] = []

  let type: TypeInProgress | undefined
  let navigation: NavigationInProgress | undefined
  let operation: OperationInfo | undefined
  let sawSchema = false

  // Names in the main namespace are stored unqualified; the alias form (`mscrm.x`) is resolved too.
  const shortType = (raw: string): string => {
    if (namespace && raw.startsWith(namespace) && raw.charCodeAt(namespace.length) === 46)
      return raw.slice(namespace.length + 1)
    if (alias && raw.startsWith(alias) && raw.charCodeAt(alias.length) === 46) return raw.slice(alias.length + 1)
    return raw
  }
  const shortTypeDeep = (raw: string): string => {
    // Most columns are Edm primitives: answer those without any further string work.
    if (raw.charCodeAt(0) === 69 && raw.startsWith('Edm.')) return raw
    return raw.startsWith(COLLECTION_PREFIX)
      ? `Collection(${shortType(raw.slice(COLLECTION_PREFIX.length, -1))})`
      : shortType(raw)
  }

  const finishType = () => {
    if (!type) return
    entityTypes[type.name] = {
      ...(type.baseType ? { baseType: type.baseType } : {}),
      ...(type.abstract ? { abstract: true } : {}),
      key: type.key,
      properties: type.properties.join('\n'),
      navigation: type.navigation
        .map((nav) => `${nav.name}\t${nav.target}\t${nav.collection ? '*' : '1'}\t${nav.foreignKey}`)
        .join('\n'),
    }
    type = undefined
    navigation = undefined
  }

  parser.on('opentag', (tag: SaxesTagPlain) => {
    const name = tag.name
    // Annotations are most of a real document and carry nothing the index needs; columns are the
    // next most frequent element and take the shortest path.
    if (name === 'Annotation') return
    const attributes = tag.attributes as Record<string, string>
    if (name === 'Property') {
      if (!type) return
      const property = bounded(name, attributes, 'Name')
      if (property)
        type.properties.push(
          `${property}\t${shortTypeDeep(bounded(name, attributes, 'Type') ?? 'Edm.String')}\t${attributes.Nullable === 'false' ? '' : 'n'}`,
        )
      return
    }
    if (SCHEMA_MEMBERS.has(name)) {
      finishType()
      operation = undefined
    }
    switch (name) {
      case 'NavigationProperty': {
        const navigationName = type && bounded(name, attributes, 'Name')
        if (type && navigationName) {
          const raw = bounded(name, attributes, 'Type') ?? ''
          const collection = raw.startsWith(COLLECTION_PREFIX)
          navigation = {
            name: navigationName,
            target: shortType(collection ? raw.slice(COLLECTION_PREFIX.length, -1) : raw),
            collection,
            foreignKey: '',
          }
          type.navigation.push(navigation)
        }
        return
      }
      case 'ReferentialConstraint': {
        const foreignKey = navigation && !navigation.foreignKey && bounded(name, attributes, 'Property')
        if (navigation && foreignKey) navigation.foreignKey = foreignKey
        return
      }
      case 'PropertyRef': {
        // PropertyRef only appears inside <Key>.
        const keyName = type && bounded(name, attributes, 'Name')
        if (type && keyName) type.key.push(keyName)
        return
      }
      case 'EntityType': {
        const baseType = bounded(name, attributes, 'BaseType')
        type = {
          name: bounded(name, attributes, 'Name') ?? '',
          abstract: attributes.Abstract === 'true',
          key: [],
          properties: [],
          navigation: [],
          ...(baseType ? { baseType: shortType(baseType) } : {}),
        }
        return
      }
      case 'Schema':
        // The Dataverse service has one schema; if there are more, the one with entity types wins.
        finishType()
        if (!sawSchema || Object.keys(entityTypes).length === 0) {
          namespace = bounded(name, attributes, 'Namespace') ?? ''
          alias = bounded(name, attributes, 'Alias') ?? null
        }
        sawSchema = true
        return
      case 'Function':
      case 'Action': {
        const operationName = bounded(name, attributes, 'Name')
        if (!operationName) return
        operation = {
          name: operationName,
          kind: name === 'Function' ? 'function' : 'action',
          bound: attributes.IsBound === 'true',
          parameters: [],
        }
        operations.push(operation)
        return
      }
      case 'Parameter': {
        const parameterName = operation && bounded(name, attributes, 'Name')
        if (operation && parameterName) {
          const parameterType = shortTypeDeep(bounded(name, attributes, 'Type') ?? '')
          // The first parameter of a bound operation is the binding parameter, not an argument.
          if (operation.bound && operation.bindingType === undefined) operation.bindingType = parameterType
          else
            operation.parameters.push({
              name: parameterName,
              type: parameterType,
              nullable: attributes.Nullable !== 'false',
            })
        }
        return
      }
      case 'ReturnType': {
        const returnType = operation && bounded(name, attributes, 'Type')
        if (operation && returnType) operation.returnType = shortTypeDeep(returnType)
        return
      }
      case 'EntitySet': {
        const setName = bounded(name, attributes, 'Name')
        const setType = bounded(name, attributes, 'EntityType')
        if (setName && setType) entitySets[setName] = shortType(setType)
        return
      }
      case 'FunctionImport':
      case 'ActionImport': {
        const importName = bounded(name, attributes, 'Name')
        if (importName) imports.push(importName)
        return
      }
      default:
        return
    }
  })

  let failure: Error | undefined
  // A name over the limit stops the parse at once: write() throws, so a stream stops downloading.
  let refused: CsdlFormatError | undefined
  parser.on('error', (error) => {
    failure ??= error
  })

  return {
    write(chunk) {
      if (failure) return
      if (refused) throw refused
      try {
        parser.write(chunk)
      } catch (error) {
        if (error instanceof CsdlFormatError) refused = error
        throw error
      }
    },
    end() {
      if (refused) throw refused
      if (!failure) parser.close()
      if (failure) throw new CsdlFormatError(`The $metadata document is not well-formed XML: ${failure.message}`)
      if (!sawSchema) throw new CsdlFormatError('The $metadata document has no <Schema> element: it is not OData CSDL.')
      finishType()
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
export async function indexCsdlStream(
  body: ReadableStream<Uint8Array>,
  signal?: AbortSignal,
): Promise<MetadataIndexData> {
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
