import { BrowserWindow, nativeTheme, screen } from 'electron'
import type { WindowState } from '../store/app-settings'
import { APP_ENTRY_URL } from './protocol'
import { DEFAULT_WINDOW_SIZE, MIN_WINDOW_SIZE, restoreBounds } from './window-state'

/**
 * The one window. Its webPreferences are written out literally here (not built elsewhere) so
 * that both reviewers and electronegativity can see every setting at the construction site.
 */
export async function createMainWindow(
  preloadPath: string,
  isPackaged: boolean,
  saved: WindowState | null = null,
): Promise<BrowserWindow> {
  const placement = restoreBounds(
    saved,
    screen.getAllDisplays().map((display) => display.workArea),
  )
  const window = new BrowserWindow({
    ...(placement
      ? { x: placement.x, y: placement.y, width: placement.width, height: placement.height }
      : DEFAULT_WINDOW_SIZE),
    minWidth: MIN_WINDOW_SIZE.width,
    minHeight: MIN_WINDOW_SIZE.height,
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
  if (placement?.maximized) window.maximize()
  window.once('ready-to-show', () => window.show())
  await window.loadURL(APP_ENTRY_URL)
  return window
}

/** Saves the window's normal (unmaximised) bounds and whether it was maximised, as it closes. */
export function rememberWindowState(window: BrowserWindow, save: (state: WindowState) => void): void {
  window.on('close', () => {
    const bounds = window.getNormalBounds()
    save({ x: bounds.x, y: bounds.y, width: bounds.width, height: bounds.height, maximized: window.isMaximized() })
  })
}
