import { SaxesParser } from 'saxes'
import { describe, expect, it } from 'vitest'
import { generateCsdl, generateLargeCsdl } from '../../../../emulator/dataverse/csdl'
import { indexSchema, SCHEMA } from '../../../../emulator/dataverse/schema'

interface Element {
  readonly name: string
  readonly attributes: Record<string, string>
  readonly children: Element[]
}

function parse(xml: string): Element {
  const parser = new SaxesParser()
  const stack: Element[] = []
  let root: Element | undefined
  parser.on('opentag', (tag) => {
    const element: Element = { name: tag.name, attributes: tag.attributes as Record<string, string>, children: [] }
    stack[stack.length - 1]?.children.push(element)
    root ??= element
    stack.push(element)
  })
  parser.on('closetag', () => void stack.pop())
  parser.write(xml).close()
  if (!root) throw new Error('no root')
  return root
}

const find = (element: Element, name: string): Element[] => element.children.filter((c) => c.name === name)

describe('CSDL generated from the table definitions', () => {
  const root = parse(generateCsdl(SCHEMA))
  const schema = find(find(root, 'edmx:DataServices')[0] as Element, 'Schema')[0] as Element
  const entityTypes = new Map(find(schema, 'EntityType').map((e) => [e.attributes.Name, e]))
  const container = find(schema, 'EntityContainer')[0] as Element
  const index = indexSchema(SCHEMA)

  it('is an OData 4.0 EDMX document in the Microsoft.Dynamics.CRM namespace with the mscrm alias', () => {
    expect(root.name).toBe('edmx:Edmx')
    expect(root.attributes.Version).toBe('4.0')
    expect(schema.attributes).toMatchObject({ Namespace: 'Microsoft.Dynamics.CRM', Alias: 'mscrm' })
  })

  it('declares every table with exactly its columns (wire names), key and navigation properties', () => {
    for (const table of SCHEMA.tables) {
      const type = entityTypes.get(table.logicalName)
      expect(type, table.logicalName).toBeDefined()
      const properties = find(type as Element, 'Property').map((p) => p.attributes.Name)
      expect(properties).toEqual(table.columns.map((c) => c.wireName))
      expect(find(find(type as Element, 'Key')[0] as Element, 'PropertyRef')[0]?.attributes.Name).toBe(
        table.primaryIdAttribute,
      )
      const navigations = find(type as Element, 'NavigationProperty')
        .map((n) => n.attributes.Name)
        .sort()
      expect(navigations).toEqual(
        index
          .navigations(table)
          .map((n) => n.name)
          .sort(),
      )
    }
  })

  it('types columns as Dataverse does (lookups as Edm.Guid _x_value, date-only as Edm.Date, money as Edm.Decimal)', () => {
    const property = (table: string, name: string) =>
      find(entityTypes.get(table) as Element, 'Property').find((p) => p.attributes.Name === name)?.attributes.Type
    expect(property('contact', '_parentcustomerid_value')).toBe('Edm.Guid')
    expect(property('contact', 'birthdate')).toBe('Edm.Date')
    expect(property('contact', 'createdon')).toBe('Edm.DateTimeOffset')
    expect(property('account', 'revenue')).toBe('Edm.Decimal')
    expect(property('account', 'industrycode')).toBe('Edm.Int32')
    expect(property('account', 'donotemail')).toBe('Edm.Boolean')
    const lookup = find(entityTypes.get('contact') as Element, 'NavigationProperty').find(
      (n) => n.attributes.Name === 'parentcustomerid_account',
    )
    expect(lookup?.attributes.Type).toBe('mscrm.account')
    expect(find(lookup as Element, 'ReferentialConstraint')[0]?.attributes).toMatchObject({
      Property: '_parentcustomerid_value',
      ReferencedProperty: 'accountid',
    })
  })

  it('binds an entity set per table and imports WhoAmI and RetrieveVersion', () => {
    const sets = find(container, 'EntitySet').map((s) => s.attributes.Name)
    for (const table of SCHEMA.tables) expect(sets).toContain(table.entitySetName)
    expect(find(container, 'FunctionImport').map((f) => f.attributes.Name)).toEqual(
      expect.arrayContaining(['WhoAmI', 'RetrieveVersion']),
    )
    expect(find(schema, 'Function').map((f) => f.attributes.Name)).toEqual(
      expect.arrayContaining(['RetrieveUserPrivileges', 'LastXDays', 'Today']),
    )
  })
})

describe('generateLargeCsdl', () => {
  it('makes a well-formed CSDL over 10 MB for 1,000 tables, the same for the same seed', () => {
    const xml = generateLargeCsdl({ tables: 1000, seed: 7 })
    expect(xml.length).toBeGreaterThan(10 * 1024 * 1024)
    const root = parse(xml)
    const schema = find(find(root, 'edmx:DataServices')[0] as Element, 'Schema')[0] as Element
    const custom = find(schema, 'EntityType').filter((e) => e.attributes.Name?.startsWith('new_'))
    expect(custom).toHaveLength(1000)
    expect(generateLargeCsdl({ tables: 5, seed: 7 })).toBe(generateLargeCsdl({ tables: 5, seed: 7 }))
    expect(generateLargeCsdl({ tables: 5, seed: 7 })).not.toBe(generateLargeCsdl({ tables: 5, seed: 8 }))
  })
})
