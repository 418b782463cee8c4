/** The product's FetchXML fetch-all and export over HTTPS against the emulator: every row once, by cookie or page number. */
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sqlGuidOrderKey } from '@common/query/sql-guid-order'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { QueryRequestSchema, type QueryProgress } from '@common/query/execution'
import type { ResultPage } from '@common/query/result-set'
import { startHttpsEmulator, type RunningEmulator } from '../../../emulator'
import { createNodeFetch } from '../../../main/http/node-fetch'
import {
  EMULATOR_CONNECTION_ID,
  emulatorConnection,
  emulatorQueryKit,
  type EmulatorQueryKit,
} from '../../support/emulator-session'

const CONTACTS = 6200

let sequence = 0
function fetchXml(text: string, maxPageSize: number | null = null, annotations = false) {
  return QueryRequestSchema.parse({
    connectionId: EMULATOR_CONNECTION_ID,
    operationId: `fx-${++sequence}`,
    mode: 'fetchxml',
    text,
    prefer: { annotations, maxPageSize },
  })
}

function collect(column: string) {
  const values: unknown[] = []
  const progress: QueryProgress[] = []
  return {
    values,
    progress,
    onPage: (_id: string, page: ResultPage) => {
      const at = page.columns.findIndex((c) => c.name === column)
      for (const row of page.rows) values.push(row[at])
    },
    onProgress: (event: QueryProgress) => progress.push(event),
  }
}

describe('FetchXML fetch-all over HTTPS', () => {
  let emulator: RunningEmulator
  let dir: string
  let kit: EmulatorQueryKit

  beforeAll(async () => {
    emulator = await startHttpsEmulator({ orgs: [{ name: 'contoso' }], rows: { accounts: 300, contacts: CONTACTS } })
    dir = await mkdtemp(join(tmpdir(), 'dvw-fetchxml-'))
    const org = emulator.orgs[0]!
    kit = emulatorQueryKit(dir, {
      base: createNodeFetch({ ca: [emulator.caPem], proxyUrl: null }),
      connection: emulatorConnection(org.url, emulator.authorityUrl),
    })
  })
  afterAll(async () => {
    await emulator.close()
    await rm(dir, { recursive: true, force: true })
  })

  const contactsXml = (fetch = '<fetch>') =>
    `${fetch}<entity name="contact"><attribute name="fullname"/><attribute name="contactid"/><order attribute="fullname" descending="true"/></entity></fetch>`

  it('pages with the paging cookie at the default 5,000 rows to the last page, every row once, with progress', async () => {
    const sink = collect('contactid')
    const summary = await kit.runner.fetchAll(fetchXml(contactsXml()), 1_000_000, sink)
    expect(summary).toMatchObject({
      rows: CONTACTS,
      pages: 2,
      capped: false,
      cancelled: false,
      paging: 'paging-cookie',
    })
    expect(summary.notice).toBeUndefined()
    expect(new Set(sink.values).size).toBe(CONTACTS)
    expect(sink.progress.at(-1)).toMatchObject({ rows: CONTACTS, pages: 2 })
  }, 60_000)

  it('honours the document count as the page size, and the Prefer page size when it has none', async () => {
    const counted = collect('contactid')
    expect(await kit.runner.fetchAll(fetchXml(contactsXml('<fetch count="700">')), 1_000_000, counted)).toMatchObject({
      rows: CONTACTS,
      pages: 9,
    })
    expect(new Set(counted.values).size).toBe(CONTACTS)
    const preferred = collect('contactid')
    expect(await kit.runner.fetchAll(fetchXml(contactsXml(), 2000), 1_000_000, preferred)).toMatchObject({
      rows: CONTACTS,
      pages: 4,
      paging: 'paging-cookie',
    })
    const expected = [...emulator.emulator.table('contact')]
      .sort((a, b) => {
        const x = String(a.fullname).toLowerCase()
        const y = String(b.fullname).toLowerCase()
        // Ties by primary key in SQL Server's GUID order, as Dataverse breaks them.
        const [i, j] = [sqlGuidOrderKey(String(a.contactid)) ?? '', sqlGuidOrderKey(String(b.contactid)) ?? '']
        return x < y ? 1 : x > y ? -1 : i < j ? -1 : 1
      })
      .map((row) => row.contactid)
    expect(preferred.values).toEqual(expected)
  }, 60_000)

  it('stops at the row cap, and when cancelled', async () => {
    expect(
      await kit.runner.fetchAll(fetchXml(contactsXml('<fetch count="1000">')), 2500, collect('contactid')),
    ).toMatchObject({ rows: 2500, capped: true })
    const request = fetchXml(contactsXml('<fetch count="500">'))
    const sink = collect('contactid')
    const summary = await kit.runner.fetchAll(request, 1_000_000, {
      ...sink,
      onPage: (id, page) => {
        sink.onPage(id, page)
        if (sink.values.length === 1000) kit.runner.cancel(request.operationId)
      },
    })
    expect(summary).toMatchObject({ cancelled: true, rows: 1000 })
  }, 60_000)

  it('pages an aggregate by page number, since Dataverse sends it no cookie, and says so', async () => {
    const xml =
      '<fetch aggregate="true" count="40"><entity name="contact"><attribute name="contactid" alias="n" aggregate="count"/><attribute name="parentcustomerid" alias="account" groupby="true"/><order alias="account"/></entity></fetch>'
    const sink = collect('account')
    const summary = await kit.runner.fetchAll(fetchXml(xml), 1_000_000, sink)
    const accounts = new Set(emulator.emulator.table('contact').map((row) => row._parentcustomerid_value ?? null))
    expect(summary).toMatchObject({ rows: accounts.size, paging: 'page-number' })
    expect(summary.pages).toBe(Math.ceil(accounts.size / 40))
    expect(summary.notice).toContain('simple paging')
    expect(new Set(sink.values).size).toBe(accounts.size)
  }, 60_000)

  it('says on the first page that more rows follow, though FetchXML has no nextLink', async () => {
    const first = await kit.runner.execute(fetchXml(contactsXml('<fetch count="100">')))
    expect(first.body).toMatchObject({ kind: 'rows', nextLink: null, moreRecords: true })
    const last = await kit.runner.execute(fetchXml(contactsXml(`<fetch count="100" page="${CONTACTS / 100}">`)))
    expect(last.body).not.toHaveProperty('moreRecords')
  }, 60_000)

  it('sends a top query once', async () => {
    const summary = await kit.runner.fetchAll(
      fetchXml('<fetch top="12"><entity name="contact"><attribute name="fullname"/></entity></fetch>'),
      1_000_000,
      collect('contactid'),
    )
    expect(summary).toMatchObject({ rows: 12, pages: 1, paging: 'single' })
  }, 60_000)

  it('names the grid columns as the rows carry them: aliases of an aggregate, a lookup as _x_value', async () => {
    const columns = async (text: string) => {
      const result = await kit.runner.execute(fetchXml(text))
      return result.body.kind === 'rows' ? result.body.page.columns.map((c) => c.name) : []
    }
    expect(
      await columns(
        '<fetch aggregate="true"><entity name="contact"><attribute name="contactid" alias="n" aggregate="count"/><attribute name="address1_city" alias="city" groupby="true"/></entity></fetch>',
      ),
    ).toEqual(['n', 'city'])
    expect(
      await columns(
        '<fetch top="3"><entity name="contact"><attribute name="fullname"/><attribute name="parentcustomerid"/></entity></fetch>',
      ),
    ).toEqual(['fullname', '_parentcustomerid_value', 'contactid'])
  }, 60_000)

  it('exports every row of a FetchXML query to a file through the same paging', async () => {
    const out = join(dir, 'contacts.ndjson')
    const result = await kit.runner.exportToFile(fetchXml(contactsXml('<fetch count="2500">'), null, true), {
      format: 'ndjson',
      path: out,
      maxRows: 1_000_000,
      includeFormatted: false,
    })
    expect(result.summary).toMatchObject({ rows: CONTACTS, pages: 3, paging: 'paging-cookie' })
    const lines = (await readFile(out, 'utf8')).trim().split('\n')
    expect(new Set(lines.map((line) => (JSON.parse(line) as { contactid: string }).contactid)).size).toBe(CONTACTS)
  }, 60_000)
})
