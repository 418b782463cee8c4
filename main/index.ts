import { join } from 'node:path'
import { app, type BrowserWindow, ipcMain, nativeTheme, session } from 'electron'
import { createApi } from './ipc/api'
import { createElectronHost } from './electron/host'
import { bindIpc } from './electron/ipc'
import { handleAppProtocol, registerAppScheme } from './electron/protocol'
import { hardenSession, installAppWideGuards } from './electron/security'
import { createMainWindow } from './electron/window'
import { createServices } from './app/create-services'
import { bindServiceEvents } from './app/events'

const preloadPath = join(import.meta.dirname, '../preload/index.cjs')
const rendererRoot = join(import.meta.dirname, '../renderer')

let mainWindow: BrowserWindow | undefined

function focusMainWindow(): void {
  if (!mainWindow) return
  if (mainWindow.isMinimized()) mainWindow.restore()
  mainWindow.focus()
}

async function start(): Promise<void> {
  nativeTheme.themeSource = 'system'
  // E2E runs of the unpackaged app keep their data in a temporary folder; a packaged app never does.
  if (!app.isPackaged && process.env.DVW_USER_DATA_DIR) app.setPath('userData', process.env.DVW_USER_DATA_DIR)
  installAppWideGuards()
  await app.whenReady()
  hardenSession(session.defaultSession)
  handleAppProtocol(rendererRoot)

  const services = createServices(createElectronHost())
  bindServiceEvents(services, (event, payload) => mainWindow?.webContents.send(event, payload))
  bindIpc(ipcMain, {
    api: createApi(),
    services,
    trustedWebContentsId: () => mainWindow?.webContents.id,
    send: (event, payload) => mainWindow?.webContents.send(event, payload),
    report: (channel, error) => console.error(`[ipc] ${channel}:`, error),
  })

  mainWindow = await createMainWindow(preloadPath, app.isPackaged)
  mainWindow.on('closed', () => {
    mainWindow = undefined
  })
}

if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  app.on('second-instance', focusMainWindow)
  app.on('window-all-closed', () => app.quit())
  registerAppScheme()
  start().catch((error: unknown) => {
    console.error('Dataverse Workbench failed to start:', error)
    app.exit(1)
  })
}
