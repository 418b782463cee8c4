import type { EntityTypeView, SchemaView } from '../odata/schema'
import type { ChoiceOption, MetadataIndexData, OperationInfo, PackedEntityType, TableChoices } from './packed'

export interface PropertyInfo {
  readonly name: string
  /** `Edm.String`, `Edm.Guid`, `Collection(Edm.String)`, or an enum/complex type name. */
  readonly type: string
  readonly nullable: boolean
  /** A `_x_value` column: the id behind a single-valued lookup. */
  readonly isLookupValue: boolean
  /** For a lookup value: the navigation properties that use it and the tables they point to. */
  readonly lookupNavigations: readonly string[]
  readonly lookupTargets: readonly string[]
  /** Choice values, once they were loaded for this table (see MetadataIndex.attachChoices). */
  readonly optionSet?: readonly ChoiceOption[]
}

export interface NavigationInfo {
  readonly name: string
  readonly target: EntityTypeInfo
  readonly targetType: string
  readonly collection: boolean
  /** The `_x_value` column of a single-valued navigation, when the CSDL names it. */
  readonly foreignKey?: string
}

interface DecodedType {
  readonly properties: Map<string, PropertyInfo>
  readonly navigation: Map<string, { name: string; targetType: string; collection: boolean; foreignKey?: string }>
}

const LOOKUP_VALUE = /^_.+_value$/

function decodeOwn(packed: PackedEntityType): DecodedType {
  const navigation = new Map<string, { name: string; targetType: string; collection: boolean; foreignKey?: string }>()
  const byForeignKey = new Map<string, { navigations: string[]; targets: string[] }>()
  if (packed.navigation) {
    for (const line of packed.navigation.split('\n')) {
      const [name = '', targetType = '', cardinality, foreignKey] = line.split('\t')
      navigation.set(name, { name, targetType, collection: cardinality === '*', ...(foreignKey ? { foreignKey } : {}) })
      if (foreignKey) {
        const entry = byForeignKey.get(foreignKey) ?? { navigations: [], targets: [] }
        entry.navigations.push(name)
        if (!entry.targets.includes(targetType)) entry.targets.push(targetType)
        byForeignKey.set(foreignKey, entry)
      }
    }
  }
  const properties = new Map<string, PropertyInfo>()
  if (packed.properties) {
    for (const line of packed.properties.split('\n')) {
      const [name = '', type = '', flags = ''] = line.split('\t')
      const lookup = byForeignKey.get(name)
      properties.set(name, {
        name,
        type,
        nullable: flags.includes('n'),
        isLookupValue: lookup !== undefined || LOOKUP_VALUE.test(name),
        lookupNavigations: lookup?.navigations ?? [],
        lookupTargets: lookup?.targets ?? [],
      })
    }
  }
  return { properties, navigation }
}

/** One entity type, decoded on first use; inherited columns and navigations come from its base types. */
export class EntityTypeInfo implements EntityTypeView {
  readonly name: string
  readonly baseType: string | undefined
  readonly abstract: boolean
  private decoded: DecodedType | undefined
  private choices: TableChoices | undefined

  constructor(
    name: string,
    private readonly packed: PackedEntityType,
    private readonly index: MetadataIndex,
  ) {
    this.name = name
    this.baseType = packed.baseType
    this.abstract = packed.abstract ?? false
  }

  private own(): DecodedType {
    this.decoded ??= decodeOwn(this.packed)
    return this.decoded
  }

  private base(): EntityTypeInfo | undefined {
    return this.baseType === undefined ? undefined : this.index.entityType(this.baseType)
  }

  /** Key columns, from the nearest type in the chain that declares a key. */
  get key(): readonly string[] {
    return this.packed.key.length > 0 ? this.packed.key : (this.base()?.key ?? [])
  }

  property(name: string): PropertyInfo | undefined {
    const found = this.own().properties.get(name) ?? this.base()?.property(name)
    if (!found) return undefined
    const options = this.choices && Object.hasOwn(this.choices, name) ? this.choices[name] : undefined
    return options ? { ...found, optionSet: options } : found
  }

  navigation(name: string): NavigationInfo | undefined {
    const own = this.own().navigation.get(name)
    if (!own) return this.base()?.navigation(name)
    const target = this.index.entityType(own.targetType)
    return target ? { ...own, target } : undefined
  }

  propertyNames(): string[] {
    const inherited = this.base()?.propertyNames() ?? []
    return [...inherited, ...this.own().properties.keys()]
  }

  navigationNames(): string[] {
    const inherited = this.base()?.navigationNames() ?? []
    return [...inherited, ...this.own().navigation.keys()]
  }

  properties(): PropertyInfo[] {
    return this.propertyNames().flatMap((name) => {
      const info = this.property(name)
      return info ? [info] : []
    })
  }

  navigations(): NavigationInfo[] {
    return this.navigationNames().flatMap((name) => {
      const info = this.navigation(name)
      return info ? [info] : []
    })
  }

  /** Whether choice values were attached (they are loaded lazily, per table). */
  get hasChoices(): boolean {
    return this.choices !== undefined
  }

  attachChoices(choices: TableChoices): void {
    this.choices = choices
  }
}

/**
 * The metadata of one environment, built from `$metadata` by main and shared with the renderer as
 * MetadataIndexData. Lookups are cheap: entity types are decoded the first time they are asked for.
 */
export class MetadataIndex implements SchemaView {
  private readonly types = new Map<string, EntityTypeInfo>()
  private setByType: Map<string, string> | undefined

  constructor(readonly data: MetadataIndexData) {}

  /** Accepts `account`, `mscrm.account` and `Microsoft.Dynamics.CRM.account`. */
  private localName(typeName: string): string {
    const { namespace, alias } = this.data
    if (typeName.startsWith(namespace + '.')) return typeName.slice(namespace.length + 1)
    if (alias && typeName.startsWith(alias + '.')) return typeName.slice(alias.length + 1)
    return typeName
  }

  entityType(typeName: string): EntityTypeInfo | undefined {
    const name = this.localName(typeName)
    const cached = this.types.get(name)
    if (cached) return cached
    // Own keys only: a type named `constructor` or `toString` must not find Object.prototype's members.
    const packed = Object.hasOwn(this.data.entityTypes, name) ? this.data.entityTypes[name] : undefined
    if (!packed) return undefined
    const info = new EntityTypeInfo(name, packed, this)
    this.types.set(name, info)
    return info
  }

  entitySet(name: string): EntityTypeInfo | undefined {
    const typeName = Object.hasOwn(this.data.entitySets, name) ? this.data.entitySets[name] : undefined
    return typeName === undefined ? undefined : this.entityType(typeName)
  }

  entitySetNames(): string[] {
    return Object.keys(this.data.entitySets)
  }

  entityTypeNames(): string[] {
    return Object.keys(this.data.entityTypes)
  }

  /** The entity set that holds a type's rows (`account` → `accounts`), for "did you mean" and FetchXML. */
  entitySetOf(typeName: string): string | undefined {
    if (!this.setByType) {
      this.setByType = new Map()
      for (const [set, type] of Object.entries(this.data.entitySets)) {
        if (!this.setByType.has(type)) this.setByType.set(type, set)
      }
    }
    return this.setByType.get(this.localName(typeName))
  }

  operations(): readonly OperationInfo[] {
    return this.data.operations
  }

  /** Names callable at the root or bound to a record: used for completion and validation of segments. */
  functionNames(): string[] {
    return [...new Set([...this.data.imports, ...this.data.operations.map((operation) => operation.name)])]
  }

  attachChoices(typeName: string, choices: TableChoices): void {
    this.entityType(typeName)?.attachChoices(choices)
  }

  /** Totals for `dvw metadata` and the editor's status line. Walks every packed type: not for hot paths. */
  counts(): {
    entitySets: number
    entityTypes: number
    properties: number
    navigationProperties: number
    functions: number
    actions: number
  } {
    let properties = 0
    let navigationProperties = 0
    for (const packed of Object.values(this.data.entityTypes)) {
      if (packed.properties) properties += packed.properties.split('\n').length
      if (packed.navigation) navigationProperties += packed.navigation.split('\n').length
    }
    const functions = this.data.operations.filter((operation) => operation.kind === 'function').length
    return {
      entitySets: Object.keys(this.data.entitySets).length,
      entityTypes: Object.keys(this.data.entityTypes).length,
      properties,
      navigationProperties,
      functions,
      actions: this.data.operations.length - functions,
    }
  }
}
