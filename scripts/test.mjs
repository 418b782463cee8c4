// `npm test`: every suite in order, then one summary line "N passed, N failed" over all of them.
// Suites that report per test (Vitest, Playwright) count their tests; the others count as one check.
import { spawn } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'

const reports = '.reports'
rmSync(reports, { recursive: true, force: true })
mkdirSync(reports, { recursive: true })

function run(command, args, env = {}) {
  return new Promise((resolve) => {
    // On Windows `npx` is npx.cmd, which only a shell can start.
    const child = spawn(command, args, {
      stdio: 'inherit',
      env: { ...process.env, ...env },
      shell: process.platform === 'win32',
    })
    child.on('close', (code, signal) => resolve(code ?? (signal ? 1 : 0)))
    child.on('error', () => resolve(127))
  })
}

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'))
  } catch {
    return undefined
  }
}

const checks = (code) => ({ passed: code === 0 ? 1 : 0, failed: code === 0 ? 0 : 1, skipped: 0 })

/** action-validator on every workflow file; one check for all of them. */
async function lintWorkflows() {
  const dir = join('.github', 'workflows')
  const files = existsSync(dir) ? readdirSync(dir).filter((name) => /\.ya?ml$/.test(name)) : []
  let code = 0
  for (const file of files) {
    const result = await run('npx', ['action-validator', join(dir, file)])
    if (result !== 0) console.log(`workflow lint: ${file} is not a valid GitHub Actions workflow`)
    code ||= result
  }
  console.log(`workflow lint: ${files.length} file(s) checked`)
  return code
}

const steps = [
  { name: 'typecheck (node)', run: () => run('npx', ['tsc', '-p', 'tsconfig.node.json']).then(checks) },
  { name: 'typecheck (web)', run: () => run('npx', ['tsc', '-p', 'tsconfig.web.json']).then(checks) },
  { name: 'typecheck (e2e)', run: () => run('npx', ['tsc', '-p', 'tsconfig.e2e.json']).then(checks) },
  { name: 'lint (eslint, prettier, knip)', run: () => run('npm', ['run', 'lint', '--silent']).then(checks) },
  { name: 'workflow lint', run: () => lintWorkflows().then(checks) },
  {
    name: 'vitest (node + renderer)',
    run: async () => {
      const file = join(reports, 'vitest.json')
      const code = await run('npx', ['vitest', 'run'], { VITEST_JSON_REPORT: file })
      const report = readJson(file)
      if (!report) return { passed: 0, failed: 1, skipped: 0 }
      const failed = report.numFailedTests + (code !== 0 && report.numFailedTests === 0 ? 1 : 0)
      return { passed: report.numPassedTests, failed, skipped: report.numPendingTests + report.numTodoTests }
    },
  },
  { name: 'build', run: () => run('npx', ['electron-vite', 'build']).then(checks) },
  {
    name: 'playwright e2e',
    needs: 'build',
    run: async () => {
      const file = join(reports, 'playwright.json')
      const code = await run('npx', ['playwright', 'test'], { PLAYWRIGHT_JSON_REPORT: file })
      const stats = readJson(file)?.stats
      if (!stats) return { passed: 0, failed: 1, skipped: 0 }
      const failed = stats.unexpected + (code !== 0 && stats.unexpected === 0 ? 1 : 0)
      return { passed: stats.expected + stats.flaky, failed, skipped: stats.skipped }
    },
  },
  {
    name: 'packaging (electron-builder --dir)',
    needs: 'build',
    run: () => run('node', ['scripts/pack-check.mjs']).then(checks),
  },
  {
    name: 'security gate (electronegativity)',
    needs: 'build',
    run: () => run('node', ['scripts/security-gate.mjs']).then(checks),
  },
]

const results = []
for (const step of steps) {
  const dependency = step.needs && results.find((r) => r.name === step.needs)
  if (dependency && dependency.failed) {
    console.log(`\n=== ${step.name}: not run, because ${step.needs} failed ===`)
    results.push({ name: step.name, passed: 0, failed: 1, skipped: 0, seconds: 0 })
    continue
  }
  console.log(`\n=== ${step.name} ===`)
  const started = Date.now()
  const outcome = await step.run()
  results.push({ name: step.name, ...outcome, seconds: (Date.now() - started) / 1000 })
}

console.log('\nSuite                                   passed  failed  skipped  seconds')
for (const r of results) {
  console.log(
    `${r.name.padEnd(40)}${String(r.passed).padStart(6)}${String(r.failed).padStart(8)}${String(r.skipped).padStart(9)}${r.seconds.toFixed(1).padStart(9)}`,
  )
}
if (!existsSync('node_modules/electron/path.txt')) {
  console.log(
    '(The Electron Playwright project did not run: no Electron binary on this machine. See playwright.config.ts.)',
  )
}
const passed = results.reduce((sum, r) => sum + r.passed, 0)
const failed = results.reduce((sum, r) => sum + r.failed, 0)
console.log(`${passed} passed, ${failed} failed`)
process.exit(failed ? 1 : 0)
