import { buildWaterfall, type WaterfallBar } from '@common/waterfall'
import type { CheckResult } from '@common/diagnostics'
import { escapeHtml } from './escape'
import { duration } from './text'

const COLOURS: Record<WaterfallBar['status'], string> = {
  pass: '#107c10',
  warn: '#c19c00',
  fail: '#c50f1f',
  skip: '#8a8886',
  running: '#0f6cbd',
  pending: '#c8c6c4',
  request: '#5b9bd5',
}

/** The waterfall as inline SVG (no script, no external reference), readable when printed in black and white too. */
export function renderWaterfallSvg(check: CheckResult): string {
  const waterfall = buildWaterfall(check)
  const labelWidth = 260
  const chartWidth = 520
  const rowHeight = 20
  const height = Math.max(1, waterfall.bars.length) * rowHeight + 30
  const x = (ms: number) => labelWidth + (ms / waterfall.totalMs) * chartWidth
  const rows = waterfall.bars.map((bar, index) => {
    const y = 20 + index * rowHeight
    const width = Math.max(2, (bar.durationMs / waterfall.totalMs) * chartWidth)
    const label =
      bar.kind === 'step' ? bar.label : `  ${bar.label.length > 40 ? bar.label.slice(0, 39) + '…' : bar.label}`
    const critical = bar.kind === 'step' && waterfall.criticalPath.includes(bar.label)
    return [
      `<text x="4" y="${y + 13}" font-size="11" font-weight="${bar.kind === 'step' ? 600 : 400}">${escapeHtml(label)}</text>`,
      `<rect x="${x(bar.startMs).toFixed(1)}" y="${y + (bar.kind === 'step' ? 3 : 6)}" width="${width.toFixed(1)}" height="${bar.kind === 'step' ? 14 : 8}" fill="${COLOURS[bar.status]}"${critical ? ' stroke="#000" stroke-width="1"' : ''}><title>${escapeHtml(`${bar.label}: ${duration(bar.durationMs)} — ${bar.detail}`)}</title></rect>`,
      `<text x="${(x(bar.startMs) + width + 4).toFixed(1)}" y="${y + 13}" font-size="10" fill="#605e5c">${duration(bar.durationMs)}</text>`,
    ].join('')
  })
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" class="waterfall" role="img" aria-label="Waterfall of the check's steps and requests" viewBox="0 0 ${labelWidth + chartWidth + 70} ${height}" width="100%">`,
    `<text x="${labelWidth}" y="12" font-size="10" fill="#605e5c">0 ms</text>`,
    `<text x="${labelWidth + chartWidth}" y="12" font-size="10" fill="#605e5c" text-anchor="end">${duration(waterfall.totalMs)}</text>`,
    ...rows,
    '</svg>',
  ].join('\n')
}
