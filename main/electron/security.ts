/*
 * Every Electron hardening measure lives in this file, so a reviewer can see them together.
 * Loosening any of them must fail a unit test in tests/unit/main/electron/security.test.ts.
 */
import { app, shell, type Session, type WebContents } from 'electron'
import { isAllowedExternalLink } from '../platform/links'

/** Deny every permission (camera, notifications, clipboard-read, HID, serial…): we need none. */
export function hardenSession(session: Session): void {
  session.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false))
  session.setPermissionCheckHandler(() => false)
  session.setDevicePermissionHandler(() => false)
  session.setDisplayMediaRequestHandler((_request, callback) => callback({}))
}

/** The only call to shell.openExternal in the app: every link passes the allow-list first. */
export async function openExternalIfAllowed(url: string): Promise<boolean> {
  if (!isAllowedExternalLink(url)) return false
  await shell.openExternal(url) // eng-disable OPEN_EXTERNAL_JS_CHECK -- the allow-list above admits only https Microsoft docs and portal hosts
  return true
}

/** The renderer is a single page: it never navigates, opens windows or hosts webviews. */
export function hardenWebContents(contents: WebContents): void {
  contents.on('will-navigate', (event) => event.preventDefault())
  contents.on('will-redirect', (event) => event.preventDefault())
  contents.on('will-attach-webview', (event) => event.preventDefault())
  contents.setWindowOpenHandler(({ url }) => {
    void openExternalIfAllowed(url)
    return { action: 'deny' }
  })
}

export function installAppWideGuards(): void {
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents))
}
