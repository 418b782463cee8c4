import { describe, expect, it } from 'vitest'
import { DataverseFailure } from '../../../../emulator/dataverse/errors'
import { ServiceProtection } from '../../../../emulator/dataverse/service-protection'

function rejection(run: () => unknown): DataverseFailure {
  try {
    run()
  } catch (error) {
    if (error instanceof DataverseFailure) return error
    throw error
  }
  throw new Error('expected a 429')
}

describe('service protection', () => {
  it('admits windowRequests per sliding window, then answers 429 0x80072322 with Retry-After until the oldest request leaves', () => {
    let now = 1_000_000
    const protection = new ServiceProtection({ windowRequests: 3, windowSeconds: 60, concurrent: 10 }, () => now)
    const remaining: string[] = []
    for (let i = 0; i < 3; i++) {
      const admission = protection.admit('user')
      remaining.push(admission.headers['x-ms-ratelimit-burst-remaining-xrm-requests'] ?? '')
      admission.release()
      now += 10_000
    }
    expect(remaining).toEqual(['2', '1', '0'])
    const error = rejection(() => protection.admit('user'))
    expect(error).toMatchObject({
      status: 429,
      code: '0x80072322',
      message: 'Number of requests exceeded the limit of 3 over time window of 60 seconds.',
    })
    // The first request was at 1,000,000; it leaves the window at 1,060,000; now is 1,030,000.
    expect(error.headers['Retry-After']).toBe('30')
    now = 1_060_001
    expect(() => protection.admit('user').release()).not.toThrow()
    expect(() => protection.admit('someone else').release()).not.toThrow()
  })

  it('answers 429 0x80072326 when more requests than allowed are in flight, and admits again after a release', () => {
    const protection = new ServiceProtection({ windowRequests: 100, windowSeconds: 300, concurrent: 2 }, () => 0)
    const first = protection.admit('user')
    const second = protection.admit('user')
    const error = rejection(() => protection.admit('user'))
    expect(error).toMatchObject({
      status: 429,
      code: '0x80072326',
      message: 'Number of concurrent requests exceeded the limit of 2.',
    })
    expect(error.headers['Retry-After']).toBeDefined()
    first.release()
    first.release()
    const third = protection.admit('user')
    expect(() => protection.admit('user')).toThrow(DataverseFailure)
    second.release()
    third.release()
  })

  it("reports the remaining combined execution time in seconds, as Microsoft's capture shows it (1,200.00)", () => {
    const protection = new ServiceProtection({ windowRequests: 10, windowSeconds: 300, concurrent: 5 }, () => 0)
    expect(protection.admit('user').headers['x-ms-ratelimit-time-remaining-xrm-requests']).toBe('1,200.00')
  })

  it('spends the execution budget by how long requests run, then answers 429 0x80072321 until the time leaves the window', () => {
    let now = 5_000_000
    let elapsed = 0
    const protection = new ServiceProtection(
      { windowRequests: 100, windowSeconds: 60, concurrent: 5, executionMs: 3000 },
      () => now,
      () => elapsed,
    )
    const first = protection.admit('user')
    expect(first.headers['x-ms-ratelimit-time-remaining-xrm-requests']).toBe('3.00')
    elapsed += 1250
    first.release()
    now += 1000
    const second = protection.admit('user')
    expect(second.headers['x-ms-ratelimit-time-remaining-xrm-requests']).toBe('1.75')
    elapsed += 2000
    second.release()
    now += 1000
    const error = rejection(() => protection.admit('user'))
    expect(error).toMatchObject({
      status: 429,
      code: '0x80072321',
      message:
        'Combined execution time of incoming requests exceeded limit of 3,000 milliseconds over time window of 60 seconds. Decrease number of concurrent requests or reduce the duration of requests and try again later.',
    })
    // The first execution ended at 5,000,000 and leaves the window at 5,060,000; now is 5,002,000.
    expect(error.headers['Retry-After']).toBe('58')
    now = 5_060_001
    expect(protection.admit('user').headers['x-ms-ratelimit-time-remaining-xrm-requests']).toBe('1.00')
  })
})
