import { Command, CommanderError } from 'commander'
import { z } from 'zod'
import pkg from '../../package.json' with { type: 'json' }
import { EXIT, UsageError, type CliIo } from './io'

/** Each command module registers itself on the program and reports its exit code through `setExit`. */
export type CommandRegistrar = (program: Command, io: CliIo, setExit: (code: number) => void) => void

function buildProgram(io: CliIo, setExit: (code: number) => void, commands: readonly CommandRegistrar[]): Command {
  const program = new Command('dvw')
    .description(
      'Dataverse Workbench on the command line: test app-user connections, explain failures and query the Web API.',
    )
    .version(pkg.version, '-v, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .showHelpAfterError('(run dvw --help for usage)')
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .exitOverride()
  for (const register of commands) register(program, io, setExit)
  return program
}

export async function runCli(
  argv: readonly string[],
  io: CliIo,
  commands: readonly CommandRegistrar[],
): Promise<number> {
  let exitCode: number = EXIT.ok
  const program = buildProgram(
    io,
    (code) => {
      exitCode = code
    },
    commands,
  )
  try {
    await program.parseAsync(argv, { from: 'user' })
    return exitCode
  } catch (error) {
    if (error instanceof CommanderError) {
      if (
        error.code === 'commander.helpDisplayed' ||
        error.code === 'commander.version' ||
        error.code === 'commander.help'
      ) {
        return EXIT.ok
      }
      return EXIT.usage
    }
    if (error instanceof UsageError) {
      io.stderr(`dvw: ${error.message}\n(run dvw --help for usage)\n`)
      return EXIT.usage
    }
    if (error instanceof z.ZodError) {
      // Input checked against a schema deeper down: say which value and why, not the raw issue list.
      const problems = error.issues
        .slice(0, 3)
        .map((issue) => `${issue.path.join('.') || 'the input'}: ${issue.message}`)
      io.stderr(`dvw: the input was refused (${problems.join('; ')})\n(run dvw --help for usage)\n`)
      return EXIT.usage
    }
    io.stderr(`dvw: unexpected error: ${error instanceof Error ? error.message : String(error)}\n`)
    return EXIT.failed
  }
}
