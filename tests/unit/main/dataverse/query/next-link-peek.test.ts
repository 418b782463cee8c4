import { describe, expect, it } from 'vitest'
import { sqlGuidNumber } from '@common/query/sql-guid-order'
import { peekKeySpan, peekNextLink } from '../../../../../main/dataverse/query/next-link-peek'

const LINK =
  'https://contoso.crm.dynamics.com/api/data/v9.2/accounts?$select=name&$skiptoken=%3Ccookie%20pagenumber=%222%22%20pagingcookie=%22%253ccookie%2520page%253d%25221%2522%253e%253caccountid%2520last%253d%2522%257b7D577E7A%257d%2522%2520first%253d%2522%257b475B158C%257d%2522%2520%252f%253e%253c%252fcookie%253e%22%20istracking=%22False%22%20/%3E'

/** What a parser makes of the page: the top-level link, or null. */
function parsedLink(text: string): string | null {
  const body = JSON.parse(text) as { '@odata.nextLink'?: string }
  return body['@odata.nextLink'] ?? null
}

const rows = [
  { '@odata.etag': 'W/"1"', name: 'Fourth Coffee', accountid: '475b158c-541c-e511-80d3-3863bb347ba8' },
  { '@odata.etag': 'W/"2"', name: 'Litware, Inc.', accountid: '7d577e7a-541c-e511-80d3-3863bb347ba8' },
]

describe('peekNextLink', () => {
  it('reads the link of a compact Dataverse page without parsing it', () => {
    const text = JSON.stringify({ '@odata.context': 'x', value: rows, '@odata.nextLink': LINK })
    expect(peekNextLink(text)).toEqual({ kind: 'link', link: LINK })
  })

  it('says the range ends when the rows are the last member and there is no link', () => {
    expect(peekNextLink(JSON.stringify({ '@odata.context': 'x', value: rows }))).toEqual({ kind: 'end' })
  })

  it('decodes the link as JSON does (escaped slashes and unicode)', () => {
    const text = `{"value":[{"a":1}],"@odata.nextLink":"https:\\/\\/org\\/api?$skiptoken=\\u0026x"}`
    expect(peekNextLink(text)).toEqual({ kind: 'link', link: parsedLink(text) })
  })

  it.each([
    ['pretty-printed text', JSON.stringify({ value: rows, '@odata.nextLink': LINK }, null, 2)],
    ['an empty page', JSON.stringify({ value: [], '@odata.nextLink': LINK })],
    ['a member after the link', JSON.stringify({ value: rows, '@odata.nextLink': LINK, '@odata.count': 2 })],
    ['an annotation after the rows', JSON.stringify({ value: rows, '@odata.count': 2 })],
    ['a nested link last', JSON.stringify({ value: rows, '@odata.nextLink': LINK, x: { '@odata.nextLink': 'y' } })],
    ['not JSON', 'Service Unavailable'],
    ['a cut-off string', `{"value":[{"a":1}],"@odata.nextLink":"https://org/api?x}`],
  ])('is unsure, so the page is parsed first, on %s', (_name, text) => {
    expect(peekNextLink(text)).toEqual({ kind: 'unsure' })
  })

  it('is not fooled by the link text inside a row value or an expanded collection', () => {
    const tricky = [
      { name: '"@odata.nextLink":"https://elsewhere"', accountid: 'a' },
      { name: 'x', contact_customer_accounts: [], 'contact_customer_accounts@odata.nextLink': 'https://nested' },
    ]
    for (const body of [{ value: tricky }, { value: tricky, '@odata.nextLink': LINK }]) {
      const text = JSON.stringify(body)
      const peek = peekNextLink(text)
      expect(peek.kind).not.toBe('unsure')
      expect(peek.kind === 'link' ? peek.link : null).toBe(parsedLink(text))
    }
  })

  it('never claims a link other than the one JSON.parse finds', () => {
    const bodies = [
      { value: rows },
      { value: rows, '@odata.nextLink': LINK },
      { value: rows, '@odata.nextLink': 'a"b\\c' },
      { '@odata.nextLink': LINK, value: rows },
      { value: [{ '@odata.nextLink': 'inner' }], '@odata.nextLink': 'outer' },
    ]
    for (const body of bodies) {
      const text = JSON.stringify(body)
      const peek = peekNextLink(text)
      if (peek.kind !== 'unsure') expect(peek.kind === 'link' ? peek.link : null).toBe(parsedLink(text))
    }
  })
})

describe('peekKeySpan', () => {
  const ids = [
    '0f2a6e3b-1d6b-ee11-8def-000d3a5c1e7f',
    '5a9f6e3b-1d6b-ee11-8def-000d3a5c1e7f',
    'a1b2c3d4-1d6b-ee11-8def-000d3a5c1e7f',
  ]
  const page = (values: string[]) =>
    JSON.stringify({ value: values.map((accountid) => ({ '@odata.etag': 'W/"1"', name: 'x', accountid })) })

  it("reads the first and last rows' keys from the text, as numbers in SQL Server's order", () => {
    // The three differ only in their first group, which SQL Server compares last, byte-reversed: 3b6e2a0f < 3b6e9f5a < d4c3b2a1.
    expect(peekKeySpan(page(ids), 'accountid')).toEqual({
      first: sqlGuidNumber(ids[0]!),
      last: sqlGuidNumber(ids[2]!),
    })
  })

  it('says nothing for a page of one row, a missing column, or keys that do not ascend', () => {
    expect(peekKeySpan(page(ids.slice(0, 1)), 'accountid')).toBeNull()
    expect(peekKeySpan(page(ids), 'contactid')).toBeNull()
    expect(peekKeySpan(page([...ids].reverse()), 'accountid')).toBeNull()
    expect(
      peekKeySpan(JSON.stringify({ value: [{ accountid: 'not-a-guid' }, { accountid: 'x' }] }), 'accountid'),
    ).toBeNull()
  })
})
