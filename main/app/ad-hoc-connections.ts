/**
 * Connections that live only in this process, on top of the saved ones: `dvw check --url …` and
 * `dvw query --sample …` register the connection their flags describe, so every front door runs
 * the same check and query services on a connection id. Nothing here is ever written to a store.
 *
 * A saved connection can also be given a credential for this process only: `dvw --connection NAME
 * --secret-env VAR` signs in with the variable's secret, and the CLI never stores it.
 */
import { randomUUID } from 'node:crypto'
import type { Connection } from '@common/connection'
import type { ClientCredential } from '../auth/token-provider'
import type { ConnectionChange, ConnectionListener, ConnectionService } from '../connections/service'

/** `id` is for tests that address the connection by a fixed id; by default a fresh one is made. */
export type AdHocConnectionInput = Omit<Connection, 'id' | 'createdAt' | 'updatedAt' | 'lastTest'> & {
  readonly id?: string
}

export interface AppConnections extends ConnectionService {
  /** A connection for this process only; `builtIn: 'sample'` sends its requests to the in-process emulator. */
  registerAdHoc(
    connection: AdHocConnectionInput,
    credential: () => Promise<ClientCredential>,
    options?: AdHocOptions,
  ): Connection
  /** Signs in to a saved connection with this credential in this process only (the store keeps what it had). */
  provideCredential(id: string, credential: () => Promise<ClientCredential>): void
  /** Whether queries on this connection go into the query history: saved connections do, ad-hoc ones only if asked. */
  keepsHistory(id: string): boolean
}

interface AdHocOptions {
  /** Record its queries in the history, as for a saved connection (tests standing in for one). Default false. */
  readonly history?: boolean
}

interface AdHocEntry {
  connection: Connection
  readonly credential: () => Promise<ClientCredential>
  readonly history: boolean
}

export function withAdHocConnections(saved: ConnectionService, now: () => Date = () => new Date()): AppConnections {
  const adHoc = new Map<string, AdHocEntry>()
  const provided = new Map<string, () => Promise<ClientCredential>>()
  const listeners = new Set<ConnectionListener>()
  const emit = (change: ConnectionChange) => {
    for (const listener of listeners) listener(change)
  }
  saved.onChange(emit)

  return {
    ...saved,
    get: (id) => adHoc.get(id)?.connection ?? saved.get(id),
    credential: (id) => (adHoc.get(id)?.credential ?? provided.get(id) ?? (() => saved.credential(id)))(),
    async setTenant(id, tenantId, authorityHost) {
      const entry = adHoc.get(id)
      if (!entry) return saved.setTenant(id, tenantId, authorityHost)
      const before = entry.connection
      entry.connection = {
        ...before,
        tenantId,
        authorityHost: authorityHost.toLowerCase(),
        updatedAt: now().toISOString(),
      }
      emit({ id, kind: 'updated', before })
    },
    // An ad-hoc connection has no "last test" to keep: its result is printed where it ran.
    recordTest: (id, lastTest) => (adHoc.has(id) ? Promise.resolve() : saved.recordTest(id, lastTest)),
    registerAdHoc(input, credential, options = {}) {
      const at = now().toISOString()
      const connection: Connection = {
        ...input,
        id: input.id ?? `ad-hoc-${randomUUID()}`,
        createdAt: at,
        updatedAt: at,
        lastTest: null,
      }
      adHoc.set(connection.id, { connection, credential, history: options.history ?? false })
      return connection
    },
    provideCredential(id, credential) {
      saved.get(id)
      provided.set(id, credential)
    },
    keepsHistory: (id) => adHoc.get(id)?.history ?? true,
    onChange(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
}
