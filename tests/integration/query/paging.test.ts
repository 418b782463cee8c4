import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
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

const CONTACTS = 3000

let sequence = 0
function contacts(pageSize: number, options = '') {
  return QueryRequestSchema.parse({
    connectionId: EMULATOR_CONNECTION_ID,
    operationId: `paging-${++sequence}`,
    mode: 'odata',
    text: `contacts?$select=fullname,contactid${options}`,
    prefer: { annotations: false, maxPageSize: pageSize },
  })
}

async function fetchEverything(
  kit: EmulatorQueryKit,
  pageSize: number,
  onPage?: (pages: number) => void,
  options = '',
) {
  const ids: string[] = []
  const progress: QueryProgress[] = []
  let pages = 0
  const summary = await kit.runner.fetchAll(contacts(pageSize, options), 1_000_000, {
    onPage: (_id, page: ResultPage) => {
      const column = page.columns.findIndex((c) => c.name === 'contactid')
      for (const row of page.rows) ids.push(String(row[column]))
      onPage?.(++pages)
    },
    onProgress: (event) => progress.push(event),
  })
  return { summary, ids, progress }
}

describe('paging and fetch-all over HTTPS', () => {
  let emulator: RunningEmulator
  let dir: string
  let kit: EmulatorQueryKit

  beforeAll(async () => {
    emulator = await startHttpsEmulator({
      orgs: [{ name: 'contoso' }],
      rows: { accounts: 50, contacts: CONTACTS },
      // A small service-protection window, so a fetch-all meets real 429s with Retry-After.
      limits: { windowRequests: 6, windowSeconds: 2, concurrent: 52 },
    })
    dir = await mkdtemp(join(tmpdir(), 'dvw-paging-'))
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

  it('loses and repeats no row when Dataverse throttles with Retry-After, and reports the countdown', async () => {
    const { summary, ids, progress } = await fetchEverything(kit, 250)
    expect(summary).toMatchObject({ rows: CONTACTS, capped: false, cancelled: false, strategy: { mode: 'parallel' } })
    // Key ranges end on part-filled pages, so a parallel run takes at least as many pages as one after another.
    expect(summary.pages).toBeGreaterThanOrEqual(CONTACTS / 250)
    expect(ids).toHaveLength(CONTACTS)
    expect(new Set(ids).size).toBe(CONTACTS)
    expect(progress.some((event) => (event.throttledSeconds ?? 0) > 0)).toBe(true)
    expect(progress.at(-1)).toMatchObject({ rows: CONTACTS, throttledSeconds: null })
  }, 60_000)

  it('rides out a throttled condition that starts midway and then lifts', async () => {
    const { summary, ids } = await fetchEverything(kit, 1000, (pages) => {
      if (pages === 1) {
        emulator.setConditions('contoso', { throttled: 1 })
        setTimeout(() => emulator.setConditions('contoso', {}), 1500)
      }
    })
    expect(summary.rows).toBe(CONTACTS)
    expect(new Set(ids).size).toBe(CONTACTS)
  }, 60_000)

  it('asks a failed page again when the service is flaky (503), with no row lost or repeated', async () => {
    emulator.setConditions('contoso', { flaky: 3 })
    try {
      // Ordered by name, so pages come one after another and every third request failing always hits a first try.
      const { summary, ids } = await fetchEverything(kit, 500, undefined, '&$orderby=fullname')
      expect(summary).toMatchObject({ rows: CONTACTS, pages: CONTACTS / 500 })
      expect(ids).toHaveLength(CONTACTS)
      expect(new Set(ids).size).toBe(CONTACTS)
    } finally {
      emulator.setConditions('contoso', {})
    }
  }, 60_000)

  it('gives up with the Dataverse error when a page keeps failing', async () => {
    emulator.setConditions('contoso', { flaky: 1 })
    try {
      await expect(kit.runner.fetchAll(contacts(500), 10_000)).rejects.toMatchObject({
        code: 'DATAVERSE_ERROR',
        details: { status: 503 },
      })
    } finally {
      emulator.setConditions('contoso', {})
    }
  }, 60_000)
})
