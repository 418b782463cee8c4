/**
 * `dvw connections import --from pac|dataverse-cli|xrmtoolbox|pptb FILE` and
 * `dvw connections command NAME --for pac|az|dataverse-cli`: the CLI side of the tool imports and of
 * "Copy as command". Neither reads, keeps nor prints a secret.
 */
import { Option, type Command } from 'commander'
import { connectionCommand } from '@common/connection-commands'
import { COMMAND_TARGETS, type CommandTarget, type ImportSource } from '@common/contract/interop'
import type { Services } from '../../app/create-services'
import { importFromTool, SOURCE_LABELS } from '../../app/tool-import'
import { savedConnection } from '../connection-flags'
import { EXIT, type CliIo } from '../io'
import { createStyle } from '../style'
import { withServices } from './connections'

/** Prints what was taken, skipped and why; exit 0 when something was imported, 1 when nothing was. */
export async function runToolImport(
  services: Services,
  io: CliIo,
  source: ImportSource,
  text: string,
): Promise<number> {
  const result = await importFromTool(services.connections, source, text)
  const style = createStyle(io)
  io.stdout(`${style.bold(SOURCE_LABELS[source])}\n`)
  for (const [index, view] of result.imported.entries())
    io.stdout(`${style.green('Imported')} ${view.name} (${view.id}): ${result.taken[index]?.detail ?? ''}\n`)
  for (const skipped of result.skipped) io.stdout(`${style.yellow('Skipped')}  ${skipped.name}: ${skipped.reason}\n`)
  for (const note of result.notes) io.stdout(`${style.dim('Note')}     ${note}\n`)
  if (!result.imported.length) io.stderr('Nothing was imported.\n')
  return result.imported.length ? EXIT.ok : EXIT.failed
}

export function registerConnectionCommand(connections: Command, io: CliIo, setExit: (code: number) => void): void {
  connections
    .command('command')
    .description(
      'print a saved connection as a pac auth create or az login command; the secret is an environment variable reference, never the value',
    )
    .argument('<name-or-id>', 'the saved connection')
    .addOption(new Option('--for <tool>', 'pac, az or dataverse-cli').choices(COMMAND_TARGETS).makeOptionMandatory())
    .addOption(new Option('--shell <shell>', 'powershell or bash').choices(['powershell', 'bash']).default('bash'))
    .option('--json', 'print both shells and the notes as JSON')
    .action(async (wanted: string, options: { for: CommandTarget; shell: 'powershell' | 'bash'; json?: boolean }) =>
      withServices(io, setExit, 'connections command', async (services) => {
        const connection = await savedConnection(services, wanted)
        const text = connectionCommand(connection, options.for)
        if (options.json) {
          io.stdout(JSON.stringify(text, null, 2) + '\n')
          setExit(text.bash ? EXIT.ok : EXIT.failed)
          return
        }
        const command = options.shell === 'powershell' ? text.powershell : text.bash
        if (command) io.stdout(`${command}\n`)
        for (const note of text.notes) io.stderr(`# ${note}\n`)
        setExit(command ? EXIT.ok : EXIT.failed)
      }),
    )
}
