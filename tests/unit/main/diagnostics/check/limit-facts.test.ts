import { describe, expect, it } from 'vitest'
import { PLATFORM_LIMITS, platformLimitFacts } from '../../../../../main/diagnostics/check/limit-facts'

describe('platform limits in the limits step', () => {
  it('gives every number its Microsoft Learn source and a date', () => {
    const facts = platformLimitFacts()
    expect(facts).toHaveLength(PLATFORM_LIMITS.length)
    for (const fact of facts) {
      expect(fact.value).toMatch(/Source: https:\/\/learn\.microsoft\.com\/\S+ \(as of \d{4}(-\d{2}-\d{2})?\)\.$/)
    }
  })

  it('states the current numbers: service protection, the non-licensed pool and the non-interactive user cap', () => {
    const text = platformLimitFacts()
      .map((fact) => fact.value)
      .join('\n')
    for (const number of [
      '6,000 requests',
      '20 minutes',
      '52 concurrent',
      '500,000 + 5,000',
      '10,000,000',
      '25,000',
      'At most 7',
    ])
      expect(text).toContain(number)
    expect(text).toMatch(/inside a \$batch counts/)
  })

  it('does not present the non-licensed pool as an enforced limit', () => {
    const pool = PLATFORM_LIMITS.find((limit) => limit.label.includes('non-licensed'))
    expect(pool?.enforced).toBe(false)
    expect(pool?.value).toContain('Not enforced yet')
    for (const limit of PLATFORM_LIMITS.filter((candidate) => !candidate.enforced))
      expect(limit.value).toMatch(/not enforced/i)
  })
})
