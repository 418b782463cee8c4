import type { AppInfo } from '../common/contract/app'

/**
 * What differs between the places main-process code runs: the Electron app, the Chromium test
 * harness and the CLI. Each builds a Host; everything else is built from it by createServices(),
 * so the harness exercises the same wiring as the app.
 */
export interface Host {
  readonly kind: AppInfo['host']
  appInfo(): AppInfo
  /** Opens a link that already passed the allow-list (main/links.ts) in the system browser. */
  openLink(url: string): Promise<void>
  /** A folder this host may keep its stores and caches in. */
  readonly dataDir: string
}
