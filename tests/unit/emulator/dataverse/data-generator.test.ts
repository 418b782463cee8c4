import { describe, expect, it } from 'vitest'
import { generateOrgData, isoDate, isoSeconds } from '../../../../emulator/dataverse/data-generator'
import { SCHEMA } from '../../../../emulator/dataverse/schema'
import { SCENARIO_APPS } from '../../../../emulator/scenarios'

const anchor = Date.parse('2026-11-26T10:00:00Z')
const generate = (seed: string, accounts = 200, contacts = 2000) =>
  generateOrgData({ orgName: 'contoso', seed, accounts, contacts, anchor })

describe('data generator', () => {
  it('is deterministic: the same seed gives the same rows, another seed other rows', () => {
    const a = generate('one')
    const b = generate('one')
    const c = generate('two')
    expect(JSON.stringify([...a.rows])).toBe(JSON.stringify([...b.rows]))
    expect(a.rows.get('contact')?.[0]?.contactid).not.toBe(c.rows.get('contact')?.[0]?.contactid)
  })

  it('makes the requested counts and realistic values', () => {
    const data = generate('counts', 150, 1200)
    const accounts = data.rows.get('account') ?? []
    const contacts = data.rows.get('contact') ?? []
    expect(accounts).toHaveLength(150)
    expect(contacts).toHaveLength(1200)
    for (const contact of contacts) {
      expect(contact.emailaddress1).toMatch(/^[a-z]+\.[a-z]+\d*@[a-z0-9]+\.[a-z]+$/)
      expect(contact.fullname).toBe(`${String(contact.firstname)} ${String(contact.lastname)}`)
      expect(Date.parse(contact.createdon as string)).toBeLessThanOrEqual(anchor)
      expect((contact.modifiedon as string) >= (contact.createdon as string)).toBe(true)
    }
    const cities = new Set(contacts.map((c) => c.address1_city))
    expect(cities.size).toBeGreaterThan(20)
    const withAccount = contacts.filter((c) => c._parentcustomerid_value !== null)
    expect(withAccount.length / contacts.length).toBeGreaterThan(0.85)
    const accountIds = new Set(accounts.map((a) => a.accountid))
    expect(withAccount.every((c) => accountIds.has(c._parentcustomerid_value as string))).toBe(true)
  })

  it('gives every row exactly the wire shape of its table: @odata.etag, then every column in order', () => {
    const data = generate('shape')
    for (const table of SCHEMA.tables) {
      const columns = table.columns.map((c) => c.wireName)
      // Principals (users, teams) also store ownerid, their own id, right after the key.
      if (table.baseType === 'principal') columns.splice(1, 0, 'ownerid')
      const expected = ['@odata.etag', ...columns]
      const rows = data.rows.get(table.logicalName) ?? []
      expect(rows.length, table.logicalName).toBeGreaterThan(0)
      for (const row of rows) {
        expect(Object.keys(row)).toEqual(expected)
        expect(row['@odata.etag']).toBe(`W/"${String(row.versionnumber)}"`)
        if (table.baseType === 'principal') expect(row.ownerid).toBe(row[table.primaryIdAttribute])
      }
    }
  })

  it('keeps primary keys unique and choice values inside their option sets', () => {
    const data = generate('keys')
    for (const table of SCHEMA.tables) {
      const rows = data.rows.get(table.logicalName) ?? []
      const ids = rows.map((r) => r[table.primaryIdAttribute])
      expect(new Set(ids).size, table.logicalName).toBe(ids.length)
      for (const column of table.columns.filter((c) => c.options)) {
        const allowed = new Set(column.options?.map((o) => o.value))
        for (const row of rows)
          if (row[column.wireName] !== null)
            expect(allowed.has(row[column.wireName] as number), `${table.logicalName}.${column.logicalName}`).toBe(true)
      }
    }
  })

  it('creates an application user for every scenario that has one, with its fixed ids', () => {
    const users = generate('apps').rows.get('systemuser') ?? []
    for (const app of SCENARIO_APPS) {
      const user = users.find((u) => u.applicationid === app.clientId)
      if (!app.appUser) {
        expect(user, app.scenario).toBeUndefined()
        continue
      }
      expect(user?.systemuserid).toBe(app.appUser.systemUserId)
      expect(user?.azureactivedirectoryobjectid).toBe(app.servicePrincipalId)
      expect(user?.accessmode).toBe(4)
      expect(user?.isdisabled).toBe(app.appUser.isDisabled)
    }
  })

  it('formats dates on the wire as Dataverse does (UTC, seconds, and date-only)', () => {
    expect(isoSeconds(Date.parse('2024-02-29T23:59:58.900Z'))).toBe('2024-02-29T23:59:58Z')
    expect(isoSeconds(Date.parse('1999-12-31T00:00:00Z'))).toBe('1999-12-31T00:00:00Z')
    expect(isoDate(Date.parse('2026-03-01T05:00:00Z'))).toBe('2026-03-01')
    for (
      let ms = Date.parse('1969-06-01T00:00:00Z');
      ms < Date.parse('2031-01-01T00:00:00Z');
      ms += 86_400_000 * 37 + 3_600_123
    ) {
      expect(isoSeconds(ms)).toBe(new Date(ms).toISOString().slice(0, 19) + 'Z')
    }
  })
})
