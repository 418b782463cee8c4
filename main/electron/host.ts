import { app } from 'electron'
import type { Host } from '../host'
import { openExternalIfAllowed } from './security'

export function createElectronHost(): Host {
  return {
    kind: 'electron',
    dataDir: app.getPath('userData'),
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
  }
}
