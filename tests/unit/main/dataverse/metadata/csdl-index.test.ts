import { describe, expect, it } from 'vitest'
import { MetadataIndex } from '@common/metadata/metadata-index'
import {
  CsdlFormatError,
  indexCsdl,
  indexCsdlStream,
  MAX_CSDL_NAME,
} from '../../../../../main/dataverse/metadata/csdl-index'
import { chunkedStream, SMALL_CSDL } from '../../../../support/fixture-source'

describe('CSDL index', () => {
  const index = new MetadataIndex(indexCsdl(SMALL_CSDL))

  it('maps entity sets to entity types and keeps the namespace and alias', () => {
    expect(index.data.namespace).toBe('Microsoft.Dynamics.CRM')
    expect(index.data.alias).toBe('mscrm')
    expect(index.entitySetNames()).toEqual(['accounts', 'contacts', 'activitypointers', 'emails', 'systemusers'])
    expect(index.entitySet('accounts')?.name).toBe('account')
    expect(index.entitySet('account')).toBeUndefined()
    expect(index.entitySetOf('account')).toBe('accounts')
    expect(index.entitySetOf('Microsoft.Dynamics.CRM.contact')).toBe('contacts')
  })

  it('records properties with their type and nullability, and keys', () => {
    const account = index.entitySet('accounts')!
    expect(account.key).toEqual(['accountid'])
    expect(account.property('accountid')).toMatchObject({ type: 'Edm.Guid', nullable: false, isLookupValue: false })
    expect(account.property('name')).toMatchObject({ type: 'Edm.String', nullable: true })
    expect(account.property('revenue')?.type).toBe('Edm.Decimal')
    expect(account.property('nosuchcolumn')).toBeUndefined()
    expect(account.propertyNames()).toContain('createdon')
  })

  it('exposes lookups as _x_value columns with the tables they point to', () => {
    const account = index.entitySet('accounts')!
    expect(account.property('_parentaccountid_value')).toMatchObject({
      isLookupValue: true,
      lookupNavigations: ['parentaccountid'],
      lookupTargets: ['account'],
    })
    const customer = index.entitySet('contacts')!.property('_parentcustomerid_value')!
    expect(customer.lookupTargets).toEqual(['account', 'contact'])
    expect(customer.lookupNavigations).toEqual(['parentcustomerid_account', 'parentcustomerid_contact'])
  })

  it('records navigation properties with target and cardinality', () => {
    const account = index.entitySet('accounts')!
    const primary = account.navigation('primarycontactid')!
    expect(primary).toMatchObject({ targetType: 'contact', collection: false, foreignKey: '_primarycontactid_value' })
    expect(primary.target.name).toBe('contact')
    expect(primary.target.property('fullname')?.type).toBe('Edm.String')
    const children = account.navigation('contact_customer_accounts')!
    expect(children).toMatchObject({ targetType: 'contact', collection: true })
    expect(children.foreignKey).toBeUndefined()
    expect(account.navigationNames()).toEqual([
      'parentaccountid',
      'primarycontactid',
      'account_parent_account',
      'contact_customer_accounts',
    ])
  })

  it('inherits columns and keys from base types', () => {
    const email = index.entitySet('emails')!
    expect(email.baseType).toBe('activitypointer')
    expect(email.key).toEqual(['activityid'])
    expect(email.property('subject')?.type).toBe('Edm.String')
    expect(email.property('sender')?.type).toBe('Edm.String')
    expect(email.propertyNames().slice(0, 3)).toEqual(['activityid', 'subject', '_regardingobjectid_value'])
    expect(index.entityType('crmbaseentity')?.abstract).toBe(true)
  })

  it('records bound and unbound functions and actions, and the service-root imports', () => {
    const byName = Object.fromEntries(index.operations().map((operation) => [operation.name, operation]))
    expect(byName.WhoAmI).toEqual({
      name: 'WhoAmI',
      kind: 'function',
      bound: false,
      parameters: [],
      returnType: 'WhoAmIResponse',
    })
    expect(byName.RetrieveUserPrivileges).toMatchObject({
      kind: 'function',
      bound: true,
      bindingType: 'systemuser',
      parameters: [],
    })
    expect(byName.RetrieveTotalRecordCount?.parameters).toEqual([
      { name: 'EntityNames', type: 'Collection(Edm.String)', nullable: false },
    ])
    expect(byName.WinOpportunity).toMatchObject({ kind: 'action', bound: false })
    expect(byName.AddToQueue).toMatchObject({
      kind: 'action',
      bound: true,
      bindingType: 'queue',
      returnType: 'AddToQueueResponse',
    })
    expect(index.data.imports).toEqual(['WhoAmI', 'RetrieveVersion', 'RetrieveTotalRecordCount', 'WinOpportunity'])
    expect(index.counts()).toMatchObject({ entitySets: 5, entityTypes: 6, functions: 4, actions: 2 })
  })

  it('gives the same index when the bytes arrive in tiny chunks that split tags and UTF-8 characters', async () => {
    const whole = indexCsdl(SMALL_CSDL)
    for (const size of [1, 3, 64]) {
      expect(await indexCsdlStream(chunkedStream(SMALL_CSDL, size))).toEqual(whole)
    }
  })

  it('refuses a document that is not well-formed or not CSDL, with a message that says so', async () => {
    expect(() => indexCsdl('<edmx:Edmx><Schema Namespace="x"><EntityType Name="a"></Schema>')).toThrow(CsdlFormatError)
    expect(() => indexCsdl('<html><body>Sign in to your account</body></html>')).toThrow(/no <Schema> element/)
    await expect(indexCsdlStream(chunkedStream('<Schema Namespace="x"><oops', 4))).rejects.toThrow(/not well-formed/)
  })

  it('stops reading when the caller cancels', async () => {
    const controller = new AbortController()
    controller.abort(new Error('user cancelled'))
    await expect(indexCsdlStream(chunkedStream(SMALL_CSDL, 16), controller.signal)).rejects.toThrow('user cancelled')
  })

  const HOSTILE_CSDL = `<edmx:Edmx><edmx:DataServices><Schema Namespace="Microsoft.Dynamics.CRM" Alias="mscrm">
    <EntityType Name="__proto__"><Key><PropertyRef Name="injectedid"/></Key><Property Name="injected" Type="Edm.String"/></EntityType>
    <EntityType Name="account"><Key><PropertyRef Name="accountid"/></Key><Property Name="accountid" Type="Edm.Guid"/></EntityType>
    <EntityContainer Name="System"><EntitySet Name="__proto__" EntityType="mscrm.account"/><EntitySet Name="accounts" EntityType="mscrm.account"/></EntityContainer>
  </Schema></edmx:DataServices></edmx:Edmx>`

  it('L6 keeps a type named __proto__ as a plain name and never answers for Object.prototype members', () => {
    const data = indexCsdl(HOSTILE_CSDL)
    expect(Object.getPrototypeOf(data.entityTypes)).toBeNull()
    expect(Object.getPrototypeOf(data.entitySets)).toBeNull()
    expect(Object.keys(data.entityTypes)).toEqual(['__proto__', 'account'])
    const hostile = new MetadataIndex(data)
    expect(hostile.entityType('__proto__')?.property('injected')?.type).toBe('Edm.String')
    expect(hostile.entityType('injected')).toBeUndefined()
    for (const name of ['constructor', 'toString', 'hasOwnProperty', 'valueOf']) {
      expect(hostile.entityType(name), name).toBeUndefined()
      expect(hostile.entitySet(name), name).toBeUndefined()
    }
    expect(hostile.entitySet('__proto__')?.name).toBe('account')
    expect(({} as Record<string, unknown>).injected).toBeUndefined()
  })

  it('L6 answers the same after the index went through JSON (the disk cache)', () => {
    const reopened = new MetadataIndex(JSON.parse(JSON.stringify(indexCsdl(HOSTILE_CSDL))))
    expect(reopened.entityType('constructor')).toBeUndefined()
    expect(reopened.entityType('toString')).toBeUndefined()
    expect(reopened.entityType('__proto__')?.key).toEqual(['injectedid'])
    expect(reopened.entityType('account')?.property('accountid')?.type).toBe('Edm.Guid')
  })

  it('L6 never attaches Object.prototype members as choice values of a column named like them', () => {
    const withColumn = new MetadataIndex(
      indexCsdl(
        '<Schema Namespace="x"><EntityType Name="t"><Property Name="constructor" Type="Edm.Int32"/></EntityType></Schema>',
      ),
    )
    withColumn.attachChoices('t', {})
    expect(withColumn.entityType('t')?.property('constructor')?.optionSet).toBeUndefined()
  })

  it.each([
    ['EntityType', 'Name', (long: string) => `<EntityType Name="${long}"/>`],
    [
      'Property',
      'Name',
      (long: string) => `<EntityType Name="t"><Property Name="${long}" Type="Edm.String"/></EntityType>`,
    ],
    ['Property', 'Type', (long: string) => `<EntityType Name="t"><Property Name="p" Type="${long}"/></EntityType>`],
    [
      'NavigationProperty',
      'Type',
      (long: string) => `<EntityType Name="t"><NavigationProperty Name="n" Type="${long}"/></EntityType>`,
    ],
    [
      'EntitySet',
      'Name',
      (long: string) => `<EntityContainer Name="c"><EntitySet Name="${long}" EntityType="x.t"/></EntityContainer>`,
    ],
    ['Action', 'Name', (long: string) => `<Action Name="${long}"/>`],
    [
      'FunctionImport',
      'Name',
      (long: string) => `<EntityContainer Name="c"><FunctionImport Name="${long}"/></EntityContainer>`,
    ],
  ] as const)(
    'L6 refuses a <%s> whose %s is over the size limit, saying which element and why',
    async (element, attribute, build) => {
      const long = 'a'.repeat(MAX_CSDL_NAME + 1)
      const xml = `<Schema Namespace="x">${build(long)}</Schema>`
      const expected = `a <${element}> element has a ${attribute} of 1,025 characters, over the limit of 1,024`
      expect(() => indexCsdl(xml)).toThrow(CsdlFormatError)
      expect(() => indexCsdl(xml)).toThrow(expected)
      await expect(indexCsdlStream(chunkedStream(xml, 100))).rejects.toThrow(expected)
      expect(() => indexCsdl(`<Schema Namespace="x">${build('a'.repeat(MAX_CSDL_NAME))}</Schema>`)).not.toThrow()
    },
  )

  it('L6 stops downloading a document once a name is over the limit', async () => {
    let pulled = 0
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 1
        // Bounded, so that a parser which never stops fails this test instead of hanging it.
        if (pulled > 50) return controller.close()
        const text =
          pulled === 1
            ? `<Schema Namespace="x"><EntityType Name="${'a'.repeat(MAX_CSDL_NAME + 1)}"/>`
            : '<Annotation Term="x"/>'
        controller.enqueue(new TextEncoder().encode(text))
      },
    })
    await expect(indexCsdlStream(endless)).rejects.toThrow(CsdlFormatError)
    expect(pulled).toBeLessThan(5)
  })
})
