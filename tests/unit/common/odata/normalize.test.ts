import { describe, expect, it } from 'vitest'
import { normalizeQuery, parseRequest } from '@common/odata'

describe('normalizeQuery', () => {
  it('joins one option per line with &, dropping indentation, comments and blank lines', () => {
    const text = [
      'accounts',
      '  // the biggest customers',
      '  ?$select=name,',
      '     accountid',
      '',
      '  &$filter=revenue gt 1000',
      '     and statecode eq 0',
      '  # newest first',
      '  $orderby=createdon desc',
      '  $top=5',
      '',
    ].join('\n')
    expect(normalizeQuery(text)).toEqual({
      path: 'accounts',
      query:
        '$select=name,accountid&$filter=revenue%20gt%201000%20and%20statecode%20eq%200&$orderby=createdon%20desc&$top=5',
      url: 'accounts?$select=name,accountid&$filter=revenue%20gt%201000%20and%20statecode%20eq%200&$orderby=createdon%20desc&$top=5',
    })
  })

  it('handles Windows line breaks and lines starting with & or ?', () => {
    expect(normalizeQuery('accounts\r\n?$top=1\r\n&$select=name\r\n').url).toBe('accounts?$top=1&$select=name')
  })

  it.each([
    ["'AT&T'", "'AT%26T'"],
    ["'50% off'", "'50%25%20off'"],
    ["'#1'", "'%231'"],
    ["'O''Brien'", "'O''Brien'"],
    ["'a+b'", "'a%2Bb'"],
    ['\'say "hi"\'', "'say%20%22hi%22'"],
    ["'Zoë'", "'Zo%C3%AB'"],
    ["'a;b,c(d)'", "'a;b,c(d)'"],
  ])('encodes the literal %s as %s', (literal, encoded) => {
    const { url } = normalizeQuery(`contacts?$filter=lastname eq ${literal}&$top=1`)
    expect(url).toBe(`contacts?$filter=lastname%20eq%20${encoded}&$top=1`)
  })

  it('keeps OData punctuation readable', () => {
    expect(
      normalizeQuery(
        "accounts?$expand=primarycontactid($select=fullname;$filter=contains(fullname,'a'))&$filter=Microsoft.Dynamics.CRM.In(PropertyName='name',PropertyValues=['a','b'])&@p1='x'",
      ).url,
    ).toBe(
      "accounts?$expand=primarycontactid($select=fullname;$filter=contains(fullname,'a'))&$filter=Microsoft.Dynamics.CRM.In(PropertyName='name',PropertyValues=['a','b'])&@p1='x'",
    )
  })

  it('drops a pasted host and API prefix', () => {
    expect(normalizeQuery('https://contoso.crm.dynamics.com/api/data/v9.2/accounts?$top=1').url).toBe('accounts?$top=1')
    expect(normalizeQuery('/api/data/v9.2/WhoAmI').url).toBe('WhoAmI')
    expect(normalizeQuery('  WhoAmI()  ')).toEqual({ path: 'WhoAmI()', query: '', url: 'WhoAmI()' })
  })

  it('encodes ? and / inside a key string in the path, and keeps spaces in it', () => {
    expect(normalizeQuery("contacts(emailaddress1='a?b/c@x.com')").path).toBe(
      "contacts(emailaddress1='a%3Fb%2Fc@x.com')",
    )
    expect(normalizeQuery("contacts(fullname='John Smith')?$select=fullname").url).toBe(
      "contacts(fullname='John%20Smith')?$select=fullname",
    )
  })

  it('encodes a FetchXML value as a whole, over several lines', () => {
    const text =
      "accounts?fetchXml=<fetch top='5'>\n  <entity name='account'>\n    <attribute name='name'/>\n  </entity>\n</fetch>"
    const { url } = normalizeQuery(text)
    expect(url.startsWith('accounts?fetchXml=%3Cfetch%20top%3D')).toBe(true)
    expect(decodeURIComponent(url.slice('accounts?fetchXml='.length))).toBe(
      "<fetch top='5'> <entity name='account'> <attribute name='name'/> </entity> </fetch>",
    )
  })

  it('produces a URL whose decoded query parses to the same options as the editor text', () => {
    const text = "accounts\n$filter=name eq 'AT&T' or name eq '50% off'\n$select=name"
    const { url } = normalizeQuery(text)
    const decoded = decodeURIComponent(url)
    const original = parseRequest(text)
    const sent = parseRequest(decoded)
    expect(sent.ok && original.ok).toBe(true)
    if (!sent.ok || !original.ok) return
    expect(
      sent.value.options.filter && JSON.stringify(sent.value.options.filter, (k, v) => (k === 'span' ? undefined : v)),
    ).toBe(
      original.value.options.filter &&
        JSON.stringify(original.value.options.filter, (k, v) => (k === 'span' ? undefined : v)),
    )
  })

  it('returns empty parts for empty text', () => {
    expect(normalizeQuery('   \n  // nothing\n')).toEqual({ path: '', query: '', url: '' })
  })
})
