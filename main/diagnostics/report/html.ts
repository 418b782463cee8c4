import { CHECK_STEPS } from '@common/check-steps'
import type { ReportInput, StepResult } from '@common/diagnostics'
import { escapeHtml as e } from './escape'
import { allRequestIds, duration, STATUS_LABEL, STATUS_MARK, subjectRows } from './text'
import { renderWaterfallSvg } from './waterfall-svg'

const CSS = `
body{font-family:"Segoe UI",system-ui,-apple-system,sans-serif;color:#242424;margin:2rem auto;max-width:60rem;padding:0 1rem;line-height:1.45}
h1{font-size:1.6rem;margin:0 0 1rem}h2{font-size:1.2rem;border-bottom:1px solid #d1d1d1;padding-bottom:.25rem;margin-top:2rem}
table{border-collapse:collapse;width:100%;font-size:.9rem}th,td{text-align:left;padding:.3rem .5rem;border-bottom:1px solid #e0e0e0;vertical-align:top}
th{background:#f5f5f5}.pass{color:#107c10}.warn{color:#8a6d00}.fail{color:#c50f1f}.skip{color:#616161}
.step{border:1px solid #e0e0e0;border-left-width:6px;border-radius:4px;padding:.5rem 1rem;margin:.75rem 0;break-inside:avoid}
.step.pass{border-left-color:#107c10}.step.warn{border-left-color:#c19c00}.step.fail{border-left-color:#c50f1f}.step.skip{border-left-color:#8a8886}
.step h3{margin:.25rem 0;font-size:1rem;color:inherit}.diagnosis{background:#fdf3f4;border-radius:4px;padding:.5rem 1rem;margin:.5rem 0}
.step.warn .diagnosis{background:#fffbe6}pre{background:#f5f5f5;padding:.5rem;white-space:pre-wrap;word-break:break-all;font-size:.8rem}
.muted{color:#616161;font-size:.85rem}svg.waterfall{font-family:inherit;max-width:100%}
@media print{body{margin:0;max-width:none}a{color:inherit}.step,.diagnosis{break-inside:avoid}}
`

function step(s: StepResult): string {
  const diagnoses = s.diagnoses
    .map(
      (
        d,
      ) => `<div class="diagnosis"><strong>${e(d.title)}</strong> <span class="muted">(${e(d.id)}, ${d.confidence} confidence)</span>
<p>${e(d.cause)}</p><ol>${d.fix.map((f) => `<li>${e(f)}</li>`).join('')}</ol><p class="muted">Docs: ${e(d.docsUrl)}</p></div>`,
    )
    .join('\n')
  const facts = s.facts.length
    ? `<table>${s.facts.map((f) => `<tr><th>${e(f.label)}</th><td>${e(f.value)}</td></tr>`).join('')}</table>`
    : ''
  const ev = s.evidence
  const ids = ev
    ? [
        ev.requestIds.length ? `Request IDs: ${ev.requestIds.join(', ')}` : '',
        ev.traceId ? `Trace ID: ${ev.traceId}` : '',
        ev.correlationId ? `Correlation ID: ${ev.correlationId}` : '',
        ev.timestamp ? `Timestamp: ${ev.timestamp}` : '',
      ].filter(Boolean)
    : []
  const evidence = ev
    ? `<p class="muted">${e(ids.join(' · '))}</p>${ev.excerpt ? `<pre>${e(ev.excerpt)}</pre>` : ''}`
    : ''
  return `<section class="step ${s.status}"><h3 class="${s.status}">${STATUS_MARK[s.status]} ${e(CHECK_STEPS[s.id].title)} <span class="muted">(${e(s.id)})</span> — ${STATUS_LABEL[s.status]} <span class="muted">${duration(s.durationMs)}</span></h3>
<p class="muted">Proves: ${e(CHECK_STEPS[s.id].proves)}</p>
<p>${e(s.summary)}</p>${diagnoses}${facts}${evidence}</section>`
}

/** A self-contained, printable page: inline CSS and SVG only, no script, no external resource. */
export function renderHtml(input: ReportInput): string {
  const { check } = input
  const ids = allRequestIds(check)
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Dataverse connection check — ${e(input.subject.environmentUrl)}</title>
<style>${CSS}</style></head>
<body>
<h1>Dataverse connection check</h1>
<table>${subjectRows(input)
    .map(([k, v]) => `<tr><th>${e(k)}</th><td>${e(v)}</td></tr>`)
    .join('')}</table>
<h2>Steps</h2>
<table><tr><th>Step</th><th>Status</th><th>Duration</th><th>Summary</th></tr>
${check.steps.map((s) => `<tr><td>${e(s.id)}</td><td class="${s.status}">${STATUS_MARK[s.status]} ${STATUS_LABEL[s.status]}</td><td>${duration(s.durationMs)}</td><td>${e(s.summary)}</td></tr>`).join('\n')}
</table>
<h2>Where the time went</h2>
${renderWaterfallSvg(check)}
<h2>Details</h2>
${check.steps.map(step).join('\n')}
${
  check.requests.length
    ? `<h2>Requests</h2><table><tr><th>Step</th><th>Request</th><th>Status</th><th>Start</th><th>Duration</th><th>Request ID</th></tr>
${check.requests.map((r) => `<tr><td>${e(r.stepId)}</td><td>${e(`${r.method} ${r.url}`)}</td><td>${r.status ?? '—'}</td><td>${duration(r.startMs)}</td><td>${duration(r.durationMs)}</td><td>${e(r.requestId ?? '')}</td></tr>`).join('\n')}</table>`
    : ''
}
${ids.length ? `<h2>Request IDs</h2><ul>${ids.map((id) => `<li>${e(id)}</li>`).join('')}</ul>` : ''}
</body></html>
`
}
