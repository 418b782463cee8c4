import { describe, expect, it } from 'vitest'
import {
  parseHeaderNumber,
  RATE_LIMIT_HEADERS,
  readBudgetHeaders,
  throttleReason,
} from '../../../../main/http/service-protection'

describe('service-protection headers', () => {
  it('reads the numbers as Dataverse writes them: bare integers and grouped seconds with decimals', () => {
    expect(parseHeaderNumber('5999')).toBe(5999)
    expect(parseHeaderNumber('1,200.00')).toBe(1200)
    expect(parseHeaderNumber(' 1,199.46 ')).toBe(1199.46)
    expect(parseHeaderNumber('1200000')).toBe(1_200_000)
    expect(parseHeaderNumber('0')).toBe(0)
  })

  it('treats anything else as not reported, never as zero', () => {
    for (const value of [null, undefined, '', 'abc', '1.200,00', '-5', '12,34', '1,2000', 'NaN', '0x10'])
      expect(parseHeaderNumber(value), String(value)).toBeNull()
  })

  it('takes the budget from a response like Microsoft’s WhoAmI capture', () => {
    const headers = new Headers({
      [RATE_LIMIT_HEADERS.requests]: '5999',
      [RATE_LIMIT_HEADERS.executionTime]: '1,200.00',
      [RATE_LIMIT_HEADERS.dopHint]: '48',
    })
    expect(readBudgetHeaders(headers)).toEqual({
      requestsRemaining: 5999,
      executionSecondsRemaining: 1200,
      dopHint: 48,
    })
    expect(readBudgetHeaders(new Headers({ 'content-type': 'application/json' }))).toEqual({
      requestsRemaining: null,
      executionSecondsRemaining: null,
      dopHint: null,
    })
  })

  it('names the limit of each documented 429 by its code, hexadecimal or decimal', () => {
    const body = (code: string, message = '') => JSON.stringify({ error: { code, message } })
    expect(
      throttleReason(
        body('0x80072322', 'Number of requests exceeded the limit of 6000 over time window of 300 seconds.'),
      ),
    ).toEqual({
      limit: 'requests',
      code: '0x80072322',
      message: 'Number of requests exceeded the limit of 6000 over time window of 300 seconds.',
    })
    expect(throttleReason(body('0x80072321')).limit).toBe('execution-time')
    expect(throttleReason(body('0x80072326')).limit).toBe('concurrency')
    expect(throttleReason(body('-2147015903')).limit).toBe('execution-time')
    expect(throttleReason(body('0X80072326')).limit).toBe('concurrency')
  })

  it('falls back to the documented wording, and says so when a 429 names no known limit', () => {
    expect(
      throttleReason('{"error":{"code":"0x0","message":"Number of concurrent requests exceeded the limit of 52."}}'),
    ).toMatchObject({ limit: 'concurrency', code: '0x0' })
    expect(
      throttleReason('Combined execution time of incoming requests exceeded limit of 1,200,000 milliseconds'),
    ).toEqual({
      limit: 'execution-time',
      code: null,
      message: 'Combined execution time of incoming requests exceeded limit of 1,200,000 milliseconds',
    })
    expect(throttleReason('')).toEqual({ limit: null, code: null, message: '' })
    expect(throttleReason('{"error":{"code":"0x80040220","message":"Too many"}}')).toMatchObject({ limit: null })
  })
})
