import { mkdtemp, readFile, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { randomUUID } from 'node:crypto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { SAMPLE_CONNECTION } from '../../../../../emulator'
import { createApi } from '../../../../../main/ipc/api'
import { SAMPLE_CONNECTION_ID } from '../../../../../main/connections/sample'
import { dispatch } from '../../../../../main/ipc/dispatch'
import { createServices, type Services } from '../../../../../main/app/create-services'
import { createTestHost, type TestHost } from '../../../../support/test-host'

describe('request list channels', () => {
  let dir: string
  let services: Services
  let host: TestHost
  const api = createApi()
  const call = (channel: string, input?: unknown) => dispatch(api, channel, input, { services, send: () => undefined })

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'dvw-requests-'))
    host = createTestHost(dir)
    services = createServices(host)
  })
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it('lists the sign-in and the query of a run, exports them without any credential, and clears them', async () => {
    expect(await call('requests:export')).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', message: 'There is no request to export yet.' },
    })

    const run = await call('query:execute', {
      connectionId: SAMPLE_CONNECTION_ID,
      operationId: 'op-1',
      mode: 'odata',
      text: 'contacts?$select=fullname&$top=2',
      prefer: { annotations: false, maxPageSize: null },
    })
    expect(run).toMatchObject({ ok: true })
    const listed = await call('requests:list')
    if (!listed.ok) throw new Error(listed.error.message)
    const { entries } = listed.data as {
      entries: Array<{ kind: string; method: string; url: string; status: number; requestId: string | null }>
    }
    expect(entries.map((entry) => [entry.kind, entry.method, entry.status])).toEqual([
      ['authority', 'POST', 200],
      ['dataverse', 'GET', 200],
    ])
    expect(entries[1]?.url).toBe(`${SAMPLE_CONNECTION.orgUrl}/api/data/v9.2/contacts?$select=fullname&$top=2`)
    expect(entries[1]?.requestId).toMatch(/^[0-9a-f-]{36}$/)

    const file = join(dir, 'requests.json')
    host.answerNextSave(file)
    expect(await call('requests:export')).toEqual({ ok: true, data: { path: file, count: 2 } })
    expect(host.dialogs.at(-1)).toMatchObject({
      title: 'Export the request list',
      defaultName: expect.stringMatching(/^dataverse-requests-[\d-]+T[\d-]+\.json$/),
    })
    const written = await readFile(file, 'utf8')
    expect((JSON.parse(written) as { entries: unknown[] }).entries).toHaveLength(2)
    expect(written).not.toContain(SAMPLE_CONNECTION.clientSecret)
    expect(written).not.toMatch(/eyJ[\w-]{5,}\.[\w-]{5,}/)
    expect(written.toLowerCase()).not.toContain('authorization')
    // L10: owner-only. POSIX permission bits do not exist on Windows (stat reports 0o666 whatever was asked).
    if (process.platform !== 'win32') expect((await stat(file)).mode & 0o777).toBe(0o600)

    host.answerNextSave(null)
    expect(await call('requests:export')).toEqual({ ok: true, data: { path: null, count: 0 } })
    expect(await call('requests:clear')).toEqual({ ok: true, data: { cleared: true } })
    expect(await call('requests:list')).toEqual({ ok: true, data: { entries: [] } })
  })

  it("lists a connection test's requests too, each once, finished", async () => {
    expect(await call('check:run', { connectionId: SAMPLE_CONNECTION_ID, checkId: randomUUID() })).toMatchObject({
      ok: true,
      data: { check: { outcome: 'pass' } },
    })
    const listed = await call('requests:list')
    if (!listed.ok) throw new Error(listed.error.message)
    const entries = (
      listed.data as {
        entries: Array<{
          id: number
          connectionId: string | null
          url: string
          status: number | null
          totalMs: number | null
        }>
      }
    ).entries
    const urls = entries.map((entry) => entry.url)
    expect(urls).toContain(`${SAMPLE_CONNECTION.orgUrl}/api/data/v9.2/WhoAmI`)
    expect(urls.some((url) => url.endsWith('/oauth2/v2.0/token') || url.includes('/oauth2/v2.0/token?'))).toBe(true)
    expect(new Set(entries.map((entry) => entry.id)).size).toBe(entries.length)
    expect(
      entries.every(
        (entry) => entry.connectionId === SAMPLE_CONNECTION_ID && entry.status !== null && entry.totalMs !== null,
      ),
    ).toBe(true)
  })
})
