import { createMemoryVault, type SecretVault } from '../../main/connections/vault'
import type { Host, PickFileOptions, SavePathOptions } from '../../main/platform/host'
import type { NetworkSettings } from '@common/connection'
import { createNodeFetchFromSettings, NODE_CA_TRUST } from '../../main/connections/network-settings'
import { createNodeFetch } from '../../main/http/node-fetch'
import type { FetchLike } from '../../main/http/types'
import { createConfBackend } from '../../main/store/conf-backend'

export interface TestHostOptions {
  /** The base fetch for real environments; default: Node undici with the system's roots. */
  readonly fetch?: FetchLike
  readonly vault?: SecretVault
}

export interface TestHost extends Host {
  /** Links the app asked to open, in order: tests never open a browser. */
  readonly openedLinks: string[]
  /** Everything written to the clipboard, in order. */
  readonly clipboard: string[]
  /** File dialogs the app opened, in order. */
  readonly dialogs: Array<PickFileOptions | SavePathOptions>
  /** What the next open-file dialog returns (then cleared); empty = the user cancelled. */
  answerNextPick(paths: string[]): void
  /** What the next save dialog returns (then cleared); null = the user cancelled. */
  answerNextSave(path: string | null): void
  /** Replaces the base fetch (e.g. one that trusts an HTTPS emulator's CA started after the host). */
  useFetch(fetch: FetchLike): void
  /** The network settings applied last (a host given its own fetch keeps it, but records them). */
  readonly appliedNetwork: NetworkSettings[]
}

/** A Host for tests and the Chromium harness: the parts only Electron has are recorded, not faked away. */
export function createTestHost(
  dataDir: string,
  kind: Host['kind'] = 'harness',
  options: TestHostOptions = {},
): TestHost {
  const openedLinks: string[] = []
  const clipboard: string[] = []
  const dialogs: Array<PickFileOptions | SavePathOptions> = []
  let nextPick: string[] = []
  let nextSave: string | null = null
  let base: FetchLike = options.fetch ?? createNodeFetch()
  let ownFetch = options.fetch !== undefined
  const appliedNetwork: NetworkSettings[] = []
  return {
    appliedNetwork,
    caTrust: NODE_CA_TRUST,
    applyNetworkSettings: async (settings) => {
      appliedNetwork.push(settings)
      if (!ownFetch) base = createNodeFetchFromSettings(settings)
    },
    kind,
    dataDir,
    openedLinks,
    clipboard,
    dialogs,
    vault: options.vault ?? createMemoryVault(),
    // Delegates, so services built before useFetch() still send through the new base.
    fetch: (request) => base(request),
    openStore: (name) => createConfBackend(dataDir, name),
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
    writeClipboard: async (text) => {
      clipboard.push(text)
    },
    pickFiles: async (pickOptions) => {
      dialogs.push(pickOptions)
      const answer = nextPick
      nextPick = []
      return answer
    },
    pickSavePath: async (saveOptions) => {
      dialogs.push(saveOptions)
      const answer = nextSave
      nextSave = null
      return answer
    },
    answerNextPick: (paths) => {
      nextPick = [...paths]
    },
    answerNextSave: (path) => {
      nextSave = path
    },
    useFetch: (fetch) => {
      base = fetch
      ownFetch = true
    },
  }
}
