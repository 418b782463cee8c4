import { describe, expect, it } from 'vitest'
import { ResultShaper } from '@common/query/result-set'
import { appendPage, displayText, emptyResult, sortOrder } from '../../../../renderer/src/features/results/result-data'
import { selectionTsv } from '../../../../renderer/src/features/results/selection'
import { maskCell } from '@common/query/mask'
import { toTsv } from '../../../../renderer/src/features/results/tsv'

const F = '@OData.Community.Display.V1.FormattedValue'

function sample() {
  const shaper = new ResultShaper(['name', 'industrycode', 'revenue', 'emailaddress1'])
  let data = emptyResult()
  data = appendPage(
    data,
    shaper.shape([
      {
        name: 'beta',
        industrycode: 2,
        [`industrycode${F}`]: 'Agriculture',
        revenue: 10,
        emailaddress1: 'b@contoso.com',
      },
      { name: 'Alpha', industrycode: null, revenue: 9, emailaddress1: null },
    ]),
  )
  data = appendPage(
    data,
    shaper.shape([
      {
        name: 'gamma 10',
        industrycode: 1,
        [`industrycode${F}`]: 'Accounting',
        revenue: 100,
        emailaddress1: 'g@x.org',
        extra: 'late',
      },
    ]),
  )
  return data
}

describe('result data', () => {
  it('appends pages, padding formatted values and late columns', () => {
    const data = sample()
    expect(data.rows).toHaveLength(3)
    expect(data.columns.map((column) => column.name)).toEqual([
      'name',
      'industrycode',
      'revenue',
      'emailaddress1',
      'extra',
    ])
    expect(data.formatted[1]).toEqual(['Agriculture', null, 'Accounting'])
    expect(displayText(data, 0, 1)).toBe('Agriculture')
    expect(displayText(data, 1, 1)).toBe('')
    expect(displayText(data, 0, 4)).toBe('')
    expect(displayText(data, 2, 4)).toBe('late')
  })

  it('sorts numbers numerically, text naturally and case-insensitively, labels by label, empty cells last', () => {
    const data = sample()
    expect([...sortOrder(data, 2, 'ascending')]).toEqual([1, 0, 2])
    expect([...sortOrder(data, 2, 'descending')]).toEqual([2, 0, 1])
    expect([...sortOrder(data, 0, 'ascending')]).toEqual([1, 0, 2])
    expect([...sortOrder(data, 1, 'ascending')]).toEqual([2, 0, 1])
    expect([...sortOrder(data, 1, 'descending')]).toEqual([0, 2, 1])
  })

  it('copies a selection as TSV with headers, in displayed order, masked in presentation mode', () => {
    const data = sample()
    const order = sortOrder(data, 2, 'descending')
    const selection = { anchor: { row: 0, column: 0 }, focus: { row: 1, column: 3 } }
    expect(selectionTsv(data, order, selection, null)).toBe(
      'name\tindustrycode\trevenue\temailaddress1\r\ngamma 10\tAccounting\t100\tg@x.org\r\nbeta\tAgriculture\t10\tb@contoso.com\r\n',
    )
    const masked = selectionTsv(data, order, selection, (name, text) => maskCell(name, text))
    expect(masked).toContain('g•••@x•••.org')
    expect(masked).not.toContain('g@x.org')
    expect(selectionTsv(data, null, { anchor: { row: 1, column: 0 }, focus: { row: 1, column: 0 } }, null)).toBe(
      'name\r\nAlpha\r\n',
    )
  })

  it('quotes TSV fields that hold tabs, line breaks or quotes', () => {
    expect(toTsv(['a', 'b'], [['x\ty', 'say "hi"\nthere']])).toBe('a\tb\r\n"x\ty"\t"say ""hi""\nthere"\r\n')
  })
})
