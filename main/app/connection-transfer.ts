/**
 * Importing and exporting connection files, the same for the window (connections:import/export)
 * and `dvw connections import/export`: one size limit, one parser, one set of warnings.
 */
import { readFile, stat } from 'node:fs/promises'
import type { Connection, ConnectionView } from '@common/connection'
import { AppFailure } from '@common/result'
import type { Customer } from '@common/customer'
import { customerNotFound } from '../connections/customers'
import { SAMPLE_CONNECTION_ID } from '../connections/sample'
import { exportConnectionStrings, exportJson, parseImport } from '../connections/transfer'
import type { AppConnections } from './ad-hoc-connections'

function requireCustomer(connections: AppConnections, customerId: string): Customer {
  const customer = connections.customers().find((item) => item.id === customerId)
  if (!customer) throw customerNotFound(customerId)
  return customer
}

const MAX_IMPORT_BYTES = 5 * 1024 * 1024

export type ExportFormat = 'json' | 'connection-string'

/** Reads a chosen connections file, refusing one too large to be one. */
export async function readConnectionsFile(path: string): Promise<string> {
  let size: number
  try {
    size = (await stat(path)).size
  } catch (error) {
    throw new AppFailure(
      {
        code: 'INVALID_INPUT',
        message: `${path} could not be read.`,
        cause: 'The file does not exist or may not be read.',
        next: 'Check the path and try again.',
        details: { path },
      },
      { cause: error },
    )
  }
  if (size > MAX_IMPORT_BYTES) {
    throw new AppFailure({
      code: 'INVALID_INPUT',
      message: `${path} is too large to be a connections file (over 5 MB).`,
      cause: 'The wrong file was chosen.',
      next: 'Choose the .json export or a text file of connection strings.',
    })
  }
  return readFile(path, 'utf8')
}

/**
 * Adds the connections a file describes. With `keepSecrets: false` (the CLI, which never stores a
 * secret) a secret carried by a connection string is dropped, and a warning says so.
 */
export async function importConnectionsText(
  connections: AppConnections,
  text: string,
  options: { readonly keepSecrets: boolean; readonly customerId?: string } = { keepSecrets: true },
): Promise<{ imported: ConnectionView[]; warnings: string[] }> {
  // A customer that is gone is refused before the file is read, so nothing is half-imported.
  if (options.customerId) requireCustomer(connections, options.customerId)
  const { items, warnings } = parseImport(text)
  const dropped = options.keepSecrets ? 0 : items.filter((item) => item.secret !== undefined).length
  const kept = options.keepSecrets ? items : items.map(({ secret: _secret, ...item }) => item)
  const imported = await connections.importConnections(kept, { customerId: options.customerId })
  if (dropped) {
    warnings.push(
      `${dropped} connection string${dropped === 1 ? '' : 's'} carried a client secret; it was not kept, because dvw never stores secrets. Give it with --secret-env NAME when you use the connection, or enter it in the app.`,
    )
  }
  return { imported, warnings }
}

/**
 * The saved connections to export: a customer's when `customerId` is given, else every one when `ids`
 * is empty; never the built-in sample.
 */
export async function connectionsToExport(
  connections: AppConnections,
  ids: readonly string[],
  customerId?: string,
): Promise<Connection[]> {
  if (customerId) {
    const customer = requireCustomer(connections, customerId)
    const theirs = (await connections.list()).filter((view) => view.customerId === customerId && view.builtIn === null)
    if (theirs.length === 0) {
      throw new AppFailure({
        code: 'INVALID_INPUT',
        message: `The customer "${customer.name}" has no connections to export.`,
        cause: 'No saved connection has been put into this customer yet.',
        next: 'Move connections into the customer first (their "…" menu → Move to customer).',
      })
    }
    return theirs.map((view) => connections.get(view.id))
  }
  const source = ids.length ? ids : (await connections.list()).map((view) => view.id)
  const chosen = source.filter((id) => id !== SAMPLE_CONNECTION_ID).map((id) => connections.get(id))
  if (chosen.length === 0) {
    throw new AppFailure({
      code: 'INVALID_INPUT',
      message: 'There is nothing to export.',
      cause: 'No saved connection was selected (the built-in sample is not exported).',
      next: 'Create or select a connection first.',
    })
  }
  return chosen
}

/** The export file's text: JSON without credentials, or connection strings with a placeholder for the secret. */
export function exportText(connections: readonly Connection[], format: ExportFormat): string {
  return format === 'json' ? exportJson(connections) : exportConnectionStrings(connections)
}
