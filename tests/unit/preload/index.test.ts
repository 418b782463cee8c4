import { beforeEach, describe, expect, it, vi } from 'vitest'

vi.mock('electron', () => import('../main/electron/electron-mock'))

const electron = (await import('electron')) as unknown as typeof import('../main/electron/electron-mock')
const { bridgeListenerName, bridgeMethodName, channelNames, eventNames } = await import('@common/contract')

async function loadPreload(contextIsolated: boolean): Promise<Record<string, unknown> | undefined> {
  vi.resetModules()
  electron.contextBridge.exposed.clear()
  Object.defineProperty(process, 'contextIsolated', { value: contextIsolated, configurable: true })
  await import('../../../preload/index')
  return electron.contextBridge.exposed.get('dataverse') as Record<string, unknown> | undefined
}

describe('preload bridge', () => {
  beforeEach(() => {
    electron.ipcRenderer.invoke.mockClear()
  })

  it('exposes one global with exactly one method per channel and one listener per event', async () => {
    const bridge = await loadPreload(true)
    expect([...electron.contextBridge.exposed.keys()]).toEqual(['dataverse'])
    const expected = [...channelNames.map(bridgeMethodName), ...eventNames.map(bridgeListenerName)].sort()
    expect(Object.keys(bridge ?? {}).sort()).toEqual(expected)
    expect(Object.isFrozen(bridge)).toBe(true)
  })

  it('offers no generic invoke, ipcRenderer, send or shell', async () => {
    const bridge = (await loadPreload(true)) ?? {}
    for (const name of ['invoke', 'send', 'on', 'ipcRenderer', 'shell', 'require', 'process']) {
      expect(bridge).not.toHaveProperty(name)
    }
  })

  it('forwards each method to its own channel', async () => {
    const bridge = (await loadPreload(true)) ?? {}
    await (bridge.appOpenExternal as (input: unknown) => Promise<unknown>)({ url: 'https://learn.microsoft.com/' })
    expect(electron.ipcRenderer.invoke).toHaveBeenCalledWith('app:open-external', {
      url: 'https://learn.microsoft.com/',
    })
  })

  it('refuses to run when context isolation is off', async () => {
    await expect(loadPreload(false)).rejects.toThrow(/context isolation is off/)
    expect(electron.contextBridge.exposed.size).toBe(0)
  })
})
