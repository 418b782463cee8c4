/**
 * Primary keys as Dataverse makes them: sequential GUIDs. Microsoft advises letting Dataverse
 * create ids because it makes them sequential, which keeps SQL Server's index in order; so in a
 * real table the ids of one server share their last bytes, the ones SQL Server compares first
 * (sql-guid-order.ts), and sit bunched in one small part of the key space, in creation order.
 * Rows come in bursts (an import) between quiet stretches, so their density varies along the keys.
 */
import { guidFromSqlNumber } from '@common/query/sql-guid-order'
import type { Random } from '../random'

/** A source of ascending GUIDs (in SQL Server's order) for one table. */
export function sequentialGuids(random: Random): () => string {
  // Bytes 10–15: the server's node id (000d3a is the prefix seen on Azure); bytes 8–9: its clock sequence.
  const node = (0x000d3an << 24n) | BigInt(random.int(0, 0xffffff))
  const clock = BigInt(0x8000 | random.int(0, 0x3fff))
  const prefix = (node << 80n) | (clock << 64n)
  // The remaining 64 bits count time; starting below 2^56 leaves room for any number of rows here.
  let time = BigInt(random.int(0, 0x7fffffff)) << 24n
  return () => {
    time += random.chance(0.02) ? BigInt(random.int(1, 0x3fffffff)) << 12n : BigInt(random.int(1, 4096))
    return guidFromSqlNumber(prefix | time)
  }
}
