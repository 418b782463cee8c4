/**
 * Importing another tool's connection file, the same for the window (interop:import) and
 * `dvw connections import --from`: one parser per tool, the import rules of every import (sign-in
 * host screened, production read-only), and a result that says what was taken and what was not.
 */
import type { ImportSource, ToolImportResult } from '@common/contract/interop'
import { screenImported } from '../connections/sign-in-host'
import { parseToolFile } from '../connections/imports'
import type { AppConnections } from './ad-hoc-connections'

/** What each tool's file is called in messages. */
export { SOURCE_LABELS } from '../connections/imports'

export type ToolImportOutcome = Omit<ToolImportResult, 'cancelled'>

export async function importFromTool(
  connections: AppConnections,
  source: ImportSource,
  text: string,
): Promise<ToolImportOutcome> {
  const parsed = parseToolFile(source, text)
  const taken = parsed.entries.map((entry) => {
    const { warnings } = screenImported(entry.item, `"${entry.item.connection.name}"`)
    return { name: entry.item.connection.name, detail: [entry.detail, ...warnings].join(' ') }
  })
  const imported = parsed.entries.length
    ? await connections.importConnections(parsed.entries.map((entry) => entry.item))
    : []
  return { source, imported, taken, skipped: parsed.skipped, notes: parsed.notes }
}
