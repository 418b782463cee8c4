/**
 * B9: how fast `dvw` starts. Pipelines and support scripts call `dvw --help`, `dvw url` and
 * `dvw explain` hundreds of times, so each is timed as a fresh process (cold start, as a script
 * runs it) against a bare `node -e ''` started the same way: target ≤ 2.5× each, median of 15
 * rounds, the order of the four rotated each round so none always runs after another. Then
 * `dvw check --sample`: its wall time against the check's own duration (from --json), aim
 * ≤ 1.0 s wall. The CLI is built first, so the figures are for this tree.
 */
import { spawn, spawnSync } from 'node:child_process'

const ROUNDS = 15
const TARGET = 2.5
const CHECK_RUNS = 5
const CHECK_AIM_MS = 1000

function run(args: readonly string[]): Promise<{ ms: number; code: number; stdout: string }> {
  return new Promise((resolve, reject) => {
    const started = performance.now()
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'ignore'] })
    let stdout = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')))
    child.on('error', reject)
    child.on('close', (code) => resolve({ ms: performance.now() - started, code: code ?? 1, stdout }))
  })
}

const median = (values: readonly number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN

const build = spawnSync('npm', ['run', 'build:cli'], { stdio: 'inherit' })
if (build.status !== 0) throw new Error('npm run build:cli failed')

const cases: Record<string, readonly string[]> = {
  "node -e ''": ['-e', ''],
  'dvw --help': ['bin/dvw.js', '--help'],
  'dvw url <url>': ['bin/dvw.js', 'url', 'https://contoso.crm4.dynamics.com/main.aspx?appid=1234'],
  'dvw explain <text>': ['bin/dvw.js', 'explain', 'AADSTS7000215: Invalid client secret provided.'],
}
const names = Object.keys(cases)
const times = new Map<string, number[]>(names.map((name) => [name, []]))
for (const name of names) await run(cases[name] ?? []) // warm the file cache
for (let round = 0; round < ROUNDS; round++) {
  for (let i = 0; i < names.length; i++) {
    const name = names[(round + i) % names.length] as string
    const result = await run(cases[name] ?? [])
    if (result.code !== 0) throw new Error(`${name} exited ${result.code}`)
    times.get(name)?.push(result.ms)
  }
}
const baseline = median(times.get("node -e ''") ?? [])
let ok = true
for (const name of names.slice(1)) {
  const value = median(times.get(name) ?? [])
  const ratio = value / baseline
  const pass = ratio <= TARGET
  ok &&= pass
  console.log(
    `B9 ${name} cold start: ${ratio.toFixed(2)}x (target <= ${TARGET}x) ${pass ? 'PASS' : 'FAIL'} — median ${value.toFixed(0)} ms vs node -e '' ${baseline.toFixed(0)} ms (${ROUNDS} rounds)`,
  )
}

const walls: number[] = []
const checks: number[] = []
for (let i = 0; i < CHECK_RUNS; i++) {
  const result = await run(['bin/dvw.js', 'check', '--sample', '--json'])
  if (result.code !== 0) throw new Error(`dvw check --sample exited ${result.code}`)
  walls.push(result.ms)
  checks.push((JSON.parse(result.stdout) as { check: { durationMs: number } }).check.durationMs)
}
const wall = median(walls)
const check = median(checks)
console.log(
  `B9 dvw check --sample: wall ${wall.toFixed(0)} ms, of which the check itself ${check.toFixed(0)} ms (${(wall / check).toFixed(2)}x; start-up and exit ${(wall - check).toFixed(0)} ms; aim <= ${CHECK_AIM_MS} ms wall: ${wall <= CHECK_AIM_MS ? 'met' : 'not met'}; median of ${CHECK_RUNS})`,
)
process.exitCode = ok ? 0 : 1
