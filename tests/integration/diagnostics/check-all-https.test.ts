import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { randomUUID } from 'node:crypto'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { MATRIX_STEP_IDS } from '@common/check-matrix'
import { startHttpsEmulator, type RunningEmulator } from '../../../emulator'
import type { CheckAllProgress } from '../../../main/app/check-all-service'
import { createServices, type Services } from '../../../main/app/create-services'
import { createNodeFetch, type NodeFetch } from '../../../main/http/node-fetch'
import type { FetchLike } from '../../../main/http/types'
import { createTestHost } from '../../support/test-host'

let running: RunningEmulator
let base: NodeFetch
let dataDir: string
let services: Services
/** WhoAmI requests in flight right now, and the most there ever were at once: one per running check. */
let whoAmIInFlight = 0
let whoAmIPeak = 0

const countingFetch: FetchLike = async (request) => {
  const whoAmI = /\/WhoAmI(\?|$)/.test(request.url)
  if (whoAmI) whoAmIPeak = Math.max(whoAmIPeak, ++whoAmIInFlight)
  try {
    return await base(request)
  } finally {
    if (whoAmI) whoAmIInFlight--
  }
}

/** Every column of the matrix with the same change. */
const every = (change: string) => Object.fromEntries(MATRIX_STEP_IDS.map((id) => [id, change]))

function app(scenario: string) {
  const found = running.apps.find((candidate) => candidate.scenario === scenario)
  if (!found?.clientSecret) throw new Error(`no secret app for ${scenario}`)
  return found
}

/** Saves a connection to the HTTPS emulator as the app does, its secret given for this process only. */
async function save(name: string, scenario: string, orgIndex = 0): Promise<string> {
  const org = running.orgs[orgIndex]
  if (!org) throw new Error('no org')
  const scenarioApp = app(scenario)
  const view = await services.connections.save(null, {
    name,
    orgUrl: org.url,
    cloud: 'commercial',
    authorityHost: new URL(running.authorityUrl).host,
    customSignInHost: true,
    tenantId: running.tenantId,
    clientId: scenarioApp.clientId,
    environment: 'dev',
    auth: { kind: 'secret', secret: { action: 'clear' } },
  })
  const secret = scenarioApp.clientSecret ?? ''
  services.connections.provideCredential(view.id, async () => ({ kind: 'secret', secret }))
  return view.id
}

beforeAll(async () => {
  running = await startHttpsEmulator({ rows: { accounts: 30, contacts: 60 } })
  base = createNodeFetch({ ca: [running.caPem], proxyUrl: null })
})
afterAll(async () => {
  await base?.close()
  await running?.close()
})

describe('check all over real HTTPS, with real MSAL', () => {
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'dvw-check-all-'))
    services = createServices(createTestHost(dataDir, 'harness', { fetch: countingFetch }), { sample: null })
    // As a user would: the emulator's CA as an extra trusted root, so the TLS step verifies it too.
    await services.network.addCaFile(running.caCertPath)
  })
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true })
  })
  afterEach(async () => {
    for (const org of running.orgs) await running.setConditions(org.name, {})
  })

  it('checks 4 healthy connections and 1 failing one into a matrix, saved without any secret', async () => {
    const ids = [
      await save('Contoso dev', 'healthy', 0),
      await save('Contoso test', 'healthy', 0),
      await save('Fabrikam dev', 'healthy', 1),
      await save('Fabrikam test', 'healthy', 1),
      await save('Contoso no roles', 'no-roles', 0),
    ]
    const progress: CheckAllProgress[] = []
    const run = await services.checkAll.run({
      runId: randomUUID(),
      connectionIds: ids,
      onProgress: (event) => progress.push(event),
    })

    expect(run.rows.map((row) => [row.connectionName, row.state, row.outcome])).toEqual([
      ['Contoso dev', 'done', 'pass'],
      ['Contoso test', 'done', 'pass'],
      ['Fabrikam dev', 'done', 'pass'],
      ['Fabrikam test', 'done', 'pass'],
      ['Contoso no roles', 'done', 'fail'],
    ])
    expect(run.cancelled).toEqual([])
    const failing = run.rows[4]
    expect(failing?.cells.roles).toMatchObject({ status: 'fail', diagnosis: { id: 'no-security-roles' } })
    expect(failing?.cells.roles?.diagnosis?.fix.join(' ')).toContain('Application users')
    // A step after the failing one is skipped, and the ones that passed stay passed.
    expect(failing?.cells.privileges?.status).toBe('skipped')
    expect(failing?.cells.whoami?.status).toBe('pass')
    for (const row of run.rows) expect(Object.keys(row.cells)).toEqual([...MATRIX_STEP_IDS])

    // Progress per connection (queued → running → done) and per step (running, then its result).
    const connectionStates = progress
      .filter((event) => event.kind === 'connection' && event.row.connectionId === ids[4])
      .map((event) => (event.kind === 'connection' ? event.row.state : ''))
    expect(connectionStates).toEqual(['running', 'done'])
    const rolesSteps = progress
      .filter((event) => event.kind === 'step' && event.connectionId === ids[4] && event.stepId === 'roles')
      .map((event) => (event.kind === 'step' ? event.cell.status : ''))
    expect(rolesSteps).toEqual(['running', 'fail'])

    // The first run has nothing to compare with: every cell is new.
    expect(run.comparison[ids[0] ?? '']).toEqual({ previous: null, cells: every('new') })

    const saved = await readFile(join(dataDir, 'check-all-runs.json'), 'utf8')
    expect(JSON.parse(saved).runs[0].runId).toBe(run.runId)
    for (const secret of running.apps.flatMap((candidate) => candidate.clientSecret ?? []))
      expect(saved).not.toContain(secret)
    expect(saved).not.toMatch(/eyJ[A-Za-z0-9_-]{8,}\./)
    expect(saved).not.toMatch(/client_secret=(?!\[redacted\])/)
  })

  it('runs at most 4 checks at a time (a slow environment keeps them overlapping)', async () => {
    await running.setConditions(running.orgs[0]?.name ?? '', { slow: 250 })
    const ids = await Promise.all(Array.from({ length: 7 }, (_, index) => save(`Slow ${index}`, 'healthy', 0)))
    let active = 0
    let peak = 0
    whoAmIPeak = 0
    const run = await services.checkAll.run({
      runId: randomUUID(),
      connectionIds: ids,
      onProgress: (event) => {
        if (event.kind !== 'connection') return
        if (event.row.state === 'running') peak = Math.max(peak, ++active)
        else if (event.row.state !== 'queued') active--
      },
    })
    expect(run.rows.every((row) => row.state === 'done' && row.outcome === 'pass')).toBe(true)
    expect(peak).toBe(4)
    // Measured at the wire: never more than 4 checks had their WhoAmI in flight, and 4 did at once.
    expect(whoAmIPeak).toBe(4)
  })

  it('two runs at once share the limit: still at most 4 checks at a time', async () => {
    await running.setConditions(running.orgs[0]?.name ?? '', { slow: 250 })
    const ids = await Promise.all(Array.from({ length: 8 }, (_, index) => save(`Shared ${index}`, 'healthy', 0)))
    whoAmIPeak = 0
    const runs = await Promise.all([
      services.checkAll.run({ runId: randomUUID(), connectionIds: ids.slice(0, 4) }),
      services.checkAll.run({ runId: randomUUID(), connectionIds: ids.slice(4) }),
    ])
    expect(runs.flatMap((run) => run.rows).every((row) => row.outcome === 'pass')).toBe(true)
    expect(whoAmIPeak).toBe(4)
  })

  it('cancel stops the queued checks and aborts the running ones, and says which', async () => {
    await running.setConditions(running.orgs[1]?.name ?? '', { slow: 3000 })
    const ids = await Promise.all(Array.from({ length: 6 }, (_, index) => save(`Cancel ${index}`, 'healthy', 1)))
    const runId = randomUUID()
    const started: string[] = []
    const pending = services.checkAll.run({
      runId,
      connectionIds: ids,
      onProgress: (event) => {
        if (event.kind === 'connection' && event.row.state === 'running') {
          started.push(event.row.connectionId)
          if (started.length === 4) queueMicrotask(() => expect(services.checkAll.cancel(runId)).toBe(true))
        }
      },
    })
    const run = await pending
    expect(started).toHaveLength(4)
    expect(run.rows.map((row) => row.state)).toEqual(Array(6).fill('cancelled'))
    expect(run.cancelled).toEqual(ids)
    expect(run.rows.slice(0, 4).every((row) => row.outcome === 'cancelled' && row.checkId !== null)).toBe(true)
    // The queued ones never started a check.
    expect(run.rows.slice(4).every((row) => row.checkId === null)).toBe(true)
    expect(services.checkAll.cancel(runId)).toBe(false)
  })

  it('compares with the previous run per cell: worse, better and new', async () => {
    const steady = await save('Compare steady', 'healthy', 0)
    const flaky = await save('Compare disabled', 'healthy', 1)
    const first = await services.checkAll.run({ runId: randomUUID(), connectionIds: [steady, flaky] })
    expect(first.rows.map((row) => row.outcome)).toEqual(['pass', 'pass'])

    await running.setConditions(running.orgs[1]?.name ?? '', { environmentDisabled: true })
    const added = await save('Compare added', 'healthy', 0)
    const second = await services.checkAll.run({ runId: randomUUID(), connectionIds: [steady, flaky, added] })
    expect(second.comparison[steady]?.previous?.runId).toBe(first.runId)
    expect(second.comparison[steady]?.cells).toEqual(every('same'))
    const worse = second.comparison[flaky]?.cells ?? {}
    expect(Object.entries(worse).filter(([, change]) => change === 'worse').length).toBeGreaterThan(0)
    expect(second.comparison[added]).toEqual({ previous: null, cells: every('new') })

    await running.setConditions(running.orgs[1]?.name ?? '', {})
    const third = await services.checkAll.run({ runId: randomUUID(), connectionIds: [flaky] })
    expect(third.comparison[flaky]?.previous?.runId).toBe(second.runId)
    expect(Object.keys(worse).filter((id) => worse[id as keyof typeof worse] === 'worse')).toEqual(
      Object.entries(third.comparison[flaky]?.cells ?? {})
        .filter(([, change]) => change === 'better')
        .map(([id]) => id),
    )
  })

  it('deleting a connection removes its rows from the saved runs', async () => {
    const kept = await save('Kept', 'healthy', 0)
    const gone = await save('Deleted later', 'healthy', 0)
    await services.checkAll.run({ runId: randomUUID(), connectionIds: [kept, gone] })
    const before = await readFile(join(dataDir, 'check-all-runs.json'), 'utf8')
    expect(before).toContain('Deleted later')
    await services.connections.remove(gone)
    const after = await readFile(join(dataDir, 'check-all-runs.json'), 'utf8')
    expect(after).not.toContain(gone)
    expect(after).not.toContain('Deleted later')
    expect(after).toContain(kept)
  })

  it('a connection that does not exist becomes an error row; the others still run', async () => {
    const id = await save('Exists', 'healthy', 0)
    const run = await services.checkAll.run({ runId: randomUUID(), connectionIds: ['no-such-connection', id] })
    expect(run.rows[0]).toMatchObject({ state: 'error', connectionId: 'no-such-connection' })
    expect(run.rows[0]?.problem).toBeTruthy()
    expect(run.rows[1]).toMatchObject({ state: 'done', outcome: 'pass' })
  })
})
