import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { z } from 'zod'

vi.mock('electron', () => import('./electron-mock'))

const { createElectronStoreBackend } = await import('../../../../main/electron/store-backend')
const { createDocumentStore } = await import('../../../../main/store/document-store')

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'dvw-estore-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

const file = () => join(dir, 'tabs.json')
const open = () =>
  createDocumentStore({
    backend: createElectronStoreBackend(dir, 'tabs'),
    label: 'open tabs',
    schema: z.object({ tabs: z.array(z.string()) }),
    version: 1,
    empty: () => ({ tabs: [] }),
  })

describe('electron-store backend', () => {
  it('L5 hands the store what the file holds, so null is copied aside instead of read as empty', () => {
    writeFileSync(file(), 'null')
    const store = open()
    expect(store.problem()).toMatchObject({ reason: 'invalid', detail: expect.stringMatching(/null/) })
    expect(() => store.update(() => ({ tabs: ['a'] }))).toThrow(/could not be read/)
    expect(readFileSync(file(), 'utf8')).toBe('null')
  })

  it('L5 reads and rewrites a file that starts with a UTF-8 byte-order mark', () => {
    writeFileSync(file(), `\uFEFF${JSON.stringify({ schemaVersion: 1, tabs: ['a'] })}`)
    const store = open()
    expect(store.read()).toEqual({ tabs: ['a'] })
    store.update(({ tabs }) => ({ tabs: [...tabs, 'b'] }))
    expect(JSON.parse(readFileSync(file(), 'utf8'))).toEqual({ schemaVersion: 1, tabs: ['a', 'b'] })
  })

  // POSIX permission bits do not exist on Windows (stat reports 0o666 whatever was asked).
  it.skipIf(process.platform === 'win32')('L10 writes its file readable by its owner only', () => {
    // skipped on Windows: it keeps access in ACLs, not POSIX mode bits
    open().update(() => ({ tabs: ['a'] }))
    expect(statSync(file()).mode & 0o777).toBe(0o600)
    chmodSync(file(), 0o644)
    open().update(() => ({ tabs: ['b'] }))
    expect(statSync(file()).mode & 0o777).toBe(0o600)
  })
})
