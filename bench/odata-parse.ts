/**
 * How fast the OData language core is, as ratios to baselines measured in the same run. Each
 * figure is the median of rounds that alternate the measured code and its baseline, so load from
 * other processes affects both sides alike.
 * - parse / JSON.parse: parsing a typical request against JSON.parse of a document of the same
 *   length (a tight native parser).
 * - tokenize / JSON.parse: the lexer on the same request.
 * - completion / parse: completionContextAt against a plain parse of the same text.
 * - linearity: time per clause of a 2,000-clause $filter against a 200-clause one (1.0 = linear).
 */
import { completionContextAt, parseRequest, tokenize } from '@common/odata'

const typical =
  "accounts?$select=name,accountid,revenue,_primarycontactid_value&$filter=statecode eq 0 and (contains(name,'Contoso') or revenue gt 1000000) and createdon ge 2024-01-01T00:00:00Z&$orderby=revenue desc,name&$expand=primarycontactid($select=fullname,emailaddress1),contact_customer_accounts($select=fullname;$filter=statecode eq 0;$top=5)&$top=50"
const json = JSON.stringify({ q: typical.slice(0, typical.length - 8) })

function filterOf(clauses: number): string {
  return `accounts?$filter=${Array.from({ length: clauses }, (_, i) => `name eq 'n${i}'`).join(' and ')}`
}

/** Nanoseconds per call of `fn`, timed over about `ms` milliseconds. */
function timeFor(fn: () => unknown, ms: number): number {
  let calls = 0
  const start = process.hrtime.bigint()
  const budget = BigInt(ms) * 1_000_000n
  let elapsed = 0n
  while (elapsed < budget) {
    fn()
    calls++
    elapsed = process.hrtime.bigint() - start
  }
  return Number(elapsed) / calls
}

/** Median over rounds of (time of `measured` / time of `baseline`), alternating the two. */
function ratio(measured: () => unknown, baseline: () => unknown, rounds = 15, ms = 40): { ratio: number; ns: number } {
  for (let i = 0; i < 3000; i++) {
    measured()
    baseline()
  }
  const ratios: number[] = []
  const times: number[] = []
  for (let round = 0; round < rounds; round++) {
    const a = timeFor(measured, ms)
    const b = timeFor(baseline, ms)
    ratios.push(a / b)
    times.push(a)
  }
  const median = (values: number[]) => [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)] ?? 0
  return { ratio: median(ratios), ns: median(times) }
}

const small = filterOf(200)
const large = filterOf(2000)
const parse = ratio(
  () => parseRequest(typical),
  () => JSON.parse(json),
)
const lex = ratio(
  () => tokenize(typical),
  () => JSON.parse(json),
)
const completion = ratio(
  () => completionContextAt(typical, typical.indexOf('$top=5')),
  () => parseRequest(typical),
)
const linear = ratio(
  () => parseRequest(large),
  () => parseRequest(small),
  9,
  100,
)

const fmt = (n: number) => n.toFixed(2)
console.log(
  `odata parseRequest, typical request (${typical.length} chars): ratio to JSON.parse of the same length ${fmt(parse.ratio)} (${(parse.ns / 1000).toFixed(1)} µs here)`,
)
console.log(`odata tokenize, typical request: ratio to JSON.parse ${fmt(lex.ratio)}`)
console.log(`odata completionContextAt, typical request: ratio to parseRequest ${fmt(completion.ratio)}`)
console.log(`odata linearity, time per clause at 2000 vs 200 clauses: ${fmt(linear.ratio / 10)} (1.00 = linear)`)
