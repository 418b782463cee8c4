/**
 * `dvw emulator`: runs the HTTPS emulator on 127.0.0.1 until SIGINT/SIGTERM, prints what a
 * client needs (URLs, tenant, every scenario's credentials, the CA path, a curl example), and
 * deletes its temporary files on the way out.
 */
import type { Command } from 'commander'
import {
  CONDITION_NAMES,
  formatConditions,
  parseCondition,
  startHttpsEmulator,
  type OrgConditions,
  type RunningEmulator,
} from '../../../emulator'
import { EXIT, UsageError, type CliIo } from '../io'
import type { CommandRegistrar } from '../program'

interface EmulatorFlags {
  readonly port: string
  readonly rows?: string
  readonly latency?: string
  readonly condition: string[]
  readonly seed?: string
  readonly windowRequests?: string
  readonly windowSeconds?: string
  readonly concurrent?: string
  readonly json?: boolean
}

const ORG_NAMES = ['contoso', 'fabrikam'] as const

function wholeNumber(text: string | undefined, flag: string, min: number): number | undefined {
  if (text === undefined) return undefined
  const value = Number(text)
  if (!/^\d+$/.test(text.trim()) || value < min)
    throw new UsageError(`${flag} must be a whole number of at least ${min}, not '${text}'.`)
  return value
}

/** `--rows 50000` (contacts; accounts = a tenth) or `--rows accounts=500,contacts=5000`. */
function parseRows(text: string): { accounts: number; contacts: number } {
  if (/^\d+$/.test(text.trim())) {
    const contacts = Number(text)
    return { accounts: Math.ceil(contacts / 10), contacts }
  }
  const rows = { accounts: 0, contacts: 0 }
  const seen = new Set<string>()
  for (const part of text.split(',')) {
    const match = /^\s*(accounts|contacts)\s*=\s*(\d+)\s*$/.exec(part)
    if (!match?.[1] || !match[2])
      throw new UsageError(`--rows takes a number of contacts (--rows 5000) or accounts=N,contacts=N, not '${text}'.`)
    rows[match[1] as 'accounts' | 'contacts'] = Number(match[2])
    seen.add(match[1])
  }
  if (!seen.has('contacts')) rows.contacts = rows.accounts * 10
  if (!seen.has('accounts')) rows.accounts = Math.ceil(rows.contacts / 10)
  return rows
}

/** `--condition contoso=throttled` (repeatable) → conditions per org. */
function parseOrgConditions(items: readonly string[]): Map<string, OrgConditions> {
  const byOrg = new Map<string, OrgConditions>()
  for (const item of items) {
    const equals = item.indexOf('=')
    const org = equals < 0 ? '' : item.slice(0, equals).trim()
    if (!(ORG_NAMES as readonly string[]).includes(org)) {
      throw new UsageError(
        `--condition is written <org>=<condition>, with org one of ${ORG_NAMES.join(', ')}: '${item}'.`,
      )
    }
    let condition: OrgConditions
    try {
      condition = parseCondition(item.slice(equals + 1))
    } catch (error) {
      throw new UsageError(`--condition ${item}: ${error instanceof Error ? error.message : String(error)}`)
    }
    byOrg.set(org, { ...byOrg.get(org), ...condition })
  }
  return byOrg
}

function summaryJson(running: RunningEmulator): string {
  return JSON.stringify({
    authority: running.authorityUrl,
    powerPlatformApi: running.powerPlatformApiUrl,
    tenantId: running.tenantId,
    tenantDomain: running.tenantDomain,
    orgs: running.orgs.map((org) => ({ name: org.name, url: org.url, conditions: org.conditions })),
    apps: running.apps.map((app) => ({
      scenario: app.scenario,
      clientId: app.clientId,
      ...(app.clientSecret !== undefined
        ? { clientSecret: app.clientSecret, secretId: app.secretId, secretExpiresOn: app.secretExpiresOn }
        : {}),
      ...(app.certificate ? { certificate: app.certificate } : {}),
    })),
    caCertPath: running.caCertPath,
  })
}

function summaryText(running: RunningEmulator): string {
  const org = running.orgs[0]
  const healthy = running.apps.find((app) => app.scenario === 'healthy')
  const lines = [
    'Dataverse Workbench emulator is running. Ctrl+C stops it and deletes its temporary files.',
    '',
    `Authority  ${running.authorityUrl}   tenant ${running.tenantId} (${running.tenantDomain})`,
    ...running.orgs.map(
      (o, i) =>
        `${i === 0 ? 'Orgs      ' : '          '} ${o.name.padEnd(9)} ${o.url}${formatConditions(o.conditions).length ? `   conditions: ${formatConditions(o.conditions).join(', ')}` : ''}`,
    ),
    `Power Platform API  ${running.powerPlatformApiUrl}   (environment discovery: dvw environments --api-url)`,
    `CA         ${running.caCertPath}   (trust it in your client only; it is never added to the system store)`,
    '',
    'Scenarios (app registrations):',
  ]
  for (const app of running.apps) {
    lines.push(`  ${app.scenario.padEnd(27)} client id ${app.clientId}`)
    if (app.clientSecret !== undefined)
      lines.push(
        `  ${''.padEnd(27)} secret    ${app.clientSecret}   (secret id ${app.secretId ?? ''}, expires ${app.secretExpiresOn ?? ''})`,
      )
    if (app.certificate) {
      lines.push(`  ${''.padEnd(27)} cert      ${app.certificate.certPath}`)
      lines.push(`  ${''.padEnd(27)} key       ${app.certificate.keyPath}`)
      lines.push(`  ${''.padEnd(27)} pfx       ${app.certificate.pfxPath}   (password ${app.certificate.pfxPassword})`)
      lines.push(
        `  ${''.padEnd(27)} thumbprints SHA-1 ${app.certificate.thumbprint}  SHA-256 ${app.certificate.thumbprintSha256}`,
      )
    }
  }
  if (org && healthy?.clientSecret) {
    lines.push(
      '',
      'Try it (the seed query of this product):',
      `  TOKEN=$(curl -s --cacert ${running.caCertPath} \\`,
      `    -d grant_type=client_credentials -d client_id=${healthy.clientId} \\`,
      `    --data-urlencode 'client_secret=${healthy.clientSecret}' --data-urlencode 'scope=${org.url}/.default' \\`,
      `    ${running.authorityUrl}/${running.tenantId}/oauth2/v2.0/token | sed -E 's/.*"access_token":"([^"]+)".*/\\1/')`,
      `  curl -s --cacert ${running.caCertPath} -H "Authorization: Bearer $TOKEN" '${org.url}/api/data/v9.2/contacts?$top=3'`,
    )
  }
  return `${lines.join('\n')}\n`
}

function untilStopped(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals): void => {
      process.off('SIGINT', stop)
      process.off('SIGTERM', stop)
      resolve(signal)
    }
    process.on('SIGINT', stop)
    process.on('SIGTERM', stop)
  })
}

async function run(flags: EmulatorFlags, io: CliIo): Promise<number> {
  const port = wholeNumber(flags.port, '--port', 0) ?? 0
  if (port > 65535 - ORG_NAMES.length) throw new UsageError(`--port must be at most ${65535 - ORG_NAMES.length}.`)
  const rows = flags.rows !== undefined ? parseRows(flags.rows) : undefined
  const latencyMs = wholeNumber(flags.latency, '--latency', 0)
  const conditions = parseOrgConditions(flags.condition)
  const windowRequests = wholeNumber(flags.windowRequests, '--window-requests', 1)
  const windowSeconds = wholeNumber(flags.windowSeconds, '--window-seconds', 1)
  const concurrent = wholeNumber(flags.concurrent, '--concurrent', 1)
  let running: RunningEmulator
  try {
    running = await startHttpsEmulator({
      port,
      orgs: ORG_NAMES.map((name) => ({ name, ...(conditions.has(name) ? { conditions: conditions.get(name) } : {}) })),
      ...(rows ? { rows } : {}),
      ...(latencyMs !== undefined ? { latencyMs } : {}),
      ...(flags.seed !== undefined ? { seed: flags.seed } : {}),
      limits: {
        ...(windowRequests !== undefined ? { windowRequests } : {}),
        ...(windowSeconds !== undefined ? { windowSeconds } : {}),
        ...(concurrent !== undefined ? { concurrent } : {}),
      },
    })
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    const inUse = /EADDRINUSE/.test(message)
    io.stderr(
      `dvw emulator: could not start: ${message}\n${inUse ? `A port from ${port} to ${port + ORG_NAMES.length} is taken: choose another --port, or --port 0 for any free ports.\n` : ''}`,
    )
    return EXIT.failed
  }
  const stopped = untilStopped()
  io.stdout(flags.json ? `${summaryJson(running)}\n` : summaryText(running))
  const signal = await stopped
  await running.close()
  if (!flags.json) io.stderr(`dvw emulator: stopped (${signal}); temporary files deleted.\n`)
  return EXIT.ok
}

export const registerEmulator: CommandRegistrar = (program: Command, io: CliIo, setExit: (code: number) => void) => {
  program
    .command('emulator')
    .description('Run the offline Entra ID + Dataverse emulator over HTTPS on 127.0.0.1 (until Ctrl+C).')
    .option(
      '--port <n>',
      'first port: the authority binds it, each organization the next one (0 = any free ports)',
      '0',
    )
    .option(
      '--rows <n>',
      'contacts per org (accounts = a tenth), or accounts=N,contacts=N (default 5000 accounts, 50000 contacts)',
    )
    .option('--latency <ms>', 'latency added to every response')
    .option(
      '--condition <org=condition>',
      `put an org in a condition, repeatable: ${CONDITION_NAMES.join(', ')} (e.g. contoso=throttled, fabrikam=slow:300, contoso=flaky:3)`,
      (value: string, previous: string[]) => [...previous, value],
      [] as string[],
    )
    .option('--seed <text>', 'seed of the sample data generator')
    .option('--window-requests <n>', 'service protection: requests per user per window (default 6000)')
    .option('--window-seconds <n>', 'service protection: window length in seconds (default 300)')
    .option('--concurrent <n>', 'service protection: concurrent requests per user (default 52)')
    .option('--json', 'print one JSON line with URLs and credentials when ready, instead of the summary')
    .action(async (flags: EmulatorFlags) => {
      setExit(await run(flags, io))
    })
}
