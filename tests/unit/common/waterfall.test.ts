import { describe, expect, it } from 'vitest'
import { buildWaterfall } from '@common/waterfall'
import { failedCheck } from '../../support/check-fixture'

describe('waterfall layout', () => {
  it('places steps and their requests on the check timeline and finds the critical path', () => {
    const waterfall = buildWaterfall(failedCheck())
    expect(waterfall.totalMs).toBe(420)
    // Skipped steps never started, so they have no bar.
    expect(waterfall.bars.filter((b) => b.kind === 'step').map((b) => b.label)).toEqual([
      'config',
      'dns',
      'discovery',
      'tls',
      'token',
    ])
    const token = waterfall.bars.find((b) => b.label === 'token')
    expect(token).toMatchObject({ startMs: 122, durationMs: 290, status: 'fail' })
    expect(waterfall.bars.find((b) => b.kind === 'request' && b.label.startsWith('POST'))).toMatchObject({
      startMs: 124,
      durationMs: 286,
      detail: 'HTTP 401',
    })
    // dns (2–32) and discovery (2–122) ran in parallel; token waited for discovery and tls (32–112).
    expect(waterfall.criticalPath).toEqual(['config', 'discovery', 'token'])
  })
})
