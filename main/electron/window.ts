import { BrowserWindow, nativeTheme } from 'electron'
import { APP_ENTRY_URL } from './protocol'

/**
 * The one window. Its webPreferences are written out literally here (not built elsewhere) so
 * that both reviewers and electronegativity can see every setting at the construction site.
 */
export async function createMainWindow(preloadPath: string, isPackaged: boolean): Promise<BrowserWindow> {
  const window = new BrowserWindow({
    width: 1360,
    height: 860,
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: 'Dataverse Workbench',
    backgroundColor: nativeTheme.shouldUseDarkColors ? '#1f1f1f' : '#fafafa',
    webPreferences: {
      preload: preloadPath, // eng-disable PRELOAD_JS_CHECK -- exposes only named contract methods; tests/unit/preload asserts the exact surface
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
      // Middle-click would otherwise try to open links in a new window.
      disableBlinkFeatures: 'Auxclick',
      safeDialogs: true,
      spellcheck: false,
      devTools: !isPackaged,
    },
  })
  window.once('ready-to-show', () => window.show())
  await window.loadURL(APP_ENTRY_URL)
  return window
}
