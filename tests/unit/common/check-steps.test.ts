/** The check's step table (common/check-steps.ts) is the one main runs and everyone else names steps from. */
import { describe, expect, it } from 'vitest'
import { CHECK_STEPS } from '@common/check-steps'
import { STEP_IDS, type StepId } from '@common/diagnostics'
import type { CheckKit } from '../../../main/diagnostics/check/context'
import { checkSteps } from '../../../main/diagnostics/check/run'
import { allSteps } from '../../../main/diagnostics/check/steps'

// The step factories only close over the kit; nothing here runs a step.
const kit = { retries: () => 0, state: { cloud: 'commercial' } } as unknown as CheckKit

describe('check step metadata', () => {
  it('has an entry for every step the check runs, and for nothing else', () => {
    const implemented = allSteps(kit).map((step) => step.id)
    expect([...implemented].sort()).toEqual([...STEP_IDS].sort())
    expect(Object.keys(CHECK_STEPS).sort()).toEqual([...STEP_IDS].sort())
    for (const [id, info] of Object.entries(CHECK_STEPS)) expect(info.id).toBe(id)
  })

  it('gives each step a title and says in one sentence what a pass proves', () => {
    for (const info of Object.values(CHECK_STEPS)) {
      expect(info.title.trim(), info.id).not.toBe('')
      expect(info.proves, info.id).toMatch(/^[A-Z][^]*\.$/)
      expect(info.proves.slice(0, -1), `${info.id}: one sentence`).not.toMatch(/[.!?]\s/)
    }
  })

  it('depends only on known steps, with no cycle, and lists each step after those it needs', () => {
    const known = new Set<string>(STEP_IDS)
    for (const info of Object.values(CHECK_STEPS))
      for (const dependency of info.dependsOn) expect(known.has(dependency), `${info.id} → ${dependency}`).toBe(true)
    const state = new Map<StepId, 'visiting' | 'done'>()
    const visit = (id: StepId, path: StepId[]): void => {
      if (state.get(id) === 'done') return
      if (state.get(id) === 'visiting') throw new Error(`cycle: ${[...path, id].join(' → ')}`)
      state.set(id, 'visiting')
      for (const dependency of CHECK_STEPS[id].dependsOn) visit(dependency, [...path, id])
      state.set(id, 'done')
    }
    for (const id of STEP_IDS) expect(() => visit(id, [])).not.toThrow()
    for (const [index, id] of STEP_IDS.entries())
      for (const dependency of CHECK_STEPS[id].dependsOn) expect(STEP_IDS.indexOf(dependency)).toBeLessThan(index)
  })

  it('is the graph main runs', () => {
    for (const step of checkSteps(kit)) expect(step.dependsOn).toEqual(CHECK_STEPS[step.id].dependsOn)
  })
})
