import { writePrivateFile } from '../../app/private-files'
import { randomUUID } from 'node:crypto'
import { CHECK_STEPS } from '@common/check-steps'
import type { CheckResult, CheckSubject, StepResult } from '@common/diagnostics'
import { duration, outcomeLine, STATUS_MARK } from '../../app/check-text'
import { addConnectionFlags, openCliConnection, type ConnectionFlagValues } from '../connection-flags'
import { EXIT, UsageError } from '../io'
import type { CommandRegistrar } from '../program'
import { createStyle, type Style } from '../style'
import { runCheckAll } from './check-all'
import { formatDiagnosis } from './explain'
import { federatedLines } from './check-federated'

interface CheckOptions extends ConnectionFlagValues {
  readonly all?: boolean
  readonly customer?: string
  readonly tables?: string
  readonly json?: boolean
  readonly report?: string[]
}

const REPORT_FORMATS = { md: 'markdown', markdown: 'markdown', html: 'html' } as const

/** The check's data is enough for the data the sample never needs, so the offline emulator stays small. */
const SAMPLE_ROWS = { accounts: 200, contacts: 500 }

function tablesOf(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined
  const tables = value
    .split(',')
    .map((table) => table.trim().toLowerCase())
    .filter(Boolean)
  const bad = tables.find((table) => !/^[a-z][a-z0-9_]{0,127}$/.test(table))
  if (!tables.length || bad !== undefined)
    throw new UsageError(
      `--tables takes logical names separated by commas, such as account,contact${bad ? ` (not "${bad}")` : ''}`,
    )
  return tables
}

function reportOf(value: string[] | undefined): { format: 'markdown' | 'html'; file: string } | undefined {
  if (value === undefined) return undefined
  const [format, file, ...rest] = value
  const known = format ? REPORT_FORMATS[format.toLowerCase() as keyof typeof REPORT_FORMATS] : undefined
  if (!known || !file || rest.length)
    throw new UsageError('--report takes a format and a file: --report md FILE or --report html FILE')
  return { format: known, file }
}

function colourOf(style: Style, status: StepResult['status']): (text: string) => string {
  return status === 'pass' ? style.green : status === 'warn' ? style.yellow : status === 'fail' ? style.red : style.dim
}

function formatCheck(style: Style, subject: CheckSubject, check: CheckResult): string {
  const width = Math.max(...check.steps.map((step) => step.id.length))
  const lines = [
    style.bold(`Dataverse connection check — ${subject.environmentUrl}`),
    style.dim(`tenant ${subject.tenantId} · app ${subject.clientId} · ${subject.credentialKind}`),
    '',
  ]
  for (const step of check.steps) {
    const colour = colourOf(style, step.status)
    lines.push(
      `${colour(`${STATUS_MARK[step.status]} ${step.id.padEnd(width)}`)}  ${step.summary} ${style.dim(duration(step.durationMs))}`,
    )
    // A step that did not pass says what it would have proved, so the line above reads on its own.
    if (step.status === 'fail' || step.status === 'warn')
      lines.push(style.dim(`    ${CHECK_STEPS[step.id].title} proves: ${CHECK_STEPS[step.id].proves}`))
    for (const [index, diagnosis] of step.diagnoses.entries()) {
      lines.push(formatDiagnosis(style, diagnosis, index === 0 ? 'Fix this' : 'Or possibly').replace(/^/gm, '    '))
    }
    lines.push(...federatedLines(style, step))
    const evidence = step.evidence
    if (step.status === 'fail' && evidence) {
      const ids = [
        ...evidence.requestIds.map((id) => `request ${id}`),
        ...(evidence.traceId ? [`trace ${evidence.traceId}`] : []),
        ...(evidence.correlationId ? [`correlation ${evidence.correlationId}`] : []),
      ]
      if (ids.length) lines.push(style.dim(`    Evidence: ${ids.join(' · ')}`))
      if (evidence.excerpt) lines.push(style.dim(evidence.excerpt.replace(/^/gm, '      ')))
    }
  }
  const colour = check.outcome === 'fail' ? style.red : check.outcome === 'warn' ? style.yellow : style.green
  lines.push('', colour(style.bold(`${outcomeLine(check)} · ${duration(check.durationMs)}`)))
  return lines.join('\n') + '\n'
}

export const registerCheck: CommandRegistrar = (program, io, setExit) => {
  addConnectionFlags(
    program
      .command('check')
      .description(
        'test an app-user connection end to end and say what to fix: exit 0 when every step passes or warns, 1 when one fails',
      ),
  )
    .option(
      '--tables <list>',
      'the tables whose read access is confirmed (logical names, comma-separated; default account,contact)',
    )
    .option('--json', 'print the result as JSON (every step and each diagnosis id)')
    .option('--report <format-and-file...>', 'also write a report: --report md FILE or --report html FILE')
    .option(
      '--all',
      'check every saved connection, at most 4 at a time, and print the matrix (exit 1 when one fails); a secret connection reads DVW_SECRET_<ITS NAME>, else the --secret-env/--secret-stdin secret',
    )
    .option('--customer <name>', "with --all: only that customer's connections")
    .action(async (options: CheckOptions) => {
      if (options.all || options.customer !== undefined) return runCheckAll(options, io, setExit)
      if (options.json && options.report) throw new UsageError('give --json or --report, not both')
      const tables = tablesOf(options.tables)
      const report = reportOf(options.report)
      const opened = await openCliConnection(options, io, { sampleRows: SAMPLE_ROWS })
      try {
        const { check, subject } = await opened.services.checks.run({
          connectionId: opened.connection.id,
          checkId: randomUUID(),
          ...(tables ? { tables } : {}),
        })
        const unmasked = { environment: false, tenant: false, app: false }
        io.stdout(
          options.json
            ? opened.services.checks.report(check.checkId, 'json', unmasked)
            : formatCheck(createStyle(io), subject, check),
        )
        if (report) {
          await writePrivateFile(report.file, opened.services.checks.report(check.checkId, report.format, unmasked))
          io.stdout(`Report written to ${report.file}\n`)
        }
        setExit(check.outcome === 'fail' || check.outcome === 'cancelled' ? EXIT.failed : EXIT.ok)
      } finally {
        await opened.close()
      }
    })
}
