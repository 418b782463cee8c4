import { Command, CommanderError } from 'commander'
import type { z } from 'zod'
import pkg from '../../package.json' with { type: 'json' }
import { EXIT, UsageError, type CliIo } from './io'

/** Each command module registers itself on the program and reports its exit code through `setExit`. */
export type CommandRegistrar = (program: Command, io: CliIo, setExit: (code: number) => void) => void

/** A sub-command in the table (commands.ts): listed by its summary, loaded only when it runs. */
export interface CommandEntry {
  readonly name: string
  /** The line `dvw --help` shows: the command's own description. */
  readonly summary: string
  readonly load: () => Promise<CommandRegistrar>
}

/** The sub-command the arguments run (`dvw help <name>` counts as that one), or null for `dvw --help` and the like. */
function commandNamed(argv: readonly string[], commands: readonly CommandEntry[]): CommandEntry | null {
  const words = argv.filter((arg) => !arg.startsWith('-'))
  const name = words[0] === 'help' ? words[1] : words[0]
  return commands.find((entry) => entry.name === name) ?? null
}

/**
 * The program for these arguments: the command they run registered in full (its module loaded),
 * every other one as its name and summary only, so the help still lists them all.
 */
async function buildProgram(
  io: CliIo,
  setExit: (code: number) => void,
  commands: readonly CommandEntry[],
  argv: readonly string[] = [],
): Promise<Command> {
  const running = commandNamed(argv, commands)
  const registrar = running ? await running.load() : null
  const program = new Command('dvw')
    .description(
      'Dataverse Workbench on the command line: test app-user connections, explain failures and query the Web API.',
    )
    .version(pkg.version, '-v, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .showHelpAfterError('(run dvw --help for usage)')
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .exitOverride()
  for (const entry of commands) {
    if (entry === running && registrar) registrar(program, io, setExit)
    else program.command(entry.name).description(entry.summary)
  }
  return program
}

export async function runCli(argv: readonly string[], io: CliIo, commands: readonly CommandEntry[]): Promise<number> {
  let exitCode: number = EXIT.ok
  try {
    const program = await buildProgram(
      io,
      (code) => {
        exitCode = code
      },
      commands,
      argv,
    )
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
    if (isZodError(error)) {
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

/** A zod validation error, recognised without loading zod: `dvw --help` should not pay for it. */
function isZodError(error: unknown): error is z.ZodError {
  return error instanceof Error && error.name === 'ZodError' && Array.isArray((error as { issues?: unknown }).issues)
}
