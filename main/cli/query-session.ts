import type { Connection } from '../../common/connection'
import { normalizeUrl } from '../connections/url'
import { QueryService } from '../app/query-service'
import type { Services } from '../app/create-services'
import type { ResolvedConnection } from './connection-flags'
import { UsageError } from './io'

const CONNECTED_AT = '2026-01-01T00:00:00.000Z'

/**
 * A QueryService on an ad-hoc session built from `dvw` connection flags: the URL normalised, the
 * tenant and authority taken from the flags or the sample, else from the environment's 401
 * challenge. The CLI only reads, so the connection is read-only whatever the path says.
 */
export async function cliQueryRunner(resolved: ResolvedConnection, services: Services): Promise<{ runner: QueryService; connection: Connection }> {
  const normalized = normalizeUrl(resolved.url)
  if (!normalized.ok) throw new UsageError(`--url: ${normalized.problem.message}`)
  const orgUrl = normalized.value.orgUrl
  let tenantId = resolved.tenantId
  let authorityHost = resolved.authorityHost ?? (tenantId ? normalized.value.authorityHost : null)
  if (!tenantId || !authorityHost) {
    const found = await services.sessions.discover(orgUrl, normalized.value.apiVersion)
    tenantId ||= found.tenantId
    authorityHost = found.authorityHost
  }
  const credential = await resolved.credential()
  const connection: Connection = {
    id: 'cli',
    name: 'dvw',
    orgUrl,
    apiVersion: normalized.value.apiVersion,
    cloud: resolved.cloud ?? normalized.value.cloud ?? 'commercial',
    authorityHost,
    tenantId,
    clientId: resolved.clientId,
    auth: { kind: 'secret' },
    environment: 'dev',
    colour: '#0f7b0f',
    readOnly: true,
    notes: '',
    createdAt: CONNECTED_AT,
    updatedAt: CONNECTED_AT,
    lastTest: null,
    builtIn: null,
    scenario: null,
  }
  const session = services.sessions.openAdHoc({ connection, credential, base: resolved.base })
  return { runner: new QueryService(services, { session: () => session, history: false }), connection }
}
