import { describe, expect, it } from 'vitest'
import { ServiceProtectionBudgets } from '../../../../main/http/service-protection-budget'
import type { DataverseResponseInfo } from '../../../../main/http/types'

const AT = new Date('2026-11-26T09:00:00.000Z')

function response(status: number, headers: Record<string, string>, body?: string, at = AT): DataverseResponseInfo {
  return { status, headers: new Headers(headers), at, body: body === undefined ? null : Promise.resolve(body) }
}

describe('ServiceProtectionBudgets', () => {
  it('keeps the latest numbers per connection and tells listeners each time', async () => {
    const budgets = new ServiceProtectionBudgets()
    const heard: number[] = []
    budgets.subscribe((record) => heard.push(record.requestsRemaining ?? -1))
    await budgets.record(
      'a',
      response(200, {
        'x-ms-ratelimit-burst-remaining-xrm-requests': '5999',
        'x-ms-ratelimit-time-remaining-xrm-requests': '1,200.00',
        'x-ms-dop-hint': '4',
      }),
    )
    await budgets.record('a', response(200, { 'x-ms-ratelimit-burst-remaining-xrm-requests': '5998' }))
    await budgets.record('b', response(200, { 'x-ms-ratelimit-burst-remaining-xrm-requests': '12' }))
    expect(budgets.get('a')).toMatchObject({
      responses: 2,
      requestsRemaining: 5998,
      // A response without the time header does not erase what the last one said.
      executionSecondsRemaining: 1200,
      dopHint: 4,
      observedAt: AT.toISOString(),
    })
    expect(budgets.get('b').requestsRemaining).toBe(12)
    expect(heard).toEqual([5999, 5998, 12])
  })

  it('counts a response without budget headers but does not date the budget by it', async () => {
    const budgets = new ServiceProtectionBudgets()
    await budgets.record('a', response(401, {}))
    expect(budgets.get('a')).toMatchObject({ responses: 1, observedAt: null, requestsRemaining: null })
  })

  it('keeps the last 429 with its limit, Retry-After and the instant it passes', async () => {
    const budgets = new ServiceProtectionBudgets()
    await budgets.record(
      'a',
      response(
        429,
        { 'retry-after': '42' },
        '{"error":{"code":"0x80072326","message":"Number of concurrent requests exceeded the limit of 52."}}',
      ),
    )
    expect(budgets.get('a').lastThrottle).toEqual({
      limit: 'concurrency',
      code: '0x80072326',
      message: 'Number of concurrent requests exceeded the limit of 52.',
      retryAfterSeconds: 42,
      at: '2026-11-26T09:00:00.000Z',
      retryAt: '2026-11-26T09:00:42.000Z',
    })
    await budgets.record('a', response(429, { 'retry-after': 'soon' }, 'not json'))
    expect(budgets.get('a').lastThrottle).toMatchObject({ limit: null, retryAfterSeconds: null, retryAt: null })
  })

  it('builds on the latest record when a 429 body is still being read as other responses arrive', async () => {
    const budgets = new ServiceProtectionBudgets()
    let finish: (body: string) => void = () => undefined
    const slow: DataverseResponseInfo = {
      status: 429,
      headers: new Headers({ 'retry-after': '5' }),
      at: AT,
      body: new Promise((resolve) => (finish = resolve)),
    }
    const pending = budgets.record('a', slow)
    await budgets.record('a', response(200, { 'x-ms-ratelimit-burst-remaining-xrm-requests': '10' }))
    finish('{"error":{"code":"0x80072322","message":""}}')
    await pending
    expect(budgets.get('a')).toMatchObject({ responses: 2, requestsRemaining: 10, lastThrottle: { limit: 'requests' } })
  })

  it('forgets a connection and announces the empty budget', async () => {
    const budgets = new ServiceProtectionBudgets()
    await budgets.record('a', response(200, { 'x-ms-ratelimit-burst-remaining-xrm-requests': '10' }))
    const heard: (number | null)[] = []
    budgets.subscribe((record) => heard.push(record.requestsRemaining))
    budgets.forget('a')
    budgets.forget('a')
    expect(budgets.get('a')).toMatchObject({ responses: 0, requestsRemaining: null })
    expect(heard).toEqual([null])
  })
})
