import { describe, expect, it } from 'vitest'
import { formatConditions, parseCondition } from '../../../emulator'

describe('org conditions as written on the command line', () => {
  it('parses each condition and writes it back the same way', () => {
    const cases: [string, object][] = [
      ['throttled', { throttled: 30 }],
      ['throttled:5', { throttled: 5 }],
      ['slow:300', { slow: 300 }],
      ['flaky:3', { flaky: 3 }],
      ['dop-hint:8', { dopHint: 8 }],
      ['environment-disabled', { environmentDisabled: true }],
      ['admin-mode', { adminMode: true }],
      ['tls-untrusted', { tlsUntrusted: true }],
      ['ip-firewall', { ipFirewall: 'block' }],
      ['ip-firewall:allow-app-users', { ipFirewall: 'allow-app-users' }],
      ['api-restricted', { apiRestricted: true }],
      ['throttled-execution-time:45', { throttledExecutionTime: 45 }],
      ['throttled-concurrency:2', { throttledConcurrency: 2 }],
    ]
    for (const [text, conditions] of cases) {
      expect(parseCondition(text)).toEqual(conditions)
      expect(formatConditions(parseCondition(text))).toEqual([text === 'throttled' ? 'throttled:30' : text])
    }
  })

  it('explains what is wrong with a bad condition', () => {
    expect(() => parseCondition('slow')).toThrow(/'slow' needs a positive whole number of milliseconds/)
    expect(() => parseCondition('flaky:0')).toThrow(/positive whole number/)
    expect(() => parseCondition('admin-mode:1')).toThrow(/takes no value/)
    expect(() => parseCondition('ip-firewall:open')).toThrow(/'ip-firewall' takes no value or 'allow-app-users'/)
    expect(() => parseCondition('throttled-concurrency:0')).toThrow(/positive whole number of seconds/)
    expect(() => parseCondition('sleepy')).toThrow(/Unknown condition 'sleepy'. Known: throttled, slow, flaky/)
  })
})
