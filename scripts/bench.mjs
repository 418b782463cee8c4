// `npm run bench`: runs every benchmark in bench/ in turn (`*.ts` with tsx, `*.mjs` with node),
// showing each one's output as it comes, then a summary: one line per figure that has a target
// (the benchmark's own `… (target <= …) PASS|FAIL` line, without its detail), and one line for
// each benchmark that only informs. Each benchmark prints its result as a ratio to a baseline
// measured in the same run, so the figures mean the same on a busy or a quiet machine.
// Exit code: 1 when a figure misses its target, or a benchmark stops before it could tell (it
// exits non-zero); 0 otherwise.
import { spawn } from 'node:child_process'
import { readdirSync } from 'node:fs'
import { join } from 'node:path'

const dir = 'bench'
const files = readdirSync(dir)
  .filter((name) => name.endsWith('.ts') || name.endsWith('.mjs'))
  .sort()

/** A figure line: `B1 what: 1.08x (target <= 1.15x) PASS — detail`. */
const FIGURE = /^(.*\(target [^)]*\)\s+(PASS|FAIL))\b/

function run(file) {
  const [command, args] = file.endsWith('.ts')
    ? ['npx', ['tsx', join(dir, file)]]
    : [process.execPath, [join(dir, file)]]
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ['inherit', 'pipe', 'inherit'] })
    let output = ''
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk)
      output += chunk
    })
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), output }))
    child.on('error', (error) => resolve({ code: 127, output: String(error) }))
  })
}

const results = []
for (const file of files) {
  console.log(`\n=== ${file} ===`)
  const started = Date.now()
  const { code, output } = await run(file)
  const figures = output
    .split('\n')
    .map((line) => FIGURE.exec(line.trim()))
    .filter((match) => match !== null)
    .map((match) => ({ line: match[1], pass: match[2] === 'PASS' }))
  results.push({ file, code, figures, seconds: (Date.now() - started) / 1000 })
}

console.log('\n=== Summary: each figure against its target ===')
let passed = 0
let missed = 0
let stopped = 0
for (const { file, code, figures, seconds } of results) {
  for (const figure of figures) {
    console.log(`${figure.line}  [${file}]`)
    if (figure.pass) passed++
    else missed++
  }
  if (code !== 0 && figures.every((figure) => figure.pass)) {
    console.log(
      `FAIL ${file} stopped with exit code ${code} before all its figures were measured (see its output above)`,
    )
    stopped++
  } else if (figures.length === 0) {
    console.log(`${file}: informational, no target (${seconds.toFixed(0)} s)`)
  }
}
console.log(
  `${passed} of ${passed + missed} figures meet their target${stopped ? `; ${stopped} benchmark(s) stopped early` : ''}`,
)
process.exit(missed + stopped > 0 ? 1 : 0)
