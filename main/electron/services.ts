import { app } from 'electron'
import type { Services } from '../services'
import { openExternalIfAllowed } from './security'

export function createElectronServices(): Services {
  return {
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
