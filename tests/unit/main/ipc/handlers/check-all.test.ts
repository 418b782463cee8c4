import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { randomUUID } from 'node:crypto'
import { beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { MatrixRun } from '@common/check-matrix'
import { SCENARIO_APPS } from '../../../../../emulator'
import { createApi } from '../../../../../main/ipc/api'
import { dispatch } from '../../../../../main/ipc/dispatch'
import { createSampleEnvironment, type SampleEnvironment } from '../../../../../main/app/sample-environment'
import { createServices, type Services } from '../../../../../main/app/create-services'
import { createTestHost, type TestHost } from '../../../../support/test-host'

let sample: SampleEnvironment
let dir: string
let host: TestHost
let services: Services
let events: { event: string; payload: unknown }[]

beforeAll(() => {
  sample = createSampleEnvironment({ rows: { accounts: 20, contacts: 40 } })
})

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'dvw-check-all-ipc-'))
  host = createTestHost(dir)
  services = createServices(host, { sample })
  events = []
  return () => rmSync(dir, { recursive: true, force: true })
})

async function call(channel: string, input: unknown) {
  return dispatch(createApi(), channel, input, { services, send: (event, payload) => events.push({ event, payload }) })
}
const SECRETS = SCENARIO_APPS.flatMap((app) => (app.credential.kind === 'secret' ? [app.credential.secret] : []))

describe('check-all channels', () => {
  it('runs the sample through check-all:run, streams validated progress, and exports a private file', async () => {
    const runId = randomUUID()
    const result = await call('check-all:run', { runId, connectionIds: ['sample'] })
    if (!result.ok) throw new Error(result.error.message)
    const run = result.data as MatrixRun
    expect(run.rows[0]).toMatchObject({ connectionId: 'sample', state: 'done', outcome: 'pass' })
    const kinds = events
      .filter((e) => e.event === 'check-all:progressed')
      .map((e) => (e.payload as { kind: string }).kind)
    expect(kinds[0]).toBe('connection')
    expect(kinds.filter((kind) => kind === 'step').length).toBeGreaterThanOrEqual(11)

    const file = join(dir, 'matrix.md')
    host.answerNextSave(file)
    const exported = await call('check-all:export', {
      runId,
      format: 'markdown',
      mask: { environment: true, tenant: true, app: true },
    })
    expect(exported).toEqual({ ok: true, data: { path: file } })
    const text = readFileSync(file, 'utf8')
    expect(text).toContain('Sample environment (offline)')
    expect(text).not.toContain('contoso.crm.dynamics.com')
    for (const secret of SECRETS) expect(text).not.toContain(secret)
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600)

    host.answerNextSave(null)
    expect(
      await call('check-all:export', { runId, format: 'csv', mask: { environment: false, tenant: false, app: false } }),
    ).toEqual({
      ok: true,
      data: { path: null },
    })
  })

  it('refuses bad input at the boundary and an unknown run for export', async () => {
    expect(await call('check-all:run', { runId: 'not-a-uuid', connectionIds: ['sample'] })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    })
    expect(await call('check-all:run', { runId: randomUUID(), connectionIds: [] })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    })
    expect(
      await call('check-all:export', {
        runId: randomUUID(),
        format: 'html',
        mask: { environment: false, tenant: false, app: false },
      }),
    ).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    expect(await call('check-all:cancel', { runId: randomUUID() })).toEqual({ ok: true, data: { cancelled: false } })
  })
})
