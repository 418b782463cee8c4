import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createEmulator, SAMPLE_CONNECTION } from '../../../../emulator'
import { bindServiceEvents } from '../../../../main/app/events'
import { createServices, type Services } from '../../../../main/app/create-services'
import { createApi } from '../../../../main/ipc/api'
import { dispatch } from '../../../../main/ipc/dispatch'
import type { FetchLike } from '../../../../main/http/types'
import { emulatorConnection } from '../../../support/emulator-session'
import { createTestHost } from '../../../support/test-host'

describe('events from the source', () => {
  let dir: string
  let services: Services
  let sent: { event: string; payload: unknown }[]
  let unbind: () => void
  const api = createApi()
  const call = (channel: string, input?: unknown) => dispatch(api, channel, input, { services, send: () => undefined })

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'dvw-events-'))
    const emulator = createEmulator({ rows: { accounts: 5, contacts: 5 } })
    services = createServices(createTestHost(dir, 'harness', { fetch: emulator.fetch as FetchLike }), { sample: null })
    sent = []
    unbind = bindServiceEvents(services, (event, payload) => sent.push({ event, payload }))
  })
  afterEach(async () => {
    unbind()
    await rm(dir, { recursive: true, force: true })
  })

  it('sends connections:changed once per change, whichever channel made it, and a reset with a null id', async () => {
    const saved = await call('connections:save', {
      id: null,
      draft: {
        name: 'A',
        orgUrl: 'https://contoso.crm.dynamics.com',
        cloud: 'commercial',
        authorityHost: 'login.microsoftonline.com',
        tenantId: SAMPLE_CONNECTION.tenantId,
        clientId: SAMPLE_CONNECTION.clientId,
        environment: 'dev',
        auth: { kind: 'secret', secret: { action: 'clear' } },
      },
    })
    expect(saved.ok).toBe(true)
    const id = (saved as { data: { id: string } }).data.id
    await call('connections:delete', { id })
    await call('connections:store-reset', { confirm: true })
    expect(sent).toEqual([
      { event: 'connections:changed', payload: { id, kind: 'created' } },
      { event: 'connections:changed', payload: { id, kind: 'deleted' } },
      { event: 'connections:changed', payload: { id: null, kind: 'reset' } },
    ])
  })

  it('tells the window about every customer change, so the rail regroups without a reload', async () => {
    const created = await call('customers:create', { name: 'Contoso', colour: 'teal' })
    const customerId = (created as { data: { id: string } }).data.id
    const saved = await call('connections:save', {
      id: null,
      draft: {
        name: 'A',
        orgUrl: 'https://contoso.crm.dynamics.com',
        cloud: 'commercial',
        authorityHost: 'login.microsoftonline.com',
        tenantId: SAMPLE_CONNECTION.tenantId,
        clientId: SAMPLE_CONNECTION.clientId,
        environment: 'dev',
        auth: { kind: 'secret', secret: { action: 'clear' } },
      },
    })
    const id = (saved as { data: { id: string } }).data.id
    await call('customers:assign', { connectionId: id, customerId })
    await call('customers:update', { id: customerId, colour: 'berry' })
    await call('customers:delete', { id: customerId })
    expect(sent).toEqual([
      { event: 'connections:changed', payload: { id: customerId, kind: 'updated' } },
      { event: 'connections:changed', payload: { id, kind: 'created' } },
      { event: 'connections:changed', payload: { id, kind: 'updated' } },
      { event: 'connections:changed', payload: { id: customerId, kind: 'updated' } },
      { event: 'connections:changed', payload: { id: customerId, kind: 'updated' } },
      { event: 'connections:changed', payload: { id, kind: 'updated' } },
    ])
  })

  it('tells the window when a query fills in the tenant by discovery', async () => {
    const { id: _id, createdAt: _c, updatedAt: _u, lastTest: _l, ...connection } = emulatorConnection()
    const adHoc = services.connections.registerAdHoc({ ...connection, tenantId: '' }, async () => ({
      kind: 'secret',
      secret: SAMPLE_CONNECTION.clientSecret,
    }))
    const result = await call('query:execute', {
      connectionId: adHoc.id,
      operationId: 'q1',
      mode: 'odata',
      text: 'WhoAmI',
      prefer: { annotations: false, maxPageSize: null },
    })
    expect(result.ok).toBe(true)
    expect(sent).toContainEqual({ event: 'connections:changed', payload: { id: adHoc.id, kind: 'updated' } })
    expect(services.connections.get(adHoc.id).tenantId).toBe(SAMPLE_CONNECTION.tenantId)
  })

  it('sends history:changed when a run is recorded and when the history is cleared', async () => {
    const { createdAt: _c, updatedAt: _u, lastTest: _l, ...connection } = emulatorConnection()
    services.connections.registerAdHoc(
      connection,
      async () => ({ kind: 'secret', secret: SAMPLE_CONNECTION.clientSecret }),
      { history: true },
    )
    await call('query:execute', {
      connectionId: connection.id,
      operationId: 'q2',
      mode: 'odata',
      text: 'accounts?$top=1',
      prefer: { annotations: false, maxPageSize: null },
    })
    await call('history:clear', { connectionId: connection.id })
    expect(sent.filter((message) => message.event === 'history:changed')).toEqual([
      { event: 'history:changed', payload: { connectionId: connection.id } },
      { event: 'history:changed', payload: { connectionId: connection.id } },
    ])
  })
})
