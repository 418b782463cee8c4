/**
 * Dataverse orders and compares `uniqueidentifier` columns as SQL Server does (byte groups from
 * the last to the first), not as text: `$orderby` on a GUID, `gt`/`lt` in `$filter`, the default
 * primary-key order of a page and the paging cookie all follow it. A client that splits a table
 * into primary-key ranges relies on the server agreeing with SQL Server, so the emulator does too.
 */
import { sqlGuidOrderKey } from '@common/query/sql-guid-order'

/** Keys of ids seen, so sorting 50,000 rows does not rebuild each key at every comparison. */
const keys = new Map<string, string>()
const KEY_CACHE_LIMIT = 500_000

/** A text that sorts like SQL Server's uniqueidentifier; a value that is not a GUID sorts by its lower-case text. */
export function guidOrderKey(id: string): string {
  let key = keys.get(id)
  if (key === undefined) {
    key = sqlGuidOrderKey(id) ?? `~${id.toLowerCase()}`
    if (keys.size >= KEY_CACHE_LIMIT) keys.clear()
    keys.set(id, key)
  }
  return key
}

/** SQL Server's order of two GUIDs. */
export function compareGuids(a: string, b: string): number {
  if (a === b) return 0
  const x = guidOrderKey(a)
  const y = guidOrderKey(b)
  return x < y ? -1 : x > y ? 1 : 0
}
