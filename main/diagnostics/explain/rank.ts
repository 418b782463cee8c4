import type { CatalogId, Confidence } from '@common/diagnostics'
import type { Finding } from './rules'

const RANK: Record<Confidence, number> = { high: 0, medium: 1, low: 2 }

/**
 * Codes that only say "something inside failed": a plug-in that threw, a generic server fault.
 * Whatever else was found about what failed inside them is the cause to fix, so they go last.
 */
const WRAPPERS: ReadonlySet<CatalogId> = new Set(['plugin-error', 'server-error'])

/**
 * Keeps the best finding per id (a higher confidence beats a lower one) and orders them: wrappers
 * last, then by confidence. Pasted text and a failure's facts are ranked by the same rule.
 */
export function rankFindings(findings: readonly Finding[]): Finding[] {
  const best = new Map<CatalogId, Finding>()
  for (const finding of findings) {
    const current = best.get(finding.id)
    if (!current || RANK[finding.confidence] < RANK[current.confidence]) best.set(finding.id, finding)
  }
  const wrapper = (finding: Finding) => (WRAPPERS.has(finding.id) ? 1 : 0)
  return [...best.values()].sort((a, b) => wrapper(a) - wrapper(b) || RANK[a.confidence] - RANK[b.confidence])
}
