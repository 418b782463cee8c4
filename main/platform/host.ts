import type { NetworkSettings } from '@common/connection'
import type { AppInfo } from '@common/contract/app'
import type { CaTrust } from '@common/contract/connections'
import type { SecretVault } from '../connections/vault'
import type { FetchLike } from '../http/types'
import type { OpenStore } from '../store/backend'

export interface FileFilter {
  readonly name: string
  /** Without the dot: ['pem', 'pfx']. */
  readonly extensions: readonly string[]
}

export interface PickFileOptions {
  readonly title: string
  readonly filters: readonly FileFilter[]
  /** Allows choosing several files (e.g. a certificate and its separate key). */
  readonly multiple?: boolean
}

export interface SavePathOptions {
  readonly title: string
  readonly defaultName: string
  readonly filters: readonly FileFilter[]
}

/**
 * What differs between the places main-process code runs: the Electron app, the Chromium test
 * harness and the CLI. Each builds a Host; everything else is built from it by createServices(),
 * so the harness exercises the same wiring as the app.
 */
export interface Host {
  readonly kind: AppInfo['host']
  appInfo(): AppInfo
  /** Opens a link that already passed the allow-list (main/platform/links.ts) in the system browser. */
  openLink(url: string): Promise<void>
  /** A folder this host may keep its stores and caches in. */
  readonly dataDir: string
  /** Where secrets are kept: safeStorage in the app, memory in tests and the CLI. */
  readonly vault: SecretVault
  /** The base fetch for real environments, before any policy: Electron net.fetch or Node undici. */
  readonly fetch: FetchLike
  /**
   * Applies the user's network settings to `fetch`: an explicit proxy (else the system proxy in the
   * app, HTTPS_PROXY on the command line) and the extra trusted root CAs.
   */
  applyNetworkSettings(settings: NetworkSettings): Promise<void>
  /** What the user's extra CA files are trusted in addition to, and any trade-off they bring; shown in the settings. */
  readonly caTrust: CaTrust
  /** CA certificates (PEM) and proxy given on the command line, which the check's own DNS and TLS probes must know too. */
  readonly commandLineNetwork?: () => { readonly trustedCa: readonly string[]; readonly proxy: string | null }
  /** A JSON document file in dataDir: electron-store in the app, conf elsewhere. */
  readonly openStore: OpenStore
  /** Writes text to the system clipboard (the harness records it instead). */
  writeClipboard(text: string): Promise<void>
  /** A main-process open-file dialog; resolves with the chosen paths, empty when cancelled. */
  pickFiles(options: PickFileOptions): Promise<string[]>
  /** A main-process save dialog; resolves with the chosen path, null when cancelled. The caller writes the file. */
  pickSavePath(options: SavePathOptions): Promise<string | null>
}
