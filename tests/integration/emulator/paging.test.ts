/** Paging the default 50,000 contacts to the end over HTTPS: nothing lost, nothing repeated, even with writes between pages. */
import { sqlGuidOrderKey } from '@common/query/sql-guid-order'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startFixture, type HttpsFixture } from './fixture'

let fx: HttpsFixture
let api: Awaited<ReturnType<HttpsFixture['api']>>
beforeAll(async () => {
  fx = await startFixture()
  api = await fx.api()
})
afterAll(() => fx.close())

const relative = (nextLink: string): string => nextLink.slice(`${fx.contoso}/api/data/v9.2/`.length)

describe('paging a 50,000-row table', () => {
  it('reaches the end in 5,000-row pages with every row exactly once', async () => {
    const expected = fx.running.emulator.table('contact').map((row) => row.contactid as string)
    expect(expected).toHaveLength(50_000)
    const seen: string[] = []
    let path: string | undefined = 'contacts?$select=fullname'
    let pages = 0
    while (path) {
      const answer = await api(path)
      expect(answer.status).toBe(200)
      const rows = answer.json.value as { contactid: string }[]
      pages++
      if (answer.json['@odata.nextLink']) expect(rows).toHaveLength(5000)
      seen.push(...rows.map((r) => r.contactid))
      path = answer.json['@odata.nextLink'] ? relative(answer.json['@odata.nextLink']) : undefined
    }
    expect(pages).toBe(10)
    expect(seen).toEqual(expected)
  })

  it('caps @odata.count at 5,000 as Dataverse does', async () => {
    const answer = await api('contacts?$select=fullname&$count=true', { headers: { Prefer: 'odata.maxpagesize=1' } })
    expect(answer.json['@odata.count']).toBe(5000)
  })

  it('loses and repeats nothing that existed before, when rows are created, updated and deleted between pages', async () => {
    const before = new Set(fx.running.emulator.table('contact').map((row) => row.contactid as string))
    const prefer = { Prefer: 'odata.maxpagesize=4000' }
    const seen: string[] = []
    const seenSet = new Set<string>()
    const deleted = new Set<string>()
    let answer = await api('contacts?$select=fullname,jobtitle', { headers: prefer })
    for (let page = 1; ; page++) {
      const rows = answer.json.value as { contactid: string }[]
      for (const row of rows) {
        seen.push(row.contactid)
        seenSet.add(row.contactid)
      }
      const next = answer.json['@odata.nextLink'] as string | undefined
      if (!next) break
      // Writes between pages: new rows on both sides of the cursor, an update and a delete of rows not yet served.
      for (const id of [
        `00000000-0000-4000-8000-${String(page).padStart(12, '0')}`,
        `ffffffff-0000-4000-8000-${String(page).padStart(12, '0')}`,
      ]) {
        expect((await api(`contacts(${id})`, { method: 'PATCH', body: { lastname: `Inserted ${page}` } })).status).toBe(
          204,
        )
      }
      const remaining = [...before].filter((id) => !seenSet.has(id) && !deleted.has(id)).sort()
      const victim = remaining[remaining.length - 1] as string
      expect((await api(`contacts(${victim})`, { method: 'DELETE' })).status).toBe(204)
      deleted.add(victim)
      expect(
        (
          await api(`contacts(${remaining[0] as string})`, {
            method: 'PATCH',
            body: { jobtitle: `Updated on page ${page}` },
          })
        ).status,
      ).toBe(204)
      answer = await api(relative(next), { headers: prefer })
    }
    expect(seenSet.size).toBe(seen.length)
    const missing = [...before].filter((id) => !deleted.has(id) && !seenSet.has(id))
    expect(missing).toEqual([])
  })

  it('pages an $orderby query the same way (accounts by name, descending)', async () => {
    const accounts = fx.running.emulator.table('account')
    const seen: string[] = []
    let path: string | undefined = 'accounts?$select=name&$orderby=name desc'
    while (path) {
      const answer = await api(path, { headers: { Prefer: 'odata.maxpagesize=700' } })
      seen.push(...(answer.json.value as { accountid: string }[]).map((r) => r.accountid))
      path = answer.json['@odata.nextLink'] ? relative(answer.json['@odata.nextLink']) : undefined
    }
    const expected = [...accounts]
      .sort((a, b) => {
        const x = String(a.name).toLowerCase()
        const y = String(b.name).toLowerCase()
        // Ties by primary key in SQL Server's GUID order, as Dataverse breaks them.
        const [i, j] = [sqlGuidOrderKey(String(a.accountid)) ?? '', sqlGuidOrderKey(String(b.accountid)) ?? '']
        return x > y ? -1 : x < y ? 1 : i < j ? -1 : 1
      })
      .map((a) => a.accountid)
    expect(seen).toEqual(expected)
  })
})
