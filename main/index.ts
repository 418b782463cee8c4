import { join } from 'node:path'
import { app, type BrowserWindow, ipcMain, nativeTheme, session } from 'electron'
import { createApi } from './ipc/api'
import { createElectronHost } from './electron/host'
import { bindIpc } from './electron/ipc'
import { createFileLogger, type Logger } from './electron/logger'
import { installApplicationMenu } from './electron/menu'
import { handleAppProtocol, registerAppScheme } from './electron/protocol'
import { hardenSession, installAppWideGuards } from './electron/security'
import { startUpdater } from './electron/updater'
import { createMainWindow, rememberWindowState } from './electron/window'
import { createServices } from './app/create-services'
import { bindServiceEvents } from './app/events'

const preloadPath = join(import.meta.dirname, '../preload/index.cjs')
const rendererRoot = join(import.meta.dirname, '../renderer')

let mainWindow: BrowserWindow | undefined
let logger: Logger | undefined

function focusMainWindow(): void {
  if (!mainWindow) return
  if (mainWindow.isMinimized()) mainWindow.restore()
  mainWindow.show()
  mainWindow.focus()
}

function log(level: 'info' | 'warn' | 'error', ...parts: unknown[]): void {
  logger?.write(level, ...parts)
  if (level === 'error') console.error(...parts)
}

async function start(): Promise<void> {
  nativeTheme.themeSource = 'system'
  // E2E runs of the unpackaged app keep their data in a temporary folder; a packaged app never does.
  if (!app.isPackaged && process.env.DVW_USER_DATA_DIR) app.setPath('userData', process.env.DVW_USER_DATA_DIR)
  installAppWideGuards()
  await app.whenReady()
  logger = createFileLogger(app.getPath('logs'))
  log(
    'info',
    `Dataverse Workbench ${app.getVersion()} starting (Electron ${process.versions.electron ?? '?'}, ${process.platform} ${process.arch})`,
  )
  hardenSession(session.defaultSession)
  handleAppProtocol(rendererRoot)

  const services = createServices(createElectronHost())
  bindServiceEvents(services, (event, payload) => mainWindow?.webContents.send(event, payload))
  bindIpc(ipcMain, {
    api: createApi(),
    services,
    trustedWebContentsId: () => mainWindow?.webContents.id,
    send: (event, payload) => mainWindow?.webContents.send(event, payload),
    report: (channel, error) => log('error', `[ipc] ${channel}:`, error),
  })

  const settings = services.settings
  const updates = startUpdater({
    settings,
    busy: () => services.query.longRunning(),
    window: () => mainWindow,
    log: (message) => log('info', message),
  })
  const saveSetting = (change: Parameters<typeof settings.update>[0]) => {
    try {
      settings.update(change)
    } catch (error) {
      log('warn', 'settings could not be saved:', error)
    }
  }
  installApplicationMenu({
    window: () => mainWindow,
    logsFolder: app.getPath('logs'),
    checkForUpdates: updates ? () => void updates.checkNow() : null,
    automaticUpdates: () => settings.read().automaticUpdates,
    setAutomaticUpdates: (on) => saveSetting({ automaticUpdates: on }),
  })

  mainWindow = await createMainWindow(preloadPath, app.isPackaged, settings.read().window)
  rememberWindowState(mainWindow, (window) => saveSetting({ window }))
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
    log('error', 'Dataverse Workbench failed to start:', error)
    app.exit(1)
  })
}
