/**
 * `dvw environments`: the tenant's environments through the Power Platform API, signed in as the
 * connection's app registration. When the app may not list them, it prints what is missing and the
 * commands that grant it, and exits 1.
 */
import type { EnvironmentDiscoveryResult } from '@common/contract/environments'
import { isAppFailure } from '@common/result'
import { addConnectionFlags, openCliConnection, type ConnectionFlagValues } from '../connection-flags'
import { EXIT } from '../io'
import type { CommandRegistrar } from '../program'
import { createStyle, type Style } from '../style'

interface EnvironmentsOptions extends ConnectionFlagValues {
  readonly json?: boolean
  readonly apiUrl?: string
}

function pad(value: string, width: number): string {
  return value.length > width ? `${value.slice(0, width - 1)}…` : value.padEnd(width)
}

function listedText(result: Extract<EnvironmentDiscoveryResult, { status: 'listed' }>, style: Style): string {
  const lines = [
    style.bold(`${result.environments.length} environments (from ${result.apiHost})`),
    style.dim(`${pad('Name', 30)} ${pad('Type', 11)} ${pad('Region', 14)} ${pad('State', 9)} URL`),
  ]
  for (const environment of result.environments) {
    lines.push(
      `${pad(environment.displayName, 30)} ${pad(environment.type === 'Other' ? environment.rawType : environment.type, 11)} ${pad(environment.region, 14)} ${pad(environment.state, 9)} ${environment.url ?? style.dim('(no Dataverse database)')}${environment.existingConnectionId ? style.dim('  saved') : ''}`,
    )
  }
  return lines.join('\n') + '\n'
}

function deniedText(result: Extract<EnvironmentDiscoveryResult, { status: 'denied' }>, style: Style): string {
  const lines = [
    `${style.red('Not allowed')}: ${result.message}`,
    `  Cause: ${result.cause}`,
    '  To grant it:',
    ...result.steps.flatMap((step) => [`  - ${step.label}`, ...(step.command ? [`      ${step.command}`] : [])]),
  ]
  return lines.join('\n') + '\n'
}

export const registerEnvironments: CommandRegistrar = (program, io, setExit) => {
  addConnectionFlags(
    program
      .command('environments')
      .description("list the tenant's environments (name, URL, type, region, state) through the Power Platform API"),
  )
    .option('--json', 'print the result as JSON')
    .option('--api-url <url>', "a Power Platform API that is not the cloud's (an emulator; custom sign-in hosts only)")
    .action(async (options: EnvironmentsOptions) => {
      const style = createStyle(io)
      const opened = await openCliConnection(options, io, { sampleRows: { accounts: 0, contacts: 0 } })
      try {
        const result = await opened.services.environments.discover(
          opened.connection.id,
          options.apiUrl ? { apiBaseUrl: options.apiUrl } : {},
        )
        if (options.json) io.stdout(JSON.stringify(result, null, 2) + '\n')
        else io.stdout(result.status === 'listed' ? listedText(result, style) : deniedText(result, style))
        setExit(result.status === 'listed' ? EXIT.ok : EXIT.failed)
      } catch (error) {
        if (!isAppFailure(error)) throw error
        const failure = error.toAppError()
        io.stderr(
          `${style.red('dvw: environments failed')}: ${failure.message}\n  Cause: ${failure.cause}\n  Next: ${failure.next}\n`,
        )
        setExit(EXIT.failed)
      } finally {
        await opened.close()
      }
    })
}
