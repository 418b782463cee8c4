import { describe, expect, it } from 'vitest'
import { editDistance, suggest } from '@common/odata'

describe('editDistance', () => {
  it.each([
    ['select', 'select', 0],
    ['selct', 'select', 1],
    ['slect', 'select', 1],
    ['sleect', 'select', 1],
    ['fitler', 'filter', 1],
    ['', 'abc', 3],
    ['abc', '', 3],
    ['account', 'accounts', 1],
    ['opportunity', 'opportunities', 3],
  ])('%s → %s is %i', (a, b, distance) => {
    expect(editDistance(a, b)).toBe(distance)
  })
})

describe('suggest', () => {
  it('ranks a case-only difference first, then by distance, at most three', () => {
    expect(suggest('Name', ['fullname', 'name', 'nme', 'names'])).toEqual(['name', 'names', 'nme'])
  })

  it('allows more edits for longer names and none for a short unrelated one', () => {
    expect(suggest('revnue', ['revenue', 'createdon'])).toEqual(['revenue'])
    expect(suggest('ab', ['xy', 'cd'])).toEqual([])
  })

  it('offers names that contain what was typed after closer matches', () => {
    expect(suggest('email', ['emailaddress1', 'telephone1'])).toEqual(['emailaddress1'])
    expect(suggest('name', ['fullname', 'nam'])).toEqual(['nam', 'fullname'])
  })

  it('never suggests the input itself', () => {
    expect(suggest('name', ['name'])).toEqual([])
  })
})
