/**
 * The Dataverse Web API of the HTTPS emulator over real TLS with Node fetch: every endpoint and
 * query option, checked against the emulator's own data (emulator.table), not against literals.
 */
import { sqlGuidOrderKey } from '@common/query/sql-guid-order'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { scenarioApp, type Row } from '../../../emulator'
import { type Answer } from '../../support/emulator-client'
import { startFixture, type HttpsFixture } from './fixture'

const DAY = 86_400_000
let now = Date.parse('2026-11-26T15:30:00Z')
let fx: HttpsFixture
let api: Awaited<ReturnType<HttpsFixture['api']>>
let contacts: readonly Readonly<Row>[]
let accounts: readonly Readonly<Row>[]

beforeAll(async () => {
  fx = await startFixture({ rows: { accounts: 120, contacts: 900 }, clock: () => now })
  api = await fx.api()
  contacts = fx.running.emulator.table('contact')
  accounts = fx.running.emulator.table('account')
})
afterAll(() => fx.close())

const ids = (answer: Answer, pk = 'contactid'): string[] =>
  (answer.json.value as Record<string, unknown>[]).map((row) => row[pk] as string)
/** Dataverse's primary-key order: SQL Server's uniqueidentifier order, not the text's. */
const bySqlOrder = (a: string, b: string): number => {
  const [x, y] = [sqlGuidOrderKey(a) ?? a, sqlGuidOrderKey(b) ?? b]
  return x < y ? -1 : x > y ? 1 : 0
}
const sortedIds = (rows: readonly Readonly<Row>[], pk = 'contactid'): string[] =>
  rows.map((r) => r[pk] as string).sort(bySqlOrder)
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

describe('authentication and headers', () => {
  it('answers a call without a token with the 401 challenge Dataverse sends', async () => {
    const anonymous = await fetchRaw('')
    expect(anonymous.status).toBe(401)
    expect(anonymous.headers.get('www-authenticate')).toBe(
      `Bearer authorization_uri=${fx.running.authorityUrl}/${fx.running.tenantId}/oauth2/authorize, resource_id=${fx.contoso}/`,
    )
    expect(await anonymous.text()).toBe('')
  })

  it('refuses a token for another org and an expired token with an invalid_token challenge', async () => {
    const wrongAudience = await fetchRaw('WhoAmI', await fx.token('healthy', fx.fabrikam))
    expect(wrongAudience.status).toBe(401)
    expect(wrongAudience.headers.get('www-authenticate')).toMatch(
      /^Bearer error=invalid_token, error_description="Error during token validation!", authorization_uri=/,
    )
    const token = await fx.token('healthy')
    now += 2 * 3600_000
    try {
      expect((await fetchRaw('WhoAmI', token)).status).toBe(401)
    } finally {
      now -= 2 * 3600_000
    }
  })

  it('sends the headers every Dataverse response carries', async () => {
    const answer = await api('WhoAmI')
    expect(answer.headers.get('odata-version')).toBe('4.0')
    expect(answer.headers.get('content-type')).toBe('application/json; odata.metadata=minimal')
    expect(answer.headers.get('x-ms-service-request-id')).toMatch(GUID)
    expect(answer.headers.get('req_id')).toBe(answer.headers.get('x-ms-service-request-id'))
    expect(Number(answer.headers.get('x-ms-ratelimit-burst-remaining-xrm-requests'))).toBeGreaterThan(0)
    expect(answer.headers.get('x-ms-ratelimit-time-remaining-xrm-requests')).toMatch(/^[\d,]+\.\d\d$/)
    expect(answer.headers.get('x-ms-dop-hint')).toMatch(/^\d+$/)
  })
})

function fetchRaw(path: string, token?: string): Promise<Response> {
  return fx.fetch(`${fx.contoso}/api/data/v9.2/${path}`, { headers: token ? { Authorization: `Bearer ${token}` } : {} })
}

describe('service document, $metadata and functions', () => {
  it('lists the entity sets and function imports in the service document', async () => {
    const answer = await api('')
    expect(answer.json['@odata.context']).toBe(`${fx.contoso}/api/data/v9.2/$metadata`)
    const names = (answer.json.value as { name: string; kind: string }[]).map((v) => `${v.kind}:${v.name}`)
    expect(names).toEqual(
      expect.arrayContaining([
        'EntitySet:accounts',
        'EntitySet:contacts',
        'EntitySet:systemusers',
        'EntitySet:cr4f5_projects',
        'FunctionImport:WhoAmI',
      ]),
    )
  })

  it('serves $metadata as CSDL XML', async () => {
    const answer = await api('$metadata')
    expect(answer.headers.get('content-type')).toBe('application/xml')
    expect(answer.text).toContain('<Schema Namespace="Microsoft.Dynamics.CRM" Alias="mscrm"')
    expect(answer.text).toContain('<EntitySet Name="contacts" EntityType="Microsoft.Dynamics.CRM.contact">')
  })

  it('answers WhoAmI and RetrieveVersion', async () => {
    const who = await api('WhoAmI()')
    expect(who.json).toEqual({
      '@odata.context': `${fx.contoso}/api/data/v9.2/$metadata#Microsoft.Dynamics.CRM.WhoAmIResponse`,
      BusinessUnitId: expect.stringMatching(GUID),
      UserId: scenarioApp('healthy').appUser?.systemUserId,
      OrganizationId: fx.running.emulator.table('organization')[0]?.organizationid,
    })
    expect((await api('RetrieveVersion()')).json.Version).toMatch(/^9\.2\.\d+\.\d+$/)
  })

  it('answers RetrieveUserPrivileges and the systemuserroles_association relationship', async () => {
    const user = scenarioApp('missing-privilege').appUser?.systemUserId
    const privileges = await api(`systemusers(${user})/Microsoft.Dynamics.CRM.RetrieveUserPrivileges()`)
    const names = (privileges.json.RolePrivileges as { PrivilegeName: string; Depth: string }[]).map(
      (p) => p.PrivilegeName,
    )
    expect(names).toContain('prvReadAccount')
    expect(names).not.toContain('prvReadContact')
    const roles = await api(`systemusers(${user})/systemuserroles_association?$select=name`)
    expect((roles.json.value as { name: string }[]).map((r) => r.name)).toEqual(['Workbench Reader'])
  })

  it('counts rows with RetrieveTotalRecordCount', async () => {
    const answer = await api("RetrieveTotalRecordCount(EntityNames=['account','contact'])")
    expect(answer.json.EntityRecordCountCollection).toMatchObject({
      Count: 2,
      Keys: ['account', 'contact'],
      Values: [accounts.length, contacts.length],
    })
  })
})

describe('EntityDefinitions', () => {
  it('lists tables with $select and $filter', async () => {
    const answer = await api('EntityDefinitions?$select=LogicalName,EntitySetName&$filter=IsCustomEntity eq true')
    expect(
      (answer.json.value as { LogicalName: string; EntitySetName: string }[])
        .map((t) => `${t.LogicalName}:${t.EntitySetName}`)
        .sort(),
    ).toEqual(['cr4f5_expense:cr4f5_expenses', 'cr4f5_project:cr4f5_projects', 'cr4f5_timeentry:cr4f5_timeentries'])
  })

  it('returns a table by LogicalName with its attributes', async () => {
    const answer = await api(
      "EntityDefinitions(LogicalName='account')?$select=LogicalName,EntitySetName,PrimaryIdAttribute,PrimaryNameAttribute,ObjectTypeCode&$expand=Attributes($select=LogicalName,AttributeType)",
    )
    expect(answer.json).toMatchObject({
      LogicalName: 'account',
      EntitySetName: 'accounts',
      PrimaryIdAttribute: 'accountid',
      PrimaryNameAttribute: 'name',
      ObjectTypeCode: 1,
    })
    const attributes = new Map(
      (answer.json.Attributes as { LogicalName: string; AttributeType: string }[]).map((a) => [
        a.LogicalName,
        a.AttributeType,
      ]),
    )
    expect(attributes.get('primarycontactid')).toBe('Lookup')
    expect(attributes.get('industrycode')).toBe('Picklist')
    expect(attributes.get('revenue')).toBe('Money')
  })

  it('returns option-set values of a choice column', async () => {
    const answer = await api(
      "EntityDefinitions(LogicalName='account')/Attributes(LogicalName='industrycode')/Microsoft.Dynamics.CRM.PicklistAttributeMetadata?$select=LogicalName&$expand=OptionSet($select=Options)",
    )
    const options = answer.json.OptionSet.Options as {
      Value: number
      Label: { UserLocalizedLabel: { Label: string } }
    }[]
    expect(options.find((o) => o.Value === 7)?.Label.UserLocalizedLabel.Label).toBe('Consulting')
  })

  it('refuses functions in metadata $filter as Dataverse does', async () => {
    const answer = await api("EntityDefinitions?$filter=startswith(LogicalName,'acc')")
    expect(answer.status).toBe(501)
    expect(answer.json.error.message).toContain("isn't supported for Metadata Entities")
  })
})

describe('collection queries', () => {
  it('$select returns the chosen columns, the primary key and the etag', async () => {
    const answer = await api('contacts?$select=fullname,emailaddress1&$top=2')
    expect(answer.json['@odata.context']).toBe(`${fx.contoso}/api/data/v9.2/$metadata#contacts(fullname,emailaddress1)`)
    for (const row of answer.json.value as Record<string, unknown>[]) {
      expect(Object.keys(row)).toEqual(['@odata.etag', 'fullname', 'emailaddress1', 'contactid'])
      expect(row['@odata.etag']).toMatch(/^W\/"\d+"$/)
    }
  })

  it('without $select returns every column, default-ordered by primary key', async () => {
    const answer = await api('accounts?$top=5')
    expect(ids(answer, 'accountid')).toEqual(sortedIds(accounts, 'accountid').slice(0, 5))
    expect(Object.keys(answer.json.value[0])).toContain('_primarycontactid_value')
  })

  it('$filter compares numbers and combines and/or/not with parentheses', async () => {
    const answer = await api(
      'accounts?$select=name&$filter=(numberofemployees gt 10000 or revenue le 50000000) and not (industrycode eq 7)',
    )
    const expected = accounts.filter(
      (a) => ((a.numberofemployees as number) > 10000 || (a.revenue as number) <= 50_000_000) && a.industrycode !== 7,
    )
    expect(ids(answer, 'accountid').sort(bySqlOrder)).toEqual(sortedIds(expected, 'accountid'))
  })

  it('$filter handles null', async () => {
    const none = await api('contacts?$select=fullname&$filter=jobtitle eq null')
    expect(ids(none).sort(bySqlOrder)).toEqual(sortedIds(contacts.filter((c) => c.jobtitle === null)))
    const some = await api('contacts?$select=fullname&$filter=jobtitle ne null')
    expect(ids(some).length).toBe(contacts.filter((c) => c.jobtitle !== null).length)
  })

  it('$filter contains/startswith/endswith ignore case', async () => {
    const sample = String(contacts[0]?.lastname)
    const answer = await api(
      `contacts?$select=fullname&$filter=contains(fullname,'${sample.slice(1, 4).toUpperCase()}') and startswith(emailaddress1,'${String(contacts[0]?.firstname).toLowerCase().slice(0, 2)}') and endswith(emailaddress1,'.COM')`,
    )
    const part = sample.slice(1, 4).toLowerCase()
    const start = String(contacts[0]?.firstname).toLowerCase().slice(0, 2)
    const expected = contacts.filter(
      (c) =>
        String(c.fullname).toLowerCase().includes(part) &&
        String(c.emailaddress1).toLowerCase().startsWith(start) &&
        String(c.emailaddress1).toLowerCase().endsWith('.com'),
    )
    expect(expected.length).toBeGreaterThan(0)
    expect(ids(answer).sort(bySqlOrder)).toEqual(sortedIds(expected))
  })

  it('$filter on a lookup _x_value and through a single-valued navigation property', async () => {
    const account = accounts.find(
      (a) => contacts.filter((c) => c._parentcustomerid_value === a.accountid).length > 2,
    ) as Readonly<Row>
    const byLookup = await api(
      `contacts?$select=fullname&$filter=_parentcustomerid_value eq ${String(account.accountid)}`,
    )
    expect(ids(byLookup).sort(bySqlOrder)).toEqual(
      sortedIds(contacts.filter((c) => c._parentcustomerid_value === account.accountid)),
    )
    const name = String(account.name).replace(/'/g, "''")
    const byNavigation = await api(`contacts?$select=fullname&$filter=parentcustomerid_account/name eq '${name}'`)
    const sameName = new Set(accounts.filter((a) => a.name === account.name).map((a) => a.accountid))
    expect(ids(byNavigation).sort(bySqlOrder)).toEqual(
      sortedIds(contacts.filter((c) => sameName.has(c._parentcustomerid_value as string))),
    )
  })

  it('$filter any() over a collection navigation property', async () => {
    const answer = await api(
      "accounts?$select=name&$filter=contact_customer_accounts/any(c: c/jobtitle eq 'IT Director')",
    )
    const expected = accounts.filter((a) =>
      contacts.some((c) => c._parentcustomerid_value === a.accountid && c.jobtitle === 'IT Director'),
    )
    expect(ids(answer, 'accountid').sort(bySqlOrder)).toEqual(sortedIds(expected, 'accountid'))
  })

  it('$filter with Microsoft.Dynamics.CRM.LastXDays, Today and In evaluates against the emulator clock', async () => {
    const startOfToday = Math.floor(now / DAY) * DAY
    const lastWeek = await api(
      "contacts?$select=fullname&$filter=Microsoft.Dynamics.CRM.LastXDays(PropertyName='createdon',PropertyValue=7)",
    )
    const expected = contacts.filter(
      (c) => Date.parse(c.createdon as string) >= startOfToday - 7 * DAY && Date.parse(c.createdon as string) <= now,
    )
    expect(expected.length).toBeGreaterThan(0)
    expect(ids(lastWeek).sort(bySqlOrder)).toEqual(sortedIds(expected))
    const today = await api("contacts?$select=fullname&$filter=Microsoft.Dynamics.CRM.Today(PropertyName='modifiedon')")
    expect(ids(today).sort(bySqlOrder)).toEqual(
      sortedIds(contacts.filter((c) => Date.parse(c.modifiedon as string) >= startOfToday)),
    )
    const inList = await api(
      "contacts?$select=fullname&$filter=Microsoft.Dynamics.CRM.In(PropertyName='gendercode',PropertyValues=['1'])",
    )
    expect(ids(inList).sort(bySqlOrder)).toEqual(sortedIds(contacts.filter((c) => c.gendercode === 1)))
  })

  it('$orderby sorts on several columns, nulls first, text ignoring case', async () => {
    const answer = await api(
      'contacts?$select=address1_city,jobtitle,fullname&$orderby=address1_city desc,jobtitle asc&$top=200',
    )
    const rows = answer.json.value as { address1_city: string; jobtitle: string | null; contactid: string }[]
    const key = (r: { address1_city: string; jobtitle: string | null }) =>
      [r.address1_city.toLowerCase(), r.jobtitle?.toLowerCase() ?? null] as const
    for (let i = 1; i < rows.length; i++) {
      const [cityA, jobA] = key(rows[i - 1] as (typeof rows)[number])
      const [cityB, jobB] = key(rows[i] as (typeof rows)[number])
      expect(cityA >= cityB).toBe(true)
      if (cityA === cityB && jobA !== jobB) expect(jobA === null || (jobB !== null && jobA < jobB)).toBe(true)
    }
  })

  it('$top limits and $count counts every match', async () => {
    const answer = await api('contacts?$select=fullname&$filter=gendercode eq 2&$count=true&$top=3')
    expect(answer.json['@odata.count']).toBe(contacts.filter((c) => c.gendercode === 2).length)
    expect(answer.json.value).toHaveLength(3)
    const count = await api('contacts/$count')
    expect(count.text).toBe(String(contacts.length))
  })

  it('$expand a single-valued navigation property with nested $select', async () => {
    const answer = await api('contacts?$select=fullname&$expand=parentcustomerid_account($select=name)&$top=20')
    for (const row of answer.json.value as {
      contactid: string
      parentcustomerid_account: { name: string; accountid: string } | null
    }[]) {
      const contact = contacts.find((c) => c.contactid === row.contactid)
      if (contact?._parentcustomerid_value) {
        const account = accounts.find((a) => a.accountid === contact._parentcustomerid_value)
        expect(row.parentcustomerid_account).toEqual({
          '@odata.etag': account?.['@odata.etag'],
          name: account?.name,
          accountid: account?.accountid,
        })
      } else expect(row.parentcustomerid_account).toBeNull()
    }
  })

  it('$expand a collection-valued navigation property with nested $select, $filter, $orderby and $top, the back-reference and its nextLink', async () => {
    const answer = await api(
      'accounts?$select=name&$expand=contact_customer_accounts($select=fullname,jobtitle;$filter=jobtitle ne null;$orderby=fullname desc;$top=2)&$top=10',
    )
    for (const row of answer.json.value as Record<string, unknown>[]) {
      expect(row['contact_customer_accounts@odata.nextLink']).toBe(
        `${fx.contoso}/api/data/v9.2/accounts(${String(row.accountid)})/contact_customer_accounts?$select=fullname,jobtitle&$filter=jobtitle ne null&$orderby=fullname desc&$top=2`,
      )
    }
    for (const row of answer.json.value as {
      accountid: string
      contact_customer_accounts: { fullname: string; contactid: string; _parentcustomerid_value: string }[]
    }[]) {
      const expected = contacts
        .filter((c) => c._parentcustomerid_value === row.accountid && c.jobtitle !== null)
        .sort((a, b) =>
          String(b.fullname).toLowerCase() < String(a.fullname).toLowerCase()
            ? -1
            : String(b.fullname).toLowerCase() > String(a.fullname).toLowerCase()
              ? 1
              : String(a.contactid) < String(b.contactid)
                ? -1
                : 1,
        )
        .slice(0, 2)
      expect(row.contact_customer_accounts.map((c) => c.contactid)).toEqual(expected.map((c) => c.contactid))
      expect(
        row.contact_customer_accounts.every(
          (c) => Object.keys(c).join() === '@odata.etag,fullname,jobtitle,_parentcustomerid_value,contactid',
        ),
      ).toBe(true)
      expect(row.contact_customer_accounts.every((c) => c._parentcustomerid_value === row.accountid)).toBe(true)
    }
  })

  it('pages with Prefer: odata.maxpagesize and an opaque $skiptoken, echoing Preference-Applied', async () => {
    const seen: string[] = []
    let answer = await api('accounts?$select=name', { headers: { Prefer: 'odata.maxpagesize=50' } })
    expect(answer.headers.get('preference-applied')).toBe('odata.maxpagesize=50')
    for (;;) {
      seen.push(...ids(answer, 'accountid'))
      const next = answer.json['@odata.nextLink'] as string | undefined
      if (!next) break
      expect(next).toMatch(/\$skiptoken=%3Ccookie%20pagenumber%3D%22\d+%22%20pagingcookie%3D%22/)
      answer = await api(next.slice(`${fx.contoso}/api/data/v9.2/`.length), {
        headers: { Prefer: 'odata.maxpagesize=50' },
      })
    }
    expect(seen).toEqual(sortedIds(accounts, 'accountid'))
  })

  it('adds formatted values and lookup annotations when asked, and echoes the preference', async () => {
    const contact = contacts.find(
      (c) => c._parentcustomerid_value && c.gendercode !== null && c.annualincome !== null,
    ) as Readonly<Row>
    const answer = await api(
      `contacts(${String(contact.contactid)})?$select=gendercode,annualincome,createdon,_parentcustomerid_value`,
      {
        headers: { Prefer: 'odata.include-annotations="*"' },
      },
    )
    expect(answer.headers.get('preference-applied')).toBe('odata.include-annotations="*"')
    const account = accounts.find((a) => a.accountid === contact._parentcustomerid_value)
    expect(answer.json['gendercode@OData.Community.Display.V1.FormattedValue']).toBe(
      contact.gendercode === 1 ? 'Male' : 'Female',
    )
    expect(answer.json['annualincome@OData.Community.Display.V1.FormattedValue']).toBe(
      `$${(contact.annualincome as number).toLocaleString('en-US', { minimumFractionDigits: 2 })}`,
    )
    expect(answer.json['createdon@OData.Community.Display.V1.FormattedValue']).toMatch(
      /^\d{1,2}\/\d{1,2}\/\d{4} \d{1,2}:\d\d (AM|PM)$/,
    )
    expect(answer.json['_parentcustomerid_value@OData.Community.Display.V1.FormattedValue']).toBe(account?.name)
    expect(answer.json['_parentcustomerid_value@Microsoft.Dynamics.CRM.lookuplogicalname']).toBe('account')
    expect(answer.json['_parentcustomerid_value@Microsoft.Dynamics.CRM.associatednavigationproperty']).toBe(
      'parentcustomerid_account',
    )
  })
})

describe('single rows', () => {
  it('returns a row by key with its ETag, 304 for a matching If-None-Match, 404 0x80040217 for an unknown id', async () => {
    const contact = contacts[3] as Readonly<Row>
    const answer = await api(`contacts(${String(contact.contactid)})?$select=fullname`)
    expect(answer.json).toEqual({
      '@odata.context': `${fx.contoso}/api/data/v9.2/$metadata#contacts(fullname)/$entity`,
      '@odata.etag': contact['@odata.etag'],
      fullname: contact.fullname,
      contactid: contact.contactid,
    })
    expect(answer.headers.get('etag')).toBe(contact['@odata.etag'])
    expect(
      (
        await api(`contacts(${String(contact.contactid)})`, {
          headers: { 'If-None-Match': String(contact['@odata.etag']) },
        })
      ).status,
    ).toBe(304)
    const missing = await api('contacts(00000000-0000-0000-0000-000000000001)')
    expect(missing.status).toBe(404)
    expect(missing.json.error).toEqual({
      code: '0x80040217',
      message: 'contact With Id = 00000000-0000-0000-0000-000000000001 Does Not Exist',
    })
  })

  it('returns one property, and the row a single-valued navigation property points to', async () => {
    const contact = contacts.find((c) => c._parentcustomerid_value) as Readonly<Row>
    expect((await api(`contacts(${String(contact.contactid)})/fullname`)).json.value).toBe(contact.fullname)
    const account = await api(`contacts(${String(contact.contactid)})/parentcustomerid_account?$select=name`)
    expect(account.json.accountid).toBe(contact._parentcustomerid_value)
  })
})

describe('FetchXML', () => {
  const fetchXml = (xml: string, prefer?: string) =>
    api(`accounts?fetchXml=${encodeURIComponent(xml)}`, prefer ? { headers: { Prefer: prefer } } : {})

  it('runs attributes, conditions and orders', async () => {
    const answer = await fetchXml(
      `<fetch><entity name="account"><attribute name="name"/><attribute name="numberofemployees"/><order attribute="numberofemployees" descending="true"/><filter type="and"><condition attribute="numberofemployees" operator="gt" value="5000"/><condition attribute="name" operator="like" value="%o%"/></filter></entity></fetch>`,
    )
    const expected = accounts
      .filter((a) => (a.numberofemployees as number) > 5000 && String(a.name).toLowerCase().includes('o'))
      .sort(
        (a, b) =>
          (b.numberofemployees as number) - (a.numberofemployees as number) ||
          bySqlOrder(String(a.accountid), String(b.accountid)),
      )
    expect(ids(answer, 'accountid')).toEqual(expected.map((a) => a.accountid))
    expect(Object.keys(answer.json.value[0])).toEqual(['@odata.etag', 'name', 'numberofemployees', 'accountid'])
  })

  it('pages with count, page and the paging cookie, and counts with returntotalrecordcount', async () => {
    const seen: string[] = []
    let cookie: string | undefined
    for (let page = 1; ; page++) {
      const pagingCookie = cookie
        ? ` paging-cookie="${cookie.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}"`
        : ''
      const answer = await fetchXml(
        `<fetch count="25" page="${page}"${pagingCookie} returntotalrecordcount="true"><entity name="account"><attribute name="name"/><order attribute="name"/></entity></fetch>`,
        'odata.include-annotations="Microsoft.Dynamics.CRM.fetchxmlpagingcookie,Microsoft.Dynamics.CRM.morerecords"',
      )
      expect(answer.json['@Microsoft.Dynamics.CRM.totalrecordcount']).toBe(accounts.length)
      seen.push(...ids(answer, 'accountid'))
      if (!answer.json['@Microsoft.Dynamics.CRM.morerecords']) break
      const outer = answer.json['@Microsoft.Dynamics.CRM.fetchxmlpagingcookie'] as string
      cookie = decodeURIComponent(decodeURIComponent(/pagingcookie="([^"]+)"/.exec(outer)?.[1] ?? ''))
      expect(cookie).toMatch(
        /^<cookie page="\d+"><name last="[^"]*" first="[^"]*" \/><accountid last="\{[0-9A-F-]{36}\}" first="\{[0-9A-F-]{36}\}" \/><\/cookie>$/,
      )
    }
    expect(new Set(seen).size).toBe(accounts.length)
  })

  it('joins a many-to-one link-entity and returns its attributes as alias.column', async () => {
    const answer = await api(
      `contacts?fetchXml=${encodeURIComponent('<fetch top="5"><entity name="contact"><attribute name="fullname"/><link-entity name="account" from="accountid" to="parentcustomerid" alias="acc" link-type="inner"><attribute name="name"/></link-entity></entity></fetch>')}`,
    )
    for (const row of answer.json.value as Record<string, unknown>[]) {
      const contact = contacts.find((c) => c.contactid === row.contactid)
      expect(row['acc.name']).toBe(accounts.find((a) => a.accountid === contact?._parentcustomerid_value)?.name)
    }
  })

  it('refuses malformed FetchXML and an entity that does not match the entity set', async () => {
    expect((await fetchXml('<fetch><entity name="account">')).status).toBe(400)
    const mismatch = await fetchXml('<fetch><entity name="contact"><attribute name="fullname"/></entity></fetch>')
    expect(mismatch.status).toBe(400)
    expect(mismatch.json.error.message).toContain("does not match the entity set 'accounts'")
  })
})

describe('writes', () => {
  it('creates (204 + OData-EntityId), reads back, updates with If-Match, and deletes', async () => {
    const account = accounts[0] as Readonly<Row>
    const created = await api('contacts', {
      method: 'POST',
      body: {
        firstname: 'Ada',
        lastname: 'Lovelace',
        'parentcustomerid_account@odata.bind': `/accounts(${String(account.accountid)})`,
      },
    })
    expect(created.status).toBe(204)
    const location = created.headers.get('odata-entityid') as string
    expect(location).toMatch(new RegExp(`^${fx.contoso}/api/data/v9.2/contacts\\([0-9a-f-]{36}\\)$`))
    const id = /\(([^)]+)\)/.exec(location)?.[1] as string
    const read = await api(`contacts(${id})?$select=fullname,_parentcustomerid_value,_ownerid_value`)
    expect(read.json).toMatchObject({
      fullname: 'Ada Lovelace',
      _parentcustomerid_value: account.accountid,
      _ownerid_value: scenarioApp('healthy').appUser?.systemUserId,
    })
    const etag = read.headers.get('etag') as string

    const stale = await api(`contacts(${id})`, {
      method: 'PATCH',
      headers: { 'If-Match': 'W/"1"' },
      body: { jobtitle: 'Analyst' },
    })
    expect(stale.status).toBe(412)
    expect(stale.json.error.code).toBe('0x80060882')
    const updated = await api(`contacts(${id})`, {
      method: 'PATCH',
      headers: { 'If-Match': etag, Prefer: 'return=representation' },
      body: { jobtitle: 'Analyst' },
    })
    expect(updated.status).toBe(200)
    expect(updated.json.jobtitle).toBe('Analyst')
    expect(updated.headers.get('etag')).not.toBe(etag)

    expect((await api(`contacts(${id})`, { method: 'DELETE' })).status).toBe(204)
    expect((await api(`contacts(${id})`)).status).toBe(404)
  })

  it('returns the created row with Prefer: return=representation (201) and upserts with PATCH', async () => {
    const created = await api('accounts?$select=name,numberofemployees', {
      method: 'POST',
      headers: { Prefer: 'return=representation' },
      body: { name: 'Workbench Test Co', numberofemployees: 12 },
    })
    expect(created.status).toBe(201)
    expect(created.headers.get('preference-applied')).toBe('return=representation')
    expect(created.json).toMatchObject({
      name: 'Workbench Test Co',
      numberofemployees: 12,
      accountid: expect.stringMatching(GUID),
    })
    const id = '0f0f0f0f-1111-4222-8333-444444444444'
    expect((await api(`accounts(${id})`, { method: 'PATCH', body: { name: 'Upserted' } })).status).toBe(204)
    expect((await api(`accounts(${id})?$select=name`)).json.name).toBe('Upserted')
    expect(
      (
        await api('accounts(0f0f0f0f-1111-4222-8333-555555555555)', {
          method: 'PATCH',
          headers: { 'If-Match': '*' },
          body: { name: 'x' },
        })
      ).status,
    ).toBe(404)
  })

  it('validates payloads as Dataverse does', async () => {
    const unknown = await api('accounts', { method: 'POST', body: { nosuchcolumn: 1 } })
    expect(unknown.status).toBe(400)
    expect(unknown.json.error.message).toContain("The property 'nosuchcolumn' does not exist on type 'account'")
    const tooLong = await api('accounts', { method: 'POST', body: { name: 'x'.repeat(161) } })
    expect(tooLong.json.error.message).toContain("exceeded the maximum allowed length of '160'")
    const wrongType = await api('accounts', { method: 'POST', body: { numberofemployees: 'many' } })
    expect(wrongType.json.error.message).toContain("Cannot convert the literal 'many' to the expected type 'Edm.Int32'")
    const lookupValue = await api('contacts', {
      method: 'POST',
      body: { _parentcustomerid_value: accounts[0]?.accountid },
    })
    expect(lookupValue.json.error.message).toContain('Use Navigation properties')
  })

  it('associates a role through systemuserroles_association/$ref, and the security model follows at once', async () => {
    const noRoles = await fx.api('no-roles')
    expect((await noRoles('accounts?$top=1')).json.error.code).toBe('0x80042f09')
    const user = scenarioApp('no-roles').appUser?.systemUserId
    const roleId = (await api("roles?$select=name&$filter=name eq 'Workbench Reader'")).json.value[0].roleid as string
    const associate = await api(`systemusers(${user})/systemuserroles_association/$ref`, {
      method: 'POST',
      body: { '@odata.id': `${fx.contoso}/api/data/v9.2/roles(${roleId})` },
    })
    expect(associate.status).toBe(204)
    expect((await noRoles('accounts?$top=1')).status).toBe(200)
    expect(
      (await api(`systemusers(${user})/systemuserroles_association(${roleId})/$ref`, { method: 'DELETE' })).status,
    ).toBe(204)
    expect((await noRoles('accounts?$top=1')).status).toBe(403)
  })
})

describe('Dataverse errors', () => {
  it('unknown segment: 404 0x8006088a', async () => {
    const answer = await api('acounts')
    expect(answer.status).toBe(404)
    expect(answer.json.error).toEqual({ code: '0x8006088a', message: "Resource not found for the segment 'acounts'." })
  })

  it('unknown property: 400 0x80060888', async () => {
    const answer = await api('contacts?$select=name')
    expect(answer.status).toBe(400)
    expect(answer.json.error).toEqual({
      code: '0x80060888',
      message: "Could not find a property named 'name' on type 'Microsoft.Dynamics.CRM.contact'.",
    })
  })

  it('syntax error in $filter: 400 with the position', async () => {
    const answer = await api('contacts?$filter=fullname eq')
    expect(answer.status).toBe(400)
    expect(answer.json.error.code).toBe('0x80060888')
    expect(answer.json.error.message).toMatch(/^Syntax error at position 11 in 'fullname eq'\./)
  })

  it('incompatible types: the OData type message', async () => {
    const answer = await api("contacts?$filter=numberofchildren eq 'two'")
    expect(answer.json.error.message).toBe(
      "A binary operator with incompatible types was detected. Found operand types 'Edm.Int32' and 'Edm.String' for operator kind 'Equal'.",
    )
  })

  it('no application user, disabled user, no roles and missing privilege, each with its code', async () => {
    expect((await (await fx.api('no-app-user'))('WhoAmI')).json.error).toEqual({
      code: '0x80072560',
      message: 'The user is not a member of the organization.',
    })
    expect((await (await fx.api('app-user-disabled'))('WhoAmI')).json.error.code).toBe('0x80040225')
    const noRoles = await fx.api('no-roles')
    expect((await noRoles('WhoAmI')).status).toBe(200)
    expect((await noRoles('contacts?$top=1')).json.error.code).toBe('0x80042f09')
    const missing = await fx.api('missing-privilege')
    expect((await missing('accounts?$top=1')).status).toBe(200)
    const refused = await missing('contacts?$top=1')
    expect(refused.status).toBe(403)
    expect(refused.json.error.code).toBe('0x80040220')
    expect(refused.json.error.message).toContain('is missing prvReadContact privilege')
  })

  it('refuses options Dataverse lacks', async () => {
    expect((await api('contacts?$skip=10')).json.error.message).toBe('Skip Clause is not supported in CRM')
    // This helper sends application/json: the JSON batch format, which Dataverse's batch page does not document.
    const batch = await api('$batch', { method: 'POST', body: '' })
    expect([batch.status, batch.json.error.message]).toEqual([501, expect.stringContaining('JSON batch requests')])
  })

  it('impersonates a user by CallerObjectId or MSCRMCallerID: WhoAmI, created rows and privileges are theirs', async () => {
    const users = fx.running.emulator.table('systemuser')
    const person = users.find(
      (u) => u.applicationid === null && typeof u.azureactivedirectoryobjectid === 'string' && u.isdisabled === false,
    ) as Row
    const byObjectId = await api('WhoAmI', { headers: { CallerObjectId: String(person.azureactivedirectoryobjectid) } })
    expect(byObjectId.status).toBe(200)
    expect(byObjectId.json.UserId).toBe(person.systemuserid)
    expect((await api('WhoAmI', { headers: { MSCRMCallerID: String(person.systemuserid) } })).json.UserId).toBe(
      person.systemuserid,
    )
    const created = await api('accounts', {
      method: 'POST',
      headers: { CallerObjectId: String(person.azureactivedirectoryobjectid) },
      body: { name: 'Made while impersonating' },
    })
    const id = /\(([0-9a-f-]{36})\)$/.exec(created.headers.get('odata-entityid') ?? '')?.[1]
    const row = fx.running.emulator.table('account').find((a) => a.accountid === id)
    expect(row?._createdby_value).toBe(person.systemuserid)
    expect(row?._ownerid_value).toBe(person.systemuserid)
    expect((await api('WhoAmI')).json.UserId).toBe(scenarioApp('healthy').appUser?.systemUserId)
  })

  it('refuses impersonation of an unknown user, and by an app user without prvActOnBehalfOfAnotherUser', async () => {
    const unknown = await api('WhoAmI', { headers: { CallerObjectId: '9b1f0a3c-6d2e-4f7a-8c5b-1e2d3f4a5b6c' } })
    expect(unknown.status).toBe(404)
    expect(unknown.json.error.code).toBe('0x80040217')
    const person = fx.running.emulator
      .table('systemuser')
      .find((u) => u.applicationid === null && typeof u.azureactivedirectoryobjectid === 'string') as Row
    const limited = await fx.api('missing-privilege')
    const refused = await limited('WhoAmI', { headers: { MSCRMCallerID: String(person.systemuserid) } })
    expect(refused.status).toBe(403)
    expect(refused.json.error.message).toContain('missing prvActOnBehalfOfAnotherUser privilege')
  })
})
