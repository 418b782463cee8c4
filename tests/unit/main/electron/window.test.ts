import { beforeEach, describe, expect, it, vi } from 'vitest'

vi.mock('electron', () => import('./electron-mock'))

const electron = (await import('electron')) as unknown as typeof import('./electron-mock')
const { createMainWindow } = await import('../../../../main/electron/window')

interface Options {
  webPreferences: Record<string, unknown>
}

async function openWindow(isPackaged: boolean) {
  electron.BrowserWindow.created.length = 0
  await createMainWindow('/app/preload/index.cjs', isPackaged)
  const window = electron.BrowserWindow.created[0]
  if (!window) throw new Error('no window was created')
  return { window, prefs: (window.options as Options).webPreferences }
}

describe('main window', () => {
  beforeEach(() => vi.clearAllMocks())

  it('isolates and sandboxes the renderer with no Node and no webviews', async () => {
    const { prefs } = await openWindow(true)
    expect(prefs).toMatchObject({
      preload: '/app/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      disableBlinkFeatures: 'Auxclick',
    })
  })

  it('never enables blink features or extra arguments, and has no devtools when packaged', async () => {
    const { prefs } = await openWindow(true)
    expect(prefs).not.toHaveProperty('enableBlinkFeatures')
    expect(prefs).not.toHaveProperty('additionalArguments')
    expect(prefs.devTools).toBe(false)
    expect((await openWindow(false)).prefs.devTools).toBe(true)
  })

  it('loads the renderer from the app:// origin, never file://', async () => {
    const { window } = await openWindow(true)
    expect(window.loadURL).toHaveBeenCalledWith('app://workbench/index.html')
    expect(electron.BrowserWindow.created).toHaveLength(1)
  })
})
