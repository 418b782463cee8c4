/**
 * B1: one 5,000-row page through the full main-side path, against a raw fetch + JSON.parse of the
 * same URL. Target ≤ 1.15×.
 *
 * Subject: the `query:execute` channel as the app runs it — the dispatcher (request schema, handler,
 * response schema on the way out), the QueryService (prepare, operation), MSAL's token cache, the
 * Web API client (headers, 401 retry, error mapping, body parse) and the guarded transport
 * (allow-list, read-only guard, concurrency slot, timeout, timeline, byte counting), then shaping
 * for the renderer. Only the history write is left out: it is bookkeeping after the answer, a file
 * write whose cost depends on the disk, not on the page.
 *
 * Baseline: `fetch` of the very URL the subject sent (captured from its first request) with the same
 * request headers, then `JSON.parse` of the body text. Nothing more.
 *
 * Both sides reach the same in-process emulator through the same base fetch, so the server's work
 * and the bytes are identical on both sides and the ratio is the main-side path's own cost. In
 * process rather than HTTPS on loopback because loopback adds TLS and socket time that is the
 * same for both sides, which would only dilute the ratio and add noise on a shared machine; the
 * in-process emulator is also exactly the transport base of the app's sample environment.
 *
 * B5: token requests during 100 consecutive queries. Target: exactly 1.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createEmulator } from '../emulator'
import { createApi } from '../main/ipc/api'
import { dispatch } from '../main/ipc/dispatch'
import type { FetchLike } from '../main/http/types'
import type { QueryRequest, QueryResult } from '@common/query/execution'
import { QueryRequestSchema } from '@common/query/execution'
import { EMULATOR_CONNECTION_ID, emulatorQueryKit } from '../tests/support/emulator-session'
import { describeSpread, interleave, report } from './support/measure'

const ROWS = 5000
const ROUNDS = 101

const emulator = createEmulator({ rows: { accounts: ROWS, contacts: ROWS } })
let tokenRequests = 0
let lastDataverseRequest: Request | null = null
const base: FetchLike = (request) => {
  const path = new URL(request.url).pathname
  if (path.endsWith('/token')) tokenRequests++
  else if (path.includes('/api/data/')) lastDataverseRequest = request
  return emulator.fetch(request)
}
const dir = await mkdtemp(join(tmpdir(), 'dvw-bench-page-'))
let ok = true
try {
  const kit = emulatorQueryKit(dir, { base, history: false })
  const services = kit.services
  const api = createApi()
  const host = {
    services,
    send: () => undefined,
    report: (channel: string, error: unknown) => console.error(channel, error),
  }
  const text =
    'contacts?$select=fullname,firstname,lastname,emailaddress1,telephone1,jobtitle,birthdate,_parentcustomerid_value,createdon,contactid'
  let n = 0
  let lastBytes = 0
  const subject = async () => {
    const input: QueryRequest = {
      connectionId: EMULATOR_CONNECTION_ID,
      operationId: `b1-${++n}`,
      mode: 'odata',
      text,
      prefer: { annotations: false, maxPageSize: null },
    }
    const result = await dispatch(api, 'query:execute', input, host)
    if (!result.ok) throw new Error(`query:execute failed: ${result.error.message}`)
    const data = result.data as QueryResult
    if (data.body.kind !== 'rows' || data.body.page.rows.length !== ROWS) throw new Error(`expected ${ROWS} rows`)
    lastBytes = data.bytes
  }

  // One run of the subject shows which URL and headers it sends; the baseline sends exactly those.
  await subject()
  const sent = lastDataverseRequest as Request | null
  if (!sent) throw new Error('the subject sent no Web API request')
  const url = sent.url
  const headers = Object.fromEntries(sent.headers)
  const baseline = async () => {
    const response = await emulator.fetch(new Request(url, { headers }))
    const body = JSON.parse(await response.text()) as { value: unknown[] }
    if (body.value.length !== ROWS) throw new Error(`expected ${ROWS} rows, got ${body.value.length}`)
  }
  const rawBytes = (await (await emulator.fetch(new Request(url, { headers }))).arrayBuffer()).byteLength
  if (rawBytes !== lastBytes)
    throw new Error(`the two sides read different answers (${rawBytes} and ${lastBytes} bytes)`)

  const result = await interleave(baseline, subject, { rounds: ROUNDS, warmup: 8 })
  ok =
    report(
      'B1',
      'one 5,000-row page, full main-side path vs raw fetch + JSON.parse',
      result.ratio.median,
      'x',
      1.15,
      `median of ${result.rounds} interleaved rounds (${describeSpread(result.ratio)}); full path ${result.candidate.median.toFixed(1)} ms, raw ${result.baseline.median.toFixed(1)} ms; ${(rawBytes / 1e6).toFixed(2)} MB, same in-process emulator`,
    ) && ok

  tokenRequests = 0
  const fresh = emulatorQueryKit(dir, { base, history: false })
  for (let i = 0; i < 100; i++) {
    await fresh.runner.execute(
      QueryRequestSchema.parse({
        connectionId: EMULATOR_CONNECTION_ID,
        operationId: `b5-${i}`,
        mode: 'odata',
        text: 'contacts?$select=fullname&$top=1',
        prefer: { annotations: false, maxPageSize: null },
      }),
    )
  }
  const exact = tokenRequests === 1
  console.log(
    `B5 token requests during 100 consecutive queries: ${tokenRequests} (target = 1) ${exact ? 'PASS' : 'FAIL'} — one sign-in, then MSAL's token cache`,
  )
  ok = exact && ok
} finally {
  await rm(dir, { recursive: true, force: true })
}
process.exitCode = ok ? 0 : 1
