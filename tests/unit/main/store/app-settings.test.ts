import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createApi } from '../../../../main/ipc/api'
import { dispatch } from '../../../../main/ipc/dispatch'
import { createServices, type Services } from '../../../../main/app/create-services'
import { createTestHost } from '../../../support/test-host'

describe('app settings over the contract', () => {
  let dir: string
  let services: Services
  const call = (channel: string, input?: unknown) =>
    dispatch(createApi(), channel, input, { services, send: () => undefined })

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'dvw-settings-'))
    services = createServices(createTestHost(dir), { sample: null })
  })
  afterEach(() => rmSync(dir, { recursive: true, force: true }))

  it('starts with the first-run screen due and automatic updates off', async () => {
    expect(await call('app:settings')).toEqual({ ok: true, data: { firstRunDone: false, automaticUpdates: false } })
    expect(services.settings.read().window).toBeNull()
  })

  it('saves the first run and the update switch in settings.json, and tells main listeners', async () => {
    const seen: boolean[] = []
    services.settings.onChange((settings) => seen.push(settings.automaticUpdates))
    expect(await call('app:save-settings', { firstRunDone: true })).toEqual({
      ok: true,
      data: { firstRunDone: true, automaticUpdates: false },
    })
    expect(await call('app:save-settings', { automaticUpdates: true })).toEqual({
      ok: true,
      data: { firstRunDone: true, automaticUpdates: true },
    })
    expect(seen).toEqual([false, true])
    expect(JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8'))).toMatchObject({
      schemaVersion: 1,
      firstRunDone: true,
      automaticUpdates: true,
    })
  })

  it('refuses fields the window may not set (such as the window placement)', async () => {
    const result = await call('app:save-settings', { window: { x: 0, y: 0, width: 10, height: 10, maximized: false } })
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    expect(await call('app:save-settings', { firstRunDone: false })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    })
  })

  it('runs on the defaults while settings.json is damaged, keeps the file, and refuses to write over it', async () => {
    writeFileSync(join(dir, 'settings.json'), '{ not json')
    expect(await call('app:settings')).toEqual({ ok: true, data: { firstRunDone: false, automaticUpdates: false } })
    expect(await call('app:save-settings', { firstRunDone: true })).toMatchObject({
      ok: false,
      error: { code: 'STORE_CORRUPT' },
    })
    expect(readFileSync(join(dir, 'settings.json'), 'utf8')).toBe('{ not json')
  })
})
