import type { CheckResult, ReportInput, StepResult, StepStatus } from '@common/diagnostics'

export const STATUS_LABEL: Record<StepStatus, string> = {
  pass: 'PASS',
  warn: 'WARN',
  fail: 'FAIL',
  skip: 'SKIP',
  running: 'RUNNING',
  pending: 'PENDING',
}

export const STATUS_MARK: Record<StepStatus, string> = {
  pass: '✔',
  warn: '⚠',
  fail: '✖',
  skip: '–',
  running: '…',
  pending: '·',
}

export function duration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(2)} s`
}

export function firstFailure(check: CheckResult): StepResult | undefined {
  return check.steps.find((step) => step.status === 'fail')
}

export function outcomeLine(check: CheckResult): string {
  if (check.cancelled) return 'Cancelled before it finished'
  const failed = firstFailure(check)
  if (failed) return `FAIL at step ${failed.id}`
  return check.outcome === 'warn' ? 'PASS with warnings' : 'PASS: every step passed'
}

export function subjectRows(input: ReportInput): [string, string][] {
  const { subject } = input
  return [
    ...(subject.connectionName ? [['Connection', subject.connectionName] as [string, string]] : []),
    ['Environment', subject.environmentUrl],
    ['Cloud', subject.cloud],
    ['Tenant', subject.tenantId],
    ['App (client ID)', subject.clientId],
    ['Credential', subject.credentialKind],
    ['Outcome', outcomeLine(input.check)],
    ['Started', input.check.startedAt],
    ['Duration', duration(input.check.durationMs)],
    ['Report generated', `${input.generatedAt} by Dataverse Workbench ${input.appVersion}`],
  ]
}

export function allRequestIds(check: CheckResult): string[] {
  const ids = [
    ...check.steps.flatMap((step) => step.evidence?.requestIds ?? []),
    ...check.requests.flatMap((request) => (request.requestId ? [request.requestId] : [])),
  ]
  return [...new Set(ids)]
}
