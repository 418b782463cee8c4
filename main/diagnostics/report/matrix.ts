/**
 * The "check all" matrix as a report: printable HTML, Markdown or CSV. Redacted like the single
 * check's report: validated (a field the schema does not know is dropped), masked everywhere the
 * masked values appear, and scrubbed of anything that looks like a secret before and after rendering.
 */
import {
  CELL_MARK,
  MATRIX_STEP_IDS,
  MatrixRunSchema,
  type CellChange,
  type MatrixCell,
  type MatrixRow,
  type MatrixRun,
} from '@common/check-matrix'
import type { ReportMask } from '@common/diagnostics'
import { csvRecord, UTF8_BOM } from '../../dataverse/export/csv'
import { escapeHtml as e } from './escape'
import { maskEnvironment, maskId, replaceEverywhere } from './model'
import { scrubDeep, scrubSecrets } from './scrub'

export type MatrixFormat = 'html' | 'markdown' | 'csv'

const EXTENSIONS: Record<MatrixFormat, string> = { html: 'html', markdown: 'md', csv: 'csv' }

export function matrixExtension(format: MatrixFormat): string {
  return EXTENSIONS[format]
}

export interface MatrixReportInput {
  readonly run: MatrixRun
  readonly appVersion: string
  readonly generatedAt: string
  readonly mask: ReportMask
}

const CHANGE_MARK: Record<CellChange, string> = { better: '↑', worse: '↓', new: '+', same: '' }

function hostOf(url: string): string {
  try {
    return new URL(url).hostname
  } catch {
    return url
  }
}

/** Applies the masks to every row (URLs, hosts and ids wherever they appear, summaries included). */
function masked(run: MatrixRun, mask: ReportMask): MatrixRun {
  const replacements: [string, string][] = []
  for (const row of run.rows) {
    if (mask.environment && row.environmentUrl) {
      const url = maskEnvironment(row.environmentUrl)
      replacements.push([row.environmentUrl, url], [hostOf(row.environmentUrl), hostOf(url)])
    }
    if (mask.tenant && row.tenantId) replacements.push([row.tenantId, maskId(row.tenantId)])
    if (mask.app && row.clientId) replacements.push([row.clientId, maskId(row.clientId)])
  }
  return replaceEverywhere(run, replacements)
}

function outcomeText(row: MatrixRow): string {
  if (row.state === 'error') return 'could not run'
  if (row.state === 'cancelled') return 'cancelled'
  if (row.state !== 'done') return row.state
  return row.outcome ?? 'unknown'
}

function cellText(cell: MatrixCell | undefined): string {
  if (!cell) return ''
  return cell.diagnosis ? `${cell.status} (${cell.diagnosis.id}): ${cell.summary}` : `${cell.status}: ${cell.summary}`
}

function changeOf(run: MatrixRun, row: MatrixRow, id: (typeof MATRIX_STEP_IDS)[number]): CellChange {
  return run.comparison[row.connectionId]?.cells[id] ?? 'same'
}

function markdown(run: MatrixRun, input: MatrixReportInput): string {
  const cellMd = (text: string) => text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ')
  const lines = [
    '# Dataverse connection check — all connections',
    '',
    `Run ${run.startedAt} · ${run.rows.length} connection${run.rows.length === 1 ? '' : 's'} · generated ${input.generatedAt} by Dataverse Workbench ${input.appVersion}`,
    '',
    `Legend: ${CELL_MARK.pass} pass · ${CELL_MARK.warn} warning · ${CELL_MARK.fail} fail · ${CELL_MARK.skipped} skipped; ${CHANGE_MARK.better} better, ${CHANGE_MARK.worse} worse, ${CHANGE_MARK.new} new since the previous run`,
    '',
    `| Connection | Environment | Outcome | ${MATRIX_STEP_IDS.join(' | ')} |`,
    `|---|---|---|${MATRIX_STEP_IDS.map(() => ':-:').join('|')}|`,
  ]
  for (const row of run.rows) {
    const marks = MATRIX_STEP_IDS.map((id) => {
      const cell = row.cells[id]
      return cell ? `${CELL_MARK[cell.status]}${CHANGE_MARK[changeOf(run, row, id)]}` : ''
    })
    lines.push(
      `| ${cellMd(row.connectionName)} | ${cellMd(row.environmentUrl)} | ${outcomeText(row)} | ${marks.join(' | ')} |`,
    )
  }
  const problems = run.rows.flatMap((row) => {
    const found = MATRIX_STEP_IDS.flatMap((id) => {
      const cell = row.cells[id]
      if (!cell || (cell.status !== 'fail' && cell.status !== 'warn')) return []
      const fix = cell.diagnosis?.fix.map((step, index) => `   ${index + 1}. ${step}`) ?? []
      return [`- **${id}** ${cellText(cell)}`, ...fix]
    })
    const problem = row.problem ? [`- ${row.problem}`] : []
    return found.length || problem.length ? ['', `## ${row.connectionName}`, '', ...problem, ...found] : []
  })
  return [...lines, ...problems, ''].join('\n')
}

const CSS = `
body{font-family:"Segoe UI",system-ui,-apple-system,sans-serif;color:#242424;margin:2rem;line-height:1.4}
table{border-collapse:collapse;font-size:.85rem}th,td{border:1px solid #d1d1d1;padding:.3rem .5rem;text-align:center;vertical-align:top}
th{background:#f5f5f5}td.name{text-align:left}.pass{background:#dff6dd}.warn{background:#fff4ce}.fail{background:#fde7e9}
.skipped,.pending,.running{background:#f5f5f5;color:#616161}.muted{color:#616161;font-size:.85rem}
@media print{body{margin:0}}
`

function html(run: MatrixRun, input: MatrixReportInput): string {
  const header = MATRIX_STEP_IDS.map((id) => `<th>${e(id)}</th>`).join('')
  const body = run.rows
    .map((row) => {
      const cells = MATRIX_STEP_IDS.map((id) => {
        const cell = row.cells[id]
        if (!cell) return '<td></td>'
        const fix = cell.diagnosis ? `\n${cell.diagnosis.title}: ${cell.diagnosis.fix.join(' ')}` : ''
        return `<td class="${cell.status}" title="${e(cellText(cell) + fix)}">${CELL_MARK[cell.status]}${CHANGE_MARK[changeOf(run, row, id)]}</td>`
      }).join('')
      const problem = row.problem ? `<div class="muted">${e(row.problem)}</div>` : ''
      return `<tr><td class="name"><strong>${e(row.connectionName)}</strong><div class="muted">${e(row.environmentUrl)}</div>${problem}</td><td>${e(outcomeText(row))}</td>${cells}</tr>`
    })
    .join('\n')
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>Dataverse connection check — all connections</title><style>${CSS}</style></head>
<body><h1>Dataverse connection check — all connections</h1>
<p class="muted">Run ${e(run.startedAt)} · generated ${e(input.generatedAt)} by Dataverse Workbench ${e(input.appVersion)} · ${CELL_MARK.pass} pass, ${CELL_MARK.warn} warning, ${CELL_MARK.fail} fail, ${CELL_MARK.skipped} skipped; ${CHANGE_MARK.better} better, ${CHANGE_MARK.worse} worse, ${CHANGE_MARK.new} new since the previous run. Hover a cell for its summary and fix.</p>
<table><thead><tr><th>Connection</th><th>Outcome</th>${header}</tr></thead>
<tbody>
${body}
</tbody></table></body></html>
`
}

function csv(run: MatrixRun): string {
  const rows = [csvRecord(['connection', 'environment', 'outcome', 'step', 'status', 'change', 'diagnosis', 'summary'])]
  for (const row of run.rows) {
    for (const id of MATRIX_STEP_IDS) {
      const cell = row.cells[id]
      if (!cell) continue
      rows.push(
        csvRecord([
          row.connectionName,
          row.environmentUrl,
          outcomeText(row),
          id,
          cell.status,
          changeOf(run, row, id),
          cell.diagnosis?.id ?? '',
          cell.summary,
        ]),
      )
    }
  }
  return UTF8_BOM + rows.join('')
}

export function renderMatrixReport(input: MatrixReportInput, format: MatrixFormat): string {
  const run = scrubDeep(masked(MatrixRunSchema.parse(input.run), input.mask))
  const text = format === 'html' ? html(run, input) : format === 'markdown' ? markdown(run, input) : csv(run)
  return scrubSecrets(text)
}
