/**
 * The live service-protection budget over real HTTPS on 127.0.0.1: real MSAL signs in at the
 * emulator's token endpoint, the real transport and Web API client send WhoAmI, and the budget the
 * Limits panel reads comes from the emulator's x-ms-ratelimit-* headers and its 429s.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { BudgetView, LimitsView } from '@common/contract/limits'
import { SAMPLE_CONNECTION, startHttpsEmulator, type RunningEmulator } from '../../../emulator'
import { bindServiceEvents } from '../../../main/app/events'
import { createServices, type Services } from '../../../main/app/create-services'
import { createNodeFetch, type NodeFetch } from '../../../main/http/node-fetch'
import { createApi } from '../../../main/ipc/api'
import { dispatch } from '../../../main/ipc/dispatch'
import { emulatorConnection, EMULATOR_CONNECTION_ID } from '../../support/emulator-session'
import { failureOf } from '../../support/failure-of'
import { createTestHost } from '../../support/test-host'

const WINDOW_REQUESTS = 6
const FABRIKAM = 'fabrikam'

let running: RunningEmulator
let base: NodeFetch
let dir: string
let services: Services
let events: BudgetView[]
let unbind: () => void

beforeAll(async () => {
  running = await startHttpsEmulator({
    rows: { accounts: 5, contacts: 5 },
    limits: { windowRequests: WINDOW_REQUESTS },
  })
  base = createNodeFetch({ ca: [running.caPem], proxyUrl: null })
})

afterAll(async () => {
  await base?.close()
  await running?.close()
})

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dvw-limits-'))
  services = createServices(createTestHost(dir, 'harness', { fetch: base }), { sample: null })
  const org = running.orgs[0]
  if (!org) throw new Error('the emulator has no organization')
  const {
    createdAt: _c,
    updatedAt: _u,
    lastTest: _l,
    ...connection
  } = emulatorConnection(org.url, running.authorityUrl)
  const secret = async () => ({ kind: 'secret' as const, secret: SAMPLE_CONNECTION.clientSecret })
  services.connections.registerAdHoc(connection, secret)
  // Another org is another window: the check's requests do not eat into contoso's.
  const fabrikam = running.orgs.find((candidate) => candidate.name === 'fabrikam')
  if (fabrikam) services.connections.registerAdHoc({ ...connection, id: FABRIKAM, orgUrl: fabrikam.url }, secret)
  events = []
  unbind = bindServiceEvents(services, (event, payload) => {
    if (event === 'limits:changed') events.push(payload as BudgetView)
  })
})

afterEach(async () => {
  unbind()
  await running.setConditions('contoso', {})
  await rm(dir, { recursive: true, force: true })
})

async function limitsOf(connectionId: string): Promise<LimitsView> {
  const result = await dispatch(createApi(), 'limits:get', { connectionId }, { services, send: () => undefined })
  if (!result.ok) throw new Error(result.error.message)
  return result.data as LimitsView
}

const whoAmI = () => services.sessions.open(EMULATOR_CONNECTION_ID).client.request({ path: 'WhoAmI' })

describe('the service-protection budget of a connection, read live', () => {
  it('is also fed by the connection check, whose limits step reads the same headers; an unknown connection is refused', async () => {
    const run = await services.checks.run({ connectionId: FABRIKAM, checkId: 'limits-check' })
    const { budget } = await limitsOf(FABRIKAM)
    expect(budget.responses).toBeGreaterThan(0)
    expect(budget.requestsRemaining).toBeLessThan(WINDOW_REQUESTS)
    // The check's limits step reads the same header as seconds: a fresh window has all 1,200 of them.
    const limits = run.check.steps.find((step) => step.id === 'limits')
    // Against the documented 6,000, the emulator's window of 6 is all but spent: a warning, rightly.
    expect(limits?.status).toBe('warn')
    expect(limits?.facts.find((fact) => fact.label === 'Execution time left in the window')?.value).toMatch(
      /^1,(?:19\d|200) s of 1,200 s \(x-ms-ratelimit-time-remaining-xrm-requests\)$/,
    )
    const unknown = await dispatch(
      createApi(),
      'limits:get',
      { connectionId: 'nope' },
      { services, send: () => undefined },
    )
    expect(unknown.ok).toBe(false)
  })

  it('goes down with every request, as the emulator reports it, and each change is announced', async () => {
    const before = await limitsOf(EMULATOR_CONNECTION_ID)
    expect(before.budget).toMatchObject({ responses: 0, requestsRemaining: null, lastThrottle: null })
    expect(before.window).toMatchObject({ seconds: 300, requests: 6000, executionSeconds: 1200, concurrent: 52 })

    const seen: (number | null)[] = []
    for (let i = 0; i < 3; i++) {
      await whoAmI()
      seen.push((await limitsOf(EMULATOR_CONNECTION_ID)).budget.requestsRemaining)
    }
    // The user's window is shared by every test in this file, so read the trend, not absolute values.
    expect(seen[1]).toBe((seen[0] as number) - 1)
    expect(seen[2]).toBe((seen[0] as number) - 2)
    const after = (await limitsOf(EMULATOR_CONNECTION_ID)).budget
    expect(after.executionSecondsRemaining).toBeGreaterThan(1100)
    expect(after.executionSecondsRemaining).toBeLessThanOrEqual(1200)
    expect(after.dopHint).toBe(4)
    expect(after.observedAt).not.toBeNull()
    expect(events.at(-1)).toEqual(after)
    expect(events.map((event) => event.requestsRemaining)).toContain(seen[0])
  })

  it('keeps the 429 that ends the window: which limit, Retry-After and when it passes', async () => {
    let sent = 0
    while (
      sent <= WINDOW_REQUESTS &&
      (await whoAmI().then(
        () => true,
        () => false,
      ))
    )
      sent++
    expect((await failureOf(whoAmI())).code).toBe('THROTTLED')
    const { budget } = await limitsOf(EMULATOR_CONNECTION_ID)
    const throttle = budget.lastThrottle
    expect(throttle).toMatchObject({ limit: 'requests', code: '0x80072322' })
    expect(throttle?.message).toContain(`exceeded the limit of ${WINDOW_REQUESTS}`)
    // Past the transport's 120 s budget, so it was handed back rather than waited out.
    expect(throttle?.retryAfterSeconds).toBeGreaterThan(120)
    expect(Date.parse(throttle?.retryAt ?? '') - Date.parse(throttle?.at ?? '')).toBe(
      (throttle?.retryAfterSeconds ?? 0) * 1000,
    )
    expect(budget.requestsRemaining).toBe(0)
  })

  it('names the execution-time and the concurrency limit when those are the ones hit', async () => {
    await running.setConditions('contoso', { throttledExecutionTime: 200 })
    expect((await failureOf(whoAmI())).code).toBe('THROTTLED')
    expect((await limitsOf(EMULATOR_CONNECTION_ID)).budget.lastThrottle).toMatchObject({
      limit: 'execution-time',
      code: '0x80072321',
      retryAfterSeconds: 200,
    })

    await running.setConditions('contoso', { throttledConcurrency: 150 })
    expect((await failureOf(whoAmI())).code).toBe('THROTTLED')
    const throttle = (await limitsOf(EMULATOR_CONNECTION_ID)).budget.lastThrottle
    expect(throttle).toMatchObject({ limit: 'concurrency', code: '0x80072326', retryAfterSeconds: 150 })
    expect(throttle?.message).toBe('Number of concurrent requests exceeded the limit of 52.')
  })
})
