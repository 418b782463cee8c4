// `npm run bench`: runs every bench/*.ts in turn with tsx. Each prints its figures as ratios to a
// baseline measured in the same run, so results compare across machines and loads. Pass part of a
// file name to run only some (`npm run bench -- metadata`). Exits non-zero when one missed its target.
import { spawnSync } from 'node:child_process'
import { readdirSync } from 'node:fs'

const only = process.argv.slice(2)
const files = readdirSync('bench')
  .filter((name) => name.endsWith('.ts'))
  .filter((name) => only.length === 0 || only.some((wanted) => name.includes(wanted)))
  .sort()
const failed = []
for (const file of files) {
  console.log(`\n## ${file}`)
  const result = spawnSync('npx', ['tsx', `bench/${file}`], { stdio: 'inherit' })
  if (result.status !== 0) failed.push(file)
}
console.log(`\n${files.length - failed.length} passed, ${failed.length} failed`)
process.exit(failed.length === 0 ? 0 : 1)
