import {
  app,
  BrowserWindow,
  clipboard,
  dialog,
  safeStorage,
  session,
  type FileFilter as ElectronFileFilter,
} from 'electron'
import type { CaTrust } from '@common/contract/connections'
import { createExtraCaFetch } from '../connections/network-settings'
import type { FileFilter, Host } from '../platform/host'
import type { NodeFetch } from '../http/node-fetch'
import { systemAndBundledRoots } from '../http/system-roots'
import { createNetFetch, NETWORK_PARTITION } from './net-fetch'
import { openExternalIfAllowed } from './security'
import { createElectronStoreBackend } from './store-backend'
import { createSafeStorageVault } from './vault'

function filters(list: readonly FileFilter[]): ElectronFileFilter[] {
  return list.map((filter) => ({ name: filter.name, extensions: [...filter.extensions] }))
}

const ELECTRON_CA_TRUST: CaTrust = {
  base: "the operating system's certificate store",
  caveat:
    "While extra CA files are set, requests go through Node's network stack instead of Chromium's: it trusts the system store, Node's built-in roots and these files, and uses the proxy above or HTTPS_PROXY (a system PAC script is not consulted). Remove the files to go back.",
}

/** Built after app.whenReady(): the network session and safeStorage need a ready app. */
export function createElectronHost(): Host {
  const dataDir = app.getPath('userData')
  const openStore = (name: string) => createElectronStoreBackend(dataDir, name)
  const network = session.fromPartition(NETWORK_PARTITION)
  const netFetch = createNetFetch(network)
  // Chromium's stack can only add roots through a certificate-verify override, which would put the
  // app's own code in charge of chain checks; Node's TLS adds them while still verifying the chain.
  let extraCaFetch: NodeFetch | null = null
  return {
    kind: 'electron',
    dataDir,
    vault: createSafeStorageVault(safeStorage, openStore('secrets')),
    fetch: (request) => (extraCaFetch ?? netFetch)(request),
    caTrust: ELECTRON_CA_TRUST,
    applyNetworkSettings: async (settings) => {
      await network.setProxy(
        settings.proxyUrl
          ? { proxyRules: settings.proxyUrl, proxyBypassRules: settings.noProxy || '<local>' }
          : { mode: 'system' },
      )
      // Open connections were made through the old proxy.
      await network.closeAllConnections()
      const previous = extraCaFetch
      extraCaFetch = createExtraCaFetch(settings, systemAndBundledRoots().roots)
      await previous?.close()
    },
    openStore,
    appInfo: () => ({
      name: app.getName(),
      version: app.getVersion(),
      electron: process.versions.electron ?? null,
      chromium: process.versions.chrome ?? null,
      node: process.versions.node,
      platform: process.platform,
      arch: process.arch,
      host: 'electron',
    }),
    openLink: async (url) => {
      if (!(await openExternalIfAllowed(url))) throw new Error(`refused to open ${url}: not on the allow-list`)
    },
    writeClipboard: async (text) => {
      clipboard.writeText(text)
    },
    pickFiles: async (options) => {
      const window = BrowserWindow.getFocusedWindow()
      const properties: Array<'openFile' | 'multiSelections'> = options.multiple
        ? ['openFile', 'multiSelections']
        : ['openFile']
      const dialogOptions = { title: options.title, filters: filters(options.filters), properties }
      const result = window
        ? await dialog.showOpenDialog(window, dialogOptions)
        : await dialog.showOpenDialog(dialogOptions)
      return result.canceled ? [] : result.filePaths
    },
    pickSavePath: async (options) => {
      const window = BrowserWindow.getFocusedWindow()
      const dialogOptions = {
        title: options.title,
        defaultPath: options.defaultName,
        filters: filters(options.filters),
      }
      const result = window
        ? await dialog.showSaveDialog(window, dialogOptions)
        : await dialog.showSaveDialog(dialogOptions)
      return result.canceled || !result.filePath ? null : result.filePath
    },
  }
}
