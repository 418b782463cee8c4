import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest'

vi.mock('electron', () => import('./electron/electron-mock'))

const electron = (await import('electron')) as unknown as typeof import('./electron/electron-mock')

async function flush(): Promise<void> {
  for (let i = 0; i < 10; i++) await Promise.resolve()
}

const dir = mkdtempSync(join(tmpdir(), 'dvw-index-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('main entry', () => {
  beforeEach(() => {
    electron.app.paths.set('userData', join(dir, 'data'))
    electron.app.paths.set('logs', join(dir, 'logs'))
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
    expect(window?.show).toHaveBeenCalled()
    expect(window?.focus).toHaveBeenCalled()
  })

  it('installs the application menu and writes its log into the platform log folder', async () => {
    electron.app.singleInstanceLock = true
    await import('../../../main/index')
    await flush()
    expect(electron.Menu.setApplicationMenu).toHaveBeenCalledTimes(1)
    const roles = (electron.Menu.current?.template as { role?: string }[]).map((item) => item.role)
    expect(roles).toEqual(expect.arrayContaining(['fileMenu', 'editMenu', 'viewMenu', 'windowMenu', 'help']))
    const log = join(dir, 'logs', 'main.log')
    expect(existsSync(log)).toBe(true)
    expect(readFileSync(log, 'utf8')).toMatch(/INFO Dataverse Workbench 0\.1\.0 starting/)
  })

  it('remembers the window placement on close and restores it only onto a visible display', async () => {
    electron.app.singleInstanceLock = true
    await import('../../../main/index')
    await flush()
    const first = electron.BrowserWindow.created[0]!
    first.getNormalBounds.mockReturnValue({ x: 2100, y: 80, width: 1200, height: 800 })
    first.emit('close')
    const saved = JSON.parse(readFileSync(join(dir, 'data', 'settings.json'), 'utf8')) as { window: unknown }
    expect(saved.window).toEqual({ x: 2100, y: 80, width: 1200, height: 800, maximized: false })

    // Next start with the second monitor still there: the window comes back where it was.
    electron.screen.displays = [
      { workArea: { x: 0, y: 0, width: 1920, height: 1040 } },
      { workArea: { x: 1920, y: 0, width: 2560, height: 1400 } },
    ]
    vi.resetModules()
    electron.BrowserWindow.created.length = 0
    await import('../../../main/index')
    await flush()
    expect(electron.BrowserWindow.created[0]?.options).toMatchObject({ x: 2100, y: 80, width: 1200, height: 800 })

    // And with it unplugged: a default-size window on the remaining display, not off screen.
    electron.screen.displays = [{ workArea: { x: 0, y: 0, width: 1920, height: 1040 } }]
    vi.resetModules()
    electron.BrowserWindow.created.length = 0
    await import('../../../main/index')
    await flush()
    const options = electron.BrowserWindow.created[0]?.options as Record<string, unknown>
    expect(options).toMatchObject({ width: 1360, height: 860 })
    expect(options.x).toBeUndefined()
    writeFileSync(join(dir, 'data', 'settings.json'), '{}')
  })
})
