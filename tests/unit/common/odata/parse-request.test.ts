import { describe, expect, it } from 'vitest'
import type { ODataRequest, QueryOptions } from '@common/odata/ast'
import { parseExpand, parseOrderBy, parseQueryOptions, parseRequest, parseSelect } from '@common/odata'
import { sexpr } from './sexpr'

function request(text: string): ODataRequest {
  const result = parseRequest(text)
  if (!result.ok) throw new Error(`${text}: ${result.error.message} at ${result.error.offset}`)
  return result.value
}

function options(text: string): QueryOptions {
  const result = parseQueryOptions(text)
  if (!result.ok) throw new Error(`${text}: ${result.error.message} at ${result.error.offset}`)
  return result.value
}

const segmentNames = (r: ODataRequest) => r.segments.map((s) => s.name.name)

describe('parseRequest: resource paths', () => {
  it.each([
    ['accounts', ['accounts']],
    ['/accounts', ['accounts']],
    ['api/data/v9.2/accounts', ['accounts']],
    ['/api/data/v9.0/accounts', ['accounts']],
    ['https://contoso.crm.dynamics.com/api/data/v9.2/accounts?$top=1', ['accounts']],
    ['http://localhost:5555/api/data/v9.2/WhoAmI', ['WhoAmI']],
    ['WhoAmI', ['WhoAmI']],
    ['$metadata', ['$metadata']],
    ['accounts/$count', ['accounts', '$count']],
    [
      'accounts(00000000-0000-0000-0000-000000000001)/contact_customer_accounts',
      ['accounts', 'contact_customer_accounts'],
    ],
    ["EntityDefinitions(LogicalName='account')/Attributes", ['EntityDefinitions', 'Attributes']],
    [
      'systemusers(00000000-0000-0000-0000-000000000001)/Microsoft.Dynamics.CRM.RetrieveUserPrivileges()',
      ['systemusers', 'Microsoft.Dynamics.CRM.RetrieveUserPrivileges'],
    ],
  ])('%s', (text, names) => {
    expect(segmentNames(request(text))).toEqual(names)
  })

  it('reads a guid key, an alternate key and a named key', () => {
    expect(request('accounts(00000000-0000-0000-0000-000000000001)').segments[0]?.key).toMatchObject({
      kind: 'single',
      value: { type: 'guid', value: '00000000-0000-0000-0000-000000000001' },
    })
    expect(request("contacts(emailaddress1='a@b.com')").segments[0]?.key).toMatchObject({
      kind: 'named',
      values: [{ name: { name: 'emailaddress1' }, value: { type: 'string', value: 'a@b.com' } }],
    })
    expect(request("accounts(accountnumber='A1',name='B')").segments[0]?.key).toMatchObject({
      kind: 'named',
      values: [{ name: { name: 'accountnumber' } }, { name: { name: 'name' } }],
    })
  })

  it('reads function calls: empty parentheses, qualified names, and non-literal arguments', () => {
    expect(request('WhoAmI()').segments[0]).toMatchObject({ call: [] })
    expect(request('RetrieveVersion()').segments[0]).toMatchObject({ call: [] })
    expect(request('WhoAmI').segments[0]?.call).toBeUndefined()
    const count = request("RetrieveTotalRecordCount(EntityNames=['account','contact'])").segments[0]
    expect(count?.key).toBeUndefined()
    expect(count?.call?.[0]?.name?.name).toBe('EntityNames')
    expect(count?.call?.[0]?.value.kind).toBe('list')
    const qualified = request(
      "accounts(00000000-0000-0000-0000-000000000001)/Microsoft.Dynamics.CRM.CalculateRollupField(FieldName='x')",
    ).segments[1]
    expect(qualified?.call?.[0]?.name?.name).toBe('FieldName')
  })

  it('records spans of segments and keys against the original text', () => {
    const r = request('/api/data/v9.2/accounts(00000000-0000-0000-0000-000000000001)/contact_customer_accounts')
    expect(r.segments[0]?.name.span).toEqual({ start: 15, end: 23 })
    expect(r.segments[0]?.span).toEqual({ start: 15, end: 61 })
    expect(r.segments[1]?.name.span).toEqual({ start: 62, end: 87 })
    expect(r.span).toEqual({ start: 15, end: 87 })
  })

  it('accepts the query on following lines, with or without ? and &', () => {
    for (const text of [
      'accounts\n$select=name\n$top=2',
      'accounts\n?$select=name\n&$top=2',
      'accounts?\n  $select=name\n  $top=2',
      'accounts?$select=name&$top=2',
    ]) {
      const r = request(text)
      expect(
        r.options.select?.map((s) => s.path[0]?.name),
        text,
      ).toEqual(['name'])
      expect(r.options.top, text).toBe(2)
    }
  })

  it('skips comment lines', () => {
    const r = request('accounts\n// only active ones\n$filter=statecode eq 0\n# newest first\n$orderby=createdon desc')
    expect(r.options.filter && sexpr(r.options.filter)).toBe('(eq statecode integer:0)')
    expect(r.options.orderby?.[0]?.direction).toBe('desc')
  })

  it.each([
    ['', 'Expected a table (entity set) name such as accounts', 0, ['entitySet']],
    ['accounts/', 'Expected a navigation property, a function or $count after /', 9, ['segment']],
    ['accounts(', 'Expected a column, a value or a function here', 9, [')']],
    ["accounts('a'", 'Expected a comma or ) to close the parenthesis opened at character 9', 12, [',', ')']],
    ['accounts x', "Expected / or ? after 'accounts'", 9, ['?']],
    ['accounts/$count/name', 'Nothing can follow $count in the path', 15, []],
    [
      'accounts(00000000-0000-0000-0000-000000000001)/contact_customer_accounts/$ref/x',
      'Nothing can follow $ref in the path',
      77,
      [],
    ],
    ['accounts(name=other)', "A key or parameter value must be a value such as 1 or 'text'", 14, []],
  ])('reports %j', (text, message, offset, expected) => {
    const result = parseRequest(text)
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.error.message).toContain(message)
    expect(result.error.offset).toBe(offset)
    expect(result.error.expected).toEqual(expect.arrayContaining(expected))
  })
})

describe('parseQueryOptions', () => {
  it('reads every system option', () => {
    const o = options(
      "$select=name,accountid,*&$filter=name eq 'x'&$orderby=name desc,createdon&$expand=primarycontactid($select=fullname)&$top=5&$skip=10&$count=true&$search=blue&$apply=groupby((name))&$skiptoken=abc&$deltatoken=919042",
    )
    expect(o.select?.map((s) => (s.kind === 'star' ? '*' : s.path.map((p) => p.name).join('/')))).toEqual([
      'name',
      'accountid',
      '*',
    ])
    expect(o.filter && sexpr(o.filter)).toBe("(eq name 'x')")
    expect(
      o.orderby?.map((i) => [i.expression.kind === 'path' && i.expression.segments[0]?.name, i.direction]),
    ).toEqual([
      ['name', 'desc'],
      ['createdon', 'asc'],
    ])
    expect(o.expand?.[0]?.path[0]?.name).toBe('primarycontactid')
    expect(o).toMatchObject({
      top: 5,
      skip: 10,
      count: true,
      search: 'blue',
      apply: 'groupby((name))',
      skiptoken: 'abc',
      deltatoken: '919042',
    })
  })

  it('treats $-option names case-insensitively and records spans keyed by the lower-case name', () => {
    const o = options('$SELECT=name&$Top=3')
    expect(o.top).toBe(3)
    expect(o.spans.select).toEqual({ name: { start: 0, end: 7 }, value: { start: 8, end: 12 } })
    expect(o.spans.top).toEqual({ name: { start: 13, end: 17 }, value: { start: 18, end: 19 } })
  })

  it('keeps fetchXml (any case) and custom options as text', () => {
    const o = options(
      "fetchXml=<fetch><entity name='account'><attribute name='name'/></entity></fetch>&@p1='AT&T'&tag=demo",
    )
    expect(o.fetchXml).toBe("<fetch><entity name='account'><attribute name='name'/></entity></fetch>")
    expect(o.custom).toEqual([
      { name: '@p1', value: "'AT&T'", span: { start: 81, end: 91 } },
      { name: 'tag', value: 'demo', span: { start: 92, end: 100 } },
    ])
    expect(options('FETCHXML=<fetch/>').fetchXml).toBe('<fetch/>')
  })

  it('accepts custom options without a value and $id of a $ref request', () => {
    const o = options('!special&flag&$id=accounts(00000000-0000-0000-0000-000000000001)')
    expect(o.custom.map((c) => [c.name, c.value])).toEqual([
      ['!special', ''],
      ['flag', ''],
    ])
    expect(o.id).toBe('accounts(00000000-0000-0000-0000-000000000001)')
  })

  it('accepts a value that starts on the line after =', () => {
    expect(options("$filter=\n    name eq 'x'").filter?.kind).toBe('binary')
  })

  it('keeps a multi-line FetchXML value together', () => {
    const o = options("fetchXml=<fetch>\n  <entity name='account'>\n  </entity>\n</fetch>\n$top=1")
    expect(o.fetchXml).toBe("<fetch>\n  <entity name='account'>\n  </entity>\n</fetch>")
  })

  it('keeps & inside a string literal in $filter', () => {
    const o = options("$filter=name eq 'AT&T' or name eq '50% off'&$top=1")
    expect(o.filter && sexpr(o.filter)).toBe("(or (eq name 'AT&T') (eq name '50% off'))")
    expect(o.top).toBe(1)
  })

  it('continues a $filter on the next line when the line does not start an option', () => {
    const o = options("$filter=statecode eq 0\n    and name eq 'x'\n$top=1")
    expect(o.filter && sexpr(o.filter)).toBe("(and (eq statecode integer:0) (eq name 'x'))")
  })

  it('reads nested $expand options to any depth', () => {
    const o = options(
      '$expand=contact_customer_accounts($select=fullname;$filter=statecode eq 0;$orderby=fullname desc;$top=5;$expand=owninguser($select=fullname;$expand=businessunitid($select=name))),primarycontactid',
    )
    const outer = o.expand?.[0]
    expect(outer?.options.top).toBe(5)
    expect(outer?.options.orderby?.[0]?.direction).toBe('desc')
    expect(outer?.options.filter && sexpr(outer.options.filter)).toBe('(eq statecode integer:0)')
    const inner = outer?.options.expand?.[0]
    expect(inner?.path[0]?.name).toBe('owninguser')
    expect(inner?.options.expand?.[0]?.options.select?.[0]?.path[0]?.name).toBe('name')
    expect(o.expand?.[1]?.path[0]?.name).toBe('primarycontactid')
  })

  it('accepts the spaces Dataverse documents around = and after commas inside $expand options', () => {
    const result = parseQueryOptions(
      '$select=accountid&$expand=parentaccountid($select = createdon, name),contact_customer_accounts($select = fullname, createdon)',
    )
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(result.value.expand?.[0]?.options.select?.map((item) => item.path[0]?.name)).toEqual(['createdon', 'name'])
    expect(result.value.expand?.[1]?.options.select?.map((item) => item.path[0]?.name)).toEqual([
      'fullname',
      'createdon',
    ])
  })

  it('reads $expand=nav/$ref as a reference expansion', () => {
    const result = parseQueryOptions(
      '$select=name&$expand=primarycontactid/$ref,contact_customer_accounts($select=fullname)',
    )
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(result.value.expand?.[0]).toMatchObject({ path: [{ name: 'primarycontactid' }], ref: true })
    expect(result.value.expand?.[1]?.ref).toBeUndefined()
  })

  it('reads double-quoted strings in an array literal, as JSON writes them', () => {
    const result = parseQueryOptions(
      '$filter=Microsoft.Dynamics.CRM.In(PropertyName=\'numberofemployees\',PropertyValues=["5","2000"])',
    )
    expect(result.ok).toBe(true)
    if (!result.ok || result.value.filter?.kind !== 'dynamicsFunction') return
    const values = result.value.filter.parameters.find((p) => p.name.name === 'PropertyValues')?.value
    expect(values?.kind === 'list' && values.items.map((item) => item.kind === 'literal' && item.value)).toEqual([
      '5',
      '2000',
    ])
    const unclosed = parseQueryOptions("$filter=Microsoft.Dynamics.CRM.In(PropertyName='name',PropertyValues=[\"5)")
    expect(unclosed.ok).toBe(false)
  })

  it.each([
    ['$selct=name', 'Unknown query option $selct — did you mean $select?', 0, ['queryOption']],
    ['$fitler=name eq 1', 'Unknown query option $fitler — did you mean $filter?', 0, ['queryOption']],
    ['$format=json', 'Dataverse always answers in JSON', 0, []],
    ['$top=x', '$top must be a whole number of 0 or more, not x', 5, ['literal']],
    ['$top=-1', '$top must be a whole number of 0 or more, not -1', 5, []],
    ['$count=yes', '$count must be true or false, not yes', 7, []],
    ['$select', 'Expected = after $select', 7, ['=']],
    ['$select=', 'Expected a column name in $select', 8, ['property', '*']],
    ['$select=name,', 'Expected a column name in $select', 13, ['property']],
    ['$select=name accountid', "Expected a comma after 'name'", 13, [',', '&']],
    ['$top=1&$top=2', '$top appears twice', 7, []],
    ['$expand=nav($select=a', "Expected a comma, ; or ) after 'a'", 21, [';', ')']],
    ['$expand=nav($apply=x)', '$apply cannot be used inside $expand', 12, []],
    ['$expand=nav(foo=1)', 'foo is not an option of $expand', 12, []],
    ['$expand=*', 'Dataverse does not support $expand=*', 8, []],
    ['$orderby=name DESC', 'use desc instead of DESC', 14, []],
    ['$top =1', 'Remove the space between $top and =', 4, []],
    ['$top\n=1', 'Expected = after $top', 4, ['=']],
    ["$filter=name eq 'x' foo", "Expected an operator such as eq or and after ''x''", 20, ['operator']],
  ])('reports %j', (text, message, offset, expected) => {
    const result = parseQueryOptions(text)
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.error.message).toContain(message)
    expect(result.error.offset).toBe(offset)
    expect(result.error.expected).toEqual(expect.arrayContaining(expected))
  })
})

describe('parseSelect, parseOrderBy, parseExpand', () => {
  it('parse a bare option value with a base offset', () => {
    const select = parseSelect('name, accountid', 17)
    expect(select.ok && select.value.map((s) => s.span)).toEqual([
      { start: 17, end: 21 },
      { start: 23, end: 32 },
    ])
    const orderby = parseOrderBy('length(name) desc, createdon')
    expect(orderby.ok && orderby.value.map((o) => [sexpr(o.expression), o.direction])).toEqual([
      ['length(name)', 'desc'],
      ['createdon', 'asc'],
    ])
    const expand = parseExpand('primarycontactid($select=fullname)')
    expect(expand.ok && expand.value[0]?.options.select?.[0]?.path[0]?.name).toBe('fullname')
  })

  it('reads a navigation path in $select', () => {
    const select = parseSelect('primarycontactid/fullname')
    expect(select.ok && select.value[0]?.path.map((p) => p.name)).toEqual(['primarycontactid', 'fullname'])
  })
})
