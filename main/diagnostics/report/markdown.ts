import { CHECK_STEPS } from '@common/check-steps'
import type { ReportInput, StepResult } from '@common/diagnostics'
import { allRequestIds, duration, firstFailure, outcomeLine, STATUS_LABEL, STATUS_MARK, subjectRows } from './text'

/** Table cells may not contain pipes or line breaks. */
function cell(value: string): string {
  return value.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ')
}

function fence(text: string): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length))
  const marks = '`'.repeat(longest + 1)
  return `${marks}\n${text}\n${marks}`
}

function stepDetail(step: StepResult): string[] {
  const lines = [
    `### ${STATUS_MARK[step.status]} ${CHECK_STEPS[step.id].title} (\`${step.id}\`) — ${STATUS_LABEL[step.status]} (${duration(step.durationMs)})`,
    '',
    `_Proves: ${CHECK_STEPS[step.id].proves}_`,
    '',
    step.summary,
    '',
  ]
  for (const diagnosis of step.diagnoses) {
    lines.push(
      `**${diagnosis.title}** (\`${diagnosis.id}\`, ${diagnosis.confidence} confidence)`,
      '',
      diagnosis.cause,
      '',
      'Fix:',
    )
    diagnosis.fix.forEach((fix, index) => lines.push(`${index + 1}. ${fix}`))
    lines.push('', `Docs: ${diagnosis.docsUrl}`, '')
  }
  if (step.facts.length) {
    lines.push('Facts:')
    for (const fact of step.facts) lines.push(`- ${fact.label}: ${fact.value}`)
    lines.push('')
  }
  const evidence = step.evidence
  if (evidence) {
    const ids = [
      evidence.requestIds.length ? `request IDs ${evidence.requestIds.join(', ')}` : '',
      evidence.traceId ? `trace ID ${evidence.traceId}` : '',
      evidence.correlationId ? `correlation ID ${evidence.correlationId}` : '',
      evidence.timestamp ? `timestamp ${evidence.timestamp}` : '',
    ].filter(Boolean)
    lines.push('Evidence:' + (ids.length ? ` ${ids.join(' · ')}` : ''), '')
    if (evidence.excerpt) lines.push(fence(evidence.excerpt), '')
  }
  return lines
}

export function renderMarkdown(input: ReportInput): string {
  const { check } = input
  const lines = [
    '# Dataverse connection check',
    '',
    '| | |',
    '|---|---|',
    ...subjectRows(input).map(([k, v]) => `| ${cell(k)} | ${cell(v)} |`),
    '',
  ]
  lines.push('## Steps', '', '| Step | Status | Duration | Summary |', '|---|---|---|---|')
  for (const step of check.steps) {
    lines.push(
      `| ${step.id} | ${STATUS_MARK[step.status]} ${STATUS_LABEL[step.status]} | ${duration(step.durationMs)} | ${cell(step.summary)} |`,
    )
  }
  lines.push('', '## Details', '')
  for (const step of check.steps) lines.push(...stepDetail(step))
  if (check.requests.length) {
    lines.push(
      '## Requests',
      '',
      '| Step | Request | Status | Start | Duration | Request ID |',
      '|---|---|---|---|---|---|',
    )
    for (const r of check.requests) {
      lines.push(
        `| ${r.stepId} | ${cell(`${r.method} ${r.url}`)} | ${r.status ?? '—'} | ${duration(r.startMs)} | ${duration(r.durationMs)} | ${r.requestId ?? ''} |`,
      )
    }
    lines.push('')
  }
  const ids = allRequestIds(check)
  if (ids.length) lines.push('## Request IDs', '', ...ids.map((id) => `- ${id}`), '')
  return lines.join('\n')
}

/** "Copy for a support ticket": the facts a support engineer needs first, in a dozen lines. */
export function renderTicket(input: ReportInput): string {
  const { check, subject } = input
  const failed = firstFailure(check)
  const top = failed?.diagnoses[0]
  const lines = [
    `**Dataverse connection check: ${outcomeLine(check)}** (Dataverse Workbench ${input.appVersion}, ${input.generatedAt})`,
    `Environment: ${subject.environmentUrl} · Cloud: ${subject.cloud} · Tenant: ${subject.tenantId} · App: ${subject.clientId} · Credential: ${subject.credentialKind}`,
    `Steps: ${check.steps.map((step) => `${step.id} ${STATUS_MARK[step.status]}`).join(' · ')}`,
  ]
  if (failed) lines.push(`Failed step: ${failed.id} (${failed.summary})`)
  if (top) lines.push(`Diagnosis: ${top.id} (${top.confidence}): ${top.title}`)
  const evidence = failed?.evidence
  const ids = [
    evidence?.traceId ? `Trace ID: ${evidence.traceId}` : '',
    evidence?.correlationId ? `Correlation ID: ${evidence.correlationId}` : '',
    evidence?.timestamp ? `Timestamp: ${evidence.timestamp}` : '',
  ].filter(Boolean)
  if (ids.length) lines.push(ids.join(' · '))
  const requestIds = allRequestIds(check)
  if (requestIds.length) lines.push(`Request IDs: ${requestIds.join(', ')}`)
  if (evidence?.excerpt) lines.push('```', evidence.excerpt.slice(0, 600), '```')
  return lines.join('\n') + '\n'
}
