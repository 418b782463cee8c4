import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { SAMPLE_CONNECTION } from '../../../../emulator'
import { createServices } from '../../../../main/app/create-services'
import { createTestHost } from '../../../support/test-host'
import { failureOf } from '../../../support/failure-of'

const dir = mkdtempSync(join(tmpdir(), 'dvw-sample-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

// A base fetch that fails loudly: the sample must never touch the real network.
const host = createTestHost(dir, 'harness', {
  fetch: async (request) => {
    throw new Error(`the sample tried the real network: ${request.url}`)
  },
})
const services = createServices(host)

describe('built-in sample environment', () => {
  it('is pinned first, read-only, and points at the emulator org with the healthy app', async () => {
    const [first] = await services.connections.list()
    expect(first).toMatchObject({
      id: 'sample',
      builtIn: 'sample',
      readOnly: true,
      orgUrl: SAMPLE_CONNECTION.orgUrl,
      tenantId: SAMPLE_CONNECTION.tenantId,
      clientId: SAMPLE_CONNECTION.clientId,
      scenario: 'healthy',
      auth: { kind: 'secret', hasSecret: true },
    })
    expect(JSON.stringify(first)).not.toContain(SAMPLE_CONNECTION.clientSecret)
  })

  it('answers WhoAmI and queries offline through the in-process emulator, one token for 100 queries', async () => {
    const session = services.sessions.open('sample')
    const mark = services.timeline.mark()
    for (let i = 0; i < 100; i++)
      expect((await session.client.request({ path: 'contacts?$top=1&$select=fullname' })).status).toBe(200)
    const entries = services.timeline.entries({ since: mark })
    expect(entries.filter((e) => e.kind === 'authority' && e.method === 'POST')).toHaveLength(1)
    expect(entries.filter((e) => e.kind === 'dataverse')).toHaveLength(100)
  })

  it('refuses a write before it reaches the emulator', async () => {
    const failure = await failureOf(
      services.sessions.open('sample').client.request({
        method: 'PATCH',
        path: 'accounts(00000000-0000-0000-0000-000000000001)',
        body: { name: 'x' },
      }),
    )
    expect(failure.code).toBe('READ_ONLY')
  })

  it('switches scenario for training mode, certificate scenarios included', async () => {
    const certificate = await services.connections.setSampleScenario('healthy-certificate')
    expect(certificate.auth).toMatchObject({
      kind: 'certificate',
      thumbprintSha1: expect.stringMatching(/^[0-9A-F]{40}$/),
    })
    expect((await services.sessions.open('sample').client.request({ path: 'WhoAmI' })).status).toBe(200)

    await services.connections.setSampleScenario('no-roles')
    const noRoles = await failureOf(services.sessions.open('sample').client.request({ path: 'accounts?$top=1' }))
    expect(noRoles.details).toMatchObject({ status: 403, code: expect.stringMatching(/^0x80042f09$/i) })

    await services.connections.setSampleScenario('expired-secret')
    expect((await failureOf(services.sessions.open('sample').getToken())).details?.aadsts).toBe('7000222')
    expect((await services.connections.list())[0]?.scenario).toBe('expired-secret')
  })
})
