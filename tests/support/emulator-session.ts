import { isSignInHostOf } from '@common/clouds'
import type { Connection } from '@common/connection'
import { createEmulator, SAMPLE_CONNECTION, type EmulatorOptions } from '../../emulator'
import type { FetchLike } from '../../main/http/types'
import type { QueryService } from '../../main/app/query-service'
import { createServices, type Services } from '../../main/app/create-services'
import type { ConnectionSession } from '../../main/app/sessions'
import { createTestHost } from './test-host'

export const EMULATOR_CONNECTION_ID = 'emulator'

/** The sample org as a saved-looking connection (healthy app, secret credential). */
export function emulatorConnection(
  orgUrl: string = SAMPLE_CONNECTION.orgUrl,
  authorityUrl: string = SAMPLE_CONNECTION.authorityUrl,
  readOnly = true,
): Connection {
  return {
    id: EMULATOR_CONNECTION_ID,
    name: 'Emulator',
    orgUrl,
    apiVersion: '9.2',
    cloud: 'commercial',
    authorityHost: new URL(authorityUrl).host,
    // The HTTPS emulator signs in on 127.0.0.1: a custom sign-in host, chosen on purpose as in the editor.
    customSignInHost: !isSignInHostOf('commercial', new URL(authorityUrl).host),
    tenantId: SAMPLE_CONNECTION.tenantId,
    clientId: SAMPLE_CONNECTION.clientId,
    auth: { kind: 'secret', hint: SAMPLE_CONNECTION.clientSecret.slice(0, 3) },
    environment: 'dev',
    colour: '#038387',
    readOnly,
    notes: '',
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    lastTest: null,
    builtIn: null,
    scenario: null,
  }
}

export interface EmulatorQueryKit {
  readonly services: Services
  readonly session: ConnectionSession
  readonly runner: QueryService
}

/**
 * Real services whose connection is an ad-hoc connection on an emulator: the real transport, MSAL
 * token provider, Web API client and query service, with the emulator as the host's network.
 * Its queries go into the history, as a saved connection's would, unless `history: false`.
 */
export function emulatorQueryKit(
  dataDir: string,
  options: { base?: FetchLike; connection?: Connection; emulator?: EmulatorOptions; history?: boolean } = {},
): EmulatorQueryKit {
  const base = options.base ?? (createEmulator(options.emulator).fetch as FetchLike)
  const services = createServices(createTestHost(dataDir, 'harness', { fetch: base }))
  const {
    createdAt: _created,
    updatedAt: _updated,
    lastTest: _lastTest,
    ...connection
  } = options.connection ?? emulatorConnection()
  services.connections.registerAdHoc(
    connection,
    async () => ({ kind: 'secret', secret: SAMPLE_CONNECTION.clientSecret }),
    { history: options.history ?? true },
  )
  return { services, session: services.sessions.open(connection.id), runner: services.query }
}
