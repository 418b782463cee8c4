/**
 * How close the preflight check gets to its critical path. Every request (sign-in and Dataverse)
 * gets 100 ms of injected latency. The critical path is the sum of those latencies along the
 * longest chain of steps that depend on each other, where each step counts the round trips it
 * made one after another (its longest chain of non-overlapping requests). A step that needs more
 * sequential round trips than its design allows (below) fails the benchmark, so serial requests
 * inside a step cannot hide in the baseline. The figure is the median over runs of wall time /
 * critical path: 1.00 is perfect overlap, and it must stay ≤ 1.10.
 *
 * The server side is the in-process emulator, recorded once and then replayed: a real server
 * does its work on its own machines, and the emulator's CPU time on this (shared, 2-core) machine
 * would otherwise be charged to the check. The same figure against the live emulator is printed
 * too, for information. A fresh MSAL client per run, so the token step signs in from scratch.
 */
import { setTimeout as sleep } from 'node:timers/promises'
import type { CheckResult, StepId } from '@common/diagnostics'
import { createEmulator, SAMPLE_CONNECTION } from '../emulator'
import { createTokenProvider } from '../main/auth/token-provider'
import { runCheck, type CheckEnvironment, type CheckInput } from '../main/diagnostics/check'
import { createKit } from '../main/diagnostics/check/context'
import { checkSteps } from '../main/diagnostics/check/run'

const LATENCY_MS = 100
const RUNS = 7
const LIMIT = 1.1

/**
 * The most sequential round trips each step may need: token 2 (OpenID metadata when MSAL has none
 * built in, then the token); roles 2 (its roles with its teams, then the teams' roles);
 * privileges 2 (table metadata with RetrieveUserPrivileges, then the $top=1 reads); the others 1
 * or none.
 */
const MAX_ROUND_TRIPS: Readonly<Record<StepId, number>> = {
  config: 0,
  dns: 0,
  tls: 0,
  discovery: 1,
  token: 2,
  'token-claims': 0,
  whoami: 1,
  'app-user': 1,
  roles: 2,
  privileges: 2,
  limits: 0,
}

const emulator = createEmulator({ rows: { accounts: 50, contacts: 100 } })
const input: CheckInput = {
  url: SAMPLE_CONNECTION.orgUrl,
  tenantId: SAMPLE_CONNECTION.tenantId,
  clientId: SAMPLE_CONNECTION.clientId,
  authorityHost: 'login.microsoftonline.com',
  cloud: 'commercial',
  credentialKind: 'secret',
  credential: async () => ({ kind: 'secret', secret: SAMPLE_CONNECTION.clientSecret }),
}
interface Recorded {
  readonly status: number
  readonly headers: [string, string][]
  readonly body: ArrayBuffer
}
const recordings = new Map<string, Recorded>()
/** MSAL adds a fresh client-request-id to every token request; everything else is the request itself. */
const keyOf = (request: Request) => `${request.method} ${request.url.replace(/[?&]client-request-id=[^&]*/, '')}`

const live: CheckEnvironment['base'] = async (request) => {
  await sleep(LATENCY_MS)
  const response = await emulator.fetch(request)
  const body = await response.arrayBuffer()
  recordings.set(keyOf(request), { status: response.status, headers: [...response.headers], body })
  return new Response(response.status === 204 ? null : body, { status: response.status, headers: response.headers })
}
const replay: CheckEnvironment['base'] = async (request) => {
  await sleep(LATENCY_MS)
  const recorded = recordings.get(keyOf(request))
  if (!recorded) throw new Error(`nothing recorded for ${keyOf(request)}`)
  return new Response(recorded.status === 204 ? null : recorded.body.slice(0), {
    status: recorded.status,
    headers: recorded.headers,
  })
}
const env = (base: CheckEnvironment['base'] = live): CheckEnvironment => ({
  base,
  tokens: createTokenProvider(),
  offline: true,
})
const dependencies = new Map(checkSteps(createKit(input, env())).map((step) => [step.id, step.dependsOn]))

/** Longest chain of one step's requests where each starts after the previous one ended. */
function roundTrips(check: CheckResult, stepId: StepId): number {
  const spans = check.requests.filter((request) => request.stepId === stepId).sort((a, b) => a.startMs - b.startMs)
  const chain: number[] = []
  spans.forEach((span, i) => {
    const before = spans
      .slice(0, i)
      .map((other, j) => (other.startMs + other.durationMs <= span.startMs + 2 ? (chain[j] ?? 1) : 0))
    chain.push(1 + Math.max(0, ...before))
  })
  return Math.max(0, ...chain)
}

function criticalPath(check: CheckResult): { ms: number; chain: StepId[] } {
  const memo = new Map<StepId, { ms: number; chain: StepId[] }>()
  const longest = (id: StepId): { ms: number; chain: StepId[] } => {
    const known = memo.get(id)
    if (known) return known
    const trips = roundTrips(check, id)
    if (trips > MAX_ROUND_TRIPS[id])
      throw new Error(`${id} made ${trips} sequential round trips; at most ${MAX_ROUND_TRIPS[id]} are needed`)
    const before = (dependencies.get(id) ?? []).map(longest).sort((a, b) => b.ms - a.ms)[0] ?? { ms: 0, chain: [] }
    const result = { ms: before.ms + trips * LATENCY_MS, chain: trips ? [...before.chain, id] : before.chain }
    memo.set(id, result)
    return result
  }
  return check.steps.map((step) => longest(step.id)).sort((a, b) => b.ms - a.ms)[0] ?? { ms: 0, chain: [] }
}

const warm = await runCheck(input, env())
if (warm.outcome !== 'pass')
  throw new Error(`the healthy sample did not pass: ${warm.steps.map((s) => `${s.id}=${s.status}`).join(' ')}`)

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0

async function measure(base: CheckEnvironment['base']) {
  const ratios: number[] = []
  const walls: number[] = []
  let path = { ms: 0, chain: [] as StepId[] }
  let requests = 0
  for (let run = 0; run < RUNS; run++) {
    const started = performance.now()
    const result = await runCheck(input, env(base))
    const wall = performance.now() - started
    if (result.outcome !== 'pass')
      throw new Error(`run ${run} did not pass: ${result.steps.map((s) => `${s.id}=${s.status}`).join(' ')}`)
    path = criticalPath(result)
    requests = result.requests.length
    walls.push(wall)
    ratios.push(wall / path.ms)
  }
  return { ratio: median(ratios), wall: median(walls), path, requests }
}

const replayed = await measure(replay)
const withEmulator = await measure(live)
console.log(
  `check: ${replayed.requests} requests with ${LATENCY_MS} ms latency each (${replayed.requests * LATENCY_MS} ms if sent one after another)`,
)
console.log(`critical path: ${replayed.path.ms} ms along ${replayed.path.chain.join(' → ')}`)
console.log(`full check: median ${replayed.wall.toFixed(0)} ms over ${RUNS} runs`)
console.log(
  `check / critical path: ${replayed.ratio.toFixed(3)}× (target <= ${LIMIT.toFixed(2)}×) ${replayed.ratio <= LIMIT ? 'PASS' : 'FAIL'}`,
)
console.log(
  `for information, with the live in-process emulator on this machine: ${withEmulator.ratio.toFixed(3)}× (${withEmulator.wall.toFixed(0)} ms)`,
)
if (replayed.ratio > LIMIT) {
  console.error(`FAIL: the check took ${replayed.ratio.toFixed(3)}× its critical path`)
  process.exitCode = 1
}
