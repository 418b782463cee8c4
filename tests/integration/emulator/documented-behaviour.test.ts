/**
 * Behaviour Microsoft documents for the Web API, checked over HTTPS against the emulator's own
 * rows (emulator.table): the cases the documented exchanges showed the emulator got wrong,
 * and `$apply` aggregation.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { scenarioApp, type Row } from '../../../emulator'
import { startFixture, type HttpsFixture } from './fixture'

let fx: HttpsFixture
let api: Awaited<ReturnType<HttpsFixture['api']>>
const table = (name: string): readonly Readonly<Row>[] => fx.running.emulator.table(name)

beforeAll(async () => {
  fx = await startFixture({ rows: { accounts: 150, contacts: 900 } })
  api = await fx.api()
})
afterAll(() => fx.close())

const accountWithContacts = (): Readonly<Row> =>
  table('account').find(
    (a) =>
      typeof a._primarycontactid_value === 'string' &&
      table('contact').some((c) => c._parentcustomerid_value === a.accountid),
  ) as Readonly<Row>

async function scratchAccount(): Promise<string> {
  const created = await api('accounts', { method: 'POST', body: { name: 'Scratch' } })
  return /\(([0-9a-f-]{36})\)$/.exec(created.headers.get('odata-entityid') ?? '')?.[1] as string
}

describe('conditional requests', () => {
  it('refuses a DELETE with a stale If-Match and keeps the row; deletes with the current etag', async () => {
    const id = await scratchAccount()
    const stale = await api(`accounts(${id})`, { method: 'DELETE', headers: { 'If-Match': 'W/"1"' } })
    expect(stale.status).toBe(412)
    expect(table('account').some((a) => a.accountid === id)).toBe(true)
    const etag = (await api(`accounts(${id})?$select=name`)).headers.get('etag') as string
    expect((await api(`accounts(${id})`, { method: 'DELETE', headers: { 'If-Match': etag } })).status).toBe(204)
    expect(table('account').some((a) => a.accountid === id)).toBe(false)
  })

  it('answers 304 only for a plain row read: never with $expand or annotations', async () => {
    const id = accountWithContacts().accountid as string
    const etag = (await api(`accounts(${id})?$select=name`)).headers.get('etag') as string
    expect((await api(`accounts(${id})?$select=name`, { headers: { 'If-None-Match': etag } })).status).toBe(304)
    expect(
      (
        await api(`accounts(${id})?$select=name&$expand=primarycontactid($select=fullname)`, {
          headers: { 'If-None-Match': etag },
        })
      ).status,
    ).toBe(200)
    const annotated = await api(`accounts(${id})?$select=name`, {
      headers: { 'If-None-Match': etag, Prefer: 'odata.include-annotations="*"' },
    })
    expect(annotated.status).toBe(200)
  })
})

describe('refusals Dataverse documents', () => {
  it('refuses not before a query function with Dataverse message', async () => {
    const refused = await api(
      "accounts?$select=name&$filter=not Microsoft.Dynamics.CRM.Last7Days(PropertyName='createdon')",
    )
    expect(refused.status).toBe(400)
    expect(refused.json.error).toEqual({
      code: '0x80060888',
      message: 'Not operator along with the Custom Named Condition operators is not allowed',
    })
  })

  it('refuses $top or $orderby in a collection expand that nests an $expand, and $ref on a collection', async () => {
    const message =
      'Only $select and $filter clause can be provided while doing $expand on many-to-one relationship or nested one-to-many relationship.'
    const top = await api(
      'accounts?$select=name&$expand=contact_customer_accounts($select=fullname;$expand=owninguser($select=fullname);$top=2)',
    )
    expect([top.status, top.json.error.message]).toEqual([400, message])
    const order = await api(
      'accounts?$select=name&$expand=contact_customer_accounts($orderby=fullname;$expand=owninguser($select=fullname))',
    )
    expect(order.json.error.message).toBe(message)
    const ref = await api('accounts?$select=name&$expand=contact_customer_accounts/$ref')
    expect([ref.status, ref.json.error.message]).toEqual([
      400,
      'Expand with $ref is only supported on lookup type navigation property.',
    ])
  })

  it('answers 501 for a function it does not implement instead of blaming the request', async () => {
    const answer = await api(
      "InitializeFrom(EntityMoniker=@p1,TargetEntityName=@p2,TargetFieldType=@p3)?@p1={'@odata.id':'accounts(00000000-0000-0000-0000-000000000001)'}&@p2='account'&@p3=Microsoft.Dynamics.CRM.TargetFieldType'ValidForCreate'",
    )
    expect(answer.status).toBe(501)
    expect(answer.json.error.message).toContain('not supported by this emulator')
  })
})

describe('documented reads', () => {
  it('counts with totalrecordcount when $count=true asks for it, and says -1 otherwise', async () => {
    const matching = table('account').filter((a) => String(a.name).toLowerCase().includes('a')).length
    const counted = await api("accounts?$select=name&$filter=contains(name,'a')&$count=true", {
      headers: { Prefer: 'odata.maxpagesize=3, odata.include-annotations="Microsoft.Dynamics.CRM.*"' },
    })
    expect(counted.json['@odata.count']).toBe(matching)
    expect(counted.json['@Microsoft.Dynamics.CRM.totalrecordcount']).toBe(matching)
    expect(counted.json['@Microsoft.Dynamics.CRM.totalrecordcountlimitexceeded']).toBe(false)
    const uncounted = await api('accounts?$select=name', {
      headers: { Prefer: 'odata.maxpagesize=3, odata.include-annotations="Microsoft.Dynamics.CRM.*"' },
    })
    expect(uncounted.json['@Microsoft.Dynamics.CRM.totalrecordcount']).toBe(-1)
  })

  it('expands nav/$ref as @odata.id references next to the lookup value', async () => {
    const account = accountWithContacts()
    const answer = await api(`accounts(${String(account.accountid)})?$select=name&$expand=primarycontactid/$ref`)
    expect(answer.json._primarycontactid_value).toBe(account._primarycontactid_value)
    expect(answer.json.primarycontactid).toEqual({
      '@odata.id': `${fx.contoso}/api/data/v9.2/contacts(${String(account._primarycontactid_value)})`,
    })
  })

  it('reads nav/$ref as references and nav/$count as a BOM-prefixed count', async () => {
    const account = accountWithContacts()
    const children = table('contact')
      .filter((c) => c._parentcustomerid_value === account.accountid)
      .map((c) => String(c.contactid))
      .sort()
    const refs = await api(`accounts(${String(account.accountid)})/contact_customer_accounts/$ref`)
    expect(refs.json['@odata.context']).toBe(`${fx.contoso}/api/data/v9.2/$metadata#Collection($ref)`)
    expect(refs.json.value).toEqual(
      children.map((id) => ({ '@odata.id': `${fx.contoso}/api/data/v9.2/contacts(${id})` })),
    )
    const response = await fx.fetch(
      `${fx.contoso}/api/data/v9.2/accounts(${String(account.accountid)})/contact_customer_accounts/$count`,
      {
        headers: { Authorization: `Bearer ${await fx.token('healthy')}` },
      },
    )
    expect(new TextDecoder('utf-8', { ignoreBOM: true }).decode(await response.arrayBuffer())).toBe(
      `\uFEFF${children.length}`,
    )
  })

  it('filters through two single-valued navigation properties and takes aliases in query-function arguments', async () => {
    const contacts = new Map(table('contact').map((c) => [c.contactid, c]))
    const users = new Map(table('systemuser').map((u) => [u.systemuserid, u]))
    const creatorOf = (a: Readonly<Row>): unknown =>
      users.get(contacts.get(a._primarycontactid_value as string)?._createdby_value as string)?.fullname
    const name = String(creatorOf(accountWithContacts()))
    const answer = await api(
      `accounts?$select=name&$filter=primarycontactid/createdby/fullname eq '${name.replace(/'/g, "''")}'`,
    )
    expect((answer.json.value as { accountid: string }[]).map((a) => a.accountid).sort()).toEqual(
      table('account')
        .filter((a) => creatorOf(a) === name)
        .map((a) => String(a.accountid))
        .sort(),
    )
    const aliased = await api(
      "accounts?$select=name&$filter=Microsoft.Dynamics.CRM.OlderThanXDays(PropertyName=@p1,PropertyValue=@p2)&@p1='createdon'&@p2=7",
    )
    const literal = await api(
      "accounts?$select=name&$filter=Microsoft.Dynamics.CRM.OlderThanXDays(PropertyName='createdon',PropertyValue=7)",
    )
    expect(aliased.status).toBe(200)
    expect(aliased.json.value).toEqual(literal.json.value)
  })

  it('answers money with its currency, principals with ownerid, and collection expands with back-reference and nextLink', async () => {
    const currency = table('transactioncurrency')[0] as Readonly<Row>
    const account = accountWithContacts()
    const row = await api(`accounts(${String(account.accountid)})?$select=name,revenue`, {
      headers: { Prefer: 'odata.include-annotations="OData.Community.Display.V1.FormattedValue"' },
    })
    expect(row.json._transactioncurrencyid_value).toBe(currency.transactioncurrencyid)
    expect(row.json['_transactioncurrencyid_value@OData.Community.Display.V1.FormattedValue']).toBe('US Dollar')
    const user = await api(`systemusers?$select=fullname&$top=1`)
    expect(user.json.value[0].ownerid).toBe(user.json.value[0].systemuserid)
    const nested = await api(
      `accounts(${String(account.accountid)})?$select=name&$expand=contact_customer_accounts($select=fullname;$expand=owninguser($select=fullname))`,
      {
        headers: { Prefer: 'odata.maxpagesize=1' },
      },
    )
    const children = table('contact').filter((c) => c._parentcustomerid_value === account.accountid)
    expect(nested.json.contact_customer_accounts).toHaveLength(1)
    const link = nested.json['contact_customer_accounts@odata.nextLink'] as string | undefined
    if (children.length > 1) {
      expect(link).toMatch(
        /\/accounts\([0-9a-f-]+\)\/contact_customer_accounts\?\$select=fullname&\$expand=owninguser\(\$select=fullname\)&\$skiptoken=/,
      )
      const next = await api((link as string).slice(`${fx.contoso}/api/data/v9.2/`.length), {
        headers: { Prefer: 'odata.maxpagesize=1' },
      })
      expect(next.status).toBe(200)
      expect(next.json.value[0].contactid).not.toBe(nested.json.contact_customer_accounts[0].contactid)
    } else expect(link).toBeUndefined()
  })
})

describe('writes Dataverse documents', () => {
  it('sets a single-valued reference with PUT …/$ref and removes references with "nav": null', async () => {
    const contact = await api('contacts', { method: 'POST', body: { lastname: 'Scratch' } })
    const contactId = /\(([0-9a-f-]{36})\)$/.exec(contact.headers.get('odata-entityid') ?? '')?.[1] as string
    const accountId = table('account')[0]?.accountid as string
    expect(
      (
        await api(`contacts(${contactId})/parentcustomerid_account/$ref`, {
          method: 'PUT',
          body: { '@odata.id': `accounts(${accountId})` },
        })
      ).status,
    ).toBe(204)
    expect(table('contact').find((c) => c.contactid === contactId)?._parentcustomerid_value).toBe(accountId)
    const id = await scratchAccount()
    await api(`accounts(${id})`, { method: 'PATCH', body: { 'parentaccountid@odata.bind': `/accounts(${accountId})` } })
    expect((await api(`accounts(${id})`, { method: 'PATCH', body: { parentaccountid: null } })).status).toBe(204)
    expect(table('account').find((a) => a.accountid === id)?._parentaccountid_value).toBeNull()
  })
})

describe('$top with Prefer: odata.maxpagesize', () => {
  // page-results.md: "Don't use $top with the Prefer: odata.maxpagesize request header. If you include both, $top is ignored."
  it('ignores $top when a page size is asked for: pages of that size with a nextLink, to the end', async () => {
    const prefer = { Prefer: 'odata.maxpagesize=400' }
    const first = await api('contacts?$select=fullname&$top=3', { headers: prefer })
    expect(first.json.value).toHaveLength(400)
    expect(first.headers.get('preference-applied')).toBe('odata.maxpagesize=400')
    const seen = (first.json.value as { contactid: string }[]).map((row) => row.contactid)
    let next = first.json['@odata.nextLink'] as string | undefined
    while (next) {
      const page = await api(next.slice(`${fx.contoso}/api/data/v9.2/`.length), { headers: prefer })
      seen.push(...(page.json.value as { contactid: string }[]).map((row) => row.contactid))
      next = page.json['@odata.nextLink'] as string | undefined
    }
    expect(new Set(seen).size).toBe(table('contact').length)
    expect(seen).toHaveLength(table('contact').length)
  })

  it('still honours $top alone, without a nextLink', async () => {
    const answer = await api('contacts?$select=fullname&$top=3')
    expect(answer.json.value).toHaveLength(3)
    expect(answer.json['@odata.nextLink']).toBeUndefined()
  })
})

describe('RetrievePrincipalAccess', () => {
  it("answers a user's rights on a row: every right for a System Administrator; a clear 400 without a target", async () => {
    const account = table('account')[0] as Readonly<Row>
    const path = (userId: string): string =>
      `systemusers(${userId})/Microsoft.Dynamics.CRM.RetrievePrincipalAccess(Target=@tid)?@tid={'@odata.id':'accounts(${String(account.accountid)})'}`
    const admin = await api(path(String(account._createdby_value)))
    expect(admin.status).toBe(200)
    expect(admin.json['@odata.context']).toBe(
      `${fx.contoso}/api/data/v9.2/$metadata#Microsoft.Dynamics.CRM.RetrievePrincipalAccessResponse`,
    )
    const all = await api(path(scenarioApp('healthy').appUser?.systemUserId as string))
    expect(all.json.AccessRights).toBe(
      'CreateAccess, ReadAccess, WriteAccess, DeleteAccess, AppendAccess, AppendToAccess, AssignAccess, ShareAccess',
    )
    const refused = await api(
      `systemusers(${String(account._createdby_value)})/Microsoft.Dynamics.CRM.RetrievePrincipalAccess(Target=@tid)?@tid='nothing'`,
    )
    expect(refused.status).toBe(400)
  })

  it("answers a team's rights from the team's own roles: Basic reaches the rows the team owns", async () => {
    const team = table('team').find((t) => t.name === 'Project Team') as Readonly<Row>
    const access = async (set: string, id: unknown): Promise<string> =>
      (
        await api(
          `teams(${String(team.teamid)})/Microsoft.Dynamics.CRM.RetrievePrincipalAccess(Target=@tid)?@tid={'@odata.id':'${set}(${String(id)})'}`,
        )
      ).json.AccessRights
    const owned = table('cr4f5_project').find((p) => p._ownerid_value === team.teamid)
    const other = table('cr4f5_project').find((p) => p._ownerid_value !== team.teamid)
    expect(owned, 'the sample data has a project owned by Project Team').toBeDefined()
    // Project Member grants Create, Read, Write, Append and AppendTo on projects at Basic depth.
    expect(await access('cr4f5_projects', owned?.cr4f5_projectid)).toBe(
      'CreateAccess, ReadAccess, WriteAccess, AppendAccess, AppendToAccess',
    )
    expect(await access('cr4f5_projects', other?.cr4f5_projectid)).toBe('CreateAccess')
    expect(await access('accounts', table('account')[0]?.accountid)).toBe('None')
  })
})

describe('deep insert', () => {
  it('creates a related lookup row and related collection rows with the new row', async () => {
    const created = await api('accounts', {
      method: 'POST',
      body: {
        name: 'Deep insert',
        primarycontactid: { firstname: 'Ada', lastname: 'Deep' },
        contact_customer_accounts: [{ lastname: 'Child one' }, { lastname: 'Child two' }],
      },
    })
    expect(created.status).toBe(204)
    const id = /\(([0-9a-f-]{36})\)$/.exec(created.headers.get('odata-entityid') ?? '')?.[1]
    const account = table('account').find((a) => a.accountid === id) as Readonly<Row>
    const primary = table('contact').find((c) => c.contactid === account._primarycontactid_value)
    expect(primary?.fullname).toBe('Ada Deep')
    expect(
      table('contact')
        .filter((c) => c._parentcustomerid_value === id)
        .map((c) => c.lastname)
        .sort(),
    ).toEqual(['Child one', 'Child two'])
  })

  it('answers 501 for related rows inside an update', async () => {
    const id = await scratchAccount()
    const deepUpdate = await api(`accounts(${id})`, {
      method: 'PATCH',
      body: { primarycontactid: { lastname: 'Nope' } },
    })
    expect([deepUpdate.status, deepUpdate.json.error.message]).toEqual([
      501,
      expect.stringContaining('not supported by this emulator'),
    ])
  })
})

describe('$apply', () => {
  const accounts = (): readonly Readonly<Row>[] => table('account')

  it('groups with aggregate($count as …), ordered by the group, with formatted values', async () => {
    const answer = await api('accounts?$apply=groupby((statuscode),aggregate($count as count))', {
      headers: { Prefer: 'odata.include-annotations="OData.Community.Display.V1.FormattedValue"' },
    })
    const expected = [1, 2]
      .map((code) => ({ code, count: accounts().filter((a) => a.statuscode === code).length }))
      .filter((g) => g.count > 0)
    expect(answer.json.value).toEqual(
      expected.map((g) => ({
        'statuscode@OData.Community.Display.V1.FormattedValue': g.code === 1 ? 'Active' : 'Inactive',
        statuscode: g.code,
        'count@OData.Community.Display.V1.FormattedValue': String(g.count),
        count: g.count,
      })),
    )
  })

  it('sums, averages, finds min/max and counts distinct values, after filter()', async () => {
    const answer = await api(
      'accounts?$apply=filter(statecode eq 0)/aggregate(revenue with sum as total,revenue with average as mean,createdon with max as lastCreate,numberofemployees with min as smallest,industrycode with countdistinct as industries)',
    )
    const active = accounts().filter((a) => a.statecode === 0)
    const revenues = active.map((a) => a.revenue).filter((r): r is number => typeof r === 'number')
    const [result] = answer.json.value as Record<string, number | string>[]
    expect(result?.total).toBe(revenues.reduce((x, y) => x + y, 0))
    expect(result?.mean).toBeCloseTo(revenues.reduce((x, y) => x + y, 0) / revenues.length, 6)
    expect(result?.lastCreate).toBe(
      active
        .map((a) => a.createdon as string)
        .sort()
        .at(-1),
    )
    expect(result?.smallest).toBe(
      Math.min(...active.map((a) => a.numberofemployees).filter((n): n is number => typeof n === 'number')),
    )
    expect(result?.industries).toBe(new Set(active.map((a) => a.industrycode).filter((v) => v !== null)).size)
  })

  it('lists distinct combinations with groupby alone, leaving null values out of a row', async () => {
    const answer = await api('accounts?$apply=groupby((statecode,creditlimit))')
    const combos = new Set(accounts().map((a) => JSON.stringify([a.statecode, a.creditlimit])))
    expect(answer.json.value).toHaveLength(combos.size)
    const first = (answer.json.value as Record<string, unknown>[])[0]
    expect(first).toEqual({ statecode: 0 })
  })

  it('refuses a malformed $apply with a clear 400', async () => {
    const answer = await api('accounts?$apply=aggregate(revenue with median as m)')
    expect(answer.status).toBe(400)
    expect(answer.json.error.message).toContain("write '<column> with sum|average|min|max|countdistinct as <alias>'")
  })
})
