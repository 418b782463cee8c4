import { homedir } from 'node:os'
import { join } from 'node:path'
import { AppFailure } from '../../common/result'
import { createMemoryVault } from '../connections/vault'
import type { Host } from '../platform/host'
import { createNodeFetchFromSettings, NODE_CA_TRUST } from '../connections/network-settings'
import { createNodeFetch, type NodeFetch, type NodeFetchOptions } from '../http/node-fetch'
import { createConfBackend } from '../store/conf-backend'
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

/**
 * The Host for `dvw`: secrets live in memory for the one command (they come from --secret-env or
 * --secret-stdin), the network is Node's with the CLI's CA and proxy options, and stores live in
 * DVW_DATA_DIR (default ~/.dataverse-workbench).
 */
export function createCliHost(io: CliIo, network: NodeFetchOptions = {}): Host {
  const dataDir = io.env.DVW_DATA_DIR ?? join(homedir(), '.dataverse-workbench')
  let base: NodeFetch = createNodeFetch({ env: io.env, ...network })
  return {
    kind: 'cli',
    dataDir,
    vault: createMemoryVault({ persistent: false }),
    fetch: (request) => base(request),
    caTrust: NODE_CA_TRUST,
    // Options given on the command line win over the saved settings.
    applyNetworkSettings: async (settings) => {
      const previous = base
      base = createNodeFetchFromSettings(settings, { env: io.env, ...network })
      await previous.close()
    },
    openStore: (name) => createConfBackend(dataDir, name),
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
