import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { QueryRequest } from '@common/query/execution'
import { QueryRequestSchema } from '@common/query/execution'
import type { ResultPage } from '@common/query/result-set'
import { parseCsv } from '../../../support/parse-csv'
import {
  EMULATOR_CONNECTION_ID,
  emulatorConnection,
  emulatorQueryKit,
  type EmulatorQueryKit,
} from '../../../support/emulator-session'

let sequence = 0
function request(text: string, extra: Partial<QueryRequest> = {}) {
  return QueryRequestSchema.parse({
    connectionId: EMULATOR_CONNECTION_ID,
    operationId: `op-${++sequence}`,
    mode: 'odata',
    text,
    prefer: { annotations: true, maxPageSize: null },
    ...extra,
  })
}

describe('query runner on the emulator', () => {
  let dir: string
  let kit: EmulatorQueryKit
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'dvw-query-'))
    kit = emulatorQueryKit(dir, { emulator: { rows: { accounts: 240, contacts: 1200 } } })
  })
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it('runs multi-line OData, puts $select columns first, and records the run in history', async () => {
    const result = await kit.runner.execute(request('contacts?\n$select=fullname,emailaddress1\n// a comment\n$top=3'))
    expect(result).toMatchObject({ status: 200, method: 'GET', path: 'contacts?$select=fullname,emailaddress1&$top=3' })
    expect(result.requestId).toMatch(/^[0-9a-f-]{36}$/)
    expect(result.timings.totalMs).toBeGreaterThanOrEqual(result.timings.ttfbMs)
    expect(result.body.kind).toBe('rows')
    if (result.body.kind !== 'rows') return
    expect(result.body.page.rows).toHaveLength(3)
    expect(result.body.page.columns.slice(0, 2).map((column) => column.name)).toEqual(['fullname', 'emailaddress1'])
    const [entry] = await kit.services.workspace.history.list({ connectionId: EMULATOR_CONNECTION_ID })
    expect(entry).toMatchObject({
      status: 200,
      rowCount: 3,
      outcome: 'ok',
      text: expect.stringContaining('// a comment'),
    })
  })

  it('sends Prefer from the toggles and returns formatted values', async () => {
    const result = await kit.runner.execute(
      request('accounts?$select=name,industrycode,_primarycontactid_value&$top=5'),
    )
    if (result.body.kind !== 'rows') throw new Error('expected rows')
    const industry = result.body.page.columns.findIndex((column) => column.name === 'industrycode')
    expect(result.body.page.formatted[industry]?.some((value) => typeof value === 'string')).toBe(true)
    expect(result.headers['preference-applied']).toContain('odata.include-annotations')
  })

  it('keeps the last answer for the JSON view: pretty JSON of the body as received, or a text answer as it came', async () => {
    const rows = await kit.runner.execute(request('contacts?$select=fullname&$top=2'))
    const shown = kit.runner.body(rows.operationId)
    expect(shown.statusLine).toBe('HTTP 200')
    expect(shown.headers['odata-version']).toBe('4.0')
    const parsed = JSON.parse(shown.body) as { value: { fullname: string }[] }
    expect(shown.body).toBe(JSON.stringify(parsed, null, 2))
    expect(parsed.value.map((row) => row.fullname)).toEqual(
      rows.body.kind === 'rows' ? rows.body.page.rows.map((row) => row[0]) : [],
    )

    const count = await kit.runner.execute(request('contacts/$count'))
    expect(count.body).toEqual({ kind: 'text', text: '1200', truncated: false })
    expect(kit.runner.body(count.operationId).body).toBe('1200')
  })

  it('answers a function call as one row', async () => {
    const result = await kit.runner.execute(request('WhoAmI'))
    expect(result.body).toMatchObject({ kind: 'rows', single: true })
    if (result.body.kind === 'rows') expect(result.body.page.columns.map((column) => column.name)).toContain('UserId')
  })

  it('follows nextLink page by page with the same page size and column order', async () => {
    const first = await kit.runner.execute(
      request('accounts?$select=name,accountid', { prefer: { annotations: false, maxPageSize: 100 } }),
    )
    if (first.body.kind !== 'rows' || !first.body.nextLink) throw new Error('expected a paged result')
    const second = await kit.runner.nextPage(EMULATOR_CONNECTION_ID, first.operationId, first.body.nextLink)
    if (second.body.kind !== 'rows') throw new Error('expected rows')
    expect(second.body.page.rows).toHaveLength(100)
    expect(second.body.page.columns.map((column) => column.name)).toEqual(
      first.body.page.columns.map((column) => column.name),
    )
    const ids = [...first.body.page.rows, ...second.body.page.rows].map((row) => row[1])
    expect(new Set(ids).size).toBe(200)
  })

  it('refuses a nextLink to another host before sending anything', async () => {
    const first = await kit.runner.execute(request('accounts?$top=1'))
    await expect(
      kit.runner.nextPage(EMULATOR_CONNECTION_ID, first.operationId, 'https://evil.example.com/api/data/v9.2/accounts'),
    ).rejects.toMatchObject({
      code: 'HOST_NOT_ALLOWED',
    })
  })

  it('fetches every page to the end, then stops at the row cap', async () => {
    const pages: ResultPage[] = []
    const all = await kit.runner.fetchAll(
      request('contacts?$select=fullname,contactid', { prefer: { annotations: false, maxPageSize: 500 } }),
      50_000,
      {
        onPage: (_id, page) => pages.push(page),
      },
    )
    expect(all).toMatchObject({
      rows: 1200,
      capped: false,
      cancelled: false,
      strategy: { mode: 'parallel', degree: 4, key: 'contactid' },
    })
    const ids = pages.flatMap((page) => page.rows.map((row) => row[1]))
    expect(new Set(ids).size).toBe(1200)

    const capped = await kit.runner.fetchAll(
      request('contacts?$select=fullname', { prefer: { annotations: false, maxPageSize: 500 } }),
      700,
    )
    expect(capped).toMatchObject({ rows: 700, capped: true })
  })

  it('cancels a fetch-all midway and says so in history', async () => {
    const run = request('contacts?$select=fullname', { prefer: { annotations: false, maxPageSize: 100 } })
    let pages = 0
    const summary = await kit.runner.fetchAll(run, 50_000, {
      onPage: () => {
        if (++pages === 3) kit.runner.cancel(run.operationId)
      },
    })
    expect(summary.cancelled).toBe(true)
    expect(summary.rows).toBeLessThan(1200)
    const [entry] = await kit.services.workspace.history.list({ connectionId: EMULATOR_CONNECTION_ID })
    expect(entry?.outcome).toBe('cancelled')
  })

  it('reports a cancel that lands between two pages as cancelled', async () => {
    const run = request('contacts?$select=fullname', { prefer: { annotations: false, maxPageSize: 100 } })
    const summary = await kit.runner.fetchAll(run, 50_000, { onPage: () => void kit.runner.cancel(run.operationId) })
    expect(summary).toMatchObject({ cancelled: true, pages: 1, rows: 100 })
  })

  it('runs FetchXML on the entity set of its table', async () => {
    const xml =
      '<fetch top="4">\n  <entity name="account">\n    <attribute name="name" />\n    <attribute name="accountid" />\n  </entity>\n</fetch>'
    const result = await kit.runner.execute(request(xml, { mode: 'fetchxml' }))
    expect(result.path.startsWith('accounts?fetchXml=')).toBe(true)
    if (result.body.kind !== 'rows') throw new Error('expected rows')
    expect(result.body.page.rows).toHaveLength(4)
    expect(result.body.page.columns[0]?.name).toBe('name')
  })

  it('explains a failure with diagnoses and keeps the Dataverse code', async () => {
    const failure = await kit.runner.execute(request('contacts?$select=nosuchcolumn')).catch((error: unknown) => error)
    expect(failure).toMatchObject({
      code: 'DATAVERSE_ERROR',
      details: {
        status: 400,
        code: '0x80060888',
        diagnoses: [expect.objectContaining({ id: 'query-invalid-property' })],
      },
    })
    const [entry] = await kit.services.workspace.history.list({ connectionId: EMULATOR_CONNECTION_ID })
    expect(entry).toMatchObject({ outcome: 'error', status: 400 })
  })

  it('refuses a write on a read-only connection before sending it', async () => {
    await expect(
      kit.runner.execute(request('accounts', { method: 'POST', body: '{"name":"x"}' })),
    ).rejects.toMatchObject({ code: 'READ_ONLY' })
  })

  it('loads the metadata index and choice values through the session', async () => {
    const { summary, index } = await kit.runner.metadata(EMULATOR_CONNECTION_ID)
    expect(summary.entitySets).toBeGreaterThan(3)
    expect(index.entitySets.accounts).toBe('account')
    const choices = await kit.runner.choices(EMULATOR_CONNECTION_ID, 'account')
    expect(Object.keys(choices).length).toBeGreaterThan(0)
  })

  it('streams an export straight to a CSV file', async () => {
    const path = join(dir, 'contacts.csv')
    const result = await kit.runner.exportToFile(
      request('contacts?$select=fullname,emailaddress1', { prefer: { annotations: true, maxPageSize: 400 } }),
      {
        format: 'csv',
        path,
        maxRows: 1000,
        includeFormatted: true,
      },
    )
    expect(result).toMatchObject({ rows: 1000, summary: { capped: true, rows: 1000 } })
    const records = parseCsv((await readFile(path, 'utf8')).slice(1))
    expect(records[0]?.slice(0, 2)).toEqual(['fullname', 'emailaddress1'])
    expect(records).toHaveLength(1001)
  })

  it('keeps the connection read-write flag: a write goes through where allowed', async () => {
    const writable = emulatorQueryKit(dir, {
      connection: emulatorConnection(undefined, undefined, false),
      emulator: { rows: { accounts: 5, contacts: 5 } },
    })
    const result = await writable.runner.execute(
      request('accounts', {
        method: 'POST',
        body: '{"name":"Written by a test"}',
        headers: { prefer: 'return=representation' },
      }),
    )
    expect(result.status).toBe(201)
  })
})
