/**
 * The EntityDefinitions routes an editor needs: tables (LogicalName, EntitySetName, primary
 * columns…), their Attributes, relationships and option-set values — built from the same table
 * definitions as the data and the CSDL. Metadata queries are not paged. `$filter` on metadata
 * supports what Dataverse supports there: eq/ne with and/or/not; functions such as startswith
 * are refused as Dataverse refuses them.
 */
import type { Expression, QueryOptions, ResourceSegment } from '@common/odata'
import { guidFor } from '../random'
import { CODES, fail, resourceNotFound } from './errors'
import { isChoiceType, type ColumnDef, type Schema, type SchemaIndex, type TableDef } from './schema'

type Json = Record<string, unknown>

const label = (text: string, seed: string): Json => {
  const localized = {
    Label: text,
    LanguageCode: 1033,
    IsManaged: true,
    MetadataId: guidFor(`label:${seed}`),
    HasChanged: null,
  }
  return { LocalizedLabels: [localized], UserLocalizedLabel: localized }
}

const ATTRIBUTE_TYPES: Readonly<Record<ColumnDef['type'], readonly [string, string, string]>> = {
  uniqueidentifier: ['Uniqueidentifier', 'UniqueidentifierType', 'UniqueIdentifierAttributeMetadata'],
  string: ['String', 'StringType', 'StringAttributeMetadata'],
  memo: ['Memo', 'MemoType', 'MemoAttributeMetadata'],
  integer: ['Integer', 'IntegerType', 'IntegerAttributeMetadata'],
  bigint: ['BigInt', 'BigIntType', 'BigIntAttributeMetadata'],
  decimal: ['Decimal', 'DecimalType', 'DecimalAttributeMetadata'],
  money: ['Money', 'MoneyType', 'MoneyAttributeMetadata'],
  datetime: ['DateTime', 'DateTimeType', 'DateTimeAttributeMetadata'],
  boolean: ['Boolean', 'BooleanType', 'BooleanAttributeMetadata'],
  picklist: ['Picklist', 'PicklistType', 'PicklistAttributeMetadata'],
  state: ['State', 'StateType', 'StateAttributeMetadata'],
  status: ['Status', 'StatusType', 'StatusAttributeMetadata'],
  lookup: ['Lookup', 'LookupType', 'LookupAttributeMetadata'],
  owner: ['Owner', 'OwnerType', 'LookupAttributeMetadata'],
  customer: ['Customer', 'CustomerType', 'LookupAttributeMetadata'],
}

function optionSet(table: TableDef, column: ColumnDef): Json {
  const seed = `${table.logicalName}.${column.logicalName}`
  if (column.type === 'boolean') {
    return {
      MetadataId: guidFor(`optionset:${seed}`),
      Name: `${table.logicalName}_${column.logicalName}`,
      IsGlobal: false,
      OptionSetType: 'Boolean',
      TrueOption: { Value: 1, Label: label('Yes', `${seed}:true`) },
      FalseOption: { Value: 0, Label: label('No', `${seed}:false`) },
    }
  }
  return {
    MetadataId: guidFor(`optionset:${seed}`),
    Name: `${table.logicalName}_${column.logicalName}`,
    IsGlobal: false,
    OptionSetType: column.type === 'picklist' ? 'Picklist' : column.type === 'state' ? 'State' : 'Status',
    Options: (column.options ?? []).map((option) => ({
      Value: option.value,
      Label: label(option.label, `${seed}:${option.value}`),
      Color: null,
    })),
  }
}

function attribute(table: TableDef, column: ColumnDef, index: number): Json {
  const [attributeType, typeName, odataType] = ATTRIBUTE_TYPES[column.type]
  const seed = `${table.logicalName}.${column.logicalName}`
  const required = column.isPrimaryId ? 'SystemRequired' : column.required ? 'ApplicationRequired' : 'None'
  return {
    '@odata.type': `#Microsoft.Dynamics.CRM.${odataType}`,
    MetadataId: guidFor(`attribute:${seed}`),
    LogicalName: column.logicalName,
    SchemaName: column.schemaName,
    EntityLogicalName: table.logicalName,
    AttributeType: attributeType,
    AttributeTypeName: { Value: typeName },
    AttributeOf: null,
    ColumnNumber: index + 1,
    DisplayName: label(column.displayName, `${seed}:display`),
    Description: label('', `${seed}:description`),
    IsPrimaryId: column.isPrimaryId === true,
    IsPrimaryName: column.isPrimaryName === true,
    IsCustomAttribute: table.isCustom || column.logicalName.startsWith('cr4f5_'),
    IsValidForRead: true,
    IsValidForCreate: !column.readOnly || column.isPrimaryId === true,
    IsValidForUpdate: !column.readOnly,
    IsValidODataAttribute: true,
    RequiredLevel: {
      Value: required,
      CanBeChanged: !column.isPrimaryId,
      ManagedPropertyLogicalName: 'canmodifyrequirementlevelsettings',
    },
    ...(column.maxLength !== undefined ? { MaxLength: column.maxLength } : {}),
    ...(column.format && column.type === 'string'
      ? {
          Format:
            column.format === 'text'
              ? 'Text'
              : column.format === 'email'
                ? 'Email'
                : column.format === 'url'
                  ? 'Url'
                  : 'Phone',
        }
      : {}),
    ...(column.type === 'datetime'
      ? {
          Format: column.format === 'dateonly' ? 'DateOnly' : 'DateAndTime',
          DateTimeBehavior: { Value: column.format === 'dateonly' ? 'DateOnly' : 'UserLocal' },
        }
      : {}),
    ...(column.precision !== undefined ? { Precision: column.precision } : {}),
    ...(column.targets ? { Targets: [...column.targets] } : {}),
  }
}

function relationshipsOf(
  table: TableDef,
  schema: Schema,
): { manyToOne: Json[]; oneToMany: Json[]; manyToMany: Json[] } {
  const one = (rel: Schema['oneToMany'][number]): Json => ({
    MetadataId: guidFor(`relationship:${rel.schemaName}`),
    SchemaName: rel.schemaName,
    RelationshipType: 'OneToManyRelationship',
    ReferencedEntity: rel.referencedTable,
    ReferencedAttribute: schema.tables.find((t) => t.logicalName === rel.referencedTable)?.primaryIdAttribute ?? '',
    ReferencingEntity: rel.referencingTable,
    ReferencingAttribute: rel.referencingAttribute,
    ReferencedEntityNavigationPropertyName: rel.referencedNavigation,
    ReferencingEntityNavigationPropertyName: rel.referencingNavigation,
    IsCustomRelationship: rel.schemaName.startsWith('cr4f5_'),
  })
  return {
    manyToOne: schema.oneToMany.filter((rel) => rel.referencingTable === table.logicalName).map(one),
    oneToMany: schema.oneToMany.filter((rel) => rel.referencedTable === table.logicalName).map(one),
    manyToMany: schema.manyToMany
      .filter((rel) => rel.table1 === table.logicalName || rel.table2 === table.logicalName)
      .map((rel) => ({
        MetadataId: guidFor(`relationship:${rel.schemaName}`),
        SchemaName: rel.schemaName,
        RelationshipType: 'ManyToManyRelationship',
        Entity1LogicalName: rel.table1,
        Entity2LogicalName: rel.table2,
        IntersectEntityName: rel.intersectEntity,
        Entity1NavigationPropertyName: rel.navigation,
        Entity2NavigationPropertyName: rel.navigation,
        IsCustomRelationship: false,
      })),
  }
}

interface EntityEntry {
  readonly table: TableDef
  readonly entity: Json
  readonly attributes: readonly Json[]
  readonly relationships: ReturnType<typeof relationshipsOf>
}

const cache = new WeakMap<Schema, EntityEntry[]>()

function entries(schema: Schema): EntityEntry[] {
  const known = cache.get(schema)
  if (known) return known
  const built = schema.tables.map((table) => ({
    table,
    entity: {
      MetadataId: guidFor(`entity:${table.logicalName}`),
      LogicalName: table.logicalName,
      SchemaName: table.schemaName,
      EntitySetName: table.entitySetName,
      LogicalCollectionName: table.entitySetName,
      CollectionSchemaName: `${table.schemaName}s`,
      PrimaryIdAttribute: table.primaryIdAttribute,
      PrimaryNameAttribute: table.primaryNameAttribute,
      ObjectTypeCode: table.objectTypeCode,
      OwnershipType: table.ownership,
      IsCustomEntity: table.isCustom,
      IsManaged: !table.isCustom,
      IsActivity: false,
      IsIntersect: false,
      IsValidForAdvancedFind: true,
      DisplayName: label(table.displayName, `${table.logicalName}:display`),
      DisplayCollectionName: label(table.displayCollectionName, `${table.logicalName}:collection`),
      Description: label(table.description, `${table.logicalName}:description`),
    },
    attributes: table.columns.map((column, i) => attribute(table, column, i)),
    relationships: relationshipsOf(table, schema),
  }))
  cache.set(schema, built)
  return built
}

// --- a tiny evaluator for metadata $filter ----------------------------------------------------

function metadataPredicate(expression: Expression | undefined): (item: Json) => boolean {
  if (!expression) return () => true
  const value = (e: Expression, item: Json): unknown => {
    if (e.kind === 'literal') return e.value
    if (e.kind === 'path') {
      let current: unknown = item
      for (const segment of e.segments)
        current = current && typeof current === 'object' ? (current as Json)[segment.name] : undefined
      if (current && typeof current === 'object' && 'Value' in (current as Json)) return (current as Json).Value
      return current
    }
    return fail(501, CODES.resourceNotFound, "This expression isn't supported for Metadata Entities.")
  }
  const test = (e: Expression, item: Json): boolean => {
    if (e.kind === 'unary' && e.operator === 'not') return !test(e.operand, item)
    if (e.kind === 'binary') {
      if (e.operator === 'and') return test(e.left, item) && test(e.right, item)
      if (e.operator === 'or') return test(e.left, item) || test(e.right, item)
      if (e.operator === 'eq' || e.operator === 'ne') {
        const a = value(e.left, item)
        const b = value(e.right, item)
        const equal = typeof a === 'string' && typeof b === 'string' ? a.toLowerCase() === b.toLowerCase() : a === b
        return e.operator === 'eq' ? equal : !equal
      }
    }
    if (e.kind === 'call')
      return fail(501, CODES.resourceNotFound, `The '${e.name.name}' function isn't supported for Metadata Entities.`)
    return fail(501, CODES.resourceNotFound, 'Only eq, ne, and, or and not are supported for Metadata Entities.')
  }
  return (item) => test(expression, item)
}

function pick(item: Json, select: QueryOptions['select']): Json {
  if (!select || select.some((s) => s.kind === 'star')) return item
  const out: Json = {}
  if (item['@odata.type']) out['@odata.type'] = item['@odata.type']
  for (const s of select) {
    const name = s.path[0]?.name ?? ''
    if (!(name in item))
      fail(
        400,
        CODES.odataError,
        `Could not find a property named '${name}' on type 'Microsoft.Dynamics.CRM.EntityMetadata'.`,
      )
    out[name] = item[name]
  }
  out.MetadataId = item.MetadataId
  return out
}

/** EntityKeyMetadata for the table's alternate keys (the `Keys` navigation of EntityMetadata). */
function keysOf(table: TableDef): Json[] {
  return (table.alternateKeys ?? []).map((key) => ({
    MetadataId: guidFor(`key:${table.logicalName}:${key.schemaName}`),
    LogicalName: key.schemaName.toLowerCase(),
    SchemaName: key.schemaName,
    DisplayName: label(key.displayName, `${table.logicalName}:key:${key.schemaName}`),
    EntityLogicalName: table.logicalName,
    KeyAttributes: [...key.attributes],
    EntityKeyIndexStatus: 'Active',
    IsManaged: false,
    IsCustomizable: { Value: true, CanBeChanged: true, ManagedPropertyLogicalName: 'iscustomizable' },
  }))
}

const EXPANDABLE = [
  'Attributes',
  'Keys',
  'ManyToOneRelationships',
  'OneToManyRelationships',
  'ManyToManyRelationships',
] as const

function entityWithExpands(entry: EntityEntry, options: QueryOptions): Json {
  const out = pick(entry.entity, options.select)
  for (const expand of options.expand ?? []) {
    const name = expand.path[0]?.name ?? ''
    const list =
      name === 'Attributes'
        ? entry.attributes
        : name === 'Keys'
          ? keysOf(entry.table)
          : name === 'ManyToOneRelationships'
            ? entry.relationships.manyToOne
            : name === 'OneToManyRelationships'
              ? entry.relationships.oneToMany
              : name === 'ManyToManyRelationships'
                ? entry.relationships.manyToMany
                : fail(
                    400,
                    CODES.odataError,
                    `Could not find a property named '${name}' on type 'Microsoft.Dynamics.CRM.EntityMetadata'. Expandable: ${EXPANDABLE.join(', ')}.`,
                  )
    const keep = metadataPredicate(expand.options.filter)
    out[name] = list.filter(keep).map((item) => pick(item, expand.options.select))
  }
  return out
}

/** Routes `EntityDefinitions…` requests. `segments[0]` is EntityDefinitions. */
export function entityDefinitions(
  segments: readonly ResourceSegment[],
  options: QueryOptions,
  schema: Schema,
  index: SchemaIndex,
  apiBase: string,
): Json {
  const all = entries(schema)
  const head = segments[0] as ResourceSegment
  const context = `${apiBase}/$metadata#EntityDefinitions`
  if (!head.key) {
    if (segments.length > 1) return resourceNotFound(segments[1]?.name.name ?? '')
    const keep = metadataPredicate(options.filter)
    const select = options.select ? `(${options.select.map((s) => s.path.map((p) => p.name).join('/')).join(',')})` : ''
    return {
      '@odata.context': `${context}${select}`,
      value: all.filter((entry) => keep(entry.entity)).map((entry) => entityWithExpands(entry, options)),
    }
  }
  const entry = findEntry(all, head)
  if (segments.length === 1) return { '@odata.context': `${context}/$entity`, ...entityWithExpands(entry, options) }
  const second = segments[1] as ResourceSegment
  if (second.name.name !== 'Attributes') {
    const lists: Readonly<Record<string, readonly Json[]>> = {
      ManyToOneRelationships: entry.relationships.manyToOne,
      OneToManyRelationships: entry.relationships.oneToMany,
      ManyToManyRelationships: entry.relationships.manyToMany,
      Keys: keysOf(entry.table),
    }
    const list = lists[second.name.name]
    if (!list || segments.length > 2) return resourceNotFound(second.name.name)
    const keepRelationship = metadataPredicate(options.filter)
    return {
      '@odata.context': `${context}('${entry.table.logicalName}')/${second.name.name}`,
      value: list.filter(keepRelationship).map((item) => pick(item, options.select)),
    }
  }
  // .../Attributes, .../Attributes(LogicalName='x'), optionally cast: /Microsoft.Dynamics.CRM.PicklistAttributeMetadata
  let attributes = entry.attributes
  if (second.key) attributes = [findAttribute(entry, second)]
  const cast = segments[2]?.name.name
  if (cast) {
    const typeName = cast.replace(/^(Microsoft\.Dynamics\.CRM|mscrm)\./, '')
    attributes = attributes.filter((a) => a['@odata.type'] === `#Microsoft.Dynamics.CRM.${typeName}`)
    if (second.key && attributes.length === 0) return resourceNotFound(cast)
  }
  if (segments.length > (cast ? 3 : 2)) return resourceNotFound(segments[cast ? 3 : 2]?.name.name ?? '')
  const keep = metadataPredicate(options.filter)
  const withOptionSets = (attr: Json): Json => {
    const out = pick(attr, options.select)
    for (const expand of options.expand ?? []) {
      const name = expand.path[0]?.name
      if (name !== 'OptionSet' && name !== 'GlobalOptionSet')
        fail(
          400,
          CODES.odataError,
          `Could not find a property named '${name ?? ''}' on type 'Microsoft.Dynamics.CRM.AttributeMetadata'.`,
        )
      const column = index.columnByLogicalName(entry.table, attr.LogicalName as string)
      out[name as string] =
        column && (isChoiceType(column.type) || column.type === 'boolean')
          ? pick(optionSet(entry.table, column), expand.options.select)
          : null
    }
    return out
  }
  const result = attributes.filter(keep).map(withOptionSets)
  if (second.key)
    return { '@odata.context': `${context}('${entry.table.logicalName}')/Attributes/$entity`, ...result[0] }
  return {
    '@odata.context': `${context}('${entry.table.logicalName}')/Attributes${cast ? `/${cast}` : ''}`,
    value: result,
  }
}

function keyText(segment: ResourceSegment, name: string): string | undefined {
  const key = segment.key
  if (!key) return undefined
  if (key.kind === 'single') return String(key.value.value)
  const value = key.values.find((v) => v.name.name === name)
  return value ? String(value.value.value) : undefined
}

function findEntry(all: readonly EntityEntry[], segment: ResourceSegment): EntityEntry {
  const byName = keyText(segment, 'LogicalName')
  const byId =
    segment.key?.kind === 'single'
      ? String(segment.key.value.value).toLowerCase()
      : keyText(segment, 'MetadataId')?.toLowerCase()
  const found = all.find((entry) =>
    byName !== undefined && segment.key?.kind === 'named'
      ? entry.table.logicalName === byName
      : entry.entity.MetadataId === byId,
  )
  if (!found) {
    return fail(
      404,
      CODES.recordNotFound,
      `Could not find entity with ${byName !== undefined && segment.key?.kind === 'named' ? `LogicalName = ${byName}` : `MetadataId = ${byId ?? ''}`}.`,
    )
  }
  return found
}

function findAttribute(entry: EntityEntry, segment: ResourceSegment): Json {
  const byName = segment.key?.kind === 'named' ? keyText(segment, 'LogicalName') : undefined
  const byId = segment.key?.kind === 'single' ? String(segment.key.value.value).toLowerCase() : undefined
  const found = entry.attributes.find((a) => (byName !== undefined ? a.LogicalName === byName : a.MetadataId === byId))
  if (!found)
    return fail(
      404,
      CODES.recordNotFound,
      `Could not find attribute ${byName ?? byId ?? ''} on entity ${entry.table.logicalName}.`,
    )
  return found
}
