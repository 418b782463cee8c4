/**
 * The popular dynamics-web-api client (v2) against the HTTPS emulator, over real TLS with the
 * emulator's generated CA and a real MSAL token: what a customer's script would do must work the
 * same as against Dataverse. The client runs in a child process (see dynamics-web-api-cases.ts).
 */
import { spawn } from 'node:child_process'
import { resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startHttpsEmulator, type RunningEmulator } from '../../../emulator'
import type { Row } from '../../../emulator/dataverse/data-generator'
import type { ClientTarget, Outcome } from './dynamics-web-api-cases'

const CONTACTS = 5000
const ACCOUNTS = 200
let emulator: RunningEmulator
let outcomes: Record<string, Outcome>
let contacts: readonly Readonly<Row>[]
let accounts: readonly Readonly<Row>[]

function runCases(target: ClientTarget): Promise<Record<string, Outcome>> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', resolve(import.meta.dirname, 'dynamics-web-api-cases.ts')],
      {
        env: { ...process.env, NODE_EXTRA_CA_CERTS: emulator.caCertPath, DVW_CLIENT_TARGET: JSON.stringify(target) },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    )
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
    child.on('error', reject)
    child.on('close', (code) =>
      code === 0
        ? resolvePromise(JSON.parse(stdout) as Record<string, Outcome>)
        : reject(new Error(`cases exited ${code}: ${stderr}`)),
    )
  })
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the library's answers are plain JSON, asserted field by field
function value(name: string): any {
  const outcome = outcomes[name]
  if (!outcome?.ok)
    throw new Error(`${name} failed: ${JSON.stringify(outcome && !outcome.ok ? outcome.error : outcome)}`)
  return outcome.value
}

function error(name: string): Record<string, unknown> {
  const outcome = outcomes[name]
  if (!outcome || outcome.ok) throw new Error(`${name} should have failed`)
  return outcome.error
}

beforeAll(async () => {
  emulator = await startHttpsEmulator({ orgs: [{ name: 'contoso' }], rows: { accounts: ACCOUNTS, contacts: CONTACTS } })
  contacts = emulator.emulator.table('contact')
  accounts = emulator.emulator.table('account')
  outcomes = await runCases({
    orgUrl: emulator.orgs[0]!.url,
    authorityUrl: emulator.authorityUrl,
    caPem: emulator.caPem,
    contactId: contacts[17]!.contactid as string,
  })
}, 120_000)
afterAll(() => emulator?.close())

const ids = (rows: { contactid: string }[]) => rows.map((row) => row.contactid)

describe('dynamics-web-api against the HTTPS emulator', () => {
  it('retrieveMultiple with select, filter, orderby, top and count', () => {
    const answer = value('query')
    const expected = contacts.filter((c) => String(c.fullname).toLowerCase().startsWith('a'))
    expect(answer.oDataCount).toBe(Math.min(expected.length, 5000))
    expect(answer.value).toHaveLength(Math.min(25, expected.length))
    const names = (answer.value as { fullname: string }[]).map((row) => row.fullname.toLowerCase())
    expect(names).toEqual([...names].sort().reverse())
    expect(Object.keys(answer.value[0])).toEqual(['@odata.etag', 'fullname', 'emailaddress1', 'contactid'])
  })

  it('retrieveMultiple with maxPageSize, then the next page from its nextLink', () => {
    const { first, second } = value('pageSize')
    expect(first.value).toHaveLength(300)
    expect(first.oDataNextLink).toContain('$skiptoken=')
    expect(second.value).toHaveLength(300)
    expect(new Set([...ids(first.value), ...ids(second.value)]).size).toBe(600)
  })

  it('retrieveAll returns every row once', () => {
    const answer = value('retrieveAll')
    expect(answer.value).toHaveLength(CONTACTS)
    // The batch cases run after this one and add a contact to the live table.
    const before = contacts.filter((c) => c.lastname !== 'DWA batch contact')
    expect(new Set(ids(answer.value))).toEqual(new Set(before.map((c) => c.contactid)))
  })

  it('retrieve by key', () => {
    expect(value('byKey')).toMatchObject({ contactid: contacts[17]!.contactid, fullname: contacts[17]!.fullname })
  })

  it('fetchAll follows the FetchXML paging cookie to the last page, every row once', () => {
    const first = value('fetchPage')
    expect(first.value).toHaveLength(700)
    expect(first.PagingInfo).toMatchObject({ page: 1, nextPage: 2 })
    expect(first.PagingInfo.cookie).toMatch(/^&lt;cookie page=&quot;1&quot;&gt;&lt;fullname last=&quot;/)
    // As Microsoft's example shows it: the pagingcookie attribute URL-encoded twice.
    expect(first['@Microsoft.Dynamics.CRM.fetchxmlpagingcookie']).toMatch(
      /^<cookie pagenumber="2" pagingcookie="%253ccookie%2520page%253d%25221%2522%253e%253cfullname%2520last%253d%2522/,
    )
    const all = value('fetchAll')
    expect(all.value).toHaveLength(CONTACTS)
    expect(new Set(ids(all.value)).size).toBe(CONTACTS)
  })

  it('fetchAll without the paging-cookie annotation stops after the first page, as against Dataverse, which sends the cookie only when asked', () => {
    expect(value('fetchAllUnannotated').value).toHaveLength(700)
  })

  it('maps formatted values, lookup names and their annotations', () => {
    const rows = value('formatted').value as Record<string, unknown>[]
    expect(rows).toHaveLength(5)
    for (const row of rows) {
      const account = accounts.find((a) => a.accountid === row.accountid)
      expect(row.industrycode).toBe(account?.industrycode)
      expect(typeof row.industrycode_Formatted).toBe('string')
      if (row._primarycontactid_value) {
        expect(row._primarycontactid_value_Formatted).toBe(
          contacts.find((c) => c.contactid === row._primarycontactid_value)?.fullname,
        )
        expect(row._primarycontactid_value_LogicalName).toBe('contact')
      }
      if (typeof row.revenue === 'number') expect(row.revenue_Formatted).toMatch(/^\$[\d,]+\.\d{2}$/)
    }
  })

  it('expands a single-valued navigation property', () => {
    const rows = value('expand').value as {
      contactid: string
      parentcustomerid_account: { name: string; accountid: string } | null
    }[]
    expect(rows).toHaveLength(10)
    for (const row of rows) {
      const contact = contacts.find((c) => c.contactid === row.contactid)
      const account = accounts.find((a) => a.accountid === contact?._parentcustomerid_value)
      expect(row.parentcustomerid_account?.name ?? null).toBe(account?.name ?? null)
    }
  })

  it('gives its error objects for a bad segment and a bad column, with Dataverse codes', () => {
    expect(error('badSegment')).toMatchObject({ status: 404, code: '0x8006088a' })
    expect(String(error('badSegment').message)).toContain("Resource not found for the segment 'nosuchthings'")
    expect(error('badColumn')).toMatchObject({ status: 400, code: '0x80060888' })
    expect(String(error('badColumn').message)).toContain("Could not find a property named 'nosuchcolumn'")
  })

  it('executeBatch answers GET parts in order: a page, a row by key and a count', () => {
    const [page, row, count] = value('batchReads') as [{ value: unknown[] }, { fullname: string }, number]
    expect(page.value).toHaveLength(3)
    expect(row.fullname).toBe(contacts[17]!.fullname)
    expect(count).toBe(ACCOUNTS)
  })

  it('executeBatch runs a change set with Content-ID references, then a GET that sees its rows', () => {
    const [accountId, contactId, , found] = value('batchChangeSet') as [
      string,
      string,
      unknown,
      { value: Record<string, unknown>[] },
    ]
    expect(accountId).toMatch(/^[0-9a-f-]{36}$/)
    const contact = emulator.emulator.table('contact').find((c) => c.contactid === contactId)
    expect(contact?._parentcustomerid_value).toBe(accountId)
    expect(found.value).toEqual([expect.objectContaining({ accountid: accountId, telephone1: '555-0199' })])
  })

  it('executeBatch rejects with the Dataverse error of a failed change set and leaves none of its rows', () => {
    const failure = error('batchFailure')
    expect(JSON.stringify(failure)).toContain('0x80044331')
    expect(value('batchAfterFailure').value).toEqual([])
  })
})
