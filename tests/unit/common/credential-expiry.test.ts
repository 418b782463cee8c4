import { describe, expect, it } from 'vitest'
import { credentialExpiry, describeExpiry, expiryOf } from '@common/credential-expiry'

const NOW = new Date('2026-11-26T12:00:00Z')

describe('credential expiry', () => {
  it('says nothing without a date, for an unreadable one, or when the expiry is 30 days away or more', () => {
    expect(credentialExpiry(undefined, NOW)).toBeNull()
    expect(credentialExpiry('someday', NOW)).toBeNull()
    expect(credentialExpiry('2026-12-26', NOW)).toBeNull()
  })

  it('warns in the last 30 days, counting a date as valid through its end (UTC)', () => {
    expect(credentialExpiry('2026-12-25', NOW)).toEqual({ state: 'soon', on: '2026-12-25', days: 29 })
    expect(credentialExpiry('2026-11-26', NOW)).toEqual({ state: 'soon', on: '2026-11-26', days: 0 })
    expect(credentialExpiry('2026-11-27T11:00:00.000Z', NOW)).toEqual({
      state: 'soon',
      on: '2026-11-27T11:00:00.000Z',
      days: 0,
    })
  })

  it('says how long ago it expired', () => {
    expect(credentialExpiry('2026-11-25', NOW)).toMatchObject({ state: 'expired', days: 0 })
    expect(credentialExpiry('2026-11-20', NOW)).toMatchObject({ state: 'expired', days: 5 })
  })

  it('reads the date of either kind of credential and words it for people', () => {
    expect(expiryOf({ kind: 'secret', expiresOn: '2027-03-01' })).toBe('2027-03-01')
    expect(expiryOf({ kind: 'certificate', notAfter: '2027-03-01T00:00:00.000Z' })).toBe('2027-03-01T00:00:00.000Z')
    expect(describeExpiry({ state: 'soon', on: 'x', days: 0 })).toBe('expires today')
    expect(describeExpiry({ state: 'soon', on: 'x', days: 1 })).toBe('expires in 1 day')
    expect(describeExpiry({ state: 'soon', on: 'x', days: 12 })).toBe('expires in 12 days')
    expect(describeExpiry({ state: 'expired', on: 'x', days: 0 })).toBe('expired today')
    expect(describeExpiry({ state: 'expired', on: 'x', days: 3 })).toBe('expired 3 days ago')
  })
})
