import { AppFailure } from '@common/result'
import {
  createMemoryVault,
  createNodeFetchFromSettings,
  NODE_CA_TRUST,
  createNodeFetch,
  type NodeFetch,
  type NodeFetchOptions,
  createConfBackend,
} from '../app/node-host'
import type { Host } from '../platform/host'
import { appDataDir } from './data-dir'
import type { CliIo } from './io'
import pkg from '../../package.json' with { type: 'json' }

function noDialogs(what: string): never {
  throw new AppFailure({
    code: 'UNSUPPORTED',
    message: `The command line cannot ${what}.`,
    cause: 'dvw has no windows or dialogs.',
    next: 'Pass the file path or value as a command-line option instead.',
  })
}

export interface CliHost extends Host {
  /** Closes the network pool so the process can exit. */
  close(): Promise<void>
}

/**
 * The Host for `dvw`: secrets live in memory for the one command (they come from --secret-env or
 * --secret-stdin), the network is Node's with the CLI's CA and proxy options, and stores are the
 * desktop app's own (appDataDir: the same saved connections; DVW_DATA_DIR overrides the folder).
 */
export function createCliHost(
  io: CliIo,
  network: NodeFetchOptions & { readonly caPem?: readonly string[] } = {},
): CliHost {
  const dataDir = appDataDir(io.env)
  const { caPem = [], ...fetchOptions } = network
  const options: NodeFetchOptions = { ...fetchOptions, ...(caPem.length ? { ca: [...caPem] } : {}) }
  let base: NodeFetch = createNodeFetch({ env: io.env, ...options })
  return {
    kind: 'cli',
    dataDir,
    vault: createMemoryVault({ persistent: false }),
    fetch: (request) => base(request),
    caTrust: NODE_CA_TRUST,
    // Options given on the command line win over the saved settings.
    applyNetworkSettings: async (settings) => {
      const previous = base
      base = createNodeFetchFromSettings(settings, { env: io.env, ...options })
      await previous.close()
    },
    openStore: (name) => createConfBackend(dataDir, name),
    commandLineNetwork: () => ({ trustedCa: caPem, proxy: base.proxy }),
    close: () => base.close(),
    appInfo: () => ({
      name: 'Dataverse Workbench',
      version: pkg.version,
      electron: null,
      chromium: null,
      node: process.versions.node,
      platform: process.platform,
      arch: process.arch,
      host: 'cli',
    }),
    openLink: async () => noDialogs('open a browser'),
    writeClipboard: async () => noDialogs('use the clipboard'),
    pickFiles: async () => noDialogs('show a file dialog'),
    pickSavePath: async () => noDialogs('show a save dialog'),
  }
}
