/**
 * The emulator's FetchXML against what Microsoft documents ("Page results using FetchXml",
 * "Aggregate data using FetchXml", the fetch element reference) and the documented examples
 * ex69/ex70 in webapi-examples.jsonl.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { createEmulator, SAMPLE_CONNECTION } from '../../../../emulator'
import type { Row } from '../../../../emulator/dataverse/data-generator'
import { secretToken, webApi, type Answer, type FetchFn } from '../../../support/emulator-client'

const PAGING =
  'odata.include-annotations="Microsoft.Dynamics.CRM.fetchxmlpagingcookie,Microsoft.Dynamics.CRM.morerecords"'
const emulator = createEmulator({ rows: { accounts: 400, contacts: 2600 } })
let api: ReturnType<typeof webApi>
const contacts = (): readonly Readonly<Row>[] => emulator.table('contact')
const accounts = (): readonly Readonly<Row>[] => emulator.table('account')

beforeAll(async () => {
  const fetch = emulator.fetch as FetchFn
  api = webApi(
    fetch,
    SAMPLE_CONNECTION.orgUrl,
    await secretToken(
      fetch,
      SAMPLE_CONNECTION.authorityUrl,
      SAMPLE_CONNECTION.tenantId,
      'healthy',
      SAMPLE_CONNECTION.orgUrl,
    ),
  )
})

const run = (set: string, xml: string, prefer?: string): Promise<Answer> =>
  api(`${set}?fetchXml=${encodeURIComponent(xml)}`, prefer ? { headers: { Prefer: prefer } } : {})
const xmlEncode = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
/** What a client does with the annotation (the documented steps): take `pagingcookie`, URL-decode it twice. */
const innerCookie = (annotation: string): string =>
  decodeURIComponent(decodeURIComponent(/pagingcookie="([^"]+)"/.exec(annotation)?.[1] ?? ''))

describe('FetchXML paging as Dataverse documents it', () => {
  const query = (page: number, cookie?: string) =>
    `<fetch count="700" page="${page}"${cookie ? ` paging-cookie="${xmlEncode(cookie)}"` : ''}><entity name="contact"><attribute name="fullname"/><attribute name="annualincome"/><order attribute="fullname" descending="true"/></entity></fetch>`

  it('sends the cookie URL-encoded twice and morerecords before value, and leaves null columns out (ex69)', async () => {
    const answer = await run('contacts', query(1), PAGING)
    expect(answer.status).toBe(200)
    expect(Object.keys(answer.json).slice(0, 4)).toEqual([
      '@odata.context',
      '@Microsoft.Dynamics.CRM.fetchxmlpagingcookie',
      '@Microsoft.Dynamics.CRM.morerecords',
      'value',
    ])
    const annotation = answer.json['@Microsoft.Dynamics.CRM.fetchxmlpagingcookie'] as string
    expect(annotation).toMatch(
      /^<cookie pagenumber="2" pagingcookie="%253ccookie%2520page%253d%25221%2522%253e%253cfullname%2520last%253d%2522.+" istracking="False" \/>$/,
    )
    expect(innerCookie(annotation)).toMatch(
      /^<cookie page="1"><fullname last="[^"]*" first="[^"]*" \/><contactid last="\{[0-9A-F-]{36}\}" first="\{[0-9A-F-]{36}\}" \/><\/cookie>$/,
    )
    expect(answer.json['@Microsoft.Dynamics.CRM.morerecords']).toBe(true)
    const rows = answer.json.value as Record<string, unknown>[]
    const withoutIncome = rows.find(
      (row) => contacts().find((c) => c.contactid === row.contactid)?.annualincome === null,
    )
    expect(withoutIncome).toBeDefined()
    // The income is left out; the currency that goes with a money column is still there (it is not null).
    expect(Object.keys(withoutIncome!)).toEqual([
      '@odata.etag',
      'fullname',
      'contactid',
      '_transactioncurrencyid_value',
    ])
    expect(rows.some((row) => typeof row.annualincome === 'number')).toBe(true)
  })

  it('continues after the cookie to the last page, which has neither annotation, with every row once (ex70)', async () => {
    const seen: string[] = []
    let cookie: string | undefined
    let last: Answer | undefined
    for (let page = 1; page < 20; page++) {
      last = await run('contacts', query(page, cookie), PAGING)
      seen.push(...(last.json.value as { contactid: string }[]).map((row) => row.contactid))
      if (!last.json['@Microsoft.Dynamics.CRM.morerecords']) break
      cookie = innerCookie(last.json['@Microsoft.Dynamics.CRM.fetchxmlpagingcookie'] as string)
    }
    expect(last?.json).not.toHaveProperty('@Microsoft.Dynamics.CRM.morerecords')
    expect(last?.json).not.toHaveProperty('@Microsoft.Dynamics.CRM.fetchxmlpagingcookie')
    expect(seen).toHaveLength(contacts().length)
    expect(new Set(seen).size).toBe(contacts().length)
  })

  it('pages by the page number alone (simple paging), and ignores a cookie for a page that does not follow it', async () => {
    const byNumber = await run('contacts', query(3), PAGING)
    const first = await run('contacts', query(1), PAGING)
    const stale = await run(
      'contacts',
      query(3, innerCookie(first.json['@Microsoft.Dynamics.CRM.fetchxmlpagingcookie'] as string)),
      PAGING,
    )
    expect((stale.json.value as unknown[]).map((row) => (row as { contactid: string }).contactid)).toEqual(
      (byNumber.json.value as { contactid: string }[]).map((row) => row.contactid),
    )
    const second = await run('contacts', query(2), PAGING)
    expect(
      new Set(
        [...first.json.value, ...second.json.value, ...byNumber.json.value].map(
          (row: { contactid: string }) => row.contactid,
        ),
      ).size,
    ).toBe(2100)
  })

  it('caps count at 5,000, limits with top (no paging annotations), and refuses top together with count', async () => {
    const capped = await run(
      'contacts',
      '<fetch count="9000"><entity name="contact"><attribute name="fullname"/></entity></fetch>',
      PAGING,
    )
    expect(capped.json.value).toHaveLength(2600)
    const top = await run(
      'contacts',
      '<fetch top="7"><entity name="contact"><attribute name="fullname"/></entity></fetch>',
      PAGING,
    )
    expect(top.json.value).toHaveLength(7)
    expect(top.json).not.toHaveProperty('@Microsoft.Dynamics.CRM.fetchxmlpagingcookie')
    expect(top.json).not.toHaveProperty('@Microsoft.Dynamics.CRM.morerecords')
    const both = await run(
      'contacts',
      '<fetch top="7" count="5"><entity name="contact"><attribute name="fullname"/></entity></fetch>',
    )
    expect(both.status).toBe(400)
    expect(both.json.error.message).toContain("'top' attribute can't be specified with paging attribute")
  })

  it('counts with returntotalrecordcount up to 5,000', async () => {
    const answer = await run(
      'contacts',
      '<fetch count="10" returntotalrecordcount="true"><entity name="contact"><attribute name="fullname"/></entity></fetch>',
    )
    expect(answer.json['@Microsoft.Dynamics.CRM.totalrecordcount']).toBe(2600)
    expect(answer.json['@Microsoft.Dynamics.CRM.totalrecordcountlimitexceeded']).toBe(false)
  })

  it('returns each distinct combination once, without the primary key, paging by page number', async () => {
    const cities = new Set(accounts().map((a) => a.address1_city ?? null))
    const answer = await run(
      'accounts',
      '<fetch distinct="true" count="5"><entity name="account"><attribute name="address1_city"/><order attribute="address1_city"/></entity></fetch>',
      PAGING,
    )
    expect(answer.json.value).toHaveLength(Math.min(5, cities.size))
    expect(Object.keys(answer.json.value[0])).toEqual(['@odata.etag', 'address1_city'])
    expect(answer.json).not.toHaveProperty('@Microsoft.Dynamics.CRM.fetchxmlpagingcookie')
    const all = await run(
      'accounts',
      '<fetch distinct="true"><entity name="account"><attribute name="address1_city"/><order attribute="address1_city"/></entity></fetch>',
    )
    const values = (all.json.value as { address1_city?: string }[]).map((row) => row.address1_city ?? null)
    expect(values).toHaveLength(cities.size)
    expect(new Set(values)).toEqual(cities)
  })
})

describe('FetchXML aggregates as Dataverse documents them', () => {
  const employees = () =>
    accounts()
      .map((a) => a.numberofemployees as number | null)
      .filter((n): n is number => n !== null)

  it('computes avg, count, countcolumn (and distinct), max, min and sum over the column values with data', async () => {
    const answer = await run(
      'accounts',
      `<fetch aggregate="true"><entity name="account">
        <attribute name="numberofemployees" alias="Average" aggregate="avg"/>
        <attribute name="numberofemployees" alias="Count" aggregate="count"/>
        <attribute name="numberofemployees" alias="ColumnCount" aggregate="countcolumn"/>
        <attribute name="numberofemployees" alias="Distinct" aggregate="countcolumn" distinct="true"/>
        <attribute name="numberofemployees" alias="Maximum" aggregate="max"/>
        <attribute name="numberofemployees" alias="Minimum" aggregate="min"/>
        <attribute name="numberofemployees" alias="Sum" aggregate="sum"/>
      </entity></fetch>`,
      'odata.include-annotations="*"',
    )
    expect(answer.status).toBe(200)
    const values = employees()
    const sum = values.reduce((a, b) => a + b, 0)
    const row = answer.json.value[0] as Record<string, unknown>
    expect(answer.json.value).toHaveLength(1)
    expect(row).toMatchObject({
      Average: Math.trunc(sum / values.length),
      Count: accounts().length,
      ColumnCount: values.length,
      Distinct: new Set(values).size,
      Maximum: Math.max(...values),
      Minimum: Math.min(...values),
      Sum: sum,
    })
    expect(row['Count@OData.Community.Display.V1.FormattedValue']).toBe(accounts().length.toLocaleString('en-US'))
    expect(row).not.toHaveProperty('@odata.etag')
  })

  it('groups by a column and orders by the group alias; a null group has no key', async () => {
    const answer = await run(
      'accounts',
      '<fetch aggregate="true"><entity name="account"><attribute name="numberofemployees" alias="Total" aggregate="sum"/><attribute name="address1_city" alias="Count" aggregate="count"/><attribute name="address1_city" alias="City" groupby="true"/><order alias="City" descending="true"/></entity></fetch>',
    )
    const expected = new Map<string, number>()
    for (const account of accounts()) {
      const city = String(account.address1_city)
      expected.set(city, (expected.get(city) ?? 0) + 1)
    }
    const rows = answer.json.value as { City?: string; Count: number; Total: number }[]
    expect(rows.map((row) => [row.City, row.Count])).toEqual(
      [...expected.entries()].sort((a, b) => (a[0].toLowerCase() < b[0].toLowerCase() ? 1 : -1)),
    )
  })

  it('groups by parts of a date and by a lookup, with its name as the formatted value', async () => {
    const byYear = await run(
      'contacts',
      '<fetch aggregate="true"><entity name="contact"><attribute name="contactid" alias="n" aggregate="count"/><attribute name="createdon" alias="year" groupby="true" dategrouping="year"/><order alias="year"/></entity></fetch>',
    )
    const years = new Map<number, number>()
    for (const contact of contacts()) {
      const year = new Date(String(contact.createdon)).getUTCFullYear()
      years.set(year, (years.get(year) ?? 0) + 1)
    }
    expect((byYear.json.value as { year: number; n: number }[]).map((row) => [row.year, row.n])).toEqual(
      [...years.entries()].sort((a, b) => a[0] - b[0]),
    )
    const byAccount = await run(
      'contacts',
      '<fetch aggregate="true" count="3"><entity name="contact"><attribute name="contactid" alias="n" aggregate="count"/><attribute name="parentcustomerid" alias="account" groupby="true"/><order alias="n" descending="true"/></entity></fetch>',
      `odata.include-annotations="*"`,
    )
    const top = byAccount.json.value[0] as Record<string, unknown>
    const account = accounts().find((a) => a.accountid === top.account)
    expect(top['account@OData.Community.Display.V1.FormattedValue']).toBe(account?.name)
    expect(byAccount.json.value).toHaveLength(3)
    expect(byAccount.json['@Microsoft.Dynamics.CRM.morerecords']).toBe(true)
    expect(byAccount.json).not.toHaveProperty('@Microsoft.Dynamics.CRM.fetchxmlpagingcookie')
  })

  it('refuses with 501 what it cannot do rather than ignore it: an order on a linked column, rowaggregate', async () => {
    const linked = await run(
      'contacts',
      '<fetch><entity name="contact"><attribute name="fullname"/><link-entity name="account" from="accountid" to="parentcustomerid"><order attribute="name"/></link-entity></entity></fetch>',
    )
    expect(linked.status).toBe(501)
    expect(linked.json.error.message).toContain('<order> inside a <link-entity>')
    const rowAggregate = await run(
      'accounts',
      '<fetch top="5"><entity name="account"><attribute name="accountid" alias="n" rowaggregate="CountChildren"/></entity></fetch>',
    )
    expect(rowAggregate.status).toBe(501)
  })

  it('refuses an aggregate over more rows than aggregatelimit with 0x8004E023, and a missing alias', async () => {
    const over = await run(
      'contacts',
      '<fetch aggregate="true" aggregatelimit="100"><entity name="contact"><attribute name="contactid" alias="n" aggregate="count"/></entity></fetch>',
    )
    expect(over.status).toBe(400)
    expect(over.json.error).toMatchObject({
      code: '0x8004e023',
      message: 'AggregateQueryRecordLimit exceeded. Cannot perform this operation.',
    })
    const noAlias = await run(
      'contacts',
      '<fetch aggregate="true"><entity name="contact"><attribute name="contactid" aggregate="count"/></entity></fetch>',
    )
    expect(noAlias.status).toBe(400)
    expect(noAlias.json.error.message).toContain('needs an alias')
  })
})
