/**
 * Alternate keys over HTTPS, as "Use an alternate key to reference a record" documents them:
 * `accounts(accountnumber='…')`, the multi-part `contacts(firstname='…',emailaddress1='…')`, the
 * documented error for a column that is not a key, upsert by key, uniqueness, and the
 * `OData.Community.Keys.V1.AlternateKeys` annotation in `$metadata`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Row } from '../../../emulator'
import { startFixture, type HttpsFixture } from './fixture'

let fx: HttpsFixture
let api: Awaited<ReturnType<HttpsFixture['api']>>
const table = (name: string): readonly Readonly<Row>[] => fx.running.emulator.table(name)

beforeAll(async () => {
  fx = await startFixture({ rows: { accounts: 60, contacts: 120 } })
  api = await fx.api()
})
afterAll(() => fx.close())

const quoted = (value: unknown): string => `'${String(value).replace(/'/g, "''")}'`

describe('alternate keys', () => {
  it('reads an account by accountnumber and by the named primary key', async () => {
    const account = table('account')[7] as Readonly<Row>
    const byNumber = await api(`accounts(accountnumber=${quoted(account.accountnumber)})?$select=name,accountnumber`)
    expect(byNumber.status).toBe(200)
    expect(byNumber.json).toMatchObject({ accountid: account.accountid, name: account.name })
    expect(byNumber.headers.get('etag')).toBe(account['@odata.etag'])
    const byId = await api(`accounts(accountid=${String(account.accountid)})?$select=name`)
    expect(byId.json.accountid).toBe(account.accountid)
  })

  it('reads a contact by the multi-part key in either order', async () => {
    const contact = table('contact')[11] as Readonly<Row>
    const first = `firstname=${quoted(contact.firstname)}`
    const email = `emailaddress1=${quoted(contact.emailaddress1)}`
    for (const key of [`${first},${email}`, `${email},${first}`]) {
      const answer = await api(`contacts(${key})?$select=fullname`)
      expect([answer.status, answer.json.contactid]).toEqual([200, contact.contactid])
    }
  })

  it('answers the documented error for columns that are not a declared key', async () => {
    const contact = table('contact')[11] as Readonly<Row>
    for (const path of [
      `accounts(name=${quoted(table('account')[0]?.name)})`,
      `contacts(emailaddress1=${quoted(contact.emailaddress1)})`,
    ]) {
      const answer = await api(path)
      const type = path.startsWith('accounts') ? 'Microsoft.Dynamics.CRM.account' : 'Microsoft.Dynamics.CRM.contact'
      expect([answer.status, answer.json.error.message]).toEqual([
        400,
        `The key in the request URI is not valid for resource '${type}'. Ensure that the names and number of key properties match the declared or alternate key properties for the resource '${type}'.`,
      ])
    }
  })

  it('answers RecordNotFoundByEntityKey when no row has the key values', async () => {
    const answer = await api("accounts(accountnumber='NO-SUCH-NUMBER')")
    expect([answer.status, answer.json.error.code]).toEqual([404, '0x80060891'])
    expect(answer.json.error.message).toBe('A record with the specified key values does not exist in account entity')
  })

  it('upserts by alternate key: PATCH creates the row with the key value, then updates that same row', async () => {
    const count = table('account').length
    const created = await api("accounts(accountnumber='UPSERT-1')", { method: 'PATCH', body: { name: 'Upserted' } })
    expect(created.status).toBe(204)
    const id = /\(([0-9a-f-]{36})\)$/.exec(created.headers.get('odata-entityid') ?? '')?.[1]
    expect(table('account').find((a) => a.accountid === id)).toMatchObject({
      accountnumber: 'UPSERT-1',
      name: 'Upserted',
    })
    const updated = await api("accounts(accountnumber='UPSERT-1')", { method: 'PATCH', body: { name: 'Renamed' } })
    expect(updated.headers.get('odata-entityid')).toBe(created.headers.get('odata-entityid'))
    expect(table('account')).toHaveLength(count + 1)
    expect(table('account').find((a) => a.accountid === id)?.name).toBe('Renamed')
    const updateOnly = await api("accounts(accountnumber='UPSERT-2')", {
      method: 'PATCH',
      headers: { 'If-Match': '*' },
      body: { name: 'Never' },
    })
    expect([updateOnly.status, updateOnly.json.error.code]).toEqual([404, '0x80060891'])
    expect(table('account')).toHaveLength(count + 1)
  })

  it('binds a lookup to a row named by its alternate key', async () => {
    const account = table('account')[9] as Readonly<Row>
    const created = await api('contacts', {
      method: 'POST',
      body: {
        lastname: 'Keyed',
        'parentcustomerid_account@odata.bind': `/accounts(accountnumber=${quoted(account.accountnumber)})`,
      },
    })
    const id = /\(([0-9a-f-]{36})\)$/.exec(created.headers.get('odata-entityid') ?? '')?.[1]
    expect(table('contact').find((c) => c.contactid === id)?._parentcustomerid_value).toBe(account.accountid)
    const missing = await api('contacts', {
      method: 'POST',
      body: { lastname: 'Keyed', 'parentcustomerid_account@odata.bind': "/accounts(accountnumber='NOPE')" },
    })
    expect([missing.status, missing.json.error.code]).toEqual([404, '0x80060891'])
  })

  it('deletes by alternate key', async () => {
    await api("accounts(accountnumber='DELETE-ME')", { method: 'PATCH', body: { name: 'Doomed' } })
    expect((await api("accounts(accountnumber='DELETE-ME')", { method: 'DELETE' })).status).toBe(204)
    expect(table('account').some((a) => a.accountnumber === 'DELETE-ME')).toBe(false)
  })

  it('keeps key values unique on create and update', async () => {
    const taken = String(table('account')[3]?.accountnumber)
    const duplicate = await api('accounts', { method: 'POST', body: { name: 'Clash', accountnumber: taken } })
    expect([duplicate.status, duplicate.json.error.code]).toEqual([412, '0x80060892'])
    const other = table('account')[4] as Readonly<Row>
    const renumber = await api(`accounts(${String(other.accountid)})`, {
      method: 'PATCH',
      body: { accountnumber: taken },
    })
    expect(renumber.status).toBe(412)
    expect(table('account').find((a) => a.accountid === other.accountid)?.accountnumber).not.toBe(taken)
  })

  it('lists the keys in EntityDefinitions(…)/Keys and as an $expand', async () => {
    const keys = await api("EntityDefinitions(LogicalName='contact')/Keys?$select=SchemaName,KeyAttributes")
    expect(keys.json.value).toEqual([
      expect.objectContaining({ SchemaName: 'FirstNameEmailKey', KeyAttributes: ['firstname', 'emailaddress1'] }),
    ])
    const expanded = await api(
      "EntityDefinitions(LogicalName='account')?$select=LogicalName&$expand=Keys($select=KeyAttributes)",
    )
    expect(expanded.json.Keys).toEqual([expect.objectContaining({ KeyAttributes: ['accountnumber'] })])
  })

  it('declares the keys in $metadata with the OData.Community.Keys.V1.AlternateKeys annotation', async () => {
    const csdl = (await api('$metadata')).text
    const account = /<EntityType Name="account"[\s\S]*?<\/EntityType>/.exec(csdl)?.[0] ?? ''
    expect(account).toContain(
      '<Annotation Term="OData.Community.Keys.V1.AlternateKeys"><Collection><Record Type="OData.Community.Keys.V1.AlternateKey"><PropertyValue Property="Key"><Collection><Record Type="OData.Community.Keys.V1.PropertyRef"><PropertyValue Property="Alias" String="accountnumber"/><PropertyValue Property="Name" PropertyPath="accountnumber"/></Record></Collection></PropertyValue></Record></Collection></Annotation>',
    )
    const contact = /<EntityType Name="contact"[\s\S]*?<\/EntityType>/.exec(csdl)?.[0] ?? ''
    expect(contact).toMatch(/PropertyPath="firstname"\/><\/Record><Record[^>]*>.*PropertyPath="emailaddress1"/)
  })
})
