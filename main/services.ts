import { join } from 'node:path'
import { createTokenProvider, type TokenProvider } from './auth/token-provider'
import { createNetworkService, createNetworkStore, NETWORK_STORE_NAME, readCaFile, type NetworkService, type NetworkView } from './connections/network-settings'
import { createConnectionsStore, CONNECTIONS_STORE_NAME } from './connections/repository'
import type { SampleDefinition } from './connections/sample'
import { createSecretChannel, type SecretChannel } from './connections/secret-channel'
import { createConnectionService, type ConnectionService } from './connections/service'
import { MetadataService } from './dataverse/metadata/service'
import { createCheckService, type CheckService } from './diagnostics/check-service'
import { createCheckHistory, createHistoryStore, HISTORY_STORE_NAME } from './diagnostics/history'
import type { Host } from './host'
import { createSampleEnvironment } from './sample-environment'
import { Timeline } from './http/timeline'
import type { FetchLike } from './http/types'
import { QueryRunner } from './query-runner'
import { createSessions, type Sessions } from './sessions'
import { APP_SETTINGS_STORE_NAME, createAppSettings, type AppSettingsService } from './store/app-settings'
import { createWorkspace, type Workspace } from './workspace'

/** Everything handlers use. Built once per host by createServices(); handlers never know which host. */
export interface Services {
  readonly host: Host
  /** Every request any connection made, redacted by construction. */
  readonly timeline: Timeline
  readonly tokens: TokenProvider
  /** Seals secrets between the renderer and main (the renderer only ever has the public key). */
  readonly secrets: SecretChannel
  readonly connections: ConnectionService
  /** Transport + token + Web API client per connection: `sessions.open(id)`. */
  readonly sessions: Sessions
  /** Proxy and extra trusted CAs, applied to the host's base fetch. */
  readonly network: NetworkService
  /** Preflight checks of saved connections, their reports and history. */
  readonly checks: CheckService
  /** The built-in offline sample (in-process emulator), or null when this host has none. */
  readonly sample: SampleEnvironment | null
  /** Metadata indexes per connection, cached under `<dataDir>/metadata`. */
  readonly metadata: MetadataService
  /** Query history, saved queries and open query tabs. */
  readonly workspace: Workspace
  /** Runs queries, pages, fetch-all and exports on connections' sessions. */
  readonly query: QueryRunner
  /** First-run, automatic updates and window placement (`settings.json`). */
  readonly settings: AppSettingsService
}

export interface SampleEnvironment {
  readonly definition: SampleDefinition
  /** The in-process emulator's fetch, created on first use. */
  readonly fetch: () => FetchLike
}

export interface ServicesOptions {
  /** The built-in offline sample (default: the in-process emulator); null to leave it out. */
  readonly sample?: SampleEnvironment | null
}

/** The extra roots and proxy the base fetch uses, for the check's own DNS and TLS probes. */
function checkNetwork(network: NetworkService): { trustedCa: string[]; proxy: string | null } {
  let view: NetworkView
  try {
    view = network.view()
  } catch {
    // A damaged settings file means the defaults apply (the settings dialog says so).
    return { trustedCa: [], proxy: null }
  }
  const pem = (path: string): string[] => {
    try {
      return readCaFile(path).map((certificate) => certificate.toString())
    } catch {
      // Unreadable files are left out of the base fetch too, and listed with their problem in the settings.
      return []
    }
  }
  const trustedCa = view.caFiles.filter((file) => file.problem === null).flatMap((file) => pem(file.path))
  return { trustedCa, proxy: view.settings.proxyUrl }
}

export function createServices(host: Host, options: ServicesOptions = {}): Services {
  const timeline = new Timeline()
  const tokens = createTokenProvider()
  const secrets = createSecretChannel()
  const sample = options.sample === undefined ? createSampleEnvironment() : options.sample
  const connections = createConnectionService({
    store: createConnectionsStore(host.openStore(CONNECTIONS_STORE_NAME)),
    vault: host.vault,
    secrets,
    sample: sample?.definition ?? null,
  })
  const sessions = createSessions({
    connections,
    tokens,
    timeline,
    baseFetch: host.fetch,
    sampleFetch: sample ? sample.fetch : undefined,
  })
  const network = createNetworkService(
    createNetworkStore(host.openStore(NETWORK_STORE_NAME)),
    (settings) => host.applyNetworkSettings(settings),
    host.caTrust,
  )
  // Failures are kept and shown with the settings (view().applyProblem).
  void network.applySaved()
  const checks = createCheckService({
    connections,
    tokens,
    baseFetch: host.fetch,
    requestList: timeline,
    ...(sample ? { sampleFetch: sample.fetch } : {}),
    history: createCheckHistory(createHistoryStore(host.openStore(HISTORY_STORE_NAME))),
    network: () => checkNetwork(network),
    appVersion: () => host.appInfo().version,
  })
  const base: Omit<Services, 'query'> = {
    settings: createAppSettings(host.openStore(APP_SETTINGS_STORE_NAME)),
    host,
    timeline,
    tokens,
    secrets,
    connections,
    sessions,
    network,
    checks,
    sample,
    metadata: new MetadataService({ cacheDir: join(host.dataDir, 'metadata') }),
    workspace: createWorkspace(host.openStore),
  }
  return { ...base, query: new QueryRunner(base) }
}
