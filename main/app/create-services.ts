import { join } from 'node:path'
import { createTokenProvider, type TokenProvider } from '../auth/token-provider'
import {
  checkNetwork,
  createNetworkService,
  createNetworkStore,
  NETWORK_STORE_NAME,
  type NetworkService,
} from './network-service'
import { createConnectionsStore, CONNECTIONS_STORE_NAME } from '../connections/repository'
import { createSecretChannel, type SecretChannel } from '../connections/secret-channel'
import { createConnectionService } from '../connections/service'
import { withAdHocConnections, type AppConnections } from './ad-hoc-connections'
import { MetadataService } from '../dataverse/metadata/service'
import { createCheckService, type CheckService } from './check-service'
import { createCheckAllService, type CheckAllService } from './check-all-service'
import { createMatrixRuns, createMatrixRunsStore, MATRIX_RUNS_STORE_NAME } from '../diagnostics/matrix-runs'
import { createCheckHistory, createHistoryStore, HISTORY_STORE_NAME } from '../diagnostics/history'
import type { Host } from '../platform/host'
import { createSampleEnvironment, type SampleEnvironment } from './sample-environment'
import { Timeline } from '../http/timeline'
import { QueryService } from './query-service'
import { operationCatalog } from '../dataverse/operation-catalog'
import { createSessions, type Sessions } from './sessions'
import { createLimitsService, type LimitsService } from './limits-service'
import { createWorkspace, type Workspace } from '../workspace'
import { APP_SETTINGS_STORE_NAME, createAppSettings, type AppSettingsService } from '../store/app-settings'
import { createEnvironmentDiscovery, type EnvironmentDiscovery } from './environment-discovery'

/** Everything handlers use. Built once per host by createServices(); handlers never know which host. */
export interface Services {
  readonly host: Host
  /** Every request any connection made, redacted by construction. */
  readonly timeline: Timeline
  readonly tokens: TokenProvider
  /** Seals secrets between the renderer and main (the renderer only ever has the public key). */
  readonly secrets: SecretChannel
  /** The saved connections, plus connections that live only in this process (the CLI's flags). */
  readonly connections: AppConnections
  /** Transport + token + Web API client per connection: `sessions.open(id)`. */
  readonly sessions: Sessions
  /** Proxy and extra trusted CAs, applied to the host's base fetch. */
  readonly network: NetworkService
  /** Preflight checks of saved connections, their reports and history. */
  readonly checks: CheckService
  /** "Check all": many connections' checks at once, as a matrix compared with the previous run. */
  readonly checkAll: CheckAllService
  /** The built-in offline sample (in-process emulator), or null when this host has none. */
  readonly sample: SampleEnvironment | null
  /** Metadata indexes per connection, cached under `<dataDir>/metadata`. */
  readonly metadata: MetadataService
  /** Query history, saved queries and open query tabs. */
  readonly workspace: Workspace
  /** Runs queries, pages, fetch-all and exports on connections' sessions. */
  readonly query: QueryService
  /** First-run, automatic updates and window placement (`settings.json`). */
  readonly settings: AppSettingsService
  /** Each connection's live service-protection budget and the documented platform limits. */
  readonly limits: LimitsService
  /** The tenant's environments through the Power Platform API, and connections for them. */
  readonly environments: EnvironmentDiscovery
}

export interface ServicesOptions {
  /** The built-in offline sample (default: the in-process emulator); null to leave it out. */
  readonly sample?: SampleEnvironment | null
}

export function createServices(host: Host, options: ServicesOptions = {}): Services {
  const timeline = new Timeline()
  const tokens = createTokenProvider()
  const secrets = createSecretChannel()
  const sample = options.sample === undefined ? createSampleEnvironment() : options.sample
  const connections = withAdHocConnections(
    createConnectionService({
      store: createConnectionsStore(host.openStore(CONNECTIONS_STORE_NAME)),
      vault: host.vault,
      secrets,
      sample: sample?.definition ?? null,
    }),
  )
  const limits = createLimitsService(connections)
  const metadata = new MetadataService({ cacheDir: join(host.dataDir, 'metadata') })
  const sessions = createSessions({
    connections,
    tokens,
    timeline,
    operations: (connectionId) => operationCatalog(() => metadata.loaded(connectionId)),
    baseFetch: host.fetch,
    sampleFetch: sample ? sample.fetch : undefined,
    budgets: limits.budgets,
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
    budgets: limits.budgets,
    ...(sample ? { sampleFetch: sample.fetch } : {}),
    history: createCheckHistory(createHistoryStore(host.openStore(HISTORY_STORE_NAME))),
    network: () => checkNetwork(network, host.commandLineNetwork?.()),
    appVersion: () => host.appInfo().version,
  })
  const environments = createEnvironmentDiscovery({
    connections,
    sessions,
    tokens,
    timeline,
    baseFetch: host.fetch,
    ...(sample ? { sampleFetch: sample.fetch } : {}),
  })
  const checkAll = createCheckAllService({
    checks,
    connections,
    runs: createMatrixRuns(createMatrixRunsStore(host.openStore(MATRIX_RUNS_STORE_NAME))),
  })
  const base: Omit<Services, 'query'> = {
    environments,
    settings: createAppSettings(host.openStore(APP_SETTINGS_STORE_NAME)),
    host,
    timeline,
    tokens,
    secrets,
    connections,
    sessions,
    network,
    checks,
    checkAll,
    sample,
    metadata,
    workspace: createWorkspace(host.openStore),
    limits,
  }
  return { ...base, query: new QueryService(base) }
}
