/**
 * "Discover environments": sign in as a connection's app registration to the Power Platform API of
 * the connection's cloud, list the tenant's environments, and create connections for chosen ones
 * with the same app registration and credential.
 *
 * The token is asked for `https://<Power Platform API host>/.default` and sent only to that host
 * (the transport's allow-list holds it and the sign-in host, nothing else). A different API URL is
 * accepted only for a connection whose sign-in host the user chose as custom (an emulator).
 */
import { powerPlatformApiHostOf } from '@common/clouds'
import type { Connection, ConnectionView, EnvironmentKind } from '@common/connection'
import { DEFAULT_COLOURS, defaultReadOnly } from '@common/connection'
import type { DiscoveredEnvironment, EnvironmentDiscoveryResult, EnvironmentType } from '@common/contract/environments'
import { AppFailure } from '@common/result'
import type { TokenProvider } from '../auth/token-provider'
import { listEnvironments } from '../dataverse/environments'
import { createTransport } from '../http/transport'
import type { Timeline } from '../http/timeline'
import type { FetchLike } from '../http/types'
import { normalizeUrl } from '../connections/url'
import type { ImportedConnection } from '../connections/service'
import type { AppConnections } from './ad-hoc-connections'
import { denialFromApi, denialFromToken } from './environment-denials'
import type { Sessions } from './sessions'

export interface EnvironmentDiscoveryDeps {
  readonly connections: AppConnections
  readonly sessions: Sessions
  readonly tokens: TokenProvider
  readonly timeline: Timeline
  readonly baseFetch: FetchLike
  /** The in-process emulator for the built-in sample connection. */
  readonly sampleFetch?: () => FetchLike
}

interface DiscoverOptions {
  readonly signal?: AbortSignal
  /** https://host[:port] of a Power Platform API that is not the cloud's (an emulator); custom sign-in hosts only. */
  readonly apiBaseUrl?: string
}

export interface EnvironmentDiscovery {
  discover(connectionId: string, options?: DiscoverOptions): Promise<EnvironmentDiscoveryResult>
  createConnections(
    connectionId: string,
    environments: readonly Pick<DiscoveredEnvironment, 'displayName' | 'url' | 'type'>[],
  ): Promise<{ created: ConnectionView[]; skipped: { displayName: string; reason: string }[] }>
}

const KIND_OF_TYPE: Readonly<Record<EnvironmentType, EnvironmentKind>> = {
  Production: 'prod',
  Default: 'prod',
  Sandbox: 'test',
  Developer: 'dev',
  Trial: 'dev',
  Teams: 'dev',
  Other: 'dev',
}

function apiBaseFor(connection: Connection, override: string | undefined): string {
  const own = `https://${powerPlatformApiHostOf(connection.cloud)}`
  if (override === undefined) return own
  let url: URL
  try {
    url = new URL(override)
  } catch {
    throw new AppFailure({
      code: 'INVALID_INPUT',
      message: `"${override.slice(0, 100)}" is not a URL.`,
      cause: 'The Power Platform API address must be https://host[:port].',
      next: `Leave it out to use ${own}.`,
    })
  }
  if (url.origin.toLowerCase() === own) return own
  if (url.protocol !== 'https:' || url.pathname !== '/' || url.search) {
    throw new AppFailure({
      code: 'INVALID_INPUT',
      message: `${override.slice(0, 100)} is not an https origin.`,
      cause: 'The Power Platform API address is https://host[:port] with no path.',
      next: `Leave it out to use ${own}.`,
    })
  }
  if (connection.customSignInHost !== true) {
    throw new AppFailure({
      code: 'HOST_NOT_ALLOWED',
      message: `A token for "${connection.name}" is only sent to ${own}, not ${url.host}.`,
      cause: `That is the Power Platform API of the connection's cloud; another host could collect the token.`,
      next: 'Leave the API address out. Another address is accepted only for a connection with a custom sign-in host (an emulator).',
    })
  }
  return url.origin
}

export function createEnvironmentDiscovery(deps: EnvironmentDiscoveryDeps): EnvironmentDiscovery {
  /*
   * The org URLs the API listed, per connection: a connection (with this app's credential) is only
   * created for one of them, never for any URL the window sends.
   */
  const listedUrls = new Map<string, Set<string>>()
  const withTenant = async (connectionId: string, signal?: AbortSignal): Promise<Connection> => {
    const connection = deps.connections.get(connectionId)
    if (connection.tenantId && connection.authorityHost) return connection
    const found = await deps.sessions.discover(connection.orgUrl, connection.apiVersion, signal)
    await deps.connections.setTenant(connectionId, connection.tenantId || found.tenantId, found.authorityHost)
    return deps.connections.get(connectionId)
  }

  return {
    async discover(connectionId, options = {}) {
      const connection = await withTenant(connectionId, options.signal)
      const apiBaseUrl = apiBaseFor(connection, options.apiBaseUrl)
      const apiHost = new URL(apiBaseUrl).host
      const base = connection.builtIn === 'sample' && deps.sampleFetch ? deps.sampleFetch() : deps.baseFetch
      const transport = createTransport(base, {
        connectionId,
        orgHost: apiHost,
        authorityHost: connection.authorityHost,
        readOnly: true,
        timeline: deps.timeline,
      })
      const facts = { clientId: connection.clientId, tenantId: connection.tenantId, apiHost }
      let accessToken: string
      try {
        const token = await deps.tokens.getToken(
          {
            authorityHost: connection.authorityHost,
            cloud: connection.cloud,
            customSignInHost: connection.customSignInHost === true,
            tenantId: connection.tenantId,
            clientId: connection.clientId,
            resource: apiBaseUrl,
            credential: await deps.connections.credential(connectionId),
            transport,
          },
          options.signal ? { signal: options.signal } : {},
        )
        accessToken = token.accessToken
      } catch (error) {
        const denial = denialFromToken(error, facts)
        if (denial) return denial
        throw error
      }
      const listing = await listEnvironments({
        apiBaseUrl,
        transport,
        accessToken,
        ...(options.signal ? { signal: options.signal } : {}),
      })
      if (!listing.ok) return denialFromApi(listing.refusal, facts)
      const saved = await deps.connections.list()
      const byUrl = new Map(saved.map((view) => [view.orgUrl.toLowerCase(), view.id]))
      listedUrls.set(
        connectionId,
        new Set(
          listing.environments.flatMap((environment) => (environment.url ? [environment.url.toLowerCase()] : [])),
        ),
      )
      return {
        status: 'listed',
        apiHost,
        environments: listing.environments.map((environment) => ({
          ...environment,
          existingConnectionId: environment.url ? (byUrl.get(environment.url.toLowerCase()) ?? null) : null,
        })),
      }
    },

    async createConnections(connectionId, environments) {
      const source = deps.connections.get(connectionId)
      const credential = await deps.connections.credential(connectionId)
      const saved = await deps.connections.list()
      const known = new Set(saved.map((view) => view.orgUrl.toLowerCase()))
      const skipped: { displayName: string; reason: string }[] = []
      const items: ImportedConnection[] = []
      for (const environment of environments) {
        const normalized = environment.url ? normalizeUrl(environment.url) : null
        if (!normalized) {
          skipped.push({ displayName: environment.displayName, reason: 'it has no Dataverse database (no org URL).' })
          continue
        }
        if (!normalized.ok) {
          skipped.push({ displayName: environment.displayName, reason: normalized.problem.message })
          continue
        }
        const orgUrl = normalized.value.orgUrl
        if (!listedUrls.get(connectionId)?.has(orgUrl.toLowerCase())) {
          skipped.push({
            displayName: environment.displayName,
            reason: `${orgUrl} was not listed by the Power Platform API for this app; discover environments again.`,
          })
          continue
        }
        if (known.has(orgUrl.toLowerCase())) {
          skipped.push({ displayName: environment.displayName, reason: `a connection for ${orgUrl} is already saved.` })
          continue
        }
        known.add(orgUrl.toLowerCase())
        const kind = KIND_OF_TYPE[environment.type]
        items.push({
          connection: {
            name: environment.displayName.slice(0, 80),
            orgUrl,
            apiVersion: source.apiVersion,
            cloud: normalized.value.cloud ?? source.cloud,
            authorityHost: source.authorityHost,
            tenantId: source.tenantId,
            clientId: source.clientId,
            auth: source.auth.kind === 'secret' ? { kind: 'secret' } : source.auth,
            environment: kind,
            colour: DEFAULT_COLOURS[kind],
            readOnly: defaultReadOnly(kind),
            notes: `Created by environment discovery from "${source.name}" (${environment.type} environment).${source.auth.kind === 'certificate' && source.auth.format === 'pfx' ? ' Enter the certificate password in the editor.' : ''}`,
          },
          ...(credential.kind === 'secret' ? { secret: credential.secret } : {}),
        })
      }
      const created = items.length ? await deps.connections.importConnections(items) : []
      return { created, skipped }
    },
  }
}
