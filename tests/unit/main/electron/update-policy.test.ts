import { describe, expect, it, vi } from 'vitest'
import { UpdatePolicy, type AvailableUpdate } from '../../../../main/electron/update-policy'
import { DEFAULT_APP_SETTINGS } from '../../../../main/store/app-settings'

const UPDATE: AvailableUpdate = { version: '0.2.0', notes: 'Faster exports.' }

function setup(options: { automatic?: boolean; update?: AvailableUpdate | null; restart?: boolean } = {}) {
  const timers: { run: () => void; ms: number }[] = []
  const events: string[] = []
  const state = {
    automatic: options.automatic ?? DEFAULT_APP_SETTINGS.automaticUpdates,
    busy: false,
    restart: options.restart ?? true,
  }
  const updater = {
    check: vi.fn(async () => {
      events.push('check')
      return options.update === undefined ? UPDATE : options.update
    }),
    download: vi.fn(async () => void events.push('download')),
    installNow: vi.fn(() => void events.push('install')),
  }
  const prompt = {
    offerRestart: vi.fn(async (update: AvailableUpdate) => {
      events.push(`notes:${update.version}:${update.notes}`)
      return state.restart
    }),
    tell: vi.fn((message: string) => void events.push(`tell:${message}`)),
  }
  const policy = new UpdatePolicy({
    automaticUpdates: () => state.automatic,
    busy: () => state.busy,
    updater,
    prompt,
    log: () => undefined,
    setTimer: (run, ms) => {
      const timer = { run, ms }
      timers.push(timer)
      return () => timers.splice(timers.indexOf(timer), 1)
    },
  })
  const fire = async () => {
    const timer = timers.shift()
    timer?.run()
    await vi.waitFor(() => expect(['checking', 'downloading']).not.toContain(policy.current))
    await Promise.resolve()
    return timer
  }
  return { policy, state, updater, prompt, events, timers, fire }
}

describe('update policy', () => {
  it('does nothing with the default settings: automatic updates are off', async () => {
    expect(DEFAULT_APP_SETTINGS.automaticUpdates).toBe(false)
    const { policy, timers, updater } = setup()
    policy.settingsChanged()
    expect(timers).toHaveLength(0)
    expect(policy.current).toBe('off')
    expect(updater.check).not.toHaveBeenCalled()
  })

  it('looks for an update once switched on, and stops when switched off again', async () => {
    const { policy, state, timers } = setup()
    state.automatic = true
    policy.settingsChanged()
    expect(timers).toHaveLength(1)
    state.automatic = false
    policy.settingsChanged()
    expect(timers).toHaveLength(0)
    expect(policy.current).toBe('off')
  })

  it('defers checking, downloading and restarting while a fetch-all or export runs', async () => {
    const { policy, state, updater, events, timers, fire } = setup({ automatic: true })
    policy.settingsChanged()
    state.busy = true
    await fire()
    expect(updater.check).not.toHaveBeenCalled()
    expect(policy.current).toBe('deferred')
    expect(timers).toHaveLength(1)
    await fire()
    expect(updater.check).not.toHaveBeenCalled()

    state.busy = false
    await fire()
    expect(events).toEqual(['check', 'download', 'notes:0.2.0:Faster exports.', 'install'])
  })

  it('asks again later when an export starts while the release notes are open', async () => {
    const { policy, state, updater, prompt, fire } = setup({ automatic: true })
    prompt.offerRestart.mockImplementationOnce(async () => {
      state.busy = true
      return true
    })
    policy.settingsChanged()
    await fire()
    expect(updater.installNow).not.toHaveBeenCalled()
    expect(policy.current).toBe('deferred')
    state.busy = false
    await fire()
    expect(prompt.offerRestart).toHaveBeenCalledTimes(2)
    expect(updater.download).toHaveBeenCalledTimes(1)
    expect(updater.installNow).toHaveBeenCalledTimes(1)
  })

  it('shows the release notes before any restart, and does not restart on "Later"', async () => {
    const { policy, updater, prompt, events, fire } = setup({ automatic: true, restart: false })
    policy.settingsChanged()
    await fire()
    expect(prompt.offerRestart).toHaveBeenCalledWith(UPDATE)
    expect(events.indexOf('notes:0.2.0:Faster exports.')).toBeGreaterThan(events.indexOf('download'))
    expect(updater.installNow).not.toHaveBeenCalled()
    expect(policy.current).toBe('ready')
  })

  it('answers a check from the menu, even with automatic updates off, but not during an export', async () => {
    const { policy, state, updater, prompt } = setup({ update: null })
    state.busy = true
    await policy.checkNow()
    expect(updater.check).not.toHaveBeenCalled()
    expect(prompt.tell).toHaveBeenLastCalledWith(expect.stringContaining('export or fetch-all is running'))
    state.busy = false
    await policy.checkNow()
    expect(prompt.tell).toHaveBeenLastCalledWith('Dataverse Workbench is up to date.')
  })
})
