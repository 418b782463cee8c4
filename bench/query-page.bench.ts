/**
 * B1: one 5,000-row page through the full main-side path (guarded transport, token, Web API
 * client, JSON parse, shaping for the renderer) against a raw fetch + JSON.parse of the same URL
 * on the same in-process emulator. Target ≤ 1.15×.
 * B5: token requests during 100 consecutive queries. Target: exactly 1.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { QueryRequestSchema } from '../common/query/execution'
import { createEmulator } from '../emulator'
import type { FetchLike } from '../main/http/types'
import { QueryRunner } from '../main/query-runner'
import { EMULATOR_CONNECTION_ID, emulatorQueryKit } from '../tests/support/emulator-session'
import { compare, report } from './support/measure'

const emulator = createEmulator({ rows: { accounts: 5000, contacts: 5000 } })
let tokenRequests = 0
const counted: FetchLike = (request) => {
  if (new URL(request.url).pathname.endsWith('/token')) tokenRequests++
  return emulator.fetch(request)
}
const dir = await mkdtemp(join(tmpdir(), 'dvw-bench-page-'))
let ok = true
try {
  const kit = emulatorQueryKit(dir, { base: counted })
  // History is the app's bookkeeping after the answer, not part of the page path being measured.
  const runner = new QueryRunner(kit.services, { session: () => kit.session, history: false })
  const path = 'contacts?$select=fullname,firstname,lastname,emailaddress1,telephone1,jobtitle,birthdate,_parentcustomerid_value,createdon,contactid'
  const request = (n: number) =>
    QueryRequestSchema.parse({ connectionId: EMULATOR_CONNECTION_ID, operationId: `b1-${n}`, mode: 'odata', text: path, prefer: { annotations: false, maxPageSize: null } })

  const url = kit.session.client.resolve(path)
  const token = (await kit.session.getToken()).accessToken
  let n = 0
  let rows = 0
  const { baseline, candidate, ratio } = await compare(
    async () => {
      const response = await emulator.fetch(new Request(url, { headers: { authorization: `Bearer ${token}`, accept: 'application/json' } }))
      const body = JSON.parse(await response.text()) as { value: unknown[] }
      if (body.value.length !== 5000) throw new Error(`expected 5,000 rows, got ${body.value.length}`)
    },
    async () => {
      const result = await runner.execute(request(++n))
      rows = result.body.kind === 'rows' ? result.body.page.rows.length : 0
    },
    25,
  )
  ok = report('B1', 'one 5,000-row page, full main-side path vs raw fetch + JSON.parse', ratio, 'x', 1.15, `${rows} rows; full path ${candidate.toFixed(1)} ms, raw ${baseline.toFixed(1)} ms (best of 25, interleaved)`) && ok

  tokenRequests = 0
  const fresh = emulatorQueryKit(dir, { base: counted })
  for (let i = 0; i < 100; i++) {
    await fresh.runner.execute(QueryRequestSchema.parse({ connectionId: EMULATOR_CONNECTION_ID, operationId: `b5-${i}`, mode: 'odata', text: 'contacts?$select=fullname&$top=1', prefer: { annotations: false, maxPageSize: null } }))
  }
  const exact = tokenRequests === 1
  console.log(`B5 token requests during 100 consecutive queries: ${tokenRequests} (target exactly 1) ${exact ? 'PASS' : 'FAIL'}`)
  ok = exact && ok
} finally {
  await rm(dir, { recursive: true, force: true })
}
process.exitCode = ok ? 0 : 1
