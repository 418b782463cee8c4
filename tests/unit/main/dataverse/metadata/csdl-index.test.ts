import { describe, expect, it } from 'vitest'
import { MetadataIndex } from '../../../../../common/metadata/metadata-index'
import { CsdlFormatError, indexCsdl, indexCsdlStream } from '../../../../../main/dataverse/metadata/csdl-index'
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
    expect(account.navigationNames()).toEqual(['parentaccountid', 'primarycontactid', 'account_parent_account', 'contact_customer_accounts'])
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
    expect(byName.WhoAmI).toEqual({ name: 'WhoAmI', kind: 'function', bound: false, parameters: [], returnType: 'WhoAmIResponse' })
    expect(byName.RetrieveUserPrivileges).toMatchObject({ kind: 'function', bound: true, bindingType: 'systemuser', parameters: [] })
    expect(byName.RetrieveTotalRecordCount?.parameters).toEqual([{ name: 'EntityNames', type: 'Collection(Edm.String)', nullable: false }])
    expect(byName.WinOpportunity).toMatchObject({ kind: 'action', bound: false })
    expect(byName.AddToQueue).toMatchObject({ kind: 'action', bound: true, bindingType: 'queue', returnType: 'AddToQueueResponse' })
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
})
