import { describe, expect, it } from 'vitest'
import { MetadataIndex } from '@common/metadata/metadata-index'
import { indexCsdl } from '../../../../main/dataverse/metadata/csdl-index'
import { fetchXmlDiagnostics } from '../../../../renderer/src/editor/fetchxml-diagnostics'
import csdl from '../../../fixtures/metadata/small-csdl.xml?raw'

const index = new MetadataIndex(indexCsdl(csdl))

/** Each marker as code, the text it covers, and its suggestions. */
function markers(text: string, withIndex: MetadataIndex | null = index) {
  return fetchXmlDiagnostics(text, withIndex).map((d) => ({
    code: d.code,
    covers: text.slice(d.start, d.end),
    suggestions: d.suggestions,
  }))
}

const VALID = `<fetch top="5">
  <entity name="contact">
    <attribute name="fullname" />
    <attribute name="parentcustomerid" />
    <order attribute="lastname" />
    <filter>
      <condition attribute="emailaddress1" operator="not-null" />
      <condition entityname="acct" attribute="revenue" operator="gt" value="100000" />
    </filter>
    <link-entity name="account" from="accountid" to="parentcustomerid" alias="acct">
      <attribute name="name" />
    </link-entity>
  </entity>
</fetch>`

describe('FetchXML markers', () => {
  it('accept a valid query, lookups by their FetchXML name and a condition on a linked table', () => {
    expect(markers(VALID)).toEqual([])
  })

  it('mark an unknown table on the name, with the close ones as fixes', () => {
    expect(markers('<fetch><entity name="contactt"><attribute name="fullname" /></entity></fetch>')).toEqual([
      { code: 'unknown-table', covers: 'contactt', suggestions: ['contact'] },
    ])
  })

  it('mark an unknown column against the table it belongs to', () => {
    const text = VALID.replace('<attribute name="name" />', '<attribute name="fullname" />').replace(
      'attribute="lastname"',
      'attribute="lastnme"',
    )
    expect(markers(text)).toEqual([
      { code: 'unknown-column', covers: 'lastnme', suggestions: ['lastname'] },
      // fullname is a contact column, but this <attribute> sits in the account link.
      { code: 'unknown-column', covers: 'fullname', suggestions: [] },
    ])
  })

  it('check link-entity from against the linked table, to against the parent, and entityname conditions against the alias', () => {
    const text = VALID.replace(
      'from="accountid" to="parentcustomerid"',
      'from="contactid" to="parentcustomer"',
    ).replace('entityname="acct" attribute="revenue"', 'entityname="acct" attribute="fullname"')
    expect(markers(text).map((m) => [m.code, m.covers])).toEqual([
      ['unknown-column', 'fullname'],
      ['unknown-column', 'contactid'],
      ['unknown-column', 'parentcustomer'],
    ])
  })

  it('mark a condition on an alias no link-entity defines', () => {
    expect(markers(VALID.replace('entityname="acct"', 'entityname="acc"'))).toEqual([
      { code: 'unknown-alias', covers: 'acc', suggestions: ['acct'] },
    ])
  })

  it('mark where the XML stops being well formed, once', () => {
    const text = '<fetch><entity name="contact"><attribute name="fullname"></entity></fetch>'
    const found = fetchXmlDiagnostics(text, index)
    expect(found).toHaveLength(1)
    expect(found[0]).toMatchObject({ code: 'xml-syntax', severity: 'error' })
    expect(found[0]?.message).toMatch(/^The XML is not well formed: /)
    expect(found[0]?.start).toBeGreaterThan(text.indexOf('</entity>') - 1)
  })

  it('mark an unfinished document at its end, and a root that is not <fetch>', () => {
    const unfinished = '<fetch><entity name="contact">'
    expect(markers(unfinished).map((m) => m.code)).toEqual(['xml-syntax'])
    expect(markers('<entity name="contact" />', null)).toEqual([
      { code: 'fetchxml-root', covers: '<entity name="contact" />', suggestions: [] },
    ])
  })

  it('without metadata, check only the XML', () => {
    expect(markers(VALID.replace('contact', 'nosuchtable'), null)).toEqual([])
  })
})
