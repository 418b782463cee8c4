// `npm run bench`: runs every bench/*.bench.ts in turn with tsx; each prints its figures as
// ratios to a baseline measured in the same run. Exits non-zero when a benchmark missed its target.
import { spawnSync } from 'node:child_process'
import { readdirSync } from 'node:fs'
import { join } from 'node:path'

const only = process.argv.slice(2)
const files = readdirSync('bench')
  .filter((name) => name.endsWith('.bench.ts'))
  .filter((name) => only.length === 0 || only.some((wanted) => name.includes(wanted)))
  .sort()

const failed = []
for (const file of files) {
  console.log(`\n=== ${file} ===`)
  const result = spawnSync(process.execPath, ['--import', 'tsx', join('bench', file)], { stdio: 'inherit' })
  if (result.status !== 0) failed.push(file)
}
console.log(`\n${files.length - failed.length} passed, ${failed.length} failed`)
process.exit(failed.length ? 1 : 0)
