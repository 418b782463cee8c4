import { describe, expect, it } from 'vitest'
import { fetchXmlAttributeName, fetchXmlContextAt, fetchXmlRequestPath } from '@common/query/fetchxml'

/** `|` marks the cursor. */
function at(marked: string) {
  const offset = marked.indexOf('|')
  return fetchXmlContextAt(marked.replace('|', ''), offset)
}

describe('FetchXML', () => {
  it('sends the document as ?fetchXml= on the entity set of its table, compacted and encoded', () => {
    const xml = `<fetch top="5">\n  <!-- demo -->\n  <entity name="account">\n    <attribute name="name" />\n  </entity>\n</fetch>`
    const result = fetchXmlRequestPath(xml, (table) => (table === 'account' ? 'accounts' : undefined))
    expect(result).toEqual({
      ok: true,
      entitySet: 'accounts',
      path: `accounts?fetchXml=${encodeURIComponent('<fetch top="5"><entity name="account"><attribute name="name" /></entity></fetch>')}`,
    })
    expect(fetchXmlRequestPath('<fetch/>', () => 'x')).toMatchObject({
      ok: false,
      message: expect.stringContaining('<entity name'),
    })
    expect(fetchXmlRequestPath('<fetch><entity name="acount"/></fetch>', () => undefined)).toMatchObject({
      ok: false,
      message: expect.stringContaining('"acount"'),
    })
  })

  it('maps Web API lookup columns to FetchXML attribute names', () => {
    expect(fetchXmlAttributeName('_parentcustomerid_value')).toBe('parentcustomerid')
    expect(fetchXmlAttributeName('name')).toBe('name')
  })

  it.each([
    ['<fetch><entity name="acc|', { kind: 'entity', prefix: 'acc' }],
    ['<fetch><entity name="account"><attribute name="na|', { kind: 'attribute', table: 'account', prefix: 'na' }],
    [
      '<fetch><entity name="account"><attribute name="name"/><order attribute="|',
      { kind: 'attribute', table: 'account', prefix: '' },
    ],
    [
      '<fetch><entity name="account"><link-entity name="contact" from="parentcustomerid" to="accountid"><attribute name="full|',
      { kind: 'attribute', table: 'contact', prefix: 'full' },
    ],
    [
      '<fetch><entity name="account"><link-entity name="contact" from="|',
      { kind: 'attribute', table: 'contact', prefix: '' },
    ],
    [
      '<fetch><entity name="account"><link-entity name="contact" from="x" to="acc|',
      { kind: 'attribute', table: 'account', prefix: 'acc' },
    ],
    [
      '<fetch><entity name="account"><link-entity name="contact" from="a" to="b"></link-entity><filter><condition attribute="|',
      { kind: 'attribute', table: 'account', prefix: '' },
    ],
    [
      '<fetch><entity name="account"><filter><condition attribute="statecode" operator="e|',
      { kind: 'operator', prefix: 'e' },
    ],
    [
      '<fetch><entity name="account"><filter><condition attribute="industrycode" operator="eq" value="|',
      { kind: 'value', table: 'account', attribute: 'industrycode', prefix: '' },
    ],
    ['<fetch><entity name="account"><fil|', { kind: 'element', parent: 'entity', prefix: 'fil' }],
    ['<fetch><entity name="account"><filter><|', { kind: 'element', parent: 'filter', prefix: '' }],
    ['<fetch><entity name="account">|', { kind: 'none' }],
    ['<fetch><entity name="account" |', { kind: 'none' }],
  ])('%s', (marked, expected) => {
    expect(at(marked)).toEqual(expected)
  })
})
