/**
 * Generating one organization's default data (5,000 accounts + 50,000 contacts, plus users,
 * roles, teams and the custom tables) and indexing it, against the baseline of JSON.parse
 * materialising the same rows from text (the least any loader of this data must pay).
 */
import { generateOrgData } from '../emulator/dataverse/data-generator'
import { SCHEMA } from '../emulator/dataverse/schema'
import { OrgStore } from '../emulator/dataverse/store'

const ROUNDS = 5
const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number

const generated: number[] = []
const baseline: number[] = []
for (let i = 0; i < ROUNDS; i++) {
  let t = performance.now()
  const data = generateOrgData({
    orgName: 'contoso',
    seed: `bench-${i}`,
    accounts: 5000,
    contacts: 50_000,
    anchor: Date.now(),
  })
  new OrgStore(SCHEMA, data)
  generated.push(performance.now() - t)
  const text = JSON.stringify([...data.rows.values()])
  t = performance.now()
  JSON.parse(text)
  baseline.push(performance.now() - t)
}
const ratio = median(generated) / median(baseline)
console.log(
  `generate + index 55,000 rows: ${median(generated).toFixed(0)} ms (median of ${ROUNDS}); JSON.parse of the same rows ${median(baseline).toFixed(0)} ms; ratio ${ratio.toFixed(2)}×`,
)
