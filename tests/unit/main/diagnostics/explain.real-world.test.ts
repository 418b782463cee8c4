/**
 * Accuracy of explain() on error texts people pasted into public issues and pages (placeholders
 * stand in for ids, tenants and names). Rows marked heldOut were set aside when the set was
 * collected and were not used while writing the recognisers; rows collected "after-rules" were
 * gathered only once the recognisers were written, and were measured once, untouched.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { CATALOG_IDS } from '@common/diagnostics'
import { explain } from '../../../../main/diagnostics/explain'

const RowSchema = z.object({
  source: z.string().url(),
  expected: z.string(),
  heldOut: z.boolean(),
  shape: z.string(),
  collected: z.literal('after-rules').optional(),
  text: z.string().min(1),
})
type Row = z.infer<typeof RowSchema>

const FILE = join(__dirname, '../../../fixtures/explain-real-world/texts.jsonl')
const ROWS: readonly Row[] = readFileSync(FILE, 'utf8')
  .split('\n')
  .filter((line) => line.trim())
  .map((line) => RowSchema.parse(JSON.parse(line)))

function accuracy(rows: readonly Row[]): { right: number; total: number; misses: string[] } {
  const misses: string[] = []
  for (const row of rows) {
    const top = explain(row.text).diagnoses[0]?.id ?? null
    if (top !== row.expected) misses.push(`${row.source}: expected ${row.expected}, got ${top}`)
  }
  return { right: rows.length - misses.length, total: rows.length, misses }
}

const percent = (right: number, total: number) => `${((100 * right) / total).toFixed(1)} % (${right}/${total})`

describe('explain() on real-world texts', () => {
  it('has at least 40 texts, each with a source and an expected id the catalog knows, and a held-out part', () => {
    expect(ROWS.length).toBeGreaterThanOrEqual(40)
    expect(ROWS.filter((row) => row.heldOut).length).toBeGreaterThanOrEqual(20)
    for (const row of ROWS) expect(CATALOG_IDS as readonly string[], row.source).toContain(row.expected)
    for (const row of ROWS.filter((row) => row.collected === 'after-rules')) expect(row.heldOut, row.source).toBe(true)
  })

  it('names the right cause first for at least 95 % of the held-out texts', () => {
    const tuning = accuracy(ROWS.filter((row) => !row.heldOut))
    const heldOut = accuracy(ROWS.filter((row) => row.heldOut))
    const afterRules = accuracy(ROWS.filter((row) => row.collected === 'after-rules'))
    console.log(
      `explain accuracy: tuning ${percent(tuning.right, tuning.total)}, held-out ${percent(heldOut.right, heldOut.total)}` +
        ` (of which collected after the rules ${percent(afterRules.right, afterRules.total)})`,
    )
    for (const miss of [...tuning.misses, ...heldOut.misses]) console.log(`  miss: ${miss}`)
    expect(heldOut.right / heldOut.total).toBeGreaterThanOrEqual(0.95)
  })
})
