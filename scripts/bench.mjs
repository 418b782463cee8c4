// `npm run bench`: runs every bench/*.ts in turn. Each prints its figures as ratios to a baseline
// measured in the same run, so results compare across machines and loads.
import { spawnSync } from 'node:child_process'
import { readdirSync } from 'node:fs'

const files = readdirSync('bench')
  .filter((name) => name.endsWith('.ts'))
  .sort()
let failed = 0
for (const file of files) {
  console.log(`\n## ${file}`)
  const result = spawnSync('npx', ['tsx', `bench/${file}`], { stdio: 'inherit' })
  if (result.status !== 0) failed++
}
process.exit(failed === 0 ? 0 : 1)
