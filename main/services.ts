import type { AppInfo } from '../common/contract/app'

/**
 * What handlers need from the host they run in. The Electron app, the Chromium test harness
 * and the CLI each build one; handlers never know which.
 */
export interface Services {
  appInfo(): AppInfo
  /** Called only with a URL that already passed the external-link allow-list. */
  openLink(url: string): Promise<void>
}
