import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createApi } from '../../../../main/api'
import { dispatch } from '../../../../main/dispatch'
import { createServices, type Services } from '../../../../main/services'
import { createTestHost } from '../../../support/test-host'

describe('query workspace channels', () => {
  let dir: string
  let services: Services
  const api = createApi()
  const call = (channel: string, input?: unknown) => dispatch(api, channel, input, { services, send: () => undefined })

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'dvw-handlers-'))
    services = createServices(createTestHost(dir))
  })
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it('saves, lists, exports and re-imports saved queries through the contract', async () => {
    const saved = await call('saved-queries:save', { name: 'Top', connectionId: null, mode: 'odata', text: 'accounts?$top=5', tags: ['demo'] })
    expect(saved).toMatchObject({ ok: true, data: { name: 'Top', description: '', tags: ['demo'] } })
    const listed = await call('saved-queries:list', { connectionId: 'any' })
    expect(listed).toMatchObject({ ok: true, data: { queries: [{ name: 'Top' }] } })
    const exported = await call('saved-queries:export', {})
    expect(exported).toMatchObject({ ok: true, data: { fileName: expect.stringMatching(/^saved-queries-\d{4}-\d\d-\d\d\.json$/) } })
    const json = (exported as { data: { json: string } }).data.json
    expect(await call('saved-queries:import', { json })).toEqual({ ok: true, data: { added: 0, updated: 0, unchanged: 1, rejected: [] } })
  })

  it('refuses a saved query without a name, saying which field', async () => {
    const result = await call('saved-queries:save', { name: '', connectionId: null, mode: 'odata', text: 'x' })
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringContaining('name') } })
  })

  it('round-trips open tabs and lists history written by the service', async () => {
    const tabs = {
      activeId: 't1',
      tabs: [{ id: 't1', title: 'Q', connectionId: 'c', mode: 'odata', text: 'accounts', prefer: { annotations: true, maxPageSize: null } }],
    }
    expect(await call('query-tabs:save', tabs)).toEqual({ ok: true, data: { saved: true } })
    expect(await call('query-tabs:load')).toMatchObject({ ok: true, data: { activeId: 't1', tabs: [{ method: 'GET', impersonate: null }] } })

    await services.workspace.history.add({ connectionId: 'c', mode: 'odata', method: 'GET', text: 'accounts', status: 200, outcome: 'ok', rowCount: 5, durationMs: 10 })
    const history = await call('history:list', { connectionId: 'c' })
    expect(history).toMatchObject({ ok: true, data: { entries: [{ text: 'accounts', rowCount: 5 }] } })
    expect(await call('history:clear', { connectionId: 'c' })).toEqual({ ok: true, data: { removed: 1 } })
  })
})
