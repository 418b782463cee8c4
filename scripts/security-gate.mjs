// Electronegativity gate: fails on any HIGH or MEDIUM finding. Electronegativity itself exits 0
// whatever it finds, so this script runs it through its programmatic API and judges the result.
// A suppression is an inline `// eng-disable CHECK_ID` comment, which must carry a reason on the
// same line (checked below).
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'

const require = createRequire(import.meta.url)
const run = require('@doyensec/electronegativity/dist/runner.js')

// The source that ships, plus the built index.html: its CSP <meta> is injected at build time.
const staging = mkdtempSync(join(tmpdir(), 'dvw-eng-'))
for (const dir of ['main', 'preload', 'renderer/src', 'common']) cpSync(dir, join(staging, dir), { recursive: true })
const builtHtml = 'out/renderer/index.html'
if (!existsSync(builtHtml)) {
  console.error('security-gate: out/renderer/index.html is missing; run `npm run build` first.')
  process.exit(1)
}
cpSync(builtHtml, join(staging, 'renderer/index.html'))

const unexplained = []
function scanSuppressions(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) scanSuppressions(path)
    else if (/\.(ts|tsx|js|html)$/.test(name)) {
      readFileSync(path, 'utf8')
        .split('\n')
        .forEach((line, index) => {
          const match = line.match(/eng-disable\s+([A-Z_ ]+?)\s*(?:--\s*(.*))?$/)
          if (match && !(match[2] && match[2].trim().length > 10)) {
            unexplained.push(`${relative(staging, path)}:${index + 1}: eng-disable without a reason ("-- why")`)
          }
        })
    }
  }
}
scanSuppressions(staging)

const originalLog = console.log
console.log = () => {} // its i18n loader chatters ("Could not retrieve updated translations")
let result
try {
  result = await run({
    input: staging,
    isRelative: true,
    electronVersionOverride: JSON.parse(readFileSync('node_modules/electron/package.json', 'utf8')).version,
    // This check fetches Electron's release list from GitHub, which CI cannot reach.
    excludeFromScan: ['AvailableSecurityFixesGlobalCheck'],
  })
} finally {
  console.log = originalLog
}
rmSync(staging, { recursive: true, force: true })

const blocking = result.issues.filter((issue) => ['HIGH', 'MEDIUM'].includes(issue.severity.name))
const advisory = result.issues.filter((issue) => !['HIGH', 'MEDIUM'].includes(issue.severity.name))
for (const issue of advisory) {
  console.log(
    `  advisory ${issue.severity.name} ${issue.id} ${issue.file}:${issue.location.line} (${issue.confidence.name})`,
  )
}
for (const issue of blocking) {
  console.error(
    `  BLOCKING ${issue.severity.name} ${issue.id} ${issue.file}:${issue.location.line}: ${issue.description}`,
  )
}
for (const line of unexplained) console.error(`  ${line}`)
console.log(
  `security-gate: ${result.atomicChecks} atomic + ${result.globalChecks} global checks, ` +
    `${blocking.length} HIGH/MEDIUM, ${advisory.length} advisory, ${result.errors.length} parse errors`,
)
if (result.errors.length)
  for (const error of result.errors) console.error(`  parse error in ${error.file}: ${error.message}`)
process.exit(blocking.length || unexplained.length || result.errors.some((e) => !e.tolerable) ? 1 : 0)
