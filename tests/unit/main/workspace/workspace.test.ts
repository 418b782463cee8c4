import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { HISTORY_LIMIT, type OpenTabs } from '@common/query/workspace'
import { createConfBackend } from '../../../../main/store/conf-backend'
import { createWorkspace as createWorkspaceWith } from '../../../../main/workspace'
import type { NewHistoryEntry } from '../../../../main/workspace/history'

const TOKEN = 'eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJodHRwczovL2NvbnRvc28ifQ.c2lnbmF0dXJlLXNpZ25hdHVyZQ'

function createWorkspace(dir: string) {
  return createWorkspaceWith((name) => createConfBackend(dir, name))
}

function run(connectionId: string, text: string, extra: Partial<NewHistoryEntry> = {}): NewHistoryEntry {
  return {
    connectionId,
    mode: 'odata',
    method: 'GET',
    text,
    status: 200,
    outcome: 'ok',
    rowCount: 3,
    durationMs: 42,
    ...extra,
  }
}

describe('workspace stores', () => {
  let dir: string
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'dvw-workspace-'))
  })
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  describe('history', () => {
    it('keeps runs per connection, newest first, searchable, and survives a restart', async () => {
      const { history } = createWorkspace(dir)
      await history.add(run('a', 'accounts?$top=3'))
      await history.add(run('b', 'contacts?$top=1'))
      await history.add(
        run('a', 'contacts?$filter=bad', { status: 400, outcome: 'error', rowCount: null, errorCode: '0x80060888' }),
      )
      const reopened = createWorkspace(dir).history
      expect((await reopened.list({ connectionId: 'a' })).map((entry) => entry.text)).toEqual([
        'contacts?$filter=bad',
        'accounts?$top=3',
      ])
      expect((await reopened.list({ connectionId: 'a', search: 'ACCOUNTS' })).map((entry) => entry.text)).toEqual([
        'accounts?$top=3',
      ])
      expect((await reopened.list({ connectionId: 'a', search: '0x80060888' }))[0]?.status).toBe(400)
      expect(await reopened.list({ connectionId: 'a', search: 'error' })).toHaveLength(1)
      expect(await reopened.list({ connectionId: 'b' })).toHaveLength(1)
    })

    it(`keeps only the last ${HISTORY_LIMIT} runs of each connection`, async () => {
      const at = new Date(0).toISOString()
      const seeded = Array.from({ length: HISTORY_LIMIT }, (_, i) => ({
        ...run('a', `accounts?$skip=${HISTORY_LIMIT - 1 - i}`),
        id: `e${i}`,
        at,
      }))
      seeded.push({ ...run('b', 'contacts'), id: 'b0', at })
      await mkdir(dir, { recursive: true })
      await writeFile(join(dir, 'query-history.json'), JSON.stringify({ schemaVersion: 1, entries: seeded }))
      const { history } = createWorkspace(dir)
      expect(await history.list({ connectionId: 'a' })).toHaveLength(HISTORY_LIMIT)
      await history.add(run('a', 'newest'))
      const entries = await createWorkspace(dir).history.list({ connectionId: 'a' })
      expect(entries).toHaveLength(HISTORY_LIMIT)
      expect(entries[0]?.text).toBe('newest')
      expect(entries.at(-1)?.text).toBe('accounts?$skip=1')
      expect(await history.list({ connectionId: 'b' })).toHaveLength(1)
    })

    it('never stores a token pasted into the query text', async () => {
      const { history } = createWorkspace(dir)
      await history.add(run('a', `accounts?access_token=${TOKEN}&x=Bearer ${TOKEN}`))
      const files = await readdir(dir)
      expect(files).toContain('query-history.json')
      for (const file of files) expect(await readFile(join(dir, file), 'utf8')).not.toContain(TOKEN.slice(0, 40))
      expect((await history.list({ connectionId: 'a' }))[0]?.text).toContain('[redacted')
    })

    it('removes one entry and clears a connection', async () => {
      const { history } = createWorkspace(dir)
      const first = await history.add(run('a', 'one'))
      await history.add(run('a', 'two'))
      await history.add(run('b', 'three'))
      expect(await history.remove(first.id)).toBe(true)
      expect(await history.remove(first.id)).toBe(false)
      expect(await history.clear('a')).toBe(1)
      expect(await history.list({ connectionId: 'a' })).toEqual([])
      expect(await history.list({ connectionId: 'b' })).toHaveLength(1)
    })

    it('keeps a corrupt file aside, refuses to overwrite it, and starts fresh only when asked', async () => {
      const workspace = createWorkspace(dir)
      await workspace.history.add(run('a', 'kept'))
      const file = join(dir, 'query-history.json')
      await writeFile(file, '{"schemaVersion": 1, "entries": [ trunc')
      const failure = await workspace.history.list({ connectionId: 'a' }).catch((error: unknown) => error)
      expect(failure).toMatchObject({
        code: 'STORE_CORRUPT',
        details: { copiedTo: expect.stringContaining('query-history.json.corrupt-') },
      })
      await expect(workspace.history.add(run('a', 'new'))).rejects.toMatchObject({ code: 'STORE_CORRUPT' })
      expect(await readFile(file, 'utf8')).toContain('trunc')
      const aside = (await readdir(dir)).find((name) => name.startsWith('query-history.json.corrupt-'))!
      expect(await readFile(join(dir, aside), 'utf8')).toContain('trunc')
      workspace.startFresh('history')
      expect(await workspace.history.list({ connectionId: 'a' })).toEqual([])
      expect(await readFile(join(dir, aside), 'utf8')).toContain('trunc')
    })

    it('treats a file that parses but does not match the format as corrupt', async () => {
      const { history } = createWorkspace(dir)
      await history.add(run('a', 'x'))
      await writeFile(join(dir, 'query-history.json'), JSON.stringify({ schemaVersion: 1, entries: [{ id: 1 }] }))
      await expect(createWorkspace(dir).history.list({ connectionId: 'a' })).rejects.toMatchObject({
        code: 'STORE_CORRUPT',
      })
    })
  })

  describe('saved queries', () => {
    it('saves, updates, lists global and per-connection queries, searches names, tags and text', async () => {
      const { savedQueries } = createWorkspace(dir)
      const top = await savedQueries.save({
        name: 'Top accounts',
        tags: ['demo', 'demo', ' sales '],
        connectionId: null,
        mode: 'odata',
        text: 'accounts?$top=10',
      })
      await savedQueries.save({
        name: 'Prod contacts',
        tags: ['prod'],
        connectionId: 'prod',
        mode: 'odata',
        text: 'contacts',
      })
      expect(top.tags).toEqual(['demo', 'sales'])
      expect((await savedQueries.list({ connectionId: 'dev' })).map((query) => query.name)).toEqual(['Top accounts'])
      expect((await savedQueries.list({ connectionId: 'prod' })).map((query) => query.name)).toEqual([
        'Prod contacts',
        'Top accounts',
      ])
      expect((await savedQueries.list({ search: 'SALES' })).map((query) => query.name)).toEqual(['Top accounts'])
      expect((await savedQueries.list({ tag: 'prod' })).map((query) => query.name)).toEqual(['Prod contacts'])
      const updated = await savedQueries.save({ ...top, text: 'accounts?$top=20' })
      expect(updated.id).toBe(top.id)
      expect(updated.createdAt).toBe(top.createdAt)
      expect((await createWorkspace(dir).savedQueries.list()).find((query) => query.id === top.id)?.text).toBe(
        'accounts?$top=20',
      )
      await expect(savedQueries.save({ ...top, id: 'gone' })).rejects.toMatchObject({ code: 'NOT_FOUND' })
    })

    it('exports JSON that imports into another workspace, reporting added, updated, unchanged and rejected', async () => {
      const source = createWorkspace(dir).savedQueries
      const a = await source.save({ name: 'A', connectionId: null, mode: 'odata', text: 'accounts' })
      await source.save({
        name: 'B',
        connectionId: null,
        mode: 'fetchxml',
        text: '<fetch><entity name="account"/></fetch>',
      })
      const { json: exported, count } = await source.exportJson()
      expect(count).toBe(2)
      expect((await source.exportJson([a.id, 'gone'])).count).toBe(1)

      const otherDir = await mkdtemp(join(tmpdir(), 'dvw-workspace-'))
      try {
        const target = createWorkspace(otherDir).savedQueries
        expect(await target.importJson(exported)).toEqual({ added: 2, updated: 0, unchanged: 0, rejected: [] })
        expect(await target.importJson(exported)).toEqual({ added: 0, updated: 0, unchanged: 2, rejected: [] })
        const file = JSON.parse(exported) as { queries: Record<string, unknown>[] }
        file.queries[0] = { ...file.queries[0], text: 'accounts?$top=1' }
        file.queries.push({ name: '' })
        expect(await target.importJson(JSON.stringify(file))).toEqual({
          added: 0,
          updated: 1,
          unchanged: 1,
          rejected: [{ index: 2, reason: expect.stringMatching(/^id: /) }],
        })
        expect((await target.list()).find((query) => query.id === a.id)?.text).toBe('accounts?$top=1')
        await expect(target.importJson('not json')).rejects.toMatchObject({ code: 'INVALID_INPUT' })
        await expect(target.importJson('{"queries": []}')).rejects.toMatchObject({ code: 'INVALID_INPUT' })
        // A refused file changes nothing: the library is exactly what it was.
        expect((await target.list()).map((query) => query.name)).toEqual(['A', 'B'])
      } finally {
        await rm(otherDir, { recursive: true, force: true })
      }
    })

    it('deletes a query', async () => {
      const { savedQueries } = createWorkspace(dir)
      const saved = await savedQueries.save({ name: 'A', connectionId: null, mode: 'odata', text: 'accounts' })
      expect(await savedQueries.remove(saved.id)).toBe(true)
      expect(await savedQueries.list()).toEqual([])
    })
  })

  describe('open tabs', () => {
    it('restores the tabs and the active one after a restart', async () => {
      const tabs: OpenTabs = {
        activeId: 't2',
        tabs: [
          {
            id: 't1',
            title: 'Accounts',
            connectionId: 'a',
            mode: 'odata',
            text: 'accounts?\n$select=name',
            method: 'GET',
            body: '',
            prefer: { annotations: true, maxPageSize: null },
            impersonate: null,
            savedQueryId: null,
          },
          {
            id: 't2',
            title: 'Fetch',
            connectionId: null,
            mode: 'fetchxml',
            text: '<fetch/>',
            method: 'GET',
            body: '',
            prefer: { annotations: false, maxPageSize: 500 },
            impersonate: '9999',
            savedQueryId: null,
          },
        ],
      }
      await createWorkspace(dir).tabs.save(tabs)
      expect(await createWorkspace(dir).tabs.load()).toEqual(tabs)
    })

    it('starts with no tabs', async () => {
      expect(await createWorkspace(dir).tabs.load()).toEqual({ tabs: [], activeId: null })
    })
  })
})
