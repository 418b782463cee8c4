import { describe, expect, it } from 'vitest'
import { MATRIX_STEP_IDS, compareCell, type MatrixRow, type MatrixRun } from '@common/check-matrix'
import { renderMatrixReport } from '../../../../main/diagnostics/report/matrix'
import { parseCsv } from '../../../support/parse-csv'

const TENANT = '4c192492-e19d-4369-b4be-84470eb0844d'
const CLIENT = 'd2c764a5-f446-4c69-a646-7d74e7ea5973'
const TOKEN = 'eyJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJodHRwczovL2NvbnRvc28ifQ.c2lnbmF0dXJlLXNpZ25hdHVyZQ'

function row(name: string, failing: boolean): MatrixRow {
  return {
    connectionId: name.toLowerCase().replace(/\W+/g, '-'),
    connectionName: name,
    environmentUrl: 'https://contoso.crm4.dynamics.com',
    tenantId: TENANT,
    clientId: CLIENT,
    state: 'done',
    outcome: failing ? 'fail' : 'pass',
    checkId: 'x',
    problem: null,
    cells: Object.fromEntries(
      MATRIX_STEP_IDS.map((id) => [
        id,
        failing && id === 'token'
          ? {
              status: 'fail',
              summary: `App ${CLIENT} in tenant ${TENANT} at contoso.crm4.dynamics.com was refused; sent Bearer ${TOKEN} and client_secret=abc.def~ghi`,
              diagnosis: { id: 'secret-invalid', title: 'The client secret is wrong', fix: ['Create a new secret.'] },
            }
          : { status: 'pass', summary: 'ok', diagnosis: null },
      ]),
    ) as MatrixRow['cells'],
  }
}

const run: MatrixRun = {
  runId: 'r1',
  startedAt: '2026-12-02T10:00:00.000Z',
  finishedAt: '2026-12-02T10:00:09.000Z',
  rows: [row('=HYPERLINK("http://evil")', false), row('Contoso <script>alert(1)</script> | prod', true)],
  cancelled: [],
  comparison: {},
  saveProblem: null,
}
const input = (mask: boolean) => ({
  run,
  appVersion: '0.1.0',
  generatedAt: '2026-12-02T10:01:00.000Z',
  mask: { environment: mask, tenant: mask, app: mask },
})

describe('the check-all matrix report', () => {
  for (const format of ['html', 'markdown', 'csv'] as const) {
    it(`${format}: never carries a token or secret; masks tenant, app and environment everywhere`, () => {
      const open = renderMatrixReport(input(false), format)
      expect(open).not.toContain(TOKEN)
      expect(open).not.toContain('abc.def~ghi')
      expect(open).toContain(TENANT)
      const masked = renderMatrixReport(input(true), format)
      for (const value of [TENANT, CLIENT, 'contoso.crm4.dynamics.com', TOKEN]) expect(masked).not.toContain(value)
      expect(masked).toContain('secret-invalid')
    })
  }

  it('html escapes names and has a restrictive CSP', () => {
    const html = renderMatrixReport(input(false), 'html')
    expect(html).not.toContain('<script>')
    expect(html).toContain('&lt;script&gt;')
    expect(html).toContain("default-src 'none'")
  })

  it('markdown keeps the table whole and lists the fix of the failing cell', () => {
    const md = renderMatrixReport(input(false), 'markdown')
    const tableRows = md.split('\n').filter((line) => line.startsWith('| Contoso'))
    expect(tableRows).toHaveLength(1)
    expect(tableRows[0]?.split(/(?<!\\)\|/).length).toBe(MATRIX_STEP_IDS.length + 5)
    expect(md).toContain('1. Create a new secret.')
  })

  it('csv: one record per cell, formulas neutralised', () => {
    const records = parseCsv(renderMatrixReport(input(false), 'csv').replace(/^\uFEFF/, ''))
    expect(records[0]).toEqual([
      'connection',
      'environment',
      'outcome',
      'step',
      'status',
      'change',
      'diagnosis',
      'summary',
    ])
    expect(records).toHaveLength(1 + 2 * MATRIX_STEP_IDS.length)
    expect(records[1]?.[0]).toBe(`'=HYPERLINK("http://evil")`)
    expect(records.find((record) => record[3] === 'token' && record[4] === 'fail')?.[6]).toBe('secret-invalid')
  })
})

describe('comparing a cell with the previous run', () => {
  const cell = (status: 'pass' | 'warn' | 'fail' | 'skipped' | 'running') => ({ status, summary: '', diagnosis: null })
  it('ranks pass > warn > skipped > fail; nothing before is new; a running cell is not compared', () => {
    expect(compareCell(cell('fail'), cell('pass'))).toBe('better')
    expect(compareCell(cell('pass'), cell('warn'))).toBe('worse')
    expect(compareCell(cell('skipped'), cell('fail'))).toBe('worse')
    expect(compareCell(cell('warn'), cell('warn'))).toBe('same')
    expect(compareCell(undefined, cell('pass'))).toBe('new')
    expect(compareCell(cell('pass'), cell('running'))).toBe('same')
  })
})
