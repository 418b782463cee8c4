import { describe, expect, it } from 'vitest'
import {
  maskCell,
  maskEmail,
  maskGuid,
  maskIdentifier,
  maskIdentifiers,
  maskKnownIds,
  maskText,
  queryMaskSpans,
} from '@common/query/mask'

const USER = '7f3a2c10-1111-4222-8333-944455556c9e'
const ACCOUNT = 'a1b2c3d4-0000-4000-8000-000000000001'

describe('presentation mode masking', () => {
  it('masks a GUID keeping only enough to tell two apart', () => {
    expect(maskGuid(USER)).toBe('7f3a••••-••••-••••-••••-••••••••6c9e')
    expect(maskGuid(USER)).not.toContain('2c10')
  })

  it('masks e-mail addresses inside any text', () => {
    expect(maskEmail('Mail yvonne.mckay@contoso.com now')).toBe('Mail y•••@c•••.com now')
    expect(maskEmail('no address here')).toBe('no address here')
  })

  it('masks GUIDs in identity columns and keeps record ids of business data', () => {
    expect(maskCell('_ownerid_value', USER)).toBe(maskGuid(USER))
    expect(maskCell('_createdby_value', USER)).toBe(maskGuid(USER))
    expect(maskCell('azureactivedirectoryobjectid', USER)).toBe(maskGuid(USER))
    expect(maskCell('applicationid', USER)).toBe(maskGuid(USER))
    expect(maskCell('accountid', ACCOUNT)).toBe(ACCOUNT)
    expect(maskCell('emailaddress1', 'ann@fabrikam.co.uk')).toBe('a•••@f•••.uk')
    expect(maskCell('name', 'Contoso')).toBe('Contoso')
  })

  it('masks known tenant and client ids anywhere in free text, and identity values in JSON', () => {
    const tenant = '11111111-2222-3333-4444-555555555555'
    const json = `{"tenant":"x","UserId":"${USER}","accountid":"${ACCOUNT}","note":"issued for ${tenant.toUpperCase()}"}`
    const masked = maskText(json, [tenant])
    expect(masked).not.toContain(USER)
    expect(masked).toContain(ACCOUNT)
    expect(masked).not.toContain(tenant.toUpperCase())
    expect(masked).toContain('1111••••')
  })

  it('leaves OData annotation names alone: they look like addresses but name no one', () => {
    const body =
      '{"accessmode@OData.Community.Display.V1.FormattedValue":"Non-interactive","_x_value@Microsoft.Dynamics.CRM.lookuplogicalname":"account","mail":"Ann@Microsoft.com"}'
    expect(maskEmail(body)).toBe(body.replace('Ann@Microsoft.com', 'A•••@M•••.com'))
  })

  it('masks a whole identifier whatever its shape, and never reveals it by masking twice', () => {
    expect(maskIdentifier(USER)).toBe('7f3a••••-••••-••••-••••-••••••••6c9e')
    expect(maskIdentifier(`{${USER.toUpperCase()}}`)).toBe('{7F3A••••-••••-••••-••••-••••••••6C9E}')
    expect(maskIdentifier('contoso.onmicrosoft.com')).toBe('••••••••.com')
    expect(maskIdentifier('ann@contoso.com')).toBe('a•••@c•••.com')
    expect(maskIdentifier('abc')).toBe('••••••••')
    expect(maskIdentifier('')).toBe('')
    for (const value of [USER, 'contoso.onmicrosoft.com', 'ann@contoso.com'])
      expect(maskIdentifier(maskIdentifier(value))).toBe(maskIdentifier(value))
  })

  it('masks known ids in any case and any context, including a tenant given as a domain', () => {
    const tenant = 'contoso.onmicrosoft.com'
    const client = 'd2c764a5-f446-4c69-a646-7d74e7ea5973'
    const text = `https://login.microsoftonline.com/${tenant.toUpperCase()}/oauth2/v2.0/token?client_id=${client}&x=${client.toUpperCase()}`
    const masked = maskKnownIds(text, [tenant, client, 'short'])
    expect(masked).toBe(
      'https://login.microsoftonline.com/••••••••.COM/oauth2/v2.0/token?client_id=d2c7••••-••••-••••-••••-••••••••5973&x=D2C7••••-••••-••••-••••-••••••••5973',
    )
    // Too short to be an id worth hiding: ordinary words stay readable.
    expect(maskKnownIds('a short note', ['short'])).toBe('a short note')
    // A known id stays masked even where a GUID would be left alone (a record-id column).
    expect(maskCell('accountid', client, [client])).toBe(maskGuid(client))
    expect(maskCell('accountid', ACCOUNT, [client])).toBe(ACCOUNT)
  })

  it('masks every GUID in diagnostic text, along with addresses and known ids', () => {
    const summary = `Dataverse knows this app as application user ${USER}; request ${ACCOUNT}; mail ann@contoso.com; tenant contoso.onmicrosoft.com`
    const masked = maskIdentifiers(summary, ['contoso.onmicrosoft.com'])
    expect(masked).toBe(
      'Dataverse knows this app as application user 7f3a••••-••••-••••-••••-••••••••6c9e; request a1b2••••-••••-••••-••••-••••••••0001; mail a•••@c•••.com; tenant ••••••••.com',
    )
    expect(maskIdentifiers(masked, ['contoso.onmicrosoft.com'])).toBe(masked)
  })

  it('finds what a query editor hides: addresses, known ids and identities, never record ids', () => {
    const client = 'd2c764a5-f446-4c69-a646-7d74e7ea5973'
    const odata = `contacts?$filter=emailaddress1 eq 'ann@contoso.com' and _ownerid_value eq ${USER} and accountid eq ${ACCOUNT}&x=${client}`
    const spans = queryMaskSpans(odata, [client])
    expect(spans.map((span) => odata.slice(span.start, span.end))).toEqual(['ann@contoso.com', USER, client])
    expect(spans.map((span) => span.masked)).toEqual(['a•••@c•••.com', maskGuid(USER), maskGuid(client)])
    expect(queryMaskSpans(`systemusers(${USER})?$select=fullname`).map((span) => span.masked)).toEqual([maskGuid(USER)])
    const fetch = `<fetch><entity name="contact"><filter><condition attribute="ownerid" operator="eq" value="{${USER}}"/><condition attribute="parentcustomerid" operator="eq" value="${ACCOUNT}"/></filter></entity></fetch>`
    expect(queryMaskSpans(fetch).map((span) => fetch.slice(span.start, span.end))).toEqual([USER])
    // A known id that is also an address part is hidden once, not twice.
    expect(queryMaskSpans('mail ann@contoso.onmicrosoft.com', ['contoso.onmicrosoft.com'])).toHaveLength(1)
  })
})
