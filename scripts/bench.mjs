// `npm run bench`: runs every benchmark in bench/ in turn (`*.ts` with tsx, `*.mjs` with node)
// and prints each one's figures. Each benchmark prints its result as a ratio to a
// baseline measured in the same run, so the figures mean the same on a busy or a quiet machine.
import { spawn } from 'node:child_process'
import { readdirSync } from 'node:fs'
import { join } from 'node:path'

const dir = 'bench'
const files = readdirSync(dir)
  .filter((name) => name.endsWith('.ts') || name.endsWith('.mjs'))
  .sort()

function run(file) {
  const [command, args] = file.endsWith('.ts') ? ['npx', ['tsx', join(dir, file)]] : [process.execPath, [join(dir, file)]]
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: 'inherit' })
    child.on('close', (code, signal) => resolve(code ?? (signal ? 1 : 0)))
    child.on('error', () => resolve(127))
  })
}

const results = []
for (const file of files) {
  console.log(`\n=== ${file} ===`)
  const started = Date.now()
  const code = await run(file)
  results.push({ file, code, seconds: (Date.now() - started) / 1000 })
}
console.log('\nBenchmark                                 result  seconds')
for (const r of results) console.log(`${r.file.padEnd(40)}${(r.code === 0 ? 'ok' : `exit ${r.code}`).padStart(8)}${r.seconds.toFixed(1).padStart(9)}`)
const failed = results.filter((r) => r.code !== 0).length
console.log(`${results.length - failed} benchmarks ok, ${failed} failed`)
process.exit(failed ? 1 : 0)
