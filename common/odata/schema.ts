/**
 * The least a validator needs to know about an environment's tables. The editor's metadata index
 * and the emulator's table definitions both implement it; `schemaFromTables` builds one from
 * plain data (tests, the sample environment).
 */

interface ChoiceOption {
  readonly value: number
  readonly label: string
}

export interface PropertyView {
  /** Logical name as used in URLs: `name`, `_parentaccountid_value`. */
  readonly name: string
  /** EDM type: `Edm.String`, `Edm.Int32`, `Edm.Guid`, `Edm.DateTimeOffset`, `Edm.Decimal`, … */
  readonly type: string
  /** True for `_<lookup>_value` columns (the id behind a lookup). */
  readonly isLookupValue?: boolean
  /** The values of a choice (option set) column. */
  readonly optionSet?: readonly ChoiceOption[]
}

export interface NavigationView {
  readonly name: string
  readonly target: EntityTypeView
  /** True for collection-valued (one-to-many, many-to-many) navigation properties. */
  readonly collection: boolean
}

export interface EntityTypeView {
  /** The entity type name, which in Dataverse is the table's logical name (`account`). */
  readonly name: string
  property(name: string): PropertyView | undefined
  navigation(name: string): NavigationView | undefined
  propertyNames(): readonly string[]
  navigationNames(): readonly string[]
}

export interface SchemaView {
  entitySet(name: string): EntityTypeView | undefined
  entitySetNames(): readonly string[]
  /** Unbound functions and actions (`WhoAmI`, `RetrieveVersion`…), when the source knows them. */
  functionNames?(): readonly string[]
}

export interface TableDefinition {
  readonly entitySetName: string
  readonly logicalName: string
  readonly properties: readonly PropertyView[]
  /** `target` is the logical name of the related table. */
  readonly navigations?: readonly { readonly name: string; readonly target: string; readonly collection: boolean }[]
}

/** A SchemaView over plain table definitions. Navigation targets resolve lazily, so cycles are fine. */
export function schemaFromTables(tables: readonly TableDefinition[], functions: readonly string[] = []): SchemaView {
  const byLogicalName = new Map<string, EntityTypeView>()
  const bySetName = new Map<string, EntityTypeView>()
  for (const table of tables) {
    const properties = new Map(table.properties.map((p) => [p.name, p]))
    const navigations = new Map((table.navigations ?? []).map((n) => [n.name, n]))
    const view: EntityTypeView = {
      name: table.logicalName,
      property: (name) => properties.get(name),
      navigation: (name) => {
        const nav = navigations.get(name)
        const target = nav && byLogicalName.get(nav.target)
        return nav && target ? { name: nav.name, target, collection: nav.collection } : undefined
      },
      propertyNames: () => [...properties.keys()],
      navigationNames: () => [...navigations.keys()].filter((n) => byLogicalName.has(navigations.get(n)?.target ?? '')),
    }
    byLogicalName.set(table.logicalName, view)
    bySetName.set(table.entitySetName, view)
  }
  return {
    entitySet: (name) => bySetName.get(name),
    entitySetNames: () => [...bySetName.keys()],
    functionNames: () => functions,
  }
}
