import type { Host } from '../../main/host'

export interface TestHost extends Host {
  /** Links the app asked to open, in order: tests never open a browser. */
  readonly openedLinks: string[]
}

/** A Host for tests and the Chromium harness: the parts only Electron has are recorded, not faked away. */
export function createTestHost(dataDir: string, kind: Host['kind'] = 'harness'): TestHost {
  const openedLinks: string[] = []
  return {
    kind,
    dataDir,
    openedLinks,
    appInfo: () => ({
      name: 'Dataverse Workbench',
      version: process.env.npm_package_version ?? '0.0.0-test',
      electron: null,
      chromium: null,
      node: process.versions.node,
      platform: process.platform,
      arch: process.arch,
      host: kind,
    }),
    openLink: async (url) => {
      openedLinks.push(url)
    },
  }
}
