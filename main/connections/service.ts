/**
 * Saved connections: create, edit, duplicate, delete, and the renderer-safe view of each. Secrets go
 * to the vault (never the store); a certificate is loaded on save so its thumbprints and expiry are
 * computed from the real file, and a wrong password or a key that does not match is caught there.
 */
import { randomUUID } from 'node:crypto'
import {
  ConnectionDraftSchema,
  ConnectionSchema,
  DEFAULT_COLOURS,
  defaultReadOnly,
  type AuthView,
  type Connection,
  type ConnectionDraft,
  type ConnectionView,
  type LastTest,
  type SecretChange,
  type StoredAuth,
} from '@common/connection'
import type { Customer } from '@common/customer'
import { AppFailure } from '@common/result'
import { loadCertificate, type LoadedCertificate } from '../auth/certificate'
import { federatedCredential } from '../auth/federated-token'
import type { ClientCredential } from '../auth/token-provider'
import type { DocumentStore, StoreProblem } from '../store/document-store'
import {
  addCustomer,
  assignCustomer,
  removeCustomer,
  requireCustomer,
  sortedCustomers,
  updateCustomer,
  type CustomerInput,
  type CustomerPatch,
} from './customers'
import { duplicateIntoEnvironment, type EnvironmentCopy } from './duplicate-into'
import type { ImportedConnection } from './imported-connection'
import type { ConnectionsDocument } from './repository'
import { sampleApp, sampleConnection, SAMPLE_CONNECTION_ID, type SampleDefinition } from './sample'
import type { SecretChannel } from './secret-channel'
import { assertSignInHost, screenImported } from './sign-in-host'
import { vaultKeys, type SecretVault } from './vault'

export interface ConnectionChange {
  /** Empty for a reset: the whole list started fresh. */
  readonly id: string
  readonly kind: 'created' | 'updated' | 'deleted' | 'reset'
  /** The connection as it was before (updates and deletes): lets sessions drop cached token clients. */
  readonly before: Connection | null
}

export type ConnectionListener = (change: ConnectionChange) => void

interface ConnectionsOverview {
  readonly connections: ConnectionView[]
  readonly problem: StoreProblem | null
  /** False when secrets are kept for this session only (no OS encryption). */
  readonly secretsPersistent: boolean
  /** By name; empty while the file is damaged. */
  readonly customers: Customer[]
}

export type { ImportedConnection } from './imported-connection'

export interface ConnectionService {
  /** Sample first, then the user's connections by name. Throws STORE_CORRUPT while the file is damaged. */
  list(): Promise<ConnectionView[]>
  /** Like list(), but a damaged file is reported in `problem` (with the sample still listed) instead of thrown. */
  overview(): Promise<ConnectionsOverview>
  /** The stored connection (main only). Throws NOT_FOUND. */
  get(id: string): Connection
  view(id: string): Promise<ConnectionView>
  /**
   * Creates (id null) or updates a connection from the editor's draft. Throws HOST_NOT_ALLOWED when
   * the sign-in host is not Entra ID for the cloud and the draft does not choose a custom host.
   */
  save(id: string | null, draft: ConnectionDraft): Promise<ConnectionView>
  duplicate(id: string): Promise<ConnectionView>
  remove(id: string): Promise<void>
  /**
   * Never imports the custom sign-in host choice, and makes production read-only (sign-in-host.ts).
   * `customerId`: every imported connection goes into that customer (NOT_FOUND when there is none).
   */
  importConnections(
    items: readonly ImportedConnection[],
    options?: { readonly customerId?: string | null },
  ): Promise<ConnectionView[]>
  /** The customers by name. Throws STORE_CORRUPT while the file is damaged. */
  customers(): Customer[]
  /** Throws INVALID_INPUT (details.field) for a bad or taken name (names are unique case-insensitively). */
  createCustomer(input: CustomerInput): Promise<Customer>
  /** Rename, recolour or change the notes. */
  updateCustomer(id: string, patch: CustomerPatch): Promise<Customer>
  /** Deletes the customer; its connections become ungrouped, never deleted. */
  deleteCustomer(id: string): Promise<{ readonly ungrouped: number }>
  /** Puts a saved connection into a customer, or ungroups it (null). */
  setCustomer(connectionId: string, customerId: string | null): Promise<ConnectionView>
  /**
   * "Duplicate into another environment": same app registration, tenant, credential and customer,
   * a new environment URL and name. The copy signs in with the original's stored secret (credentialOf),
   * which is never copied. Throws INVALID_INPUT for a URL that is not an environment of the same cloud.
   */
  duplicateInto(id: string, target: EnvironmentCopy): Promise<ConnectionView>
  /** Diagnostics records the outcome of a connection check here. */
  recordTest(id: string, lastTest: LastTest): Promise<void>
  /**
   * Fills a tenant (and authority host) found by discovery on first use of an imported connection.
   * Throws HOST_NOT_ALLOWED, storing nothing, when the host is not Entra ID for the connection's cloud.
   */
  setTenant(id: string, tenantId: string, authorityHost: string): Promise<void>
  /** Training mode: which emulator scenario app the sample signs in as. */
  setSampleScenario(scenario: string): Promise<ConnectionView>
  readonly sampleScenarios: readonly { readonly scenario: string; readonly label: string }[]
  /** Main only: the credential to sign in with. Throws SECRET_UNAVAILABLE when none is stored. */
  credential(id: string): Promise<ClientCredential>
  /** The user's explicit choice after STORE_CORRUPT: start with an empty list (the damaged copy stays). */
  startFresh(): void
  /** Lets a path chosen in the main-process file dialog be used as a certificate or key file. */
  allowPath(path: string): void
  /** Reads a chosen certificate for the editor's preview: facts only, never the key. */
  inspectCertificate(input: {
    readonly certificatePath: string
    readonly keyPath: string | null
    readonly password: SecretChange
    readonly connectionId: string | null
  }): Promise<CertificateFacts>
  onChange(listener: ConnectionListener): () => void
  readonly secretsPersistent: boolean
}

type CertificateFacts = Omit<LoadedCertificate, 'privateKeyPem' | 'certificatePem' | 'chainPem'> & {
  readonly certificatePath: string
  readonly keyPath: string | null
}

export interface ConnectionServiceOptions {
  readonly store: DocumentStore<ConnectionsDocument>
  readonly vault: SecretVault
  readonly secrets: SecretChannel
  readonly sample?: SampleDefinition | null
  readonly now?: () => Date
  readonly newId?: () => string
  /** Where a federated connection's environment-variable token source is read (default: this process's). */
  readonly environment?: Readonly<Record<string, string | undefined>>
}

function notFound(id: string): AppFailure {
  return new AppFailure({
    code: 'NOT_FOUND',
    message: `There is no saved connection with id ${id}.`,
    cause: 'It was deleted, possibly in another window.',
    next: 'Pick a connection from the list.',
    details: { id },
  })
}

function sampleIsFixed(): AppFailure {
  return new AppFailure({
    code: 'UNSUPPORTED',
    message: 'The sample environment cannot be edited, duplicated or deleted.',
    cause: 'It is built in and always points at the offline emulator; a copy would point at a real host name instead.',
    next: 'Switch its scenario in training mode, or create your own connection with "New connection".',
  })
}

function pathNotChosen(path: string): AppFailure {
  return new AppFailure({
    code: 'INVALID_INPUT',
    message: `The file ${path} was not chosen in the file dialog.`,
    cause: 'For safety, certificate, key and federated token files must be picked with "Choose file…".',
    next: 'Click "Choose file…" and select the file again.',
    details: { field: 'certificatePath', path },
  })
}

function byName(a: ConnectionView, b: ConnectionView): number {
  return a.name.localeCompare(b.name, undefined, { sensitivity: 'base' }) || a.id.localeCompare(b.id)
}

export function createConnectionService(options: ConnectionServiceOptions): ConnectionService {
  const { store, vault, secrets } = options
  const sample = options.sample ?? null
  const now = options.now ?? (() => new Date())
  const newId = options.newId ?? randomUUID
  const listeners = new Set<ConnectionListener>()
  const allowedPaths = new Set<string>()

  const emit = (change: ConnectionChange) => {
    for (const listener of listeners) listener(change)
  }

  const sampleOf = (document: ConnectionsDocument | null): Connection | null =>
    sample ? sampleConnection(sample, document?.sample ?? null) : null

  /** Makes the current sample scenario's credential ready (certificate scenarios need a key pair first). */
  const prepareSample = async (document: ConnectionsDocument | null) => {
    if (sample) await sampleApp(sample, document?.sample?.scenario ?? null).prepare()
  }

  /** Whose vault entries hold this connection's credential: its own, or the original it was duplicated from. */
  const vaultIdOf = (connection: Connection): string => connection.credentialOf ?? connection.id

  const changeCustomers = (
    change: (document: ConnectionsDocument, at: string) => ConnectionsDocument,
  ): ConnectionsDocument => store.update((current) => change(current, now().toISOString()))

  const toView = async (connection: Connection): Promise<ConnectionView> => {
    let auth: AuthView
    const vaultId = vaultIdOf(connection)
    if (connection.auth.kind === 'secret') {
      const hasSecret = connection.builtIn === 'sample' ? true : await vault.has(vaultKeys.secret(vaultId))
      auth = {
        kind: 'secret',
        hasSecret,
        hint: hasSecret ? connection.auth.hint : undefined,
        expiresOn: connection.auth.expiresOn,
      }
    } else if (connection.auth.kind === 'federated') {
      auth = connection.auth
    } else {
      const hasPassword =
        connection.builtIn === 'sample' ? false : await vault.has(vaultKeys.certificatePassword(vaultId))
      auth = { ...connection.auth, hasPassword }
    }
    return { ...connection, auth }
  }

  const find = (document: ConnectionsDocument, id: string): Connection => {
    if (id === SAMPLE_CONNECTION_ID) {
      const built = sampleOf(document)
      if (built) return built
    }
    const found = document.connections.find((connection) => connection.id === id)
    if (!found) throw notFound(id)
    return found
  }

  const unsealChange = (change: SecretChange, field: string): string | null | undefined => {
    if (change.action === 'keep') return undefined
    if (change.action === 'clear') return null
    const value = secrets.unseal(change.sealed).trim()
    if (!value) {
      throw new AppFailure({
        code: 'INVALID_INPUT',
        message: 'The secret is empty.',
        cause: 'Only spaces or nothing was typed.',
        next: 'Paste the secret value (the "Value" column in Certificates & secrets, shown once when it was created).',
        details: { field },
      })
    }
    return value
  }

  const checkPath = (path: string | undefined, existing: string | undefined) => {
    if (path && path !== existing && !allowedPaths.has(path)) throw pathNotChosen(path)
  }

  const buildAuth = async (
    id: string,
    draft: ReturnType<typeof ConnectionDraftSchema.parse>['auth'],
    existing: Connection | null,
    /** Where a kept certificate password is read from (the original's id for a shared credential). */
    readFrom: string = id,
  ): Promise<{ auth: StoredAuth; vaultWrites: Array<() => Promise<void>> }> => {
    const writes: Array<() => Promise<void>> = []
    if (draft.kind === 'secret') {
      const value = unsealChange(draft.secret, 'secret')
      let hint = existing?.auth.kind === 'secret' ? existing.auth.hint : undefined
      if (typeof value === 'string') {
        hint = value.slice(0, 3)
        writes.push(() => vault.set(vaultKeys.secret(id), value))
      } else if (value === null || existing?.auth.kind !== 'secret') {
        hint = undefined
        writes.push(() => vault.delete(vaultKeys.secret(id)))
      }
      writes.push(() => vault.delete(vaultKeys.certificatePassword(id)))
      return {
        auth: { kind: 'secret', ...(hint ? { hint } : {}), ...(draft.expiresOn ? { expiresOn: draft.expiresOn } : {}) },
        vaultWrites: writes,
      }
    }
    if (draft.kind === 'federated') {
      const previous =
        existing?.auth.kind === 'federated' && existing.auth.tokenSource === 'file' ? existing.auth : null
      // Like a certificate, a token file must have been chosen in main's dialog: its content is sent to the sign-in host.
      if (draft.tokenSource === 'file') checkPath(draft.tokenReference, previous?.tokenReference)
      // Nothing secret is kept for a federated credential: only where its token is read.
      writes.push(() => vault.delete(vaultKeys.secret(id)))
      writes.push(() => vault.delete(vaultKeys.certificatePassword(id)))
      return {
        auth: {
          kind: 'federated',
          tokenSource: draft.tokenSource,
          tokenReference: draft.tokenReference,
          ...(draft.expectedSubject ? { expectedSubject: draft.expectedSubject } : {}),
        },
        vaultWrites: writes,
      }
    }
    const previous = existing?.auth.kind === 'certificate' ? existing.auth : null
    checkPath(draft.certificatePath, previous?.certificatePath)
    checkPath(draft.keyPath, previous?.keyPath)
    const value = unsealChange(draft.password, 'password')
    const password =
      typeof value === 'string'
        ? value
        : value === null || !previous
          ? undefined
          : await vault.get(vaultKeys.certificatePassword(readFrom))
    const loaded = loadCertificate({ path: draft.certificatePath, keyPath: draft.keyPath, password })
    if (typeof value === 'string') writes.push(() => vault.set(vaultKeys.certificatePassword(id), value))
    else if (value === null || !previous) writes.push(() => vault.delete(vaultKeys.certificatePassword(id)))
    writes.push(() => vault.delete(vaultKeys.secret(id)))
    return {
      auth: {
        kind: 'certificate',
        certificatePath: draft.certificatePath,
        ...(draft.keyPath ? { keyPath: draft.keyPath } : {}),
        format: loaded.format,
        thumbprintSha1: loaded.thumbprintSha1,
        thumbprintSha256: loaded.thumbprintSha256,
        sendX5c: draft.sendX5c,
        ...(draft.assertion ? { assertion: draft.assertion } : {}),
        notAfter: loaded.notAfter,
      },
      vaultWrites: writes,
    }
  }

  const copySecrets = async (from: string, to: string) => {
    for (const key of [vaultKeys.secret, vaultKeys.certificatePassword]) {
      const value = await vault.get(key(from))
      if (value !== undefined) await vault.set(key(to), value)
    }
  }

  const service: ConnectionService = {
    get secretsPersistent() {
      return vault.persistent
    },

    sampleScenarios: sample ? sample.apps.map((app) => ({ scenario: app.scenario, label: app.label })) : [],

    async list() {
      const document = store.read()
      await prepareSample(document)
      const own = await Promise.all(document.connections.map(toView))
      const pinned = sampleOf(document)
      return [...(pinned ? [await toView(pinned)] : []), ...own.sort(byName)]
    },

    async overview() {
      const problem = store.problem()
      if (!problem)
        return {
          connections: await service.list(),
          problem: null,
          secretsPersistent: vault.persistent,
          customers: service.customers(),
        }
      await prepareSample(null)
      const pinned = sampleOf(null)
      return {
        connections: pinned ? [await toView(pinned)] : [],
        problem,
        secretsPersistent: vault.persistent,
        customers: [],
      }
    },

    customers() {
      return sortedCustomers(store.read())
    },

    async createCustomer(input) {
      const id = newId()
      const document = changeCustomers((current) => addCustomer(current, input, id))
      // Customer changes reach the window as a connection-list change: the list carries the customers.
      emit({ id, kind: 'updated', before: null })
      return requireCustomer(document, id)
    },

    async updateCustomer(id, patch) {
      const document = changeCustomers((current) => updateCustomer(current, id, patch))
      emit({ id, kind: 'updated', before: null })
      return requireCustomer(document, id)
    },

    async deleteCustomer(id) {
      const before = store.read().connections.filter((connection) => connection.customerId === id)
      changeCustomers((current, at) => removeCustomer(current, id, at))
      emit({ id, kind: 'updated', before: null })
      for (const connection of before) emit({ id: connection.id, kind: 'updated', before: connection })
      return { ungrouped: before.length }
    },

    async setCustomer(connectionId, customerId) {
      if (connectionId === SAMPLE_CONNECTION_ID) throw sampleIsFixed()
      const before = find(store.read(), connectionId)
      const document = changeCustomers((current, at) => assignCustomer(current, connectionId, customerId, at))
      emit({ id: connectionId, kind: 'updated', before })
      return toView(find(document, connectionId))
    },

    async duplicateInto(id, target) {
      if (id === SAMPLE_CONNECTION_ID) throw sampleIsFixed()
      const original = find(store.read(), id)
      const at = now().toISOString()
      const copy = duplicateIntoEnvironment(original, target, { id: newId(), at })
      store.update((current) => ({ ...current, connections: [...current.connections, copy] }))
      emit({ id: copy.id, kind: 'created', before: null })
      return toView(copy)
    },

    get(id) {
      if (id === SAMPLE_CONNECTION_ID && sample) {
        // The sample must keep working even while the user's file is damaged.
        const problem = store.problem()
        return sampleOf(problem ? null : store.read()) as Connection
      }
      return find(store.read(), id)
    },

    async view(id) {
      if (id === SAMPLE_CONNECTION_ID && sample) await prepareSample(store.problem() ? null : store.read())
      return toView(service.get(id))
    },

    async save(id, draftInput) {
      if (id === SAMPLE_CONNECTION_ID) throw sampleIsFixed()
      const draft = ConnectionDraftSchema.parse(draftInput)
      assertSignInHost(draft)
      const document = store.read()
      const existing = id ? find(document, id) : null
      const connectionId = existing?.id ?? newId()
      // A duplicated connection keeps signing in with the original's stored credential until a new one is typed.
      const sharedFrom = existing?.credentialOf
      const keepsShared =
        sharedFrom !== undefined &&
        existing?.auth.kind === draft.auth.kind &&
        (draft.auth.kind === 'secret'
          ? draft.auth.secret.action === 'keep'
          : draft.auth.kind === 'certificate' && draft.auth.password.action === 'keep')
      const customerId = draft.customerId === undefined ? existing?.customerId : (draft.customerId ?? undefined)
      if (customerId) requireCustomer(document, customerId)
      const { auth, vaultWrites } = await buildAuth(
        connectionId,
        draft.auth,
        existing,
        keepsShared ? sharedFrom : connectionId,
      )
      const at = now().toISOString()
      const connection = ConnectionSchema.parse({
        id: connectionId,
        name: draft.name,
        orgUrl: draft.orgUrl,
        apiVersion: draft.apiVersion,
        cloud: draft.cloud,
        authorityHost: draft.authorityHost.toLowerCase(),
        customSignInHost: draft.customSignInHost,
        tenantId: draft.tenantId,
        clientId: draft.clientId.toLowerCase(),
        auth,
        environment: draft.environment,
        colour: draft.colour ?? DEFAULT_COLOURS[draft.environment],
        readOnly: draft.readOnly ?? defaultReadOnly(draft.environment),
        notes: draft.notes,
        createdAt: existing?.createdAt ?? at,
        updatedAt: at,
        lastTest: existing?.lastTest ?? null,
        builtIn: null,
        scenario: null,
        ...(customerId ? { customerId } : {}),
        ...(keepsShared ? { credentialOf: sharedFrom } : {}),
      } satisfies Connection)
      for (const write of vaultWrites) await write()
      try {
        store.update((current) => ({
          ...current,
          connections: existing
            ? current.connections.map((item) => (item.id === connectionId ? connection : item))
            : [...current.connections, connection],
        }))
      } catch (error) {
        if (!existing) {
          await vault.delete(vaultKeys.secret(connectionId))
          await vault.delete(vaultKeys.certificatePassword(connectionId))
        }
        throw error
      }
      emit({ id: connectionId, kind: existing ? 'updated' : 'created', before: existing })
      return toView(connection)
    },

    async duplicate(id) {
      if (id === SAMPLE_CONNECTION_ID) throw sampleIsFixed()
      const document = store.read()
      const original = find(document, id)
      const copyId = newId()
      const at = now().toISOString()
      const copy: Connection = ConnectionSchema.parse({
        ...original,
        id: copyId,
        name: `${original.name} (copy)`.slice(0, 80),
        createdAt: at,
        updatedAt: at,
        lastTest: null,
        builtIn: null,
        scenario: null,
      })
      await copySecrets(original.id, copyId)
      store.update((current) => ({ ...current, connections: [...current.connections, copy] }))
      emit({ id: copyId, kind: 'created', before: null })
      return toView(copy)
    },

    async remove(id) {
      if (id === SAMPLE_CONNECTION_ID) throw sampleIsFixed()
      const document = store.read()
      const existing = find(document, id)
      // Copies that sign in with this connection's credential: the first inherits it (moved, not copied).
      const sharing = document.connections.filter((item) => item.credentialOf === id)
      const heir = sharing[0]
      if (heir) {
        for (const key of [vaultKeys.secret, vaultKeys.certificatePassword]) {
          const value = await vault.get(key(id))
          if (value !== undefined) await vault.set(key(heir.id), value)
        }
      }
      store.update((current) => ({
        ...current,
        connections: current.connections
          .filter((item) => item.id !== id)
          .map((item) => {
            if (item.credentialOf !== id) return item
            const { credentialOf: _shared, ...own } = item
            return item.id === heir?.id ? own : { ...own, credentialOf: heir?.id }
          }),
      }))
      await vault.delete(vaultKeys.secret(id))
      await vault.delete(vaultKeys.certificatePassword(id))
      emit({ id, kind: 'deleted', before: existing })
      for (const item of sharing) emit({ id: item.id, kind: 'updated', before: item })
    },

    async importConnections(items, options = {}) {
      const customerId = options.customerId ?? undefined
      if (customerId) requireCustomer(store.read(), customerId)
      else store.read()
      const at = now().toISOString()
      // The import rules hold for every caller, not only for the ones that show their warnings.
      const screened = items.map((item) => screenImported(item, item.connection.name).item)
      const created = screened.map((item) =>
        ConnectionSchema.parse({
          ...item.connection,
          id: newId(),
          createdAt: at,
          updatedAt: at,
          lastTest: null,
          builtIn: null,
          scenario: null,
          customerId,
          // An imported file never shares a credential with a connection already saved here.
          credentialOf: undefined,
        }),
      )
      for (const [index, item] of screened.entries()) {
        const connection = created[index]
        if (connection && item.secret) await vault.set(vaultKeys.secret(connection.id), item.secret)
      }
      store.update((current) => ({ ...current, connections: [...current.connections, ...created] }))
      for (const connection of created) emit({ id: connection.id, kind: 'created', before: null })
      return Promise.all(created.map(toView))
    },

    async recordTest(id, lastTest) {
      if (id === SAMPLE_CONNECTION_ID && sample) {
        store.update((current) => ({
          ...current,
          sample: { scenario: current.sample?.scenario ?? sample.defaultScenario, lastTest },
        }))
        emit({ id, kind: 'updated', before: null })
        return
      }
      const before = find(store.read(), id)
      store.update((current) => ({
        ...current,
        connections: current.connections.map((item) => (item.id === id ? { ...item, lastTest } : item)),
      }))
      emit({ id, kind: 'updated', before })
    },

    async setTenant(id, tenantId, authorityHost) {
      const before = find(store.read(), id)
      assertSignInHost({ cloud: before.cloud, authorityHost, customSignInHost: before.customSignInHost })
      store.update((current) => ({
        ...current,
        connections: current.connections.map((item) =>
          item.id === id
            ? { ...item, tenantId, authorityHost: authorityHost.toLowerCase(), updatedAt: now().toISOString() }
            : item,
        ),
      }))
      emit({ id, kind: 'updated', before })
    },

    async setSampleScenario(scenario) {
      if (!sample) throw notFound(SAMPLE_CONNECTION_ID)
      if (!sample.apps.some((app) => app.scenario === scenario)) {
        throw new AppFailure({
          code: 'INVALID_INPUT',
          message: `There is no sample scenario called ${scenario}.`,
          cause: 'The scenario list comes from the built-in emulator.',
          next: `Choose one of: ${sample.apps.map((app) => app.scenario).join(', ')}.`,
          details: { field: 'scenario' },
        })
      }
      const before = service.get(SAMPLE_CONNECTION_ID)
      await sampleApp(sample, scenario).prepare()
      store.update((current) => ({ ...current, sample: { scenario, lastTest: null } }))
      emit({ id: SAMPLE_CONNECTION_ID, kind: 'updated', before })
      return service.view(SAMPLE_CONNECTION_ID)
    },

    async credential(id) {
      if (id === SAMPLE_CONNECTION_ID && sample) {
        const state = store.problem() ? null : store.read().sample
        return sampleApp(sample, state?.scenario ?? null).credential()
      }
      const connection = service.get(id)
      const vaultId = vaultIdOf(connection)
      if (connection.auth.kind === 'secret') {
        const secret = await vault.get(vaultKeys.secret(vaultId))
        if (!secret) {
          throw new AppFailure({
            code: 'SECRET_UNAVAILABLE',
            message: `No client secret is stored for "${connection.name}".`,
            cause: vault.persistent
              ? 'The secret was never entered, or it was cleared.'
              : 'This computer offers no OS encryption, so secrets are kept only until the app closes.',
            next: 'Edit the connection and enter the client secret.',
            details: { id },
          })
        }
        return { kind: 'secret', secret }
      }
      if (connection.auth.kind === 'federated')
        return federatedCredential(connection.auth, { env: options.environment ?? process.env })
      const password = await vault.get(vaultKeys.certificatePassword(vaultId))
      const loaded = loadCertificate({
        path: connection.auth.certificatePath,
        keyPath: connection.auth.keyPath,
        format: connection.auth.format,
        password,
      })
      return {
        kind: 'certificate',
        privateKeyPem: loaded.privateKeyPem,
        thumbprintSha256: loaded.thumbprintSha256,
        thumbprintSha1: loaded.thumbprintSha1,
        ...(connection.auth.assertion ? { assertion: connection.auth.assertion } : {}),
        ...(connection.auth.sendX5c ? { x5c: loaded.chainPem } : {}),
      }
    },

    startFresh() {
      store.startFresh()
      emit({ id: '', kind: 'reset', before: null })
    },

    allowPath(path) {
      allowedPaths.add(path)
    },

    async inspectCertificate(input) {
      const existing = input.connectionId ? service.get(input.connectionId) : null
      const previous = existing?.auth.kind === 'certificate' ? existing.auth : null
      checkPath(input.certificatePath, previous?.certificatePath)
      checkPath(input.keyPath ?? undefined, previous?.keyPath)
      const value = unsealChange(input.password, 'password')
      const password =
        typeof value === 'string'
          ? value
          : value === undefined && existing && previous
            ? await vault.get(vaultKeys.certificatePassword(vaultIdOf(existing)))
            : undefined
      const loaded = loadCertificate({ path: input.certificatePath, keyPath: input.keyPath ?? undefined, password })
      return {
        certificatePath: input.certificatePath,
        keyPath: input.keyPath,
        format: loaded.format,
        thumbprintSha1: loaded.thumbprintSha1,
        thumbprintSha256: loaded.thumbprintSha256,
        notBefore: loaded.notBefore,
        notAfter: loaded.notAfter,
        subject: loaded.subject,
        issuer: loaded.issuer,
      }
    },

    onChange(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
  return service
}
