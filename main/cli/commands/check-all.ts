/**
 * `dvw check --all [--customer NAME] [--json]`: the preflight check on every saved connection (or a
 * customer's), at most four at a time, printed as a matrix. Secrets are never stored, so each secret
 * connection reads its own from DVW_SECRET_<NAME> (the connection's name in capitals, other
 * characters as _), or all of them the one given with --secret-env/--secret-stdin (one app
 * registration for a customer's environments). Exit 1 when any connection fails, 0 otherwise.
 */
import { randomUUID } from 'node:crypto'
import {
  CELL_MARK,
  MATRIX_STEP_IDS,
  rowFailed,
  type CellChange,
  type MatrixRow,
  type MatrixRun,
} from '@common/check-matrix'
import type { Connection } from '@common/connection'
import { createServices, type Services } from '../../app/create-services'
import { loadCertificate } from '../../app/credentials'
import { scrubSecrets } from '../../app/check-report'
import { readCa, type ConnectionFlagValues } from '../connection-flags'
import { createCliHost } from '../host'
import { EXIT, UsageError, type CliIo } from '../io'
import { secretReader } from '../secret-input'
import { createStyle, type Style } from '../style'

export interface CheckAllOptions extends ConnectionFlagValues {
  readonly all?: boolean
  readonly customer?: string
  readonly json?: boolean
  readonly tables?: string
  readonly report?: string[]
}

/** Flags that name one connection or shape one check; --all checks the saved ones as they are. */
const SINGLE_ONLY = [
  'connection',
  'url',
  'tenant',
  'clientId',
  'cert',
  'sample',
  'scenario',
  'tables',
  'report',
] as const

const FLAG_NAMES: Record<(typeof SINGLE_ONLY)[number], string> = {
  connection: '--connection',
  url: '--url',
  tenant: '--tenant',
  clientId: '--client-id',
  cert: '--cert',
  sample: '--sample',
  scenario: '--scenario',
  tables: '--tables',
  report: '--report',
}

/** The variable a saved connection's own secret is read from: "Contoso UAT" → DVW_SECRET_CONTOSO_UAT. */
export function secretVariableOf(name: string): string {
  return `DVW_SECRET_${name
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')}`
}

function checkFlags(options: CheckAllOptions): void {
  if (options.customer !== undefined && !options.all) throw new UsageError('--customer goes with --all')
  const clash = SINGLE_ONLY.find((flag) => options[flag] !== undefined)
  if (clash) throw new UsageError(`--all checks every saved connection as it is saved; leave out ${FLAG_NAMES[clash]}`)
  if (options.certPasswordEnv !== undefined && !/^[A-Za-z_][A-Za-z0-9_]*$/.test(options.certPasswordEnv))
    throw new UsageError('--cert-password-env takes the NAME of an environment variable, not the password itself')
}

async function chosenConnections(services: Services, customerName: string | undefined): Promise<Connection[]> {
  const overview = await services.connections.overview()
  if (overview.problem)
    throw new UsageError(
      `the saved connections cannot be read (${overview.problem.detail}); open the app to see the problem`,
    )
  const saved = overview.connections.filter((view) => view.builtIn === null)
  let chosen = saved
  if (customerName !== undefined) {
    const customers = overview.customers ?? []
    const customer = customers.find((entry) => entry.name.trim().toLowerCase() === customerName.trim().toLowerCase())
    if (!customer) {
      const names = customers.map((entry) => entry.name).join(', ')
      throw new UsageError(
        `there is no customer called "${customerName}"${names ? ` (customers: ${names})` : ' (none are saved: create one in the app)'}`,
      )
    }
    chosen = saved.filter((view) => view.customerId === customer.id)
    if (!chosen.length) throw new UsageError(`the customer "${customer.name}" has no connections`)
  }
  if (!chosen.length)
    throw new UsageError('there are no saved connections to check (import a file with dvw connections import)')
  return chosen.map((view) => services.connections.get(view.id))
}

/** Gives each connection its credential for this process only: its own variable, else the shared one. */
async function provideCredentials(
  services: Services,
  connections: readonly Connection[],
  options: CheckAllOptions,
  io: CliIo,
): Promise<void> {
  const shared = await secretReader(options, io)
  const password = options.certPasswordEnv ? io.env[options.certPasswordEnv] || undefined : undefined
  for (const connection of connections) {
    const auth = connection.auth
    if (auth.kind === 'certificate') {
      if (password)
        services.connections.provideCredential(connection.id, async () => {
          const loaded = loadCertificate({
            path: auth.certificatePath,
            keyPath: auth.keyPath,
            format: auth.format,
            password,
          })
          return { kind: 'certificate', privateKeyPem: loaded.privateKeyPem, thumbprintSha256: loaded.thumbprintSha256 }
        })
      continue
    }
    const own = io.env[secretVariableOf(connection.name)]?.trim()
    if (own) services.connections.provideCredential(connection.id, async () => ({ kind: 'secret', secret: own }))
    else if (shared)
      services.connections.provideCredential(connection.id, async () => ({ kind: 'secret', secret: await shared() }))
  }
}

function outcomeOf(row: MatrixRow): string {
  if (row.state === 'error') return 'error'
  if (row.state === 'cancelled') return 'cancelled'
  return row.outcome ?? row.state
}

const CHANGE_MARK: Record<CellChange, string> = { better: '↑', worse: '↓', new: '', same: '' }

/** One row per connection, one column per step: ✓ pass, ! warning, ✗ fail, - skipped (↑↓ since the last run). */
function formatMatrix(style: Style, run: MatrixRun): string {
  const nameWidth = Math.max('connection'.length, ...run.rows.map((row) => row.connectionName.length))
  const widths = MATRIX_STEP_IDS.map((id) => Math.max(id.length, 2))
  const colour = (status: string) =>
    status === 'pass' ? style.green : status === 'warn' ? style.yellow : status === 'fail' ? style.red : style.dim
  const lines = [
    style.bold(
      ['connection'.padEnd(nameWidth), ...MATRIX_STEP_IDS.map((id, i) => id.padEnd(widths[i] ?? 0))].join(' '),
    ),
  ]
  for (const row of run.rows) {
    const cells = MATRIX_STEP_IDS.map((id, i) => {
      const cell = row.cells[id]
      const change = CHANGE_MARK[run.comparison[row.connectionId]?.cells[id] ?? 'same']
      const text = cell ? `${CELL_MARK[cell.status]}${change}` : ''
      return colour(cell?.status ?? '')(text.padEnd(widths[i] ?? 0))
    })
    lines.push([row.connectionName.padEnd(nameWidth), ...cells].join(' ') + `  ${outcomeOf(row)}`)
  }
  const findings = run.rows.flatMap((row) => {
    if (row.problem) return [style.red(`✗ ${row.connectionName}: ${row.problem}`)]
    return MATRIX_STEP_IDS.flatMap((id) => {
      const cell = row.cells[id]
      if (!cell || (cell.status !== 'fail' && cell.status !== 'warn')) return []
      const diagnosis = cell.diagnosis ? ` (${cell.diagnosis.id})` : ''
      const fix = cell.status === 'fail' && cell.diagnosis?.fix[0] ? `\n    Fix: ${cell.diagnosis.fix[0]}` : ''
      return [
        colour(cell.status)(`${CELL_MARK[cell.status]} ${row.connectionName} · ${id}${diagnosis}: ${cell.summary}`) +
          fix,
      ]
    })
  })
  const failed = run.rows.filter(rowFailed).length
  const summary = `${run.rows.length} connection${run.rows.length === 1 ? '' : 's'}: ${run.rows.length - failed} without failure, ${failed} failed`
  return [...lines, ...(findings.length ? ['', ...findings] : []), '', style.bold(summary), ''].join('\n')
}

/** The `--json` shape pipelines read; its field names do not change within a version. */
function matrixJson(run: MatrixRun) {
  return {
    format: 'dataverse-workbench/check-all',
    version: 1,
    runId: run.runId,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
    steps: [...MATRIX_STEP_IDS],
    failed: run.rows.some(rowFailed),
    connections: run.rows.map((row) => ({
      id: row.connectionId,
      name: row.connectionName,
      environmentUrl: row.environmentUrl,
      outcome: outcomeOf(row),
      failedSteps: MATRIX_STEP_IDS.filter((id) => row.cells[id]?.status === 'fail'),
      problem: row.problem,
      previousRunId: run.comparison[row.connectionId]?.previous?.runId ?? null,
      cells: Object.fromEntries(
        MATRIX_STEP_IDS.map((id) => {
          const cell = row.cells[id]
          return [
            id,
            {
              status: cell?.status ?? 'pending',
              diagnosisId: cell?.diagnosis?.id ?? null,
              summary: cell?.summary ?? '',
              change: run.comparison[row.connectionId]?.cells[id] ?? null,
            },
          ]
        }),
      ),
    })),
  }
}

export async function runCheckAll(options: CheckAllOptions, io: CliIo, setExit: (code: number) => void): Promise<void> {
  checkFlags(options)
  const caPem = options.caFile ? [readCa(options.caFile)] : []
  const host = createCliHost(io, { caPem })
  try {
    const services = createServices(host, { sample: null })
    const connections = await chosenConnections(services, options.customer)
    await provideCredentials(services, connections, options, io)
    const run = await services.checkAll.run({ runId: randomUUID(), connectionIds: connections.map((c) => c.id) })
    io.stdout(
      scrubSecrets(options.json ? `${JSON.stringify(matrixJson(run), null, 2)}\n` : formatMatrix(createStyle(io), run)),
    )
    if (run.saveProblem) io.stderr(`This run was not saved for the next comparison: ${run.saveProblem}\n`)
    setExit(run.rows.some(rowFailed) ? EXIT.failed : EXIT.ok)
  } finally {
    await host.close()
  }
}
