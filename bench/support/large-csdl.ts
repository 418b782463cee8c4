/**
 * A Dataverse-shaped CSDL of about 1,000 tables (≥ 10 MB) for the metadata benchmark: columns of
 * the usual types with descriptions, lookups with their `_x_value` columns and referential
 * constraints, one-to-many and many-to-one navigations, functions and actions. Deterministic.
 * (The emulator's generateLargeCsdl is the intended source once it is on main; this keeps B3
 * runnable without it and is shaped the same way.)
 */
export function buildLargeCsdl(tables = 1000): string {
  let seed = 42
  const random = () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff
    return seed / 0x7fffffff
  }
  const types = [
    'Edm.String',
    'Edm.Int32',
    'Edm.Decimal',
    'Edm.DateTimeOffset',
    'Edm.Boolean',
    'Edm.Guid',
    'Edm.Double',
    'Edm.Int64',
  ]
  const names = Array.from({ length: tables }, (_, i) => `new_table${String(i).padStart(4, '0')}`)
  const out: string[] = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">',
    '<edmx:DataServices>',
    '<Schema Namespace="Microsoft.Dynamics.CRM" Alias="mscrm" xmlns="http://docs.oasis-open.org/odata/ns/edm">',
    '<EntityType Name="crmbaseentity" Abstract="true"/>',
  ]
  names.forEach((name, i) => {
    out.push(`<EntityType Name="${name}" BaseType="mscrm.crmbaseentity"><Key><PropertyRef Name="${name}id"/></Key>`)
    out.push(
      `<Property Name="${name}id" Type="Edm.Guid" Nullable="false"><Annotation Term="Org.OData.Core.V1.Description" String="Unique identifier for entity instances"/></Property>`,
    )
    const columns = 40 + Math.floor(random() * 40)
    for (let c = 0; c < columns; c++) {
      const type = types[Math.floor(random() * types.length)] ?? 'Edm.String'
      out.push(
        `<Property Name="new_column${c}" Type="${type}"${type === 'Edm.String' ? ' Unicode="false"' : ''}>` +
          `<Annotation Term="Org.OData.Core.V1.Description" String="Describes column ${c} of ${name}, shown as a tooltip in forms."/>` +
          '<Annotation Term="Org.OData.Core.V1.Computed" Bool="false"/></Property>',
      )
    }
    const lookups = 3 + Math.floor(random() * 6)
    for (let l = 0; l < lookups; l++) {
      const target = names[Math.floor(random() * tables)] ?? name
      out.push(`<Property Name="_new_lookup${l}_value" Type="Edm.Guid"/>`)
      out.push(
        `<NavigationProperty Name="new_lookup${l}" Type="mscrm.${target}" Nullable="false" Partner="${name}_new_lookup${l}">` +
          `<ReferentialConstraint Property="_new_lookup${l}_value" ReferencedProperty="${target}id"/></NavigationProperty>`,
      )
    }
    for (let r = 0; r < 3; r++) {
      const source = names[(i + r + 1) % tables] ?? name
      out.push(
        `<NavigationProperty Name="${source}_new_lookup${r}_${name}" Type="Collection(mscrm.${source})" Partner="new_lookup${r}"/>`,
      )
    }
    out.push('</EntityType>')
  })
  for (let f = 0; f < 400; f++) {
    const bound = f % 2 === 0
    const kind = f % 3 === 0 ? 'Action' : 'Function'
    out.push(
      `<${kind} Name="new_Operation${f}"${bound ? ' IsBound="true"' : ''}>` +
        (bound ? `<Parameter Name="entity" Type="mscrm.${names[f % tables]}" Nullable="false"/>` : '') +
        '<Parameter Name="Input" Type="Edm.String"/><ReturnType Type="Edm.String"/>' +
        `</${kind}>`,
    )
  }
  out.push('<EntityContainer Name="System">')
  for (const name of names) out.push(`<EntitySet Name="${name}s" EntityType="Microsoft.Dynamics.CRM.${name}"/>`)
  out.push('<FunctionImport Name="WhoAmI" Function="Microsoft.Dynamics.CRM.WhoAmI"/>')
  out.push('</EntityContainer></Schema></edmx:DataServices></edmx:Edmx>')
  return out.join('\n')
}
