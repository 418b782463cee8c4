import { mkdtemp, readFile, rm, truncate, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createApi } from '../../../../../main/ipc/api'
import { dispatch } from '../../../../../main/ipc/dispatch'
import { createServices, type Services } from '../../../../../main/app/create-services'
import { createTestHost, type TestHost } from '../../../../support/test-host'

describe('query workspace channels', () => {
  let dir: string
  let services: Services
  let host: TestHost
  const api = createApi()
  const call = (channel: string, input?: unknown) => dispatch(api, channel, input, { services, send: () => undefined })

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'dvw-handlers-'))
    host = createTestHost(dir)
    services = createServices(host)
  })
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it('saves, lists, exports to the file picked in main and re-imports it through the contract', async () => {
    const saved = await call('saved-queries:save', {
      name: 'Top',
      connectionId: null,
      mode: 'odata',
      text: 'accounts?$top=5',
      tags: ['demo'],
    })
    expect(saved).toMatchObject({ ok: true, data: { name: 'Top', description: '', tags: ['demo'] } })
    const listed = await call('saved-queries:list', { connectionId: 'any' })
    expect(listed).toMatchObject({ ok: true, data: { queries: [{ name: 'Top' }] } })

    const file = join(dir, 'export.json')
    host.answerNextSave(file)
    expect(await call('saved-queries:export', {})).toEqual({ ok: true, data: { path: file, count: 1 } })
    expect(host.dialogs.at(-1)).toMatchObject({
      title: 'Export saved queries',
      defaultName: expect.stringMatching(/^saved-queries-\d{4}-\d\d-\d\d\.json$/),
      filters: [{ extensions: ['json'] }],
    })
    const written = JSON.parse(await readFile(file, 'utf8')) as { format: string; queries: { name: string }[] }
    expect(written.format).toBe('dataverse-workbench/saved-queries')
    expect(written.queries.map((query) => query.name)).toEqual(['Top'])

    host.answerNextPick([file])
    expect(await call('saved-queries:import')).toEqual({
      ok: true,
      data: { cancelled: false, path: file, added: 0, updated: 0, unchanged: 1, rejected: [] },
    })
    expect(host.dialogs.at(-1)).toMatchObject({ title: 'Import saved queries', filters: [{ extensions: ['json'] }] })
  })

  it('imports an export from another machine into a fresh library, byte-order mark and all', async () => {
    const other = createServices(createTestHost(await mkdtemp(join(dir, 'other-'))))
    await other.workspace.savedQueries.save({
      name: 'From elsewhere',
      connectionId: null,
      mode: 'odata',
      text: 'contacts?$top=2',
    })
    const file = join(dir, 'bom.json')
    await writeFile(file, `\uFEFF${(await other.workspace.savedQueries.exportJson()).json}`, 'utf8')
    host.answerNextPick([file])
    expect(await call('saved-queries:import')).toMatchObject({
      ok: true,
      data: { cancelled: false, added: 1, rejected: [] },
    })
    expect(await call('saved-queries:list', {})).toMatchObject({
      ok: true,
      data: { queries: [{ name: 'From elsewhere', text: 'contacts?$top=2' }] },
    })
  })

  it('does nothing when either dialog is cancelled', async () => {
    await call('saved-queries:save', { name: 'Top', connectionId: null, mode: 'odata', text: 'accounts' })
    expect(await call('saved-queries:export', {})).toEqual({ ok: true, data: { path: null, count: 0 } })
    expect(await call('saved-queries:import')).toEqual({ ok: true, data: { cancelled: true } })
    expect(host.dialogs).toHaveLength(2)
  })

  it('refuses a bad file with what, why and what next, and keeps every saved query', async () => {
    await call('saved-queries:save', { name: 'Keep me', connectionId: null, mode: 'odata', text: 'accounts' })
    const names = async () =>
      ((await call('saved-queries:list', {})) as { data: { queries: { name: string }[] } }).data.queries.map(
        (query) => query.name,
      )

    const notJson = join(dir, 'not-json.json')
    await writeFile(notJson, 'name,text\nTop,accounts\n', 'utf8')
    host.answerNextPick([notJson])
    expect(await call('saved-queries:import')).toEqual({
      ok: false,
      error: {
        code: 'INVALID_INPUT',
        message: 'The file is not valid JSON, so no query was imported.',
        cause: expect.stringContaining('not a saved-queries export'),
        next: expect.stringContaining('Saved queries → Export'),
      },
    })

    const otherJson = join(dir, 'connections.json')
    await writeFile(
      otherJson,
      JSON.stringify({ format: 'dataverse-workbench/connections', version: 1, connections: [] }),
      'utf8',
    )
    host.answerNextPick([otherJson])
    expect(await call('saved-queries:import')).toMatchObject({
      ok: false,
      error: {
        code: 'INVALID_INPUT',
        message: expect.stringContaining('not a Dataverse Workbench saved-queries export'),
      },
    })

    host.answerNextPick([join(dir, 'moved-away.json')])
    expect(await call('saved-queries:import')).toMatchObject({
      ok: false,
      error: {
        code: 'INVALID_INPUT',
        message: 'moved-away.json could not be opened, so no query was imported.',
        cause: expect.stringContaining('does not exist'),
      },
    })

    const huge = join(dir, 'huge.json')
    await writeFile(huge, '')
    await truncate(huge, 21_000_000)
    host.answerNextPick([huge])
    expect(await call('saved-queries:import')).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', message: expect.stringContaining('too large') },
    })

    expect(await names()).toEqual(['Keep me'])
  })

  it('says why an export could not be written, and exports nothing from an empty library without a dialog', async () => {
    expect(await call('saved-queries:export', {})).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', message: 'There is no saved query to export.' },
    })
    expect(host.dialogs).toHaveLength(0)

    await call('saved-queries:save', { name: 'Top', connectionId: null, mode: 'odata', text: 'accounts' })
    host.answerNextSave(join(dir, 'no-such-folder', 'export.json'))
    expect(await call('saved-queries:export', {})).toMatchObject({
      ok: false,
      error: {
        code: 'INVALID_INPUT',
        message: expect.stringContaining('could not be written'),
        cause: expect.stringContaining('does not exist'),
        next: expect.stringContaining('another folder'),
      },
    })
  })

  it('refuses a saved query without a name, saying which field', async () => {
    const result = await call('saved-queries:save', { name: '', connectionId: null, mode: 'odata', text: 'x' })
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', message: expect.stringContaining('name') },
    })
  })

  it('round-trips open tabs and lists history written by the service', async () => {
    const tabs = {
      activeId: 't1',
      tabs: [
        {
          id: 't1',
          title: 'Q',
          connectionId: 'c',
          mode: 'odata',
          text: 'accounts',
          prefer: { annotations: true, maxPageSize: null },
        },
      ],
    }
    expect(await call('query-tabs:save', tabs)).toEqual({ ok: true, data: { saved: true } })
    expect(await call('query-tabs:load')).toMatchObject({
      ok: true,
      data: { activeId: 't1', tabs: [{ method: 'GET', impersonate: null }] },
    })

    await services.workspace.history.add({
      connectionId: 'c',
      mode: 'odata',
      method: 'GET',
      text: 'accounts',
      status: 200,
      outcome: 'ok',
      rowCount: 5,
      durationMs: 10,
    })
    const history = await call('history:list', { connectionId: 'c' })
    expect(history).toMatchObject({ ok: true, data: { entries: [{ text: 'accounts', rowCount: 5 }] } })
    expect(await call('history:clear', { connectionId: 'c' })).toEqual({ ok: true, data: { removed: 1 } })
  })
})
