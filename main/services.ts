import { createTokenProvider, type TokenProvider } from './auth/token-provider'
import { createConnectionsStore, CONNECTIONS_STORE_NAME } from './connections/repository'
import type { SampleDefinition } from './connections/sample'
import { createSecretChannel, type SecretChannel } from './connections/secret-channel'
import { createConnectionService, type ConnectionService } from './connections/service'
import { createCheckService, type CheckService } from './diagnostics/check-service'
import { createCheckHistory, createHistoryStore, HISTORY_STORE_NAME } from './diagnostics/history'
import type { Host } from './host'
import { createSampleEnvironment } from './sample-environment'
import { Timeline } from './http/timeline'
import type { FetchLike } from './http/types'
import { createSessions, type Sessions } from './sessions'

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
  /** Preflight checks of saved connections, their reports and history. */
  readonly checks: CheckService
  /** The built-in offline sample (in-process emulator), or null when this host has none. */
  readonly sample: SampleEnvironment | null
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
  const checks = createCheckService({
    connections,
    tokens,
    baseFetch: host.fetch,
    ...(sample ? { sampleFetch: sample.fetch } : {}),
    history: createCheckHistory(createHistoryStore(host.openStore(HISTORY_STORE_NAME))),
    appVersion: () => host.appInfo().version,
  })
  return { host, timeline, tokens, secrets, connections, sessions, checks, sample }
}
