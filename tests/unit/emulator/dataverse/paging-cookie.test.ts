import { describe, expect, it } from 'vitest'
import { DataverseFailure } from '../../../../emulator/dataverse/errors'
import {
  fetchXmlPagingCookie,
  innerCookieXml,
  parseInnerCookie,
  parseSkipToken,
  skipToken,
} from '../../../../emulator/dataverse/paging-cookie'

const cookie = {
  page: 3,
  keys: [
    { name: 'createdon', last: '2026-11-26T09:15:00Z', first: '2026-01-01T00:00:00Z' },
    { name: 'name', last: 'Fabrikam "Labs" & <Co>', first: null },
    { name: 'accountid', last: '8c763875-bef5-4196-94f5-6ddb809f6eb6', first: '00000000-0000-4000-8000-000000000001' },
  ],
}

describe('paging cookies', () => {
  it('round-trip through $skiptoken keeping every value exactly (case, quotes, nulls) and normalising GUIDs', () => {
    const token = skipToken(cookie)
    expect(token).toMatch(
      /^<cookie pagenumber="4" pagingcookie="%253ccookie%2520page%253d%25223%2522%253e.*" istracking="False" \/>$/,
    )
    const parsed = parseSkipToken(token)
    expect(parsed.page).toBe(3)
    expect(parsed.keys).toEqual([
      { name: 'createdon', last: '2026-11-26T09:15:00Z' },
      { name: 'name', last: 'Fabrikam "Labs" & <Co>' },
      { name: 'accountid', last: '8c763875-bef5-4196-94f5-6ddb809f6eb6' },
    ])
  })

  it('shares the inner cookie with FetchXML, URL-encoded twice as Dataverse sends it', () => {
    const outer = fetchXmlPagingCookie(cookie)
    expect(outer).toMatch(/^<cookie pagenumber="4" pagingcookie="%253ccookie%2520page%253d%25223%2522%253e/)
    const inner = decodeURIComponent(decodeURIComponent(/pagingcookie="([^"]+)"/.exec(outer)?.[1] ?? ''))
    expect(inner).toBe(innerCookieXml(cookie))
    expect(inner).toContain('<accountid last="{8C763875-BEF5-4196-94F5-6DDB809F6EB6}"')
    expect(parseInnerCookie(inner).keys[2]?.last).toBe('8c763875-bef5-4196-94f5-6ddb809f6eb6')
  })

  it('refuses a tampered or foreign token with 400 0x80040203 instead of guessing', () => {
    for (const token of [
      'nonsense',
      '<cookie pagenumber="2" pagingcookie="%253cbad" istracking="False" />',
      skipToken(cookie).replace('pagenumber="4"', 'pagenumber="9"'),
    ]) {
      expect(() => parseSkipToken(token), token).toThrow(DataverseFailure)
    }
  })
})
