/**
 * A session is everything needed to talk to one connection's environment: its guarded transport,
 * its token source and a Web API client. Sessions are cached per connection and rebuilt when the
 * connection changes; when its credential changes, the cached MSAL client for the old one is dropped.
 *
 * Other features use this, never the pieces directly:
 *   const session = services.sessions.open(connectionId)
 *   const { body } = await session.client.request({ path: 'WhoAmI', signal })
 */
import { matchOrgHost, signInHostProblem } from '@common/clouds'
import type { Connection } from '@common/connection'
import { discoverAuthority, type DiscoveredAuthority } from '../auth/discovery'
import type { AccessToken, ClientCredential, GetTokenOptions, TokenProvider, TokenTarget } from '../auth/token-provider'
import type { ConnectionService } from '../connections/service'
import { createDataverseClient, type DataverseClient } from '../dataverse/client'
import type { Timeline } from '../http/timeline'
import { createTransport } from '../http/transport'
import type { OperationCatalog } from '../http/operations'
import type { ServiceProtectionBudgets } from '../http/service-protection-budget'
import type { DataverseResponseObserver, FetchLike, Transport, TransportPolicy } from '../http/types'

export interface ConnectionSession {
  readonly connection: Connection
  /** Guarded by this connection's policy: allow-list, read-only, timeouts, 429, concurrency, timeline. */
  readonly transport: Transport
  /** A token for this connection (main only). Fills an empty tenant by discovery first. */
  getToken(options?: GetTokenOptions): Promise<AccessToken>
  /** What getToken asks MSAL for, minus the credential (for diagnostics and reports). */
  describeTarget(): Omit<TokenTarget, 'credential' | 'transport'>
  readonly client: DataverseClient
}

interface AdHocSessionInput {
  /** A connection that is not (or not yet) saved, e.g. from `dvw check --url … --secret-env …`. */
  readonly connection: Connection
  readonly credential: ClientCredential
  /** Defaults to the host's base fetch. */
  readonly base?: FetchLike
  readonly timeline?: Timeline
}

export interface Sessions {
  open(connectionId: string): ConnectionSession
  openAdHoc(input: AdHocSessionInput): ConnectionSession
  /** Anonymous 401-challenge discovery for an org URL (nothing is sent but a GET without a token). */
  discover(orgUrl: string, apiVersion: string, signal?: AbortSignal): Promise<DiscoveredAuthority>
}

export interface SessionsOptions {
  readonly connections: ConnectionService
  readonly tokens: TokenProvider
  readonly timeline: Timeline
  readonly baseFetch: FetchLike
  /** The in-process emulator's fetch for the built-in sample connection. */
  readonly sampleFetch?: () => FetchLike
  readonly policy?: Pick<TransportPolicy, 'totalTimeoutMs' | 'throttle' | 'maxConcurrent'>
  /** What a connection's metadata says is an operation, for the read-only check of functions. */
  readonly operations?: (connectionId: string) => OperationCatalog
  /** Where each connection's Dataverse responses report their service-protection budget. */
  readonly budgets?: ServiceProtectionBudgets
}

function hostOf(url: string): string {
  return new URL(url).host.toLowerCase()
}

/**
 * A saved connection uses a custom sign-in host only when the user chose one in the editor. An
 * ad-hoc connection that does not say (typed `dvw` flags) may only when its org URL is of no known
 * cloud: the user typed that server's address, and the host came from it or from them.
 */
function customSignInHostOf(connection: Connection, saved: boolean): boolean {
  return (
    connection.customSignInHost ?? (!saved && matchOrgHost(new URL(connection.orgUrl).hostname.toLowerCase()) === null)
  )
}

function observeInto(budgets: ServiceProtectionBudgets, connectionId: string): DataverseResponseObserver {
  return (response) => void budgets.record(connectionId, response)
}

export function createSessions(options: SessionsOptions): Sessions {
  const cache = new Map<string, { version: string; session: ConnectionSession; credential: ClientCredential | null }>()

  const versionOf = (connection: Connection) =>
    `${connection.updatedAt}|${connection.scenario ?? ''}|${connection.tenantId}`

  const build = (
    connection: Connection,
    base: FetchLike,
    timeline: Timeline,
    resolveCredential: () => Promise<ClientCredential>,
    remember: (credential: ClientCredential) => void,
    saved: boolean,
  ): ConnectionSession => {
    const customSignInHost = customSignInHostOf(connection, saved)
    const signInAllowed = signInHostProblem({ ...connection, customSignInHost }) === null
    const transport = createTransport(base, {
      connectionId: connection.id,
      orgHost: hostOf(connection.orgUrl),
      // A refused sign-in host is not even on the allow-list: nothing of this session can reach it.
      authorityHost: signInAllowed ? connection.authorityHost : null,
      readOnly: connection.readOnly,
      operations: options.operations?.(connection.id),
      timeline,
      ...(options.budgets ? { observe: observeInto(options.budgets, connection.id) } : {}),
      ...options.policy,
    })
    let credential: Promise<ClientCredential> | null = null
    const target = () => ({
      authorityHost: connection.authorityHost,
      cloud: connection.cloud,
      customSignInHost,
      tenantId: connection.tenantId,
      clientId: connection.clientId,
      resource: connection.orgUrl,
    })
    const getToken = async (tokenOptions: GetTokenOptions = {}): Promise<AccessToken> => {
      if ((!connection.tenantId || !connection.authorityHost) && saved) {
        const found = await sessions.discover(connection.orgUrl, connection.apiVersion, tokenOptions.signal)
        // setTenant refuses (and stores nothing) when the host is not Entra ID for the connection's cloud.
        await options.connections.setTenant(connection.id, connection.tenantId || found.tenantId, found.authorityHost)
        return sessions.open(connection.id).getToken(tokenOptions)
      }
      credential ??= resolveCredential().then((resolved) => {
        remember(resolved)
        return resolved
      })
      credential.catch(() => {
        credential = null
      })
      return options.tokens.getToken({ ...target(), credential: await credential, transport }, tokenOptions)
    }
    return {
      connection,
      transport,
      getToken,
      describeTarget: target,
      client: createDataverseClient({ connection, transport, tokens: getToken }),
    }
  }

  options.connections.onChange((change) => {
    const cached = cache.get(change.id)
    cache.delete(change.id)
    if (cached?.credential && change.before) {
      options.tokens.drop({ ...cached.session.describeTarget(), credential: cached.credential })
    }
  })

  const sessions: Sessions = {
    open(connectionId) {
      const connection = options.connections.get(connectionId)
      const version = versionOf(connection)
      const cached = cache.get(connectionId)
      if (cached && cached.version === version) return cached.session
      const base = connection.builtIn === 'sample' && options.sampleFetch ? options.sampleFetch() : options.baseFetch
      const entry: { version: string; session: ConnectionSession; credential: ClientCredential | null } = {
        version,
        credential: null,
        session: undefined as unknown as ConnectionSession,
      }
      entry.session = build(
        connection,
        base,
        options.timeline,
        () => options.connections.credential(connectionId),
        (credential) => {
          entry.credential = credential
        },
        true,
      )
      cache.set(connectionId, entry)
      return entry.session
    },

    openAdHoc(input) {
      return build(
        input.connection,
        input.base ?? options.baseFetch,
        input.timeline ?? options.timeline,
        async () => input.credential,
        () => undefined,
        false,
      )
    },

    async discover(orgUrl, apiVersion, signal) {
      const transport = createTransport(options.baseFetch, {
        orgHost: hostOf(orgUrl),
        authorityHost: null,
        readOnly: true,
        timeline: options.timeline,
        ...options.policy,
      })
      return discoverAuthority({ orgUrl, apiVersion, transport, signal })
    },
  }
  return sessions
}
