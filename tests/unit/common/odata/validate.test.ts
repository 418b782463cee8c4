import { describe, expect, it } from 'vitest'
import {
  diagnoseRequest,
  parseRequest,
  schemaFromTables,
  syntaxDiagnostics,
  validateRequest,
  type Diagnostic,
} from '@common/odata'

const schema = schemaFromTables(
  [
    {
      entitySetName: 'accounts',
      logicalName: 'account',
      properties: [
        { name: 'accountid', type: 'Edm.Guid' },
        { name: 'name', type: 'Edm.String' },
        { name: 'revenue', type: 'Edm.Decimal' },
        { name: 'numberofemployees', type: 'Edm.Int32' },
        { name: 'createdon', type: 'Edm.DateTimeOffset' },
        { name: 'donotemail', type: 'Edm.Boolean' },
        {
          name: 'statecode',
          type: 'Edm.Int32',
          optionSet: [
            { value: 0, label: 'Active' },
            { value: 1, label: 'Inactive' },
          ],
        },
        { name: 'industrycode', type: 'Edm.Int32', optionSet: [{ value: 1, label: 'Accounting' }] },
        { name: '_parentaccountid_value', type: 'Edm.Guid', isLookupValue: true },
        { name: '_primarycontactid_value', type: 'Edm.Guid', isLookupValue: true },
      ],
      navigations: [
        { name: 'parentaccountid', target: 'account', collection: false },
        { name: 'primarycontactid', target: 'contact', collection: false },
        { name: 'contact_customer_accounts', target: 'contact', collection: true },
      ],
    },
    {
      entitySetName: 'contacts',
      logicalName: 'contact',
      properties: [
        { name: 'contactid', type: 'Edm.Guid' },
        { name: 'fullname', type: 'Edm.String' },
        { name: 'emailaddress1', type: 'Edm.String' },
        { name: 'statecode', type: 'Edm.Int32' },
      ],
      navigations: [
        { name: 'parentcustomerid_account', target: 'account', collection: false },
        { name: 'contact_tasks', target: 'task', collection: true },
      ],
    },
    { entitySetName: 'tasks', logicalName: 'task', properties: [{ name: 'subject', type: 'Edm.String' }] },
    { entitySetName: 'opportunities', logicalName: 'opportunity', properties: [{ name: 'name', type: 'Edm.String' }] },
  ],
  [],
)

function diagnose(text: string): Diagnostic[] {
  const parsed = parseRequest(text)
  if (!parsed.ok) throw new Error(`${text}: ${parsed.error.message}`)
  return validateRequest(parsed.value, schema)
}

function only(text: string): Diagnostic {
  const diagnostics = diagnose(text)
  expect(diagnostics, text).toHaveLength(1)
  return diagnostics[0] as Diagnostic
}

describe('validateRequest', () => {
  it.each([
    'accounts',
    'accounts?$select=name,accountid,_parentaccountid_value,*',
    "accounts?$filter=name eq 'x' and revenue gt 5 and createdon ge 2024-01-01 and donotemail eq false and statecode eq 0",
    'accounts?$filter=_parentaccountid_value eq 00000000-0000-0000-0000-000000000001 or accountid eq null',
    "accounts?$filter=primarycontactid/fullname eq 'x' and parentaccountid/parentaccountid/name ne null",
    "accounts?$filter=contact_customer_accounts/any(c:c/fullname eq 'x' and c/contact_tasks/any(t:t/subject eq 's'))",
    'accounts?$filter=contact_customer_accounts/$count gt 1 and contact_customer_accounts/any()',
    "accounts?$filter=Microsoft.Dynamics.CRM.LastXDays(PropertyName='createdon',PropertyValue=7)",
    "accounts?$filter=mscrm.In(PropertyName='name',PropertyValues=['a','b'])",
    "accounts?$filter=contains(name,'x') and length(name) gt 2",
    'accounts?$filter=statecode in (0,1)',
    'accounts?$orderby=name desc,createdon',
    'accounts?$expand=primarycontactid($select=fullname),contact_customer_accounts($select=fullname;$filter=statecode eq 0;$expand=contact_tasks($select=subject))',
    'accounts(00000000-0000-0000-0000-000000000001)/contact_customer_accounts?$select=fullname',
    "accounts?$filter=name eq @p1&@p1='x'",
    'WhoAmI',
    'WhoAmI()',
    'RetrieveVersion()',
    '$metadata',
    "EntityDefinitions(LogicalName='account')/Attributes?$select=LogicalName",
    'accounts/$count',
    'accounts?$select=name&$expand=primarycontactid/$ref',
    'accounts?$filter=Microsoft.Dynamics.CRM.In(PropertyName=\'numberofemployees\',PropertyValues=["5","2000"])',
    'accounts?$filter=Microsoft.Dynamics.CRM.In(PropertyName=@p1,PropertyValues=@p2)&@p1=\'numberofemployees\'&@p2=["5","2000"]',
    'accounts?$select=accountid&$expand=parentaccountid($select = createdon, name),contact_customer_accounts($select = fullname)',
    'accounts?$expand=contact_customer_accounts($select=fullname;$top=2;$orderby=fullname)',
    'accounts(00000000-0000-0000-0000-000000000001)/Microsoft.Dynamics.CRM.RetrieveUserPrivileges()',
  ])('accepts %s', (text) => {
    expect(diagnose(text)).toEqual([])
  })

  it('flags a misspelt bound function with the one Dataverse has', () => {
    const d = only('accounts(00000000-0000-0000-0000-000000000001)/Microsoft.Dynamics.CRM.RetrieveUserPrivilegs()')
    expect(d.code).toBe('unknown-function')
    expect(d.message).toContain('did you mean RetrieveUserPrivileges?')
    expect(d.suggestions?.[0]).toBe('Microsoft.Dynamics.CRM.RetrieveUserPrivileges')
  })

  it('flags $ref on a collection-valued expand, which Dataverse refuses', () => {
    expect(only('accounts?$expand=contact_customer_accounts/$ref').message).toBe(
      'Expand with $ref is only supported on lookup type navigation property.',
    )
  })

  it('flags not before a query function, which Dataverse refuses', () => {
    const d = only("accounts?$filter=not Microsoft.Dynamics.CRM.Last7Days(PropertyName='createdon')")
    expect(d.code).toBe('unsupported-operator')
    expect(d.message).toContain('not before a query function')
    expect(only("accounts?$filter=not (Microsoft.Dynamics.CRM.Last7Days(PropertyName='createdon'))").code).toBe(
      'unsupported-operator',
    )
  })

  it('flags $top and $orderby in a collection expand that nests an $expand, or inside another expand', () => {
    const top = only(
      'accounts?$expand=contact_customer_accounts($select=fullname;$expand=parentcustomerid_account($select=name);$top=2)',
    )
    expect(top.code).toBe('unsupported-option')
    expect(top.message).toContain('Only $select and $filter clause can be provided')
    expect(
      only('accounts?$expand=contact_customer_accounts($orderby=fullname;$expand=contact_tasks($select=subject))').code,
    ).toBe('unsupported-option')
    expect(only('accounts?$expand=primarycontactid($expand=contact_tasks($top=1))').code).toBe('unsupported-option')
  })

  it('flags an unknown entity set and suggests the plural of a logical name', () => {
    expect(only('account?$select=name')).toMatchObject({
      code: 'unknown-entity-set',
      severity: 'error',
      message:
        "There is no table (entity set) named account — account is the table's logical name; its entity set is accounts",
      span: { start: 0, end: 7 },
      suggestions: ['accounts'],
    })
    expect(only('opportunity').suggestions?.[0]).toBe('opportunities')
    expect(only('acounts')).toMatchObject({
      message: 'There is no table (entity set) named acounts — did you mean accounts?',
      suggestions: ['accounts'],
    })
    expect(only('xyzzy').suggestions).toEqual([])
  })

  it('flags unknown columns in $select, $filter and $orderby with suggestions', () => {
    expect(only('accounts?$select=name,nmae')).toMatchObject({
      code: 'unknown-property',
      message: 'account has no column named nmae — did you mean name?',
      span: { start: 22, end: 26 },
      suggestions: ['name'],
    })
    expect(only("accounts?$filter=fullname eq 'x'")).toMatchObject({
      code: 'unknown-property',
      span: { start: 17, end: 25 },
    })
    expect(only('accounts?$orderby=revenu desc')).toMatchObject({ code: 'unknown-property', suggestions: ['revenue'] })
    expect(only("accounts?$filter=primarycontactid/fulname eq 'x'")).toMatchObject({
      code: 'unknown-property',
      message: expect.stringContaining('contact has no column named fulname'),
    })
  })

  it('resolves columns inside $expand on the navigation target', () => {
    expect(only('accounts?$expand=primarycontactid($select=fullname,name)')).toMatchObject({
      code: 'unknown-property',
      message: 'contact has no column named name — did you mean fullname?',
    })
    expect(only('accounts?$expand=contact_customer_accounts($filter=revenue gt 1)')).toMatchObject({
      code: 'unknown-property',
      span: { start: 51, end: 58 },
    })
    expect(only('accounts?$expand=contact_customer_accounts($expand=contact_tasks($select=subjekt))')).toMatchObject({
      suggestions: ['subject'],
    })
  })

  it('flags unknown navigation properties', () => {
    expect(only('accounts?$expand=primarycontact')).toMatchObject({
      code: 'unknown-navigation',
      message: 'account has no navigation property named primarycontact — did you mean primarycontactid?',
      suggestions: ['primarycontactid'],
    })
    expect(only('accounts?$expand=name')).toMatchObject({
      code: 'unknown-navigation',
      message: expect.stringContaining('name is a column, not a navigation property'),
    })
    expect(only('accounts?$expand=_primarycontactid_value')).toMatchObject({
      code: 'unknown-navigation',
      suggestions: ['primarycontactid'],
    })
    expect(only('accounts(00000000-0000-0000-0000-000000000001)/contacts')).toMatchObject({
      code: 'unknown-navigation',
      span: { start: 47, end: 55 },
    })
  })

  it('says to use _x_value when a lookup is used by its logical name', () => {
    expect(only('accounts?$filter=parentaccountid eq 00000000-0000-0000-0000-000000000001')).toMatchObject({
      code: 'lookup-needs-value',
      message: expect.stringContaining('compare its id with _parentaccountid_value'),
      span: { start: 17, end: 32 },
      suggestions: ['_parentaccountid_value'],
    })
    expect(only('accounts?$select=primarycontactid')).toMatchObject({
      code: 'lookup-needs-value',
      suggestions: ['_primarycontactid_value'],
    })
    expect(only('accounts?$orderby=parentaccountid')).toMatchObject({ code: 'lookup-needs-value' })
  })

  it('flags collection navigation used like a single row, and any() over a single-valued one', () => {
    expect(only("accounts?$filter=contact_customer_accounts/fullname eq 'x'")).toMatchObject({
      code: 'collection-navigation',
      span: { start: 17, end: 42 },
    })
    expect(only("accounts?$filter=primarycontactid/any(c:c/fullname eq 'x')")).toMatchObject({
      code: 'collection-navigation',
    })
    expect(only("accounts?$filter=contact_customer_accounts/any(c:c/nam eq 'x')")).toMatchObject({
      code: 'unknown-property',
      message: expect.stringContaining('contact has no column named nam'),
    })
  })

  it('flags literals of the wrong type with a fix', () => {
    expect(only("accounts?$filter=accountid eq '00000000-0000-0000-0000-000000000001'")).toMatchObject({
      code: 'type-mismatch',
      message: expect.stringContaining('write guids without quotes'),
      suggestions: ['00000000-0000-0000-0000-000000000001'],
    })
    expect(only("accounts?$filter=revenue gt '5'")).toMatchObject({ code: 'type-mismatch', suggestions: ['5'] })
    expect(only("accounts?$filter=createdon ge '2024-01-01'")).toMatchObject({
      code: 'type-mismatch',
      message: expect.stringContaining('write dates without quotes'),
    })
    expect(only('accounts?$filter=name eq 5')).toMatchObject({ code: 'type-mismatch', suggestions: ["'5'"] })
    expect(only("accounts?$filter=donotemail eq 'true'")).toMatchObject({
      code: 'type-mismatch',
      suggestions: ['true'],
    })
    expect(only("accounts?$filter='x' eq revenue")).toMatchObject({ code: 'type-mismatch' })
    expect(only("accounts?$filter=statecode in (0,'1')")).toMatchObject({ code: 'type-mismatch' })
    expect(only("accounts?$filter=contains(revenue,'1')")).toMatchObject({
      code: 'type-mismatch',
      message: expect.stringContaining('contains works on text'),
    })
  })

  it('warns about a value that is not one of the choices', () => {
    expect(only('accounts?$filter=statecode eq 7')).toMatchObject({
      code: 'unknown-choice-value',
      severity: 'warning',
      message: '7 is not a choice of statecode; its choices include 0 (Active), 1 (Inactive)',
    })
  })

  it('checks Dataverse query functions, their parameters and PropertyName', () => {
    expect(
      only("accounts?$filter=Microsoft.Dynamics.CRM.LastXDay(PropertyName='createdon',PropertyValue=7)"),
    ).toMatchObject({
      code: 'unknown-function',
      suggestions: expect.arrayContaining(['LastXDays']),
    })
    expect(only("accounts?$filter=mscrm.Today(PropertyName='createdonn')")).toMatchObject({
      code: 'unknown-property',
      span: { start: 43, end: 53 },
      suggestions: ['createdon'],
    })
    expect(only("accounts?$filter=mscrm.LastXDays(PropertyName='createdon',PropertyValu=7)")).toHaveProperty(
      'code',
      'unknown-parameter',
    )
    expect(diagnose("accounts?$filter=mscrm.LastXDays(PropertyName='createdon')")).toMatchObject([
      { code: 'unknown-parameter', message: 'LastXDays needs the parameter PropertyValue' },
    ])
    expect(only("accounts?$filter=Other.NS.Fn(PropertyName='name')")).toMatchObject({ code: 'unknown-function' })
  })

  it('flags an alias without a value and $skip; notes $top with $count', () => {
    expect(only('accounts?$filter=name eq @p2&@p1=1')).toMatchObject({
      code: 'undefined-alias',
      span: { start: 25, end: 28 },
    })
    expect(only('accounts?$skip=10')).toMatchObject({ code: 'unsupported-option', severity: 'warning' })
    expect(only('accounts?$top=5&$count=true')).toMatchObject({ code: 'top-with-count', severity: 'info' })
  })

  it('does not guess where the type is unknown', () => {
    expect(diagnose("EntityDefinitions?$filter=whatever eq 'x'")).toEqual([])
    expect(
      diagnose('accounts(00000000-0000-0000-0000-000000000001)/Microsoft.Dynamics.CRM.Fn()?$select=anything'),
    ).toEqual([])
  })

  it('uses the schema function list when it has one', () => {
    const withFunctions = schemaFromTables(
      [{ entitySetName: 'accounts', logicalName: 'account', properties: [] }],
      ['WhoAmI', 'MyCustomApi'],
    )
    const check = (text: string) => {
      const parsed = parseRequest(text)
      if (!parsed.ok) throw new Error(parsed.error.message)
      return validateRequest(parsed.value, withFunctions)
    }
    expect(check('MyCustomApi()')).toEqual([])
    expect(check('MyCustomAp()')).toMatchObject([{ code: 'unknown-entity-set', suggestions: ['MyCustomApi'] }])
  })
})

describe('syntaxDiagnostics and diagnoseRequest', () => {
  it('turn a parse error into a diagnostic spanning the offending word', () => {
    expect(syntaxDiagnostics('accounts?$selct=name')).toEqual([
      {
        severity: 'error',
        code: 'syntax',
        message: 'Unknown query option $selct — did you mean $select?',
        span: { start: 9, end: 15 },
        expected: ['queryOption'],
      },
    ])
    expect(syntaxDiagnostics('accounts?$select=', 10)).toMatchObject([
      { span: { start: 27, end: 27 }, expected: ['property', '*'] },
    ])
    expect(syntaxDiagnostics('accounts')).toEqual([])
  })

  it('validates only text that parses', () => {
    expect(diagnoseRequest('accounts?$select=nam', schema)).toMatchObject([{ code: 'unknown-property' }])
    expect(diagnoseRequest('accounts?$select=nam,', schema)).toMatchObject([{ code: 'syntax' }])
  })
})
