import { beforeEach, describe, expect, it, vi } from 'vitest'

vi.mock('electron', () => import('./electron/electron-mock'))

const electron = (await import('electron')) as unknown as typeof import('./electron/electron-mock')

async function flush(): Promise<void> {
  for (let i = 0; i < 10; i++) await Promise.resolve()
}

describe('main entry', () => {
  beforeEach(() => {
    vi.resetModules()
    vi.clearAllMocks()
    electron.app.listeners.clear()
    electron.BrowserWindow.created.length = 0
    electron.ipcMain.handlers.clear()
  })

  it('quits at once when another instance holds the single-instance lock', async () => {
    electron.app.singleInstanceLock = false
    await import('../../../main/index')
    await flush()
    expect(electron.app.quit).toHaveBeenCalled()
    expect(electron.protocol.registerSchemesAsPrivileged).not.toHaveBeenCalled()
    expect(electron.BrowserWindow.created).toHaveLength(0)
  })

  it('hardens the session, serves app://, binds IPC and opens one window', async () => {
    electron.app.singleInstanceLock = true
    await import('../../../main/index')
    await flush()
    expect(electron.protocol.registerSchemesAsPrivileged).toHaveBeenCalled()
    expect(electron.session.defaultSession.setPermissionRequestHandler).toHaveBeenCalled()
    expect(electron.protocol.handle).toHaveBeenCalledWith('app', expect.any(Function))
    expect(electron.ipcMain.handlers.has('app:info')).toBe(true)
    expect(electron.BrowserWindow.created).toHaveLength(1)
    expect(electron.app.listeners.get('web-contents-created')).toHaveLength(1)
    expect(electron.nativeTheme.themeSource).toBe('system')
  })

  it('focuses the existing window when a second instance starts', async () => {
    electron.app.singleInstanceLock = true
    await import('../../../main/index')
    await flush()
    const window = electron.BrowserWindow.created[0]
    window?.isMinimized.mockReturnValue(true)
    electron.app.emit('second-instance')
    expect(window?.restore).toHaveBeenCalled()
    expect(window?.focus).toHaveBeenCalled()
  })
})
