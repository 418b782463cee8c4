import type { TokenExpectation, TokenInspection } from '@common/diagnostics'
import { JwtDecodeError, inspectToken } from '../../app/token-tools'
import { textArgument } from '../input'
import { EXIT } from '../io'
import type { CommandRegistrar } from '../program'
import { createStyle, type Style } from '../style'

function countdown(seconds: number): string {
  const abs = Math.abs(seconds)
  const text =
    abs >= 3600
      ? `${Math.floor(abs / 3600)} h ${Math.floor((abs % 3600) / 60)} min`
      : abs >= 60
        ? `${Math.floor(abs / 60)} min ${abs % 60} s`
        : `${abs} s`
  return seconds > 0 ? `expires in ${text}` : `expired ${text} ago`
}

function formatInspection(style: Style, inspection: TokenInspection): string {
  const width = Math.max(...[...inspection.header, ...inspection.claims].map((claim) => claim.name.length), 6)
  const row = (name: string, value: string, meaning: string) =>
    `  ${style.bold(name.padEnd(width))}  ${value}\n  ${' '.repeat(width)}  ${style.dim(meaning)}`
  const lines = [
    style.bold(
      `Token: ${inspection.kind === 'unknown' ? 'unknown kind' : `${inspection.kind} token`}, version ${inspection.version}`,
    ),
  ]
  if (inspection.expiry) {
    const colour = inspection.expiry.secondsRemaining > 0 ? style.green : style.red
    lines.push(colour(`${countdown(inspection.expiry.secondsRemaining)} (exp ${inspection.expiry.expiresAt})`))
  }
  if (inspection.findings.length) {
    lines.push('', style.bold('Findings'))
    for (const finding of inspection.findings) {
      const colour =
        finding.severity === 'error' ? style.red : finding.severity === 'warning' ? style.yellow : style.dim
      lines.push(`  ${colour(`${finding.severity.toUpperCase()} ${finding.id}`)}: ${finding.message}`)
    }
  }
  lines.push('', style.bold('Header'), ...inspection.header.map((c) => row(c.name, c.value, c.meaning)))
  lines.push('', style.bold('Claims'), ...inspection.claims.map((c) => row(c.name, c.value, c.meaning)))
  return lines.join('\n') + '\n'
}

/** A live bearer token typed as an argument is kept in the shell history and shown to other users by `ps`. */
const ARGV_TOKEN_WARNING =
  'dvw: warning: a token given as an argument is saved in your shell history and visible to other users of this machine (ps).\n' +
  '  Next time, pipe it in instead: dvw token decode - < token.txt (or run dvw token decode - and paste it, then Ctrl+D).\n'

const LOOKS_LIKE_JWT = /^(?:Bearer\s+)?[\w-]+\.[\w-]+\.[\w-]*$/i

interface DecodeOptions {
  json?: boolean
  url?: string
  tenant?: string
  clientId?: string
}

export const registerToken: CommandRegistrar = (program, io, setExit) => {
  const token = program.command('token').description('work with access tokens')
  token
    .command('decode')
    .description('decode an access token (without verifying it) and explain its claims')
    .argument(
      '[jwt]',
      '- to read the token from standard input (safer), or the token itself (with or without "Bearer ")',
    )
    .option('--url <url>', 'the environment URL the token should be for')
    .option('--tenant <id>', 'the tenant ID the token should come from')
    .option('--client-id <id>', 'the app (client) ID the token should be issued to')
    .option('--json', 'print the claims and findings as JSON')
    .action(async (value: string | undefined, options: DecodeOptions) => {
      if (value !== undefined && LOOKS_LIKE_JWT.test(value.trim())) io.stderr(ARGV_TOKEN_WARNING)
      const text = await textArgument(value, io, 'token')
      const expected: TokenExpectation = {
        ...(options.url ? { environmentUrl: options.url } : {}),
        ...(options.tenant ? { tenantId: options.tenant } : {}),
        ...(options.clientId ? { clientId: options.clientId } : {}),
      }
      try {
        const inspection = inspectToken(text, expected)
        io.stdout(
          options.json ? JSON.stringify(inspection, null, 2) + '\n' : formatInspection(createStyle(io), inspection),
        )
        setExit(EXIT.ok)
      } catch (error) {
        if (!(error instanceof JwtDecodeError)) throw error
        io.stderr(`dvw: ${error.message}\n`)
        setExit(EXIT.failed)
      }
    })
}
