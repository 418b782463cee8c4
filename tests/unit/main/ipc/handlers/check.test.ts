import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { randomUUID } from 'node:crypto'
import { beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { CheckRun, HistoryDiff, HistoryEntry, StepResult } from '@common/diagnostics'
import type { ConnectionList } from '@common/contract/connections'
import { SCENARIO_APPS } from '../../../../../emulator'
import { bindServiceEvents } from '../../../../../main/app/events'
import { createApi } from '../../../../../main/ipc/api'
import { dispatch } from '../../../../../main/ipc/dispatch'
import { createSampleEnvironment } from '../../../../../main/app/sample-environment'
import { createServices, type Services } from '../../../../../main/app/create-services'
import type { SampleEnvironment } from '../../../../../main/app/sample-environment'
import { createTestHost, type TestHost } from '../../../../support/test-host'

let sample: SampleEnvironment
let dir: string
let host: TestHost
let services: Services
let events: { event: string; payload: unknown }[]

beforeAll(() => {
  sample = createSampleEnvironment({ rows: { accounts: 20, contacts: 40 } })
})

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'dvw-check-'))
  host = createTestHost(dir)
  services = createServices(host, { sample })
  events = []
  const unbind = bindServiceEvents(services, (event, payload) => events.push({ event, payload }))
  return () => {
    unbind()
    rmSync(dir, { recursive: true, force: true })
  }
})

async function call<T>(channel: string, input: unknown): Promise<T> {
  const result = await dispatch(createApi(), channel, input, {
    services,
    send: (event, payload) => events.push({ event, payload }),
  })
  if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`)
  return result.data as T
}

const run = (input: Record<string, unknown> = {}) =>
  call<CheckRun>('check:run', { connectionId: 'sample', checkId: randomUUID(), ...input })
const SECRETS = SCENARIO_APPS.flatMap((app) => (app.credential.kind === 'secret' ? [app.credential.secret] : []))

describe('check channels', () => {
  it('runs the sample check: every step streams, all pass, last test and history are recorded', async () => {
    const result = await run()
    expect(result.check.outcome).toBe('pass')
    expect(result.subject).toMatchObject({
      connectionName: 'Sample environment (offline)',
      environmentUrl: 'https://contoso.crm.dynamics.com',
      credentialKind: 'secret',
    })
    const progressed = events
      .filter((e) => e.event === 'check:progressed')
      .map((e) => e.payload as { checkId: string; step: StepResult })
    expect(progressed.every((p) => p.checkId === result.check.checkId)).toBe(true)
    for (const step of result.check.steps) {
      const seen = progressed.filter((p) => p.step.id === step.id).map((p) => p.step.status)
      expect(seen.at(-1), step.id).toBe(step.status)
      if (step.status !== 'skip' || step.startedAt) expect(seen[0], step.id).toBe('running')
    }
    expect(events.some((e) => e.event === 'connections:changed')).toBe(true)
    const list = await call<ConnectionList>('connections:list', undefined)
    expect(list.connections[0]?.lastTest).toMatchObject({
      status: 'pass',
      summary: expect.stringContaining('Every step passed'),
    })
    const history = await call<{ entries: HistoryEntry[] }>('check:history', { connectionId: 'sample' })
    expect(history.entries.map((entry) => entry.checkId)).toEqual([result.check.checkId])
  })

  it('training mode: the no-roles scenario fails at roles, and "what changed" names the step', async () => {
    await run()
    await call('connections:set-sample-scenario', { scenario: 'no-roles' })
    const result = await run()
    const roles = result.check.steps.find((step) => step.id === 'roles')
    expect(roles?.status).toBe('fail')
    expect(roles?.diagnoses[0]?.id).toBe('no-security-roles')
    expect(roles?.diagnoses[0]?.fix.join(' ')).toContain('Application users')
    expect(result.changes.baseline).toBeDefined()
    expect(result.changes.changes).toContainEqual({ kind: 'status', stepId: 'roles', before: 'pass', after: 'fail' })
    const history = await call<{ changes: HistoryDiff }>('check:history', { connectionId: 'sample' })
    expect(history.changes).toEqual(result.changes)
  })

  it('cancels a running check: the answer says cancelled and nothing is recorded', async () => {
    const checkId = randomUUID()
    const pending = call<CheckRun>('check:run', { connectionId: 'sample', checkId })
    const cancelled = await call<{ cancelled: boolean }>('check:cancel', { checkId })
    expect(cancelled.cancelled).toBe(true)
    const result = await pending
    expect(result.check).toMatchObject({ outcome: 'cancelled', cancelled: true })
    expect((await call<{ entries: HistoryEntry[] }>('check:history', { connectionId: 'sample' })).entries).toEqual([])
    expect((await call<{ cancelled: boolean }>('check:cancel', { checkId })).cancelled).toBe(false)
  })

  it('exports reports through the save dialog and copies a ticket; none carries a secret or token', async () => {
    const result = await run()
    const checkId = result.check.checkId
    for (const format of ['markdown', 'html', 'json'] as const) {
      const path = join(dir, `report.${format}`)
      host.answerNextSave(path)
      const saved = await call<{ path: string | null }>('check:export-report', {
        checkId,
        format,
        mask: { environment: false, tenant: false, app: false },
      })
      expect(saved.path).toBe(path)
      const text = readFileSync(path, 'utf8')
      expect(text).toContain('privileges')
      for (const secret of SECRETS) expect(text).not.toContain(secret)
      expect(text).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}\./)
      if (format === 'html') expect(text).toContain('<svg')
    }
    expect(host.dialogs.at(-1)).toMatchObject({
      defaultName: expect.stringMatching(/^dataverse-check-contoso\.crm\.dynamics\.com-\d{4}-\d{2}-\d{2}\.json$/),
    })

    host.answerNextSave(null)
    expect(
      await call('check:export-report', {
        checkId,
        format: 'html',
        mask: { environment: true, tenant: true, app: true },
      }),
    ).toEqual({ path: null })

    const ticket = await call<{ characters: number }>('check:copy-ticket', {
      checkId,
      mask: { environment: true, tenant: true, app: true },
    })
    const copied = host.clipboard.at(-1) ?? ''
    expect(ticket.characters).toBe(copied.length)
    expect(copied).not.toContain('contoso.crm.dynamics.com')
    expect(copied).not.toContain(result.subject.tenantId)
  })

  it('never sends a secret or a token to the window, in answers or events', async () => {
    const result = await run()
    const transcript = JSON.stringify({ result, events })
    for (const secret of SECRETS) expect(transcript).not.toContain(secret)
    expect(transcript).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}\./)
  })

  it('answers unknown checks and bad ids with clear errors', async () => {
    const missing = await dispatch(
      createApi(),
      'check:export-report',
      { checkId: randomUUID(), format: 'html', mask: { environment: false, tenant: false, app: false } },
      { services, send: () => undefined },
    )
    expect(missing).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    const bad = await dispatch(
      createApi(),
      'check:run',
      { connectionId: 'sample', checkId: 'not-a-uuid' },
      { services, send: () => undefined },
    )
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    const unknown = await dispatch(
      createApi(),
      'check:run',
      { connectionId: 'nope', checkId: randomUUID() },
      { services, send: () => undefined },
    )
    expect(unknown).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    const tables = await dispatch(
      createApi(),
      'check:run',
      { connectionId: 'sample', checkId: randomUUID(), tables: ['Account; drop'] },
      { services, send: () => undefined },
    )
    expect(tables).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
  })

  it('probes the tables asked for', async () => {
    const result = await run({ tables: ['cr4f5_project', 'nosuchtable'] })
    const privileges = result.check.steps.find((step) => step.id === 'privileges')
    expect(privileges?.status).toBe('warn')
    expect(privileges?.facts.map((fact) => fact.label)).toEqual(
      expect.arrayContaining(['cr4f5_project', 'nosuchtable']),
    )
  })

  it("a deleted connection's history goes with it", async () => {
    const unreachable = createTestHost(dir, 'harness', {
      fetch: async () => {
        throw Object.assign(new TypeError('fetch failed'), {
          cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }),
        })
      },
    })
    services = createServices(unreachable, { sample })
    const [saved] = await services.connections.importConnections([
      {
        connection: {
          name: 'Contoso UAT',
          orgUrl: 'https://contoso-uat.crm4.dynamics.com',
          apiVersion: '9.2',
          cloud: 'commercial',
          authorityHost: 'login.microsoftonline.com',
          tenantId: '4c192492-e19d-4369-b4be-84470eb0844d',
          clientId: 'd2c764a5-f446-4c69-a646-7d74e7ea5973',
          auth: { kind: 'secret' },
          environment: 'uat',
          colour: '#c19c00',
          readOnly: false,
          notes: '',
        },
        secret: 'Abc8Q~NotARealSecret0000000000000000000',
      },
    ])
    if (!saved) throw new Error('import failed')
    const result = await run({ connectionId: saved.id })
    expect(result.check.steps.find((step) => step.id === 'discovery')?.diagnoses[0]?.id).toBe('connection-refused')
    expect(
      (await call<ConnectionList>('connections:list', undefined)).connections.find((c) => c.id === saved.id)?.lastTest
        ?.status,
    ).toBe('fail')
    expect((await call<{ entries: HistoryEntry[] }>('check:history', { connectionId: saved.id })).entries).toHaveLength(
      1,
    )
    await call('connections:delete', { id: saved.id })
    expect(JSON.parse(readFileSync(join(dir, 'check-history.json'), 'utf8')).checks).not.toHaveProperty(saved.id)
  })
})
