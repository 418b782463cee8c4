import type { Services } from '../../../main/services'

export interface HarnessServices extends Services {
  /** Links the app asked main to open, in order: the harness never opens a browser. */
  readonly openedLinks: string[]
}

/** The services a real app would build, minus the parts only Electron has (those are recorded). */
export function createHarnessServices(): HarnessServices {
  const openedLinks: string[] = []
  return {
    openedLinks,
    appInfo: () => ({
      name: 'Dataverse Workbench',
      version: process.env.npm_package_version ?? '0.0.0-harness',
      electron: null,
      chromium: null,
      node: process.versions.node,
      platform: process.platform,
      arch: process.arch,
      host: 'harness',
    }),
    openLink: async (url) => {
      openedLinks.push(url)
    },
  }
}
