import { describe, expect, it } from 'vitest'
import { maskCell, maskEmail, maskGuid, maskText } from '../../../../common/query/mask'

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
})
