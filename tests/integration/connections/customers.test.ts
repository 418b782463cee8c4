/**
 * Customers through the real dispatcher and handlers, with conf files in a temp data folder: a
 * version-1 connections file is migrated without losing anything, customers are created, renamed,
 * recoloured and deleted (their connections stay), connections move between them, a customer's
 * connections are exported and imported, and "Duplicate into another environment" signs in with the
 * original's stored secret without copying it.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeEach, describe, expect, it } from 'vitest'
import type { Channel, RequestOf, ResponseOf } from '@common/contract'
import type { ConnectionView } from '@common/connection'
import type { Result } from '@common/result'
import { sealSecret } from '@common/seal'
import { createServices, type Services } from '../../../main/app/create-services'
import { vaultKeys, createMemoryVault, type SecretVault } from '../../../main/connections/vault'
import { createApi } from '../../../main/ipc/api'
import { dispatch } from '../../../main/ipc/dispatch'
import { createTestHost, type TestHost } from '../../support/test-host'

const SECRET = 'Zx8Q~customer-secret-0123456789abcdefgh'
const TENANT = '4c192492-e19d-4369-b4be-84470eb0844d'
const CLIENT = 'd2c764a5-f446-4c69-a646-7d74e7ea5973'

let dir: string
let host: TestHost
let vault: SecretVault
let services: Services
const api = createApi()

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'dvw-customers-'))
  vault = createMemoryVault({ persistent: true })
  host = createTestHost(dir, 'harness', { vault })
  services = createServices(host)
  return () => rmSync(dir, { recursive: true, force: true })
})

async function call<C extends Channel>(channel: C, input?: RequestOf<C>): Promise<Result<ResponseOf<C>>> {
  return (await dispatch(api, channel, input, { services, send: () => undefined })) as Result<ResponseOf<C>>
}

async function data<C extends Channel>(channel: C, input?: RequestOf<C>): Promise<ResponseOf<C>> {
  const result = await call(channel, input)
  if (!result.ok) throw new Error(`${channel}: ${result.error.message}`)
  return result.data
}

async function saveConnection(name: string, orgUrl = 'https://contoso.crm4.dynamics.com'): Promise<ConnectionView> {
  const key = await data('connections:secret-key')
  return data('connections:save', {
    id: null,
    draft: {
      name,
      orgUrl,
      cloud: 'commercial',
      authorityHost: 'login.microsoftonline.com',
      tenantId: TENANT,
      clientId: CLIENT,
      environment: 'dev',
      auth: { kind: 'secret', secret: { action: 'set', sealed: await sealSecret(key, SECRET) } },
    },
  })
}

const file = () => join(dir, 'connections.json')
const stored = () => JSON.parse(readFileSync(file(), 'utf8')) as Record<string, unknown>

describe('a connections file from before customers', () => {
  const v1Connection = {
    id: '0b7f5a52-3c1e-4d35-9d8e-7a3c2b1f0e11',
    name: 'Fabrikam prod',
    orgUrl: 'https://fabrikam.crm.dynamics.com',
    apiVersion: '9.2',
    cloud: 'commercial',
    authorityHost: 'login.microsoftonline.com',
    tenantId: TENANT,
    clientId: CLIENT,
    auth: { kind: 'secret', hint: 'Zx8', expiresOn: '2027-03-01' },
    environment: 'prod',
    colour: '#c50f1f',
    readOnly: true,
    notes: 'Ask Ana before writing.',
    createdAt: '2026-01-02T03:04:05.000Z',
    updatedAt: '2026-01-02T03:04:05.000Z',
    lastTest: { at: '2026-02-01T10:00:00.000Z', status: 'pass', summary: 'Every step passed.' },
    builtIn: null,
    scenario: null,
  }

  it('loads unchanged, gains an empty customer list, and is kept as a backup before it is rewritten', async () => {
    const original = JSON.stringify({
      schemaVersion: 1,
      connections: [v1Connection],
      sample: { scenario: 'healthy', lastTest: null },
    })
    writeFileSync(file(), original)

    const list = await data('connections:list')
    expect(list.problem).toBeNull()
    expect(list.customers).toEqual([])
    const loaded = list.connections.find((connection) => connection.id === v1Connection.id)
    expect(loaded).toMatchObject({ ...v1Connection, auth: { kind: 'secret', hint: undefined } })
    expect(loaded?.customerId).toBeUndefined()

    const migrated = stored()
    expect(migrated.schemaVersion).toBe(2)
    expect(migrated.customers).toEqual([])
    expect(migrated.connections).toEqual([v1Connection])
    expect(migrated.sample).toEqual({ scenario: 'healthy', lastTest: null })
    const backup = readdirSync(dir).find((name) => /^connections\.json\.v1-.*\.bak$/.test(name))
    expect(backup).toBeDefined()
    expect(readFileSync(join(dir, backup!), 'utf8')).toBe(original)
  })

  it('is refused, not reset, by this version when a newer app wrote it', async () => {
    const newer = JSON.stringify({ schemaVersion: 3, connections: [], customers: [], sample: null })
    writeFileSync(file(), newer)
    const list = await data('connections:list')
    expect(list.problem).toMatchObject({ reason: 'newer-version' })
    expect(readFileSync(file(), 'utf8')).toBe(newer)
  })
})

describe('customers', () => {
  it('are created with a unique name (without regard to case), renamed, recoloured and listed by name', async () => {
    const contoso = await data('customers:create', { name: 'Contoso', colour: 'teal', notes: 'Retail, 3 envs' })
    await data('customers:create', { name: 'Adatum', colour: 'berry' })
    expect(contoso).toMatchObject({ name: 'Contoso', colour: 'teal', notes: 'Retail, 3 envs' })

    const clash = await call('customers:create', { name: '  contoso ', colour: 'blue' })
    expect(clash.ok).toBe(false)
    if (!clash.ok) {
      expect(clash.error.code).toBe('INVALID_INPUT')
      expect(clash.error.message).toBe('There is already a customer called "Contoso".')
      expect(clash.error.details).toMatchObject({ field: 'name' })
    }
    const badColour = await call('customers:create', { name: 'Tailspin', colour: '#ff0000' as never })
    expect(badColour.ok).toBe(false)

    const renamed = await data('customers:update', { id: contoso.id, name: 'Contoso Retail', colour: 'forest' })
    expect(renamed).toMatchObject({ id: contoso.id, name: 'Contoso Retail', colour: 'forest', notes: 'Retail, 3 envs' })
    expect((await data('connections:list')).customers.map((customer) => customer.name)).toEqual([
      'Adatum',
      'Contoso Retail',
    ])
    expect(stored().customers).toHaveLength(2)
  })

  it('hold connections; deleting one ungroups its connections and deletes none', async () => {
    const customer = await data('customers:create', { name: 'Contoso', colour: 'blue' })
    const dev = await saveConnection('Contoso dev')
    const other = await saveConnection('Other')
    const moved = await data('customers:assign', { connectionId: dev.id, customerId: customer.id })
    expect(moved.customerId).toBe(customer.id)

    const missing = await call('customers:assign', {
      connectionId: other.id,
      customerId: '00000000-0000-4000-8000-000000000000',
    })
    expect(missing.ok).toBe(false)
    if (!missing.ok) expect(missing.error.code).toBe('NOT_FOUND')

    // An edit from the editor (no customer in the draft) keeps the connection in its customer.
    const key = await data('connections:secret-key')
    const edited = await data('connections:save', {
      id: dev.id,
      draft: {
        name: 'Contoso dev (EU)',
        orgUrl: dev.orgUrl,
        cloud: 'commercial',
        authorityHost: dev.authorityHost,
        tenantId: TENANT,
        clientId: CLIENT,
        environment: 'dev',
        auth: { kind: 'secret', secret: { action: 'set', sealed: await sealSecret(key, SECRET) } },
      },
    })
    expect(edited.customerId).toBe(customer.id)

    expect(await data('customers:delete', { id: customer.id })).toEqual({ deleted: true, ungrouped: 1 })
    const list = await data('connections:list')
    expect(list.customers).toEqual([])
    const ids = list.connections.map((connection) => connection.id)
    expect(ids).toContain(dev.id)
    expect(ids).toContain(other.id)
    expect(list.connections.find((connection) => connection.id === dev.id)?.customerId).toBeUndefined()
  })

  it("export one customer's connections without secrets, and import a file into a chosen customer", async () => {
    const contoso = await data('customers:create', { name: 'Contoso', colour: 'blue' })
    const adatum = await data('customers:create', { name: 'Adatum', colour: 'grape' })
    const dev = await saveConnection('Contoso dev')
    await saveConnection('Not Contoso')
    await data('customers:assign', { connectionId: dev.id, customerId: contoso.id })

    const exported = join(dir, 'contoso.json')
    host.answerNextSave(exported)
    expect(await data('connections:export', { ids: [], format: 'json', customerId: contoso.id })).toEqual({
      path: exported,
      count: 1,
    })
    const text = readFileSync(exported, 'utf8')
    expect(text).toContain('Contoso dev')
    expect(text).not.toContain('Not Contoso')
    expect(text).not.toContain(SECRET)

    const empty = await call('connections:export', { ids: [], format: 'json', customerId: adatum.id })
    expect(empty.ok).toBe(false)
    if (!empty.ok) expect(empty.error.message).toMatch(/has no connections to export/)

    host.answerNextPick([exported])
    const imported = await data('connections:import', { kind: 'file', customerId: adatum.id })
    expect(imported.imported).toHaveLength(1)
    expect(imported.imported[0]).toMatchObject({ name: 'Contoso dev', customerId: adatum.id })
    expect(imported.imported[0]?.auth).toMatchObject({ kind: 'secret', hasSecret: false })
  })
})

describe('duplicate into another environment', () => {
  it('copies the app registration, tenant, customer and secret by reference, with a new URL and name', async () => {
    const customer = await data('customers:create', { name: 'Contoso', colour: 'blue' })
    const dev = await saveConnection('Contoso dev')
    await data('customers:assign', { connectionId: dev.id, customerId: customer.id })

    const test = await data('connections:duplicate-into', {
      id: dev.id,
      url: 'https://contoso-test.crm4.dynamics.com/main.aspx?appid=1',
      name: 'Contoso test',
      environment: 'test',
    })
    expect(test).toMatchObject({
      name: 'Contoso test',
      orgUrl: 'https://contoso-test.crm4.dynamics.com',
      tenantId: TENANT,
      clientId: CLIENT,
      customerId: customer.id,
      environment: 'test',
      lastTest: null,
      auth: { kind: 'secret', hasSecret: true, hint: 'Zx8' },
    })
    // The copy signs in with the original's secret, which is stored once.
    expect(await services.connections.credential(test.id)).toEqual({ kind: 'secret', secret: SECRET })
    expect(await vault.has(vaultKeys.secret(test.id))).toBe(false)
    expect(readFileSync(file(), 'utf8')).not.toContain(SECRET)

    // A copy of the copy points at the original, and deleting the original hands the secret on.
    const prod = await data('connections:duplicate-into', {
      id: test.id,
      url: 'https://contoso.crm4.dynamics.com/api/data/v9.2/',
      name: 'Contoso prod',
      environment: 'prod',
    })
    expect(prod).toMatchObject({ readOnly: true, environment: 'prod' })
    await data('connections:delete', { id: dev.id })
    expect(await services.connections.credential(test.id)).toEqual({ kind: 'secret', secret: SECRET })
    expect(await services.connections.credential(prod.id)).toEqual({ kind: 'secret', secret: SECRET })
    expect(await vault.has(vaultKeys.secret(dev.id))).toBe(false)
  })

  it('refuses the same URL, another cloud, and a URL that is not an environment', async () => {
    const dev = await saveConnection('Contoso dev')
    for (const [url, message] of [
      ['https://contoso.crm4.dynamics.com', /already points at/],
      ['https://contoso.crm.microsoftdynamics.us', /another cloud/],
      ['ftp://contoso', /./],
    ] as const) {
      const result = await call('connections:duplicate-into', { id: dev.id, url, name: 'Copy' })
      expect(result.ok).toBe(false)
      if (!result.ok) {
        expect(result.error.code).toBe('INVALID_INPUT')
        expect(result.error.message).toMatch(message)
      }
    }
    expect((await data('connections:list')).connections).toHaveLength(2)
    expect(existsSync(file())).toBe(true)
  })
})
