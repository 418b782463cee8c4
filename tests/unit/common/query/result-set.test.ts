import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { CellSchema, ResultColumnSchema, ResultPageSchema, ResultShaper, selectOrderOf } from '@common/query/result-set'

const F = '@OData.Community.Display.V1.FormattedValue'

describe('ResultShaper', () => {
  it('puts $select columns first, in $select order, and drops row annotations', () => {
    const shaper = new ResultShaper(selectOrderOf('name, revenue ,_parentaccountid_value'))
    const page = shaper.shape([
      { '@odata.etag': 'W/"1"', accountid: 'a1', revenue: 10, name: 'Contoso', _parentaccountid_value: null },
    ])
    expect(page.columns.map((column) => column.name)).toEqual([
      'name',
      'revenue',
      '_parentaccountid_value',
      'accountid',
    ])
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

/** The obvious shaping, one row at a time with no plans and no reuse, to check the fast paths against. */
function referenceShape(
  records: readonly Record<string, unknown>[],
  selectOrder: readonly string[],
): { names: string[]; rows: unknown[][]; formatted: ((string | null)[] | null)[] } {
  const names = [...selectOrder]
  const at = (name: string) => {
    if (!names.includes(name)) names.push(name)
    return names.indexOf(name)
  }
  const cells: Map<number, unknown>[] = []
  const formattedCells = new Map<number, Map<number, string>>()
  const walk = (row: Map<number, unknown>, index: number, prefix: string, record: Record<string, unknown>) => {
    for (const [key, value] of Object.entries(record)) {
      const sign = key.indexOf('@')
      if (sign === 0) continue
      if (sign > 0) {
        const column = at(prefix + key.slice(0, sign))
        if (key.slice(sign) === F && typeof value === 'string') {
          if (!formattedCells.has(column)) formattedCells.set(column, new Map())
          formattedCells.get(column)!.set(index, value)
        }
        continue
      }
      if (value !== null && typeof value === 'object' && !Array.isArray(value))
        walk(row, index, `${prefix}${key}/`, value as Record<string, unknown>)
      else row.set(at(prefix + key), Array.isArray(value) ? JSON.stringify(value) : value)
    }
  }
  records.forEach((record, index) => {
    const row = new Map<number, unknown>()
    walk(row, index, '', record)
    cells.push(row)
  })
  return {
    names,
    rows: cells.map((row) => names.map((_, c) => (row.has(c) ? row.get(c) : null))),
    formatted: names.map((_, c) => {
      const list = formattedCells.get(c)
      return list ? records.map((_, r) => list.get(r) ?? null) : null
    }),
  }
}

/** Deterministic pseudo-random numbers, so a failure can be replayed. */
function seeded(seed: number): () => number {
  let state = seed
  return () => {
    state = (state * 1103515245 + 12345) & 0x7fffffff
    return state / 0x7fffffff
  }
}

describe('ResultShaper fast paths', () => {
  const contact = (i: number, annotated: boolean): Record<string, unknown> => ({
    '@odata.etag': `W/"${i}"`,
    fullname: `Person ${i}`,
    ...(annotated ? { [`statecode${F}`]: i % 2 ? 'Inactive' : 'Active' } : {}),
    statecode: i % 2,
    ...(annotated
      ? {
          [`_parentcustomerid_value${F}`]: `Account ${i}`,
          '_parentcustomerid_value@Microsoft.Dynamics.CRM.lookuplogicalname': 'account',
        }
      : {}),
    _parentcustomerid_value: i % 3 ? `guid-${i}` : null,
    birthdate: null,
    contactid: `id-${i}`,
  })

  it('gives the same grid with and without annotations; only the formatted values differ', () => {
    const select = ['fullname', 'statecode', '_parentcustomerid_value', 'contactid']
    const plain = new ResultShaper(select).shape(Array.from({ length: 500 }, (_, i) => contact(i, false)))
    const annotated = new ResultShaper(select).shape(Array.from({ length: 500 }, (_, i) => contact(i, true)))
    expect(annotated.rows).toEqual(plain.rows)
    expect(annotated.columns.map((column) => column.name)).toEqual(plain.columns.map((column) => column.name))
    expect(plain.formatted.every((values) => values === null)).toBe(true)
    expect(annotated.formatted[1]?.slice(0, 2)).toEqual(['Active', 'Inactive'])
    expect(annotated.columns[2]).toEqual({ name: '_parentcustomerid_value', lookupTable: 'account' })
  })

  it('puts every value in its own column when records change their keys, key order or nesting midway', () => {
    const random = seeded(7)
    const pool = ['name', 'revenue', 'statecode', 'emailaddress1', 'createdon', 'flag', 'tags']
    const records = Array.from({ length: 400 }, (_, i) => {
      const keys = pool.filter(() => random() < 0.8)
      // Long stretches in one order (the fast path), then a reshuffle (the general path).
      if (Math.floor(i / 50) % 2 === 1) keys.reverse()
      const record: Record<string, unknown> = { '@odata.etag': `W/"${i}"` }
      for (const key of keys) {
        const roll = random()
        record[key] =
          roll < 0.15
            ? null
            : roll < 0.5
              ? `${key}-${i}`
              : roll < 0.7
                ? i * 1.5
                : roll < 0.8
                  ? i % 2 === 0
                  : roll < 0.9
                    ? [{ n: i }]
                    : `x${i}`
        if (random() < 0.3) record[`${key}${F}`] = `formatted ${key} ${i}`
      }
      // An expanded record that is sometimes null, sometimes a record with changing keys.
      const roll = random()
      if (roll < 0.3) record.primarycontactid = null
      else if (roll < 0.8)
        record.primarycontactid =
          random() < 0.5
            ? { fullname: `c${i}`, contactid: `c-${i}` }
            : { contactid: `c-${i}`, '@odata.etag': 'x', fullname: `c${i}` }
      return record
    })
    const shaper = new ResultShaper(['name'])
    const first = shaper.shape(records.slice(0, 170))
    const second = shaper.shape(records.slice(170))
    const expected = referenceShape(records, ['name'])
    const width = expected.names.length
    expect(second.columns.map((column) => column.name)).toEqual(expected.names)
    // The first page has the columns known when it was shaped; the reference rows are cut to that width.
    expect(first.rows).toEqual(expected.rows.slice(0, 170).map((row) => row.slice(0, first.columns.length)))
    expect(second.rows).toEqual(expected.rows.slice(170))
    expect(second.formatted).toEqual(
      expected.formatted.map((values) =>
        values && values.slice(170).some((value) => value !== null) ? values.slice(170) : null,
      ),
    )
    for (const row of [...first.rows, ...second.rows]) {
      // Dense rows: no holes for the grid or structured clone to trip over.
      expect(Object.keys(row)).toHaveLength(row.length)
    }
    expect(second.rows.every((row) => row.length === width)).toBe(true)
  })

  it('pads the rows before a row that adds columns, and keeps the later rows dense', () => {
    // The last row adds a column through a formatted value alone: it has no cell of its own there.
    const page = new ResultShaper().shape([
      { a: 1 },
      { a: 2 },
      { b: 'x', a: 3 },
      { a: 4 },
      { a: 5, c: null },
      { a: 6 },
      { a: 7, [`z${F}`]: 'Z' },
    ])
    expect(page.rows).toEqual([
      [1, null, null, null],
      [2, null, null, null],
      [3, 'x', null, null],
      [4, null, null, null],
      [5, null, null, null],
      [6, null, null, null],
      [7, null, null, null],
    ])
    for (const row of page.rows) expect(Object.keys(row)).toHaveLength(4)
    expect(page.formatted[3]).toEqual([null, null, null, null, null, null, 'Z'])
  })

  it('turns an expanded record into path columns even after rows where it was null', () => {
    const page = new ResultShaper().shape([
      { name: 'A', parent: null },
      { name: 'B', parent: { name: 'P' } },
      { name: 'C', parent: null },
    ])
    expect(page.columns.map((column) => column.name)).toEqual(['name', 'parent', 'parent/name'])
    expect(page.rows).toEqual([
      ['A', null, null],
      ['B', null, 'P'],
      ['C', null, null],
    ])
  })
})

describe('ResultPageSchema', () => {
  // The per-cell zod schema the loop check replaces: both must accept and refuse the same pages.
  const perCell = z.object({
    columns: z.array(ResultColumnSchema),
    rows: z.array(z.array(CellSchema)),
    formatted: z.array(z.array(z.string().nullable()).nullable()),
  })
  const columns = [{ name: 'a' }, { name: 'b' }]
  const pages: unknown[] = [
    {
      columns,
      rows: [
        ['x', 1],
        [true, null],
      ],
      formatted: [null, ['1', null]],
    },
    { columns, rows: [], formatted: [] },
    { columns, rows: [[Number.NaN, 1]], formatted: [null, null] },
    { columns, rows: [[Number.POSITIVE_INFINITY, 1]], formatted: [null, null] },
    { columns, rows: [[{}, 1]], formatted: [null, null] },
    { columns, rows: [[[1], 1]], formatted: [null, null] },
    { columns, rows: [[undefined, 1]], formatted: [null, null] },
    // eslint-disable-next-line no-sparse-arrays
    { columns, rows: [[, 1]], formatted: [null, null] },
    { columns, rows: ['ab'], formatted: [null, null] },
    { columns, rows: {}, formatted: [null, null] },
    { columns, rows: [[1n, 1]], formatted: [null, null] },
    { columns, rows: [['x', 1]], formatted: [null, [1]] },
    { columns, rows: [['x', 1]], formatted: [null, 'x'] },
    { columns, rows: [['x', 1]], formatted: null },
    { columns, rows: [['x', 1]], formatted: [undefined] },
    { columns: [{}], rows: [], formatted: [] },
    { rows: [], formatted: [] },
  ]

  it('accepts and refuses exactly what a zod schema per cell would', () => {
    for (const page of pages) {
      expect({ page, ok: ResultPageSchema.safeParse(page).success }).toEqual({
        page,
        ok: perCell.safeParse(page).success,
      })
    }
    expect(pages.filter((page) => ResultPageSchema.safeParse(page).success)).toHaveLength(2)
  })

  it('passes the rows and formatted values on as they are, without copying them', () => {
    const page = { columns, rows: [['x', 1]], formatted: [null, ['one']], extra: true }
    const parsed = ResultPageSchema.parse(page)
    expect(parsed.rows).toBe(page.rows)
    expect(parsed.formatted).toBe(page.formatted)
    expect(parsed).not.toHaveProperty('extra')
  })
})
