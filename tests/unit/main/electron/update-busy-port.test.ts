import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { QueryRequestSchema } from '@common/query/execution'
import { UpdatePolicy } from '../../../../main/electron/update-policy'
import { EMULATOR_CONNECTION_ID, emulatorQueryKit, type EmulatorQueryKit } from '../../../support/emulator-session'

const request = (operationId: string) =>
  QueryRequestSchema.parse({
    connectionId: EMULATOR_CONNECTION_ID,
    operationId,
    mode: 'odata',
    text: 'contacts?$select=fullname',
    prefer: { annotations: false, maxPageSize: 100 },
  })

describe("the updater's busy question, answered by main's query runner", () => {
  let dir: string
  let kit: EmulatorQueryKit
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'dvw-busy-'))
    kit = emulatorQueryKit(dir, { emulator: { rows: { contacts: 400 } } })
  })
  afterEach(async () => rm(dir, { recursive: true, force: true }))

  it('is busy while a fetch-all or an export pages, and idle again after (even when it fails)', async () => {
    const seen: boolean[] = []
    expect(kit.runner.longRunning()).toBe(false)
    await kit.runner.fetchAll(request('all'), 10_000, { onPage: () => void seen.push(kit.runner.longRunning()) })
    expect(seen.length).toBeGreaterThan(1)
    expect(seen.every(Boolean)).toBe(true)
    expect(kit.runner.longRunning()).toBe(false)

    const file = join(dir, 'contacts.csv')
    const exporting = kit.runner.exportToFile(request('export'), {
      format: 'csv',
      path: file,
      maxRows: 10_000,
      includeFormatted: false,
    })
    expect(kit.runner.longRunning()).toBe(true)
    await exporting
    expect(kit.runner.longRunning()).toBe(false)

    await expect(kit.runner.fetchAll({ ...request('bad'), text: 'nosuchtable' }, 10)).rejects.toBeTruthy()
    expect(kit.runner.longRunning()).toBe(false)
  })

  it('keeps an update from being installed during a real fetch-all', async () => {
    let installed = 0
    const checks: boolean[] = []
    const policy = new UpdatePolicy({
      automaticUpdates: () => true,
      busy: () => kit.runner.longRunning(),
      updater: {
        check: async () => ({ version: '9.9.9', notes: '' }),
        download: async () => undefined,
        installNow: () => void installed++,
      },
      prompt: { offerRestart: async () => true, tell: () => undefined },
      log: () => undefined,
      setTimer: () => () => undefined,
    })
    await kit.runner.fetchAll(request('paging'), 10_000, {
      onPage: async () => {
        await policy.checkNow()
        checks.push(installed > 0)
      },
    })
    expect(checks.length).toBeGreaterThan(1)
    expect(checks.every((was) => !was)).toBe(true)
    await policy.checkNow()
    expect(installed).toBe(1)
  })
})
