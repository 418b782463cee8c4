import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { QueryRequestSchema, type FetchAllSummary, type QueryProgress } from '@common/query/execution'
import type { ResultPage } from '@common/query/result-set'
import { startHttpsEmulator, type HttpsEmulatorOptions, type RunningEmulator } from '../../../emulator'
import { createNodeFetch } from '../../../main/http/node-fetch'
import type { FetchLike } from '../../../main/http/types'
import {
  EMULATOR_CONNECTION_ID,
  emulatorConnection,
  emulatorQueryKit,
  type EmulatorQueryKit,
} from '../../support/emulator-session'

let sequence = 0
const contacts = (pageSize: number, text = 'contacts?$select=fullname,contactid') =>
  QueryRequestSchema.parse({
    connectionId: EMULATOR_CONNECTION_ID,
    operationId: `parallel-${++sequence}`,
    mode: 'odata',
    text,
    prefer: { annotations: false, maxPageSize: pageSize },
  })

/** The HTTPS base fetch, counting the contacts requests in flight (until their headers arrive) and sent. */
function countingFetch(base: FetchLike) {
  const counts = { inFlight: 0, most: 0, sent: 0, log: null as string[] | null }
  const fetch: FetchLike = async (request) => {
    if (!new URL(request.url).pathname.endsWith('/contacts')) return base(request)
    counts.sent++
    counts.log?.push(`send ${request.url}`)
    counts.most = Math.max(counts.most, ++counts.inFlight)
    try {
      return await base(request)
    } finally {
      counts.inFlight--
    }
  }
  return { fetch, counts }
}

async function fetchIds(kit: EmulatorQueryKit, request: ReturnType<typeof contacts>, onPage?: () => void) {
  const ids: string[] = []
  const progress: QueryProgress[] = []
  const summary: FetchAllSummary = await kit.runner.fetchAll(request, 1_000_000, {
    onPage: (_id, page: ResultPage) => {
      const column = page.columns.findIndex((c) => c.name === 'contactid')
      for (const row of page.rows) ids.push(String(row[column]))
      onPage?.()
    },
    onProgress: (event) => progress.push(event),
  })
  return { summary, ids, progress }
}

async function kitOn(emulator: RunningEmulator, dir: string) {
  const org = emulator.orgs[0]!
  const counting = countingFetch(createNodeFetch({ ca: [emulator.caPem], proxyUrl: null }))
  const kit = emulatorQueryKit(dir, {
    base: counting.fetch,
    connection: emulatorConnection(org.url, emulator.authorityUrl),
    history: false,
  })
  return { kit, counts: counting.counts }
}

/** An HTTPS emulator and a temporary folder for one describe block, closed and removed after it. */
function emulatorForSuite(options: HttpsEmulatorOptions, prefix: string): { emulator: RunningEmulator; dir: string } {
  const suite = {} as { emulator: RunningEmulator; dir: string }
  beforeAll(async () => {
    suite.emulator = await startHttpsEmulator(options)
    suite.dir = await mkdtemp(join(tmpdir(), prefix))
  }, 120_000)
  afterAll(async () => {
    await suite.emulator.close()
    await rm(suite.dir, { recursive: true, force: true })
  })
  return suite
}

describe('parallel fetch-all over HTTPS', () => {
  const CONTACTS = 50_000
  const suite = emulatorForSuite(
    { orgs: [{ name: 'contoso' }], rows: { accounts: 10, contacts: CONTACTS } },
    'dvw-parallel-',
  )
  let kit: EmulatorQueryKit
  let counts: ReturnType<typeof countingFetch>['counts']

  beforeAll(async () => {
    ;({ kit, counts } = await kitOn(suite.emulator, suite.dir))
  })

  it('returns the rows of the sequential run as a set (50,000 ids, none repeated), at most x-ms-dop-hint at once', async () => {
    counts.most = 0
    const parallel = await fetchIds(kit, contacts(1000))
    expect(parallel.summary).toMatchObject({
      rows: CONTACTS,
      capped: false,
      cancelled: false,
      strategy: { mode: 'parallel', degree: 4, key: 'contactid' },
    })
    expect(counts.most).toBe(4)
    expect(new Set(parallel.ids).size).toBe(CONTACTS)

    // The same query in nextLink order, as the reference: ordered by name it cannot be split.
    const sequential = await fetchIds(kit, contacts(5000, 'contacts?$select=fullname,contactid&$orderby=fullname'))
    expect(sequential.summary.strategy).toEqual({
      mode: 'sequential',
      degree: 1,
      reason: 'the query is ordered by fullname',
    })
    expect(sequential.ids).toHaveLength(CONTACTS)
    expect(new Set(parallel.ids)).toEqual(new Set(sequential.ids))
    expect(new Set(parallel.ids)).toEqual(new Set(suite.emulator.emulator.table('contact').map((row) => row.contactid)))
  }, 120_000)

  it("sends a range's next request before its page is parsed, and still loses or repeats no row", async () => {
    const events: string[] = []
    const parse = JSON.parse
    const spy = vi.spyOn(JSON, 'parse').mockImplementation((text: string, reviver?: Parameters<typeof parse>[1]) => {
      const value: unknown = parse(text, reviver)
      const link = (value as { '@odata.nextLink'?: unknown } | null)?.['@odata.nextLink']
      if (typeof link === 'string') events.push(`parse ${link}`)
      return value
    })
    counts.log = events
    try {
      const { summary, ids } = await fetchIds(kit, contacts(5000))
      expect(summary.strategy).toMatchObject({ mode: 'parallel' })
      expect(new Set(ids).size).toBe(CONTACTS)
      expect(ids).toHaveLength(CONTACTS)
    } finally {
      spy.mockRestore()
      counts.log = null
    }
    const sentAt = (link: string) => events.indexOf(`send ${new URL(link).href}`)
    // A link the fetch did not follow belongs to a range that was cut again instead of paged on.
    const followed = events
      .filter((e) => e.startsWith('parse '))
      .map((e) => e.slice('parse '.length))
      .filter((link) => sentAt(link) >= 0)
    // Four ranges of 12,500 rows: every first page names its follow-up, which leaves before that
    // page is parsed (a range cut again after a slot frees is parsed first, to find its keys).
    const readAhead = followed.filter((link) => sentAt(link) < events.indexOf(`parse ${link}`))
    expect(readAhead.length).toBeGreaterThanOrEqual(4)
  }, 120_000)

  it('pages one after another when Dataverse recommends a degree of 1', async () => {
    await suite.emulator.setConditions('contoso', { dopHint: 1 })
    try {
      await kit.runner.execute(contacts(1, 'contacts?$select=fullname&$top=1')) // the session hears the new hint
      counts.most = 0
      const { summary, ids } = await fetchIds(kit, contacts(5000))
      expect(summary.strategy).toEqual({ mode: 'sequential', degree: 1, reason: 'x-ms-dop-hint is 1' })
      expect(summary.pages).toBe(CONTACTS / 5000)
      expect(counts.most).toBe(1)
      expect(new Set(ids).size).toBe(CONTACTS)
    } finally {
      await suite.emulator.setConditions('contoso', {})
      await kit.runner.execute(contacts(1, 'contacts?$select=fullname&$top=1'))
    }
  }, 120_000)

  it('stops every range at once when cancelled', async () => {
    await suite.emulator.setConditions('contoso', { slow: 150 })
    try {
      const request = contacts(500)
      let pages = 0
      const { summary } = await fetchIds(kit, request, () => {
        if (++pages === 2) kit.runner.cancel(request.operationId)
      })
      expect(summary).toMatchObject({ cancelled: true, strategy: { mode: 'parallel' } })
      expect(summary.rows).toBeLessThan(CONTACTS)
      expect(counts.inFlight).toBe(0)
      const sent = counts.sent
      await new Promise((resolve) => setTimeout(resolve, 600))
      expect(counts.sent).toBe(sent)
    } finally {
      await suite.emulator.setConditions('contoso', {})
    }
  }, 120_000)
})

describe('parallel fetch-all under service protection', () => {
  const CONTACTS = 3000
  const suite = emulatorForSuite(
    {
      orgs: [{ name: 'contoso' }],
      rows: { accounts: 10, contacts: CONTACTS },
      // A small window, so the ranges meet real 429s with Retry-After.
      limits: { windowRequests: 6, windowSeconds: 2, concurrent: 52 },
    },
    'dvw-parallel-429-',
  )

  it('waits out each 429 for its Retry-After, halves the degree, and loses or repeats no row', async () => {
    const { kit } = await kitOn(suite.emulator, suite.dir)
    const started = performance.now()
    const { summary, ids, progress } = await fetchIds(kit, contacts(250))
    expect(summary).toMatchObject({ rows: CONTACTS, cancelled: false, strategy: { mode: 'parallel' } })
    expect(summary.strategy?.reason).toMatch(/halved after a 429/)
    expect(progress.some((event) => (event.throttledSeconds ?? 0) > 0)).toBe(true)
    // Each 429 said to wait at least a second (Retry-After), and the run did.
    expect(performance.now() - started).toBeGreaterThanOrEqual(1000)
    expect(ids).toHaveLength(CONTACTS)
    expect(new Set(ids).size).toBe(CONTACTS)
  }, 120_000)
})

describe('parallel fetch-all on ids as Dataverse makes them (sequential GUIDs, bunched in bursts)', () => {
  const CONTACTS = 20_000
  const suite = emulatorForSuite(
    {
      orgs: [{ name: 'contoso', conditions: { slow: 100, dopHint: 8 } }],
      rows: { accounts: 10, contacts: CONTACTS },
      keys: 'sequential',
    },
    'dvw-parallel-sequential-',
  )

  it('cuts the one busy range again from its first page, runs the pieces side by side, and loses or repeats no row', async () => {
    const { kit, counts } = await kitOn(suite.emulator, suite.dir)
    const table = suite.emulator.emulator.table('contact').map((row) => String(row.contactid))
    // The ids really are bunched: all of them share the bytes SQL Server compares first.
    expect(new Set(table.map((id) => id.slice(24))).size).toBe(1)
    counts.most = 0
    const sends: string[] = []
    counts.log = sends
    const { summary, ids } = await fetchIds(kit, contacts(1000)).finally(() => (counts.log = null))
    expect(summary.strategy).toMatchObject({ mode: 'parallel', key: 'contactid' })
    // The busy range's first page comes back while the empty ranges' first pages are still out:
    // its next request waits for them and the range is cut into their slots, so the first request
    // after the eight even ranges is a new range, not that page's nextLink.
    expect(sends[8]).toMatch(/^send /)
    expect(sends[8]).not.toMatch(/skiptoken/i)
    // Eight even ranges find every row in one of them; only cutting that one again brings the
    // degree back up, into more ranges than the first eight.
    expect(summary.strategy?.mode === 'parallel' && summary.strategy.ranges).toBeGreaterThan(8)
    expect(counts.most).toBeGreaterThanOrEqual(6)
    expect(counts.most).toBeLessThanOrEqual(8)
    expect(ids).toHaveLength(CONTACTS)
    expect(new Set(ids)).toEqual(new Set(table))
  }, 120_000)
})
