import { homedir } from 'node:os'
import { join } from 'node:path'
import pkg from '../../package.json' with { type: 'json' }
import { createMemoryVault } from '../connections/vault'
import type { Host } from '../host'
import { createNodeFetch } from '../http/node-fetch'
import type { FetchLike } from '../http/types'
import { createConfBackend } from '../store/conf-backend'
import type { CliIo } from './io'

/** Where the CLI caches metadata indexes: XDG cache dir, or ~/.cache. */
export function cliDataDir(io: CliIo): string {
  return join(io.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'dataverse-workbench')
}

/**
 * The Host for `dvw`: secrets only in memory (they come from the environment or stdin), no
 * dialogs and no clipboard (a terminal has neither; asking for one is a bug, so it throws).
 */
export function createCliHost(io: CliIo, options: { readonly fetch?: FetchLike; readonly dataDir?: string } = {}): Host {
  const dataDir = options.dataDir ?? cliDataDir(io)
  const unavailable = (what: string) => async (): Promise<never> => {
    throw new Error(`${what} is not available on the command line`)
  }
  return {
    kind: 'cli',
    dataDir,
    vault: createMemoryVault(),
    fetch: options.fetch ?? createNodeFetch(),
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
    openLink: unavailable('opening a browser'),
    writeClipboard: unavailable('the clipboard'),
    pickFiles: unavailable('a file dialog'),
    pickSavePath: unavailable('a file dialog'),
  }
}
