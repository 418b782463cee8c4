import { describe, expect, it } from 'vitest'
import { ResultShaper, selectOrderOf } from '../../../../common/query/result-set'

const F = '@OData.Community.Display.V1.FormattedValue'

describe('ResultShaper', () => {
  it('puts $select columns first, in $select order, and drops row annotations', () => {
    const shaper = new ResultShaper(selectOrderOf('name, revenue ,_parentaccountid_value'))
    const page = shaper.shape([
      { '@odata.etag': 'W/"1"', accountid: 'a1', revenue: 10, name: 'Contoso', _parentaccountid_value: null },
    ])
    expect(page.columns.map((column) => column.name)).toEqual(['name', 'revenue', '_parentaccountid_value', 'accountid'])
    expect(page.rows).toEqual([['Contoso', 10, null, 'a1']])
  })

  it('keeps formatted values and lookup tables per column, only where present', () => {
    const shaper = new ResultShaper(['name', 'industrycode', '_primarycontactid_value'])
    const page = shaper.shape([
      {
        name: 'A',
        industrycode: 1,
        [`industrycode${F}`]: 'Accounting',
        _primarycontactid_value: 'c1',
        [`_primarycontactid_value${F}`]: 'Yvonne McKay',
        '_primarycontactid_value@Microsoft.Dynamics.CRM.lookuplogicalname': 'contact',
      },
      { name: 'B', industrycode: null, _primarycontactid_value: null },
    ])
    expect(page.formatted).toEqual([null, ['Accounting', null], ['Yvonne McKay', null]])
    expect(page.columns[2]).toEqual({ name: '_primarycontactid_value', lookupTable: 'contact' })
  })

  it('flattens an expanded record into path columns and keeps an expanded collection as JSON text', () => {
    const shaper = new ResultShaper(['name'])
    const page = shaper.shape([
      {
        name: 'A',
        primarycontactid: { '@odata.etag': 'x', fullname: 'Ann', contactid: 'c1' },
        contact_customer_accounts: [{ fullname: 'Bob' }],
      },
    ])
    expect(page.columns).toEqual([
      { name: 'name' },
      { name: 'primarycontactid/fullname' },
      { name: 'primarycontactid/contactid' },
      { name: 'contact_customer_accounts', json: true },
    ])
    expect(page.rows[0]).toEqual(['A', 'Ann', 'c1', '[{"fullname":"Bob"}]'])
  })

  it('keeps one column order across pages and pads rows to the full width', () => {
    const shaper = new ResultShaper()
    const first = shaper.shape([{ a: 1 }, { a: 2, b: 'x' }])
    expect(first.rows).toEqual([
      [1, null],
      [2, 'x'],
    ])
    const second = shaper.shape([{ c: true, a: 3 }])
    expect(second.columns.map((column) => column.name)).toEqual(['a', 'b', 'c'])
    expect(second.rows).toEqual([[3, null, true]])
    expect(second.formatted).toEqual([null, null, null])
  })
})
