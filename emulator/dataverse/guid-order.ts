/**
 * Dataverse orders and compares `uniqueidentifier` columns as SQL Server does (byte groups from
 * the last to the first), not as text: `$orderby` on a GUID, `gt`/`lt` in `$filter`, the default
 * primary-key order of a page and the paging cookie all follow it. A client that splits a table
 * into primary-key ranges relies on the server agreeing with SQL Server, so the emulator does too.
 * (common/query/sql-guid-order.ts explains the order and compares in place, without building a key.)
 */

import { compareSqlGuids } from '@common/query/sql-guid-order'

/** SQL Server's order of two GUIDs (either case); a value that is not a GUID's text sorts by its text. */
export const compareGuids = compareSqlGuids
