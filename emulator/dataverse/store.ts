/**
 * The in-memory data of one organization. Each table keeps its rows sorted by primary key once
 * (inserts go to their place), an id map, and caches that writes invalidate through `version`:
 * sorted copies per `$orderby` and lookup indexes for navigation. Queries never re-sort 50,000
 * rows per request.
 */
import { compareGuids } from './guid-order'
import type { OrgData, Row, Value } from './data-generator'
import {
  indexSchema,
  isLookupType,
  type ColumnDef,
  type ManyToManyDef,
  type Schema,
  type SchemaIndex,
  type TableDef,
} from './schema'
import { rememberRow, UndoLog, type Journal } from './undo-log'

export class TableData {
  /** Sorted by primary key (lower-case GUID text). */
  readonly rows: Row[]
  /** Bumped by every write; caches compare it. */
  version = 0
  private readonly sortedCache = new Map<string, { version: number; rows: Row[] }>()
  private readonly lookupCache = new Map<string, { version: number; map: Map<string, Row[]> }>()

  constructor(
    readonly def: TableDef,
    rows: Row[],
    private readonly journal: Journal = { log: null },
  ) {
    const pk = def.primaryIdAttribute
    // The generator makes primary keys in order; anything else is sorted once here.
    let ordered = true
    for (let i = 1; i < rows.length && ordered; i++)
      ordered = compareIds(rows[i - 1]?.[pk] as string, rows[i]?.[pk] as string) < 0
    this.rows = ordered ? rows.slice() : rows.slice().sort((a, b) => compareIds(a[pk] as string, b[pk] as string))
  }

  /** By primary key: a binary search, so a 50,000-row table needs no id map. */
  get(id: string): Row | undefined {
    const wanted = id.toLowerCase()
    const at = this.indexAfter(wanted) - 1
    const row = this.rows[at]
    return row && row[this.def.primaryIdAttribute] === wanted ? row : undefined
  }

  /** Index of the first row whose primary key is greater than `id`. */
  indexAfter(id: string): number {
    const pk = this.def.primaryIdAttribute
    let lo = 0
    let hi = this.rows.length
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (compareIds(this.rows[mid]?.[pk] as string, id) <= 0) lo = mid + 1
      else hi = mid
    }
    return lo
  }

  insert(row: Row): void {
    const id = row[this.def.primaryIdAttribute] as string
    this.rows.splice(this.indexAfter(id), 0, row)
    this.version++
    this.journal.log?.record(() => this.remove(id))
  }

  remove(id: string): Row | undefined {
    const row = this.get(id)
    if (!row) return undefined
    this.rows.splice(this.indexAfter(id) - 1, 1)
    this.version++
    this.journal.log?.record(() => this.insert(row))
    return row
  }

  /** Call before changing `row` in place, so an open change set can put it back. */
  willChange(row: Row): void {
    rememberRow(this.journal, row, () => this.touch())
  }

  touch(): void {
    this.version++
  }

  /** The rows sorted by `compare`, cached per `key` until the next write. */
  sorted(key: string, compare: (a: Row, b: Row) => number): Row[] {
    const cached = this.sortedCache.get(key)
    if (cached && cached.version === this.version) return cached.rows
    const rows = this.rows.slice().sort(compare)
    if (this.sortedCache.size >= 16) this.sortedCache.clear()
    this.sortedCache.set(key, { version: this.version, rows })
    return rows
  }

  /** Rows grouped by a lookup column's value, in primary-key order; cached until the next write. */
  groupedBy(wireName: string): Map<string, Row[]> {
    const cached = this.lookupCache.get(wireName)
    if (cached && cached.version === this.version) return cached.map
    const map = new Map<string, Row[]>()
    for (const row of this.rows) {
      const value = row[wireName]
      if (typeof value !== 'string') continue
      const list = map.get(value)
      if (list) list.push(row)
      else map.set(value, [row])
    }
    this.lookupCache.set(wireName, { version: this.version, map })
    return map
  }
}

/** Primary-key order: SQL Server's uniqueidentifier order, as Dataverse pages and sorts (guid-order.ts). */
const compareIds = compareGuids

export class Associations {
  private readonly left = new Map<string, Set<string>>()
  private readonly right = new Map<string, Set<string>>()

  constructor(
    readonly def: ManyToManyDef,
    pairs: readonly [string, string][],
    private readonly journal: Journal = { log: null },
  ) {
    for (const [a, b] of pairs) this.add(a, b)
  }

  add(a: string, b: string): boolean {
    const set = this.left.get(a) ?? new Set()
    if (set.has(b)) return false
    set.add(b)
    this.left.set(a, set)
    const back = this.right.get(b) ?? new Set()
    back.add(a)
    this.right.set(b, back)
    this.journal.log?.record(() => this.remove(a, b))
    return true
  }

  remove(a: string, b: string): boolean {
    const removed = this.left.get(a)?.delete(b) ?? false
    this.right.get(b)?.delete(a)
    if (removed) this.journal.log?.record(() => this.add(a, b))
    return removed
  }

  /** Ids related to `id` when `id` is a row of `table`. */
  related(table: string, id: string): string[] {
    const map = table === this.def.table1 ? this.left : this.right
    return [...(map.get(id) ?? [])]
  }

  removeAll(table: string, id: string): void {
    for (const other of this.related(table, id)) {
      if (table === this.def.table1) this.remove(id, other)
      else this.remove(other, id)
    }
    if (this.def.table1 === this.def.table2) for (const other of [...(this.right.get(id) ?? [])]) this.remove(other, id)
  }
}

export class OrgStore {
  readonly index: SchemaIndex
  readonly organizationId: string
  readonly rootBusinessUnitId: string
  private readonly tables = new Map<string, TableData>()
  private readonly associations = new Map<string, Associations>()
  private versionCounter: number
  private readonly rowTextCaches = new Map<string, WeakMap<Row, { readonly etag: Value; readonly text: string }>>()
  private readonly journal: Journal = { log: null }

  constructor(schema: Schema, data: OrgData) {
    this.index = indexSchema(schema)
    this.organizationId = data.organizationId
    this.rootBusinessUnitId = data.rootBusinessUnitId
    this.versionCounter = data.nextVersion
    for (const def of schema.tables)
      this.tables.set(def.logicalName, new TableData(def, data.rows.get(def.logicalName) ?? [], this.journal))
    for (const def of schema.manyToMany)
      this.associations.set(
        def.schemaName,
        new Associations(def, data.associations.get(def.schemaName) ?? [], this.journal),
      )
  }

  table(logicalName: string): TableData {
    const table = this.tables.get(logicalName)
    if (!table) throw new Error(`No table ${logicalName}`)
    return table
  }

  association(schemaName: string): Associations {
    const association = this.associations.get(schemaName)
    if (!association) throw new Error(`No relationship ${schemaName}`)
    return association
  }

  /**
   * Runs `work` all-or-nothing: if it throws, every change it made to rows and relationships is
   * undone before the error goes on. `work` must not wait on I/O, so no other request's writes
   * interleave with it (microtasks only, as handleApi with an in-memory body).
   */
  async atomically<T>(work: () => Promise<T>): Promise<T> {
    if (this.journal.log) throw new Error('Change sets do not nest')
    const log = new UndoLog()
    this.journal.log = log
    try {
      return await work()
    } catch (error) {
      this.journal.log = null
      log.rollback()
      throw error
    } finally {
      this.journal.log = null
    }
  }

  nextVersion(): number {
    return this.versionCounter++
  }

  /**
   * Cached JSON text of rows, per projection (`signature`). An entry is valid while the row's
   * etag is unchanged — every write gives a row a new etag — and goes with the row when it is
   * deleted (WeakMap). At most 4 projections are kept per organization.
   */
  rowTexts(signature: string): WeakMap<Row, { readonly etag: Value; readonly text: string }> {
    let cache = this.rowTextCaches.get(signature)
    if (!cache) {
      if (this.rowTextCaches.size >= 4) this.rowTextCaches.delete(this.rowTextCaches.keys().next().value as string)
      cache = new WeakMap()
      this.rowTextCaches.set(signature, cache)
    }
    return cache
  }

  /** The row a lookup value points to, searching the column's target tables in order. */
  resolve(column: ColumnDef, id: string, only?: string): { table: TableDef; row: Row } | undefined {
    if (!isLookupType(column.type)) return undefined
    for (const target of only ? [only] : (column.targets ?? [])) {
      const data = this.tables.get(target)
      const row = data?.get(id)
      if (data && row) return { table: data.def, row }
    }
    return undefined
  }

  /** Primary name of the row a lookup points to (for formatted values). */
  lookupName(column: ColumnDef, id: string): { name: string | null; table: string } | undefined {
    const found = this.resolve(column, id)
    if (!found) return undefined
    const value = found.row[found.table.primaryNameAttribute]
    return { name: typeof value === 'string' ? value : null, table: found.table.logicalName }
  }
}
