/**
 * `$metadata` (CSDL XML) generated from the table definitions, so metadata and data never
 * disagree. `generateLargeCsdl` synthesises a big schema (about 1,000 tables, > 10 MB) with the
 * same generator, for benchmarks of metadata parsing.
 */
import { createRandom } from '../random'
import { edmType } from './filter'
import { indexSchema, type ColumnDef, type Schema, type TableDef } from './schema'

const NS = 'Microsoft.Dynamics.CRM'

const escape = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')

function propertyXml(column: ColumnDef, key: boolean): string {
  const type = edmType(column)
  const facets =
    type === 'Edm.String'
      ? ' Unicode="false"'
      : type === 'Edm.Decimal'
        ? ' Scale="Variable"'
        : key
          ? ' Nullable="false"'
          : ''
  return `<Property Name="${column.wireName}" Type="${type}"${facets}/>`
}

/** Query functions the emulator evaluates; declared so editors can offer them. */
const QUERY_FUNCTIONS: readonly [string, 'none' | 'value' | 'values'][] = [
  ['Today', 'none'],
  ['Yesterday', 'none'],
  ['Tomorrow', 'none'],
  ['Last7Days', 'none'],
  ['Next7Days', 'none'],
  ['LastWeek', 'none'],
  ['ThisWeek', 'none'],
  ['NextWeek', 'none'],
  ['LastMonth', 'none'],
  ['ThisMonth', 'none'],
  ['NextMonth', 'none'],
  ['LastYear', 'none'],
  ['ThisYear', 'none'],
  ['NextYear', 'none'],
  ['LastXHours', 'value'],
  ['NextXHours', 'value'],
  ['LastXDays', 'value'],
  ['NextXDays', 'value'],
  ['LastXWeeks', 'value'],
  ['NextXWeeks', 'value'],
  ['LastXMonths', 'value'],
  ['NextXMonths', 'value'],
  ['LastXYears', 'value'],
  ['NextXYears', 'value'],
  ['OlderThanXMinutes', 'value'],
  ['OlderThanXHours', 'value'],
  ['OlderThanXDays', 'value'],
  ['OlderThanXWeeks', 'value'],
  ['OlderThanXMonths', 'value'],
  ['OlderThanXYears', 'value'],
  ['On', 'value'],
  ['OnOrAfter', 'value'],
  ['OnOrBefore', 'value'],
  ['In', 'values'],
  ['NotIn', 'values'],
  ['Between', 'values'],
  ['NotBetween', 'values'],
  ['EqualUserId', 'none'],
  ['NotEqualUserId', 'none'],
  ['EqualBusinessId', 'none'],
  ['NotEqualBusinessId', 'none'],
  ['EqualUserTeams', 'none'],
  ['EqualUserOrUserTeams', 'none'],
]

const FIXED_TYPES = `<EntityType Name="crmbaseentity" Abstract="true"/>
<EntityType Name="principal" BaseType="mscrm.crmbaseentity" Abstract="true"/>
<EnumType Name="PrivilegeDepth"><Member Name="Basic" Value="0"/><Member Name="Local" Value="1"/><Member Name="Deep" Value="2"/><Member Name="Global" Value="3"/></EnumType>
<ComplexType Name="WhoAmIResponse"><Property Name="BusinessUnitId" Type="Edm.Guid" Nullable="false"/><Property Name="UserId" Type="Edm.Guid" Nullable="false"/><Property Name="OrganizationId" Type="Edm.Guid" Nullable="false"/></ComplexType>
<ComplexType Name="RetrieveVersionResponse"><Property Name="Version" Type="Edm.String" Unicode="false"/></ComplexType>
<ComplexType Name="RolePrivilege"><Property Name="Depth" Type="mscrm.PrivilegeDepth" Nullable="false"/><Property Name="PrivilegeId" Type="Edm.Guid" Nullable="false"/><Property Name="BusinessUnitId" Type="Edm.Guid" Nullable="false"/><Property Name="PrivilegeName" Type="Edm.String" Unicode="false"/></ComplexType>
<ComplexType Name="RetrieveUserPrivilegesResponse"><Property Name="RolePrivileges" Type="Collection(mscrm.RolePrivilege)"/></ComplexType>
<ComplexType Name="EntityRecordCountCollection"><Property Name="Count" Type="Edm.Int32" Nullable="false"/><Property Name="IsReadOnly" Type="Edm.Boolean" Nullable="false"/><Property Name="Keys" Type="Collection(Edm.String)"/><Property Name="Values" Type="Collection(Edm.Int64)"/></ComplexType>
<ComplexType Name="RetrieveTotalRecordCountResponse"><Property Name="EntityRecordCountCollection" Type="mscrm.EntityRecordCountCollection"/></ComplexType>
<EntityType Name="EntityMetadata"><Key><PropertyRef Name="MetadataId"/></Key><Property Name="MetadataId" Type="Edm.Guid" Nullable="false"/><Property Name="LogicalName" Type="Edm.String" Unicode="false"/><Property Name="SchemaName" Type="Edm.String" Unicode="false"/><Property Name="EntitySetName" Type="Edm.String" Unicode="false"/><Property Name="PrimaryIdAttribute" Type="Edm.String" Unicode="false"/><Property Name="PrimaryNameAttribute" Type="Edm.String" Unicode="false"/><Property Name="ObjectTypeCode" Type="Edm.Int32"/><Property Name="IsCustomEntity" Type="Edm.Boolean"/><NavigationProperty Name="Attributes" Type="Collection(mscrm.AttributeMetadata)"/></EntityType>
<EntityType Name="AttributeMetadata"><Key><PropertyRef Name="MetadataId"/></Key><Property Name="MetadataId" Type="Edm.Guid" Nullable="false"/><Property Name="LogicalName" Type="Edm.String" Unicode="false"/><Property Name="SchemaName" Type="Edm.String" Unicode="false"/><Property Name="AttributeType" Type="Edm.String" Unicode="false"/><Property Name="EntityLogicalName" Type="Edm.String" Unicode="false"/><Property Name="IsPrimaryId" Type="Edm.Boolean"/><Property Name="IsPrimaryName" Type="Edm.Boolean"/></EntityType>
<Function Name="WhoAmI"><ReturnType Type="mscrm.WhoAmIResponse" Nullable="false"/></Function>
<Function Name="RetrieveVersion"><ReturnType Type="mscrm.RetrieveVersionResponse" Nullable="false"/></Function>
<Function Name="RetrieveTotalRecordCount"><Parameter Name="EntityNames" Type="Collection(Edm.String)" Nullable="false" Unicode="false"/><ReturnType Type="mscrm.RetrieveTotalRecordCountResponse" Nullable="false"/></Function>
<Function Name="RetrieveUserPrivileges" IsBound="true"><Parameter Name="entity" Type="mscrm.systemuser" Nullable="false"/><ReturnType Type="mscrm.RetrieveUserPrivilegesResponse" Nullable="false"/></Function>
${QUERY_FUNCTIONS.map(
  ([name, kind]) =>
    `<Function Name="${name}"><Parameter Name="PropertyName" Type="Edm.String" Nullable="false" Unicode="false"/>${
      kind === 'value'
        ? '<Parameter Name="PropertyValue" Type="Edm.String" Nullable="false" Unicode="false"/>'
        : kind === 'values'
          ? '<Parameter Name="PropertyValues" Type="Collection(Edm.String)" Nullable="false" Unicode="false"/>'
          : ''
    }<ReturnType Type="Edm.Boolean" Nullable="false"/></Function>`,
).join('\n')}`

export function generateCsdl(schema: Schema): string {
  const index = indexSchema(schema)
  const out: string[] = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">',
    '<edmx:Reference Uri="http://vocabularies.odata.org/OData.Community.Keys.V1.xml"><edmx:Include Namespace="OData.Community.Keys.V1" Alias="Keys"/><edmx:IncludeAnnotations TermNamespace="OData.Community.Keys.V1"/></edmx:Reference>',
    '<edmx:Reference Uri="http://vocabularies.odata.org/OData.Community.Display.V1.xml"><edmx:Include Namespace="OData.Community.Display.V1" Alias="Display"/><edmx:IncludeAnnotations TermNamespace="OData.Community.Display.V1"/></edmx:Reference>',
    '<edmx:DataServices>',
    `<Schema Namespace="${NS}" Alias="mscrm" xmlns="http://docs.oasis-open.org/odata/ns/edm">`,
    FIXED_TYPES,
  ]
  for (const table of schema.tables) out.push(entityTypeXml(table, index))
  out.push('<EntityContainer Name="System">')
  for (const table of schema.tables) {
    const bindings = index
      .navigations(table)
      .map((nav) => {
        const target = index.table(nav.target)
        return target ? `<NavigationPropertyBinding Path="${nav.name}" Target="${target.entitySetName}"/>` : ''
      })
      .join('')
    out.push(`<EntitySet Name="${table.entitySetName}" EntityType="${NS}.${table.logicalName}">${bindings}</EntitySet>`)
  }
  out.push(`<EntitySet Name="EntityDefinitions" EntityType="${NS}.EntityMetadata"/>`)
  out.push(`<FunctionImport Name="WhoAmI" Function="${NS}.WhoAmI"/>`)
  out.push(`<FunctionImport Name="RetrieveVersion" Function="${NS}.RetrieveVersion"/>`)
  out.push(`<FunctionImport Name="RetrieveTotalRecordCount" Function="${NS}.RetrieveTotalRecordCount"/>`)
  out.push('</EntityContainer>')
  for (const table of schema.tables) {
    out.push(
      `<Annotations Target="mscrm.${table.logicalName}"><Annotation Term="Org.OData.Core.V1.Description" String="${escape(table.description)}"/></Annotations>`,
    )
  }
  out.push('</Schema>', '</edmx:DataServices>', '</edmx:Edmx>')
  return out.join('\n')
}

function entityTypeXml(table: TableDef, index: ReturnType<typeof indexSchema>): string {
  const base = table.baseType ?? 'crmbaseentity'
  const parts = [
    `<EntityType Name="${table.logicalName}" BaseType="mscrm.${base}">`,
    `<Key><PropertyRef Name="${table.primaryIdAttribute}"/></Key>`,
  ]
  for (const column of table.columns) parts.push(propertyXml(column, column.isPrimaryId === true))
  for (const nav of index.navigations(table)) {
    if (nav.kind === 'single') {
      const target = nav.column.type === 'owner' ? 'principal' : nav.target
      const referenced = index.table(nav.target)?.primaryIdAttribute ?? ''
      const partner = nav.column.type === 'owner' ? '' : ` Partner="${nav.relationship.referencedNavigation}"`
      parts.push(
        `<NavigationProperty Name="${nav.name}" Type="mscrm.${target}" Nullable="false"${partner}><ReferentialConstraint Property="${nav.column.wireName}" ReferencedProperty="${nav.column.type === 'owner' ? 'ownerid' : referenced}"/></NavigationProperty>`,
      )
    } else {
      const partner = nav.kind === 'collection' ? nav.relationship.referencingNavigation : nav.name
      parts.push(`<NavigationProperty Name="${nav.name}" Type="Collection(mscrm.${nav.target})" Partner="${partner}"/>`)
    }
  }
  if (table.alternateKeys?.length) parts.push(alternateKeysXml(table))
  parts.push('</EntityType>')
  return parts.join('')
}

/** The annotation Dataverse puts in an entity type that has alternate keys (web-api-entitytypes.md, "Alternate Keys"). */
function alternateKeysXml(table: TableDef): string {
  const records = (table.alternateKeys ?? []).map(
    (key) =>
      `<Record Type="OData.Community.Keys.V1.AlternateKey"><PropertyValue Property="Key"><Collection>${key.attributes
        .map(
          (name) =>
            `<Record Type="OData.Community.Keys.V1.PropertyRef"><PropertyValue Property="Alias" String="${name}"/><PropertyValue Property="Name" PropertyPath="${name}"/></Record>`,
        )
        .join('')}</Collection></PropertyValue></Record>`,
  )
  return `<Annotation Term="OData.Community.Keys.V1.AlternateKeys"><Collection>${records.join('')}</Collection></Annotation>`
}

let cached: { schema: Schema; xml: string } | undefined

/** The CSDL of a schema, generated once per schema object. */
export function csdlFor(schema: Schema): string {
  if (cached?.schema !== schema) cached = { schema, xml: generateCsdl(schema) }
  return cached.xml
}

// --- a large synthetic schema --------------------------------------------------------------

const WORDS = [
  'asset',
  'audit',
  'budget',
  'campaign',
  'case',
  'claim',
  'contract',
  'delivery',
  'device',
  'event',
  'grant',
  'invoice',
  'lease',
  'license',
  'location',
  'meter',
  'order',
  'payment',
  'permit',
  'policy',
  'product',
  'quote',
  'request',
  'resource',
  'route',
  'sample',
  'shipment',
  'site',
  'survey',
  'task',
  'ticket',
  'visit',
  'warranty',
  'work',
]
const KINDS = [
  'string',
  'string',
  'string',
  'memo',
  'integer',
  'decimal',
  'money',
  'datetime',
  'boolean',
  'picklist',
] as const

/**
 * A schema of `tables` synthetic custom tables (about 100 columns and 12 lookups each) whose CSDL
 * is over 10 MB at 1,000 tables. The tables need no data.
 */
export function generateLargeSchema(options: { readonly tables: number; readonly seed?: string | number }): Schema {
  const random = createRandom(`large-csdl:${options.seed ?? 'dataverse-workbench'}`)
  const tables: TableDef[] = []
  const oneToMany: Schema['oneToMany'][number][] = []
  for (let t = 0; t < options.tables; t++) {
    const word = `${random.pick(WORDS)}${t}`
    const logicalName = `new_${word}`
    const columns: ColumnDef[] = [
      {
        logicalName: `${logicalName}id`,
        schemaName: `new_${word}Id`,
        displayName: word,
        type: 'uniqueidentifier',
        wireName: `${logicalName}id`,
        isPrimaryId: true,
      },
      {
        logicalName: 'new_name',
        schemaName: 'new_Name',
        displayName: 'Name',
        type: 'string',
        wireName: 'new_name',
        isPrimaryName: true,
        maxLength: 100,
      },
    ]
    for (let c = 0; c < 100; c++) {
      const type = random.pick(KINDS)
      const name = `new_${random.pick(WORDS)}${type}${c}`
      columns.push({
        logicalName: name,
        schemaName: name,
        displayName: name,
        type,
        wireName: name,
        ...(type === 'picklist'
          ? {
              options: [
                { value: 100000000, label: 'One' },
                { value: 100000001, label: 'Two' },
              ],
            }
          : {}),
      })
    }
    for (let l = 0; l < 12 && t > 0; l++) {
      const target = tables[random.int(0, t - 1)] as TableDef
      const name = `new_${target.logicalName.slice(4)}ref${l}`
      columns.push({
        logicalName: name,
        schemaName: name,
        displayName: name,
        type: 'lookup',
        wireName: `_${name}_value`,
        targets: [target.logicalName],
      })
      oneToMany.push({
        schemaName: `new_${target.logicalName}_${logicalName}_${name}`,
        referencedTable: target.logicalName,
        referencingTable: logicalName,
        referencingAttribute: name,
        referencingNavigation: name,
        referencedNavigation: `new_${target.logicalName}_${logicalName}_${name}`,
      })
    }
    tables.push({
      logicalName,
      schemaName: `new_${word}`,
      entitySetName: `${logicalName}s`,
      displayName: word,
      displayCollectionName: `${word}s`,
      objectTypeCode: 20000 + t,
      primaryIdAttribute: `${logicalName}id`,
      primaryNameAttribute: 'new_name',
      ownership: 'OrganizationOwned',
      isCustom: true,
      privilegeName: `new_${word}`,
      description: `Synthetic table ${t} for metadata benchmarks.`,
      columns,
    })
  }
  return { tables, oneToMany, manyToMany: [] }
}

export function generateLargeCsdl(options: { readonly tables: number; readonly seed?: string | number }): string {
  return generateCsdl(generateLargeSchema(options))
}
