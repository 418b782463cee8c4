import { writePrivateFile } from '../../app/private-files'
import { Option, type Command } from 'commander'
import type { ConnectionView } from '@common/connection'
import type { Customer } from '@common/customer'
import { isAppFailure } from '@common/result'
import {
  connectionsToExport,
  exportText,
  importConnectionsText,
  readConnectionsFile,
  type ExportFormat,
} from '../../app/connection-transfer'
import { createServices, type Services } from '../../app/create-services'
import { customerNamed } from '../customer-option'
import { appDataDir } from '../data-dir'
import { createCliHost } from '../host'
import { EXIT, type CliIo } from '../io'
import type { CommandRegistrar } from '../program'
import { createStyle } from '../style'
import { IMPORT_SOURCES, type ImportSource } from '@common/contract/interop'
import { registerConnectionCommand, runToolImport } from './connections-interop'

/** What `dvw connections list --json` prints of a connection: identifiers and settings, never a credential or its hint. */
function listed(view: ConnectionView, customers: ReadonlyMap<string, Customer>) {
  return {
    id: view.id,
    name: view.name,
    /** The customer's name, or null when the connection is ungrouped. */
    customer: (view.customerId && customers.get(view.customerId)?.name) || null,
    environment: view.environment,
    orgUrl: view.orgUrl,
    cloud: view.cloud,
    tenantId: view.tenantId,
    clientId: view.clientId,
    credential: view.auth.kind,
    readOnly: view.readOnly,
    lastTest: view.lastTest,
  }
}

/** Runs one sub-command on the app's services and store; a failure is printed with its cause and next step (exit 1). */
export async function withServices(
  io: CliIo,
  setExit: (code: number) => void,
  what: string,
  run: (services: Services) => Promise<void>,
): Promise<void> {
  const host = createCliHost(io)
  try {
    await run(createServices(host, { sample: null }))
  } catch (error) {
    if (!isAppFailure(error)) throw error
    const failure = error.toAppError()
    io.stderr(
      `${createStyle(io).red(`dvw: ${what} failed`)}: ${failure.message}\n  Cause: ${failure.cause}\n  Next: ${failure.next}\n`,
    )
    setExit(EXIT.failed)
  } finally {
    await host.close()
  }
}

export const registerConnections: CommandRegistrar = (program, io, setExit) => {
  const connections: Command = program
    .command('connections')
    .description(
      `the connections the desktop app keeps (in ${appDataDir(io.env)}; DVW_DATA_DIR overrides): list, import, export`,
    )

  connections
    .command('list')
    .description('list the saved connections (use a name or id with --connection)')
    .option('--json', 'print them as JSON')
    .option('--customer <name>', "only this customer's connections (its name, case does not matter)")
    .action(async (options: { json?: boolean; customer?: string }) =>
      withServices(io, setExit, 'connections list', async (services) => {
        const only = options.customer === undefined ? null : customerNamed(services, options.customer)
        const customers = new Map(services.connections.customers().map((customer) => [customer.id, customer]))
        const views = (await services.connections.list())
          .filter((view) => only === null || view.customerId === only.id)
          .map((view) => listed(view, customers))
        if (options.json) io.stdout(JSON.stringify(views, null, 2) + '\n')
        else if (!views.length && only)
          io.stdout(`The customer "${only.name}" has no connections yet. Move some into it in the app.\n`)
        else if (!views.length)
          io.stdout('No saved connections. Import a file with dvw connections import FILE, or create one in the app.\n')
        else {
          const style = createStyle(io)
          for (const view of views) {
            io.stdout(
              `${style.bold(view.name)}  ${style.dim(view.id)}\n  ${view.customer ?? 'Ungrouped'} · ${view.environment}${view.readOnly ? ' · read-only' : ''} · ${view.orgUrl} · ${view.credential}${view.lastTest ? ` · last test ${view.lastTest.status} ${view.lastTest.at.slice(0, 10)}` : ''}\n`,
            )
          }
        }
        setExit(EXIT.ok)
      }),
    )

  connections
    .command('import')
    .description(
      "add the connections of a file: the app's JSON export or ServiceClient connection strings (secrets are never kept)",
    )
    .argument('<file>', 'the file to import')
    .addOption(
      new Option(
        '--from <tool>',
        "another tool's file: pac (authprofiles_v2.json), dataverse-cli, xrmtoolbox (.xml) or pptb (connections.json)",
      ).choices(IMPORT_SOURCES),
    )
    .option('--customer <name>', 'put the imported connections into this customer')
    .action(async (file: string, options: { from?: ImportSource; customer?: string }) =>
      withServices(io, setExit, 'connections import', async (services) => {
        if (options.from) {
          setExit(await runToolImport(services, io, options.from, await readConnectionsFile(file)))
          return
        }
        const customer = options.customer === undefined ? undefined : customerNamed(services, options.customer)
        const { imported, warnings } = await importConnectionsText(
          services.connections,
          await readConnectionsFile(file),
          { keepSecrets: false, customerId: customer?.id },
        )
        const style = createStyle(io)
        for (const view of imported)
          io.stdout(`${style.green('Imported')} ${view.name} (${view.id})${view.readOnly ? ', read-only' : ''}\n`)
        for (const warning of warnings) io.stderr(`${style.yellow('Warning')}: ${warning}\n`)
        if (!imported.length) io.stderr('Nothing was imported.\n')
        setExit(imported.length ? EXIT.ok : EXIT.failed)
      }),
    )

  registerConnectionCommand(connections, io, setExit)

  connections
    .command('export')
    .description('write saved connections to a file, without any secret')
    .argument('<file>', 'the file to write')
    .addOption(
      new Option('--format <format>', 'json (for the app and dvw) or connection-string (secrets as placeholders)')
        .choices(['json', 'connection-string'])
        .default('json'),
    )
    .option('--ids <list>', 'only these connection ids, comma-separated (default: every saved connection)')
    .option('--customer <name>', "only this customer's connections")
    .action(async (file: string, options: { format: ExportFormat; ids?: string; customer?: string }) =>
      withServices(io, setExit, 'connections export', async (services) => {
        if (options.customer !== undefined && options.ids) {
          io.stderr('dvw: connections export takes --ids or --customer, not both.\n')
          setExit(EXIT.usage)
          return
        }
        const customer = options.customer === undefined ? undefined : customerNamed(services, options.customer)
        const ids = options.ids
          ? options.ids
              .split(',')
              .map((id) => id.trim())
              .filter(Boolean)
          : []
        const chosen = await connectionsToExport(services.connections, ids, customer?.id)
        await writePrivateFile(file, exportText(chosen, options.format))
        io.stdout(`Exported ${chosen.length} connection${chosen.length === 1 ? '' : 's'} to ${file} (no secrets).\n`)
        setExit(EXIT.ok)
      }),
    )
}
