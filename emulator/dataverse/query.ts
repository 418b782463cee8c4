/**
 * Collection reads: ordering (sorted copies cached per table version), keyset paging from a
 * cookie, filter + row-level security, counting, and projection to the wire shape with
 * annotations and expanded navigation properties.
 */
import { CODES, fail } from './errors'
import { compareGuids } from './guid-order'
import { lowerIndex, pastUpper, type KeyBounds } from './key-seek'
import type { Row, Value } from './data-generator'
import { formattedValue } from './format'
import { kindOf, type Predicate } from './filter'
import { skipToken, type parseInnerCookie, type CookieKey, type InnerCookie } from './paging-cookie'
import { ASSOCIATED_NAVIGATION, FORMATTED, LOOKUP_LOGICAL_NAME, type Preferences } from './prefer'
import { isLookupType, type ColumnDef, type Navigation, type TableDef } from './schema'
import type { OrgStore, TableData } from './store'

export interface OrderKey {
  readonly column: ColumnDef
  readonly descending: boolean
}

/** Dataverse sorts like SQL Server: nulls first when ascending, text ignoring case, GUIDs by SQL Server's byte order, ties by primary key. */
function rowComparator(keys: readonly OrderKey[], pk: string): (a: Row, b: Row) => number {
  const parts = keys.map((key) => {
    const name = key.column.wireName
    const kind = kindOf(key.column)
    const sign = key.descending ? -1 : 1
    return (a: Row, b: Row): number => {
      let x = a[name] ?? null
      let y = b[name] ?? null
      if (x === y) return 0
      if (x === null) return -sign
      if (y === null) return sign
      if (kind === 'guid') return sign * compareGuids(x as string, y as string)
      if (kind === 'string') {
        x = (x as string).toLowerCase()
        y = (y as string).toLowerCase()
      }
      return x < y ? -sign : x > y ? sign : 0
    }
  })
  return (a, b) => {
    for (const part of parts) {
      const c = part(a, b)
      if (c !== 0) return c
    }
    return compareGuids(a[pk] as string, b[pk] as string)
  }
}

const orderCacheKey = (keys: readonly OrderKey[]): string =>
  keys.map((k) => `${k.column.wireName} ${k.descending ? 'desc' : 'asc'}`).join(',')

export interface PageQuery {
  readonly table: TableDef
  /** The whole table (uses its caches) or an explicit set of rows (a navigation property). */
  readonly source: TableData | readonly Row[]
  readonly filter: Predicate | null
  readonly visible: Predicate | null
  readonly order: readonly OrderKey[]
  readonly limit: number
  /** Rows after this one (in `order`) start the page. */
  readonly after: Row | null
  /** Rows to skip before the page (FetchXML `page` without a cookie). */
  readonly skip?: number
  /** Primary-key bounds the filter sets (key-seek.ts): used when the rows are read in key order. */
  readonly bounds?: KeyBounds | null
}

export interface Page {
  readonly rows: Row[]
  readonly more: boolean
}

function ordered(query: PageQuery): readonly Row[] {
  const pk = query.table.primaryIdAttribute
  if (!Array.isArray(query.source)) {
    const data = query.source as TableData
    return query.order.length === 0
      ? data.rows
      : data.sorted(orderCacheKey(query.order), rowComparator(query.order, pk))
  }
  const rows = query.source as readonly Row[]
  return rows.slice().sort(rowComparator(query.order, pk))
}

function firstAfter(rows: readonly Row[], after: Row, compare: (a: Row, b: Row) => number): number {
  let lo = 0
  let hi = rows.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (compare(rows[mid] as Row, after) <= 0) lo = mid + 1
    else hi = mid
  }
  return lo
}

/** Whether rows are read in primary-key order: no `$orderby`, or the key ascending. */
function inKeyOrder(query: PageQuery): boolean {
  const pk = query.table.primaryIdAttribute
  return (
    query.order.length === 0 ||
    (query.order.length === 1 && query.order[0]?.column.wireName === pk && !query.order[0].descending)
  )
}

export function readPage(query: PageQuery): Page {
  const rows = ordered(query)
  const pk = query.table.primaryIdAttribute
  const compare = rowComparator(query.order, pk)
  const { filter, visible, limit } = query
  const bounds = query.bounds && inKeyOrder(query) ? query.bounds : null
  let skip = query.skip ?? 0
  const out: Row[] = []
  let start = query.after ? firstAfter(rows, query.after, compare) : 0
  if (bounds)
    start = Math.max(
      start,
      lowerIndex(bounds, rows.length, (i) => rows[i]?.[pk] as string),
    )
  for (let i = start; i < rows.length; i++) {
    const row = rows[i] as Row
    if (bounds && pastUpper(bounds, row[pk] as string)) break
    if (filter && !filter(row)) continue
    if (visible && !visible(row)) continue
    if (skip > 0) {
      skip--
      continue
    }
    if (out.length === limit) return { rows: out, more: true }
    out.push(row)
  }
  return { rows: out, more: false }
}

/** Matching rows, counting no further than `cap` + 1 (Dataverse caps `@odata.count` at 5,000). */
export function countRows(query: Omit<PageQuery, 'after' | 'limit'>, cap: number): number {
  const rows = Array.isArray(query.source) ? (query.source as readonly Row[]) : (query.source as TableData).rows
  let count = 0
  for (const row of rows) {
    if (query.filter && !query.filter(row)) continue
    if (query.visible && !query.visible(row)) continue
    if (++count > cap) break
  }
  return count
}

/** The cookie that makes the next page start after `last`. */
export function cookieFor(
  page: number,
  order: readonly OrderKey[],
  table: TableDef,
  first: Row,
  last: Row,
): InnerCookie {
  const pk = table.primaryIdAttribute
  const keys: CookieKey[] = order.map((key) => ({
    name: key.column.wireName,
    last: last[key.column.wireName] ?? null,
    first: first[key.column.wireName] ?? null,
  }))
  keys.push({ name: pk, last: last[pk] ?? null, first: first[pk] ?? null })
  return { page, keys }
}

/** A pseudo-row holding the cookie's last values, for the keyset search. */
export function rowFromCookie(
  inner: ReturnType<typeof parseInnerCookie>,
  order: readonly OrderKey[],
  table: TableDef,
): Row {
  const expected = [...order.map((key) => key.column), undefined]
  if (inner.keys.length !== expected.length) return invalidCookie()
  const row: Row = {}
  inner.keys.forEach((key, i) => {
    const column = expected[i]
    const wire = column ? column.wireName : table.primaryIdAttribute
    if (key.name !== wire) invalidCookie()
    row[wire] = column ? typed(column, key.last) : key.last
  })
  if (typeof row[table.primaryIdAttribute] !== 'string') invalidCookie()
  return row
}

const invalidCookie = (): never =>
  fail(
    400,
    CODES.invalidArgument,
    'The paging cookie does not match this query. Resend the @odata.nextLink exactly as it was returned, with the same $orderby.',
  )

function typed(column: ColumnDef, text: string | null): Value {
  if (text === null) return null
  switch (kindOf(column)) {
    case 'number': {
      const n = Number(text)
      return Number.isFinite(n) ? n : invalidCookie()
    }
    case 'boolean':
      return text === '1' || text.toLowerCase() === 'true'
    default:
      return text
  }
}

// --- projection ---------------------------------------------------------------------------

export interface ReadPlan {
  readonly table: TableDef
  /** Output columns in order (the primary key is always among them). */
  readonly columns: readonly ColumnDef[]
  /** Names listed in `$select` (for `@odata.context`), or null for all columns. */
  readonly selected: readonly string[] | null
  readonly expands: readonly ExpandPlan[]
}

export interface ExpandPlan {
  readonly nav: Navigation
  readonly plan: ReadPlan
  readonly filter: Predicate | null
  readonly visible: Predicate | null
  readonly order: readonly OrderKey[]
  readonly top: number | undefined
  /** `nav/$ref`: an `@odata.id` reference instead of the row. */
  readonly ref?: boolean
  /** The expansion nests another $expand (Dataverse then pages it by the max page size). */
  readonly nested: boolean
  /** A collection's own options as a query string, for `<nav>@odata.nextLink`. */
  readonly linkOptions?: string
}

export interface ProjectContext {
  readonly store: OrgStore
  readonly prefer: Preferences
  readonly currencySymbol: string
  /** `https://org/api/data/v9.2`, for references and expanded collections' nextLinks. */
  readonly apiBase?: string
}

type Parts = string[]
/** Appends one row's JSON text to `parts`; the page is joined once at the end (no deep string concatenation). */
type PartsWriter = (row: Row, parts: Parts) => void

const pushValue = (parts: Parts, value: Value | undefined): void => {
  parts.push(
    value === null || value === undefined ? 'null' : typeof value === 'string' ? JSON.stringify(value) : String(value),
  )
}

/** Which navigation property a lookup value travels through, per target table. */
function associatedNavigation(store: OrgStore, table: TableDef, column: ColumnDef, target: string): string {
  if (column.type === 'owner') return 'ownerid'
  for (const nav of store.index.navigations(table)) {
    if (nav.kind === 'single' && nav.column === column && nav.target === target) return nav.name
  }
  return column.logicalName
}

function partsWriter(plan: ReadPlan, context: ProjectContext, extra?: (row: Row) => string): PartsWriter {
  const { prefer, store } = context
  const formatted = prefer.wants(FORMATTED)
  const logicalName = prefer.wants(LOOKUP_LOGICAL_NAME)
  const navigationName = prefer.wants(ASSOCIATED_NAVIGATION)
  const columns = plan.columns.map((column) => ({
    column,
    name: column.wireName,
    key: `,${JSON.stringify(column.wireName)}:`,
    formattedKey: `,${JSON.stringify(`${column.wireName}@${FORMATTED}`)}:`,
    navigationKey: `,${JSON.stringify(`${column.wireName}@${ASSOCIATED_NAVIGATION}`)}:`,
    logicalKey: `,${JSON.stringify(`${column.wireName}@${LOOKUP_LOGICAL_NAME}`)}:`,
    lookup: isLookupType(column.type),
  }))
  const annotate = formatted || logicalName || navigationName
  const expands = plan.expands.map((expand) => ({
    expand,
    key: `,${JSON.stringify(expand.nav.name)}:`,
    write: partsWriter(expand.plan, context),
  }))
  return (row, parts) => {
    parts.push('{"@odata.etag":', JSON.stringify(row['@odata.etag']))
    for (const c of columns) {
      const value = row[c.name] ?? null
      if (annotate && value !== null) {
        if (c.lookup) {
          const target = store.lookupName(c.column, value as string)
          if (target) {
            if (formatted && target.name !== null) parts.push(c.formattedKey, JSON.stringify(target.name))
            if (navigationName)
              parts.push(
                c.navigationKey,
                JSON.stringify(associatedNavigation(store, plan.table, c.column, target.table)),
              )
            if (logicalName) parts.push(c.logicalKey, JSON.stringify(target.table))
          }
        } else if (formatted) {
          const text = formattedValue(c.column, value, context.currencySymbol)
          if (text !== undefined) parts.push(c.formattedKey, JSON.stringify(text))
        }
      }
      parts.push(c.key)
      pushValue(parts, value)
    }
    for (const { expand, key, write } of expands) {
      parts.push(key)
      writeExpand(expand, row, plan.table, context, write, parts)
    }
    if (extra) parts.push(extra(row))
    parts.push('}')
  }
}

type Members = Readonly<Record<string, unknown>>

const memberText = (members: Members): string =>
  Object.entries(members)
    .map(([key, value]) => `${JSON.stringify(key)}:${JSON.stringify(value)},`)
    .join('')

function isPlain(plan: ReadPlan, context: ProjectContext, extra?: unknown): boolean {
  const p = context.prefer
  return (
    !extra &&
    plan.expands.length === 0 &&
    !p.wants(FORMATTED) &&
    !p.wants(LOOKUP_LOGICAL_NAME) &&
    !p.wants(ASSOCIATED_NAVIGATION)
  )
}

/** Each row's JSON text, from the store's cache when the row is unchanged since it was last written out. */
function plainTexts(plan: ReadPlan, context: ProjectContext, rows: readonly Row[]): string[] {
  const keys = plan.selected === null ? null : ['@odata.etag', ...plan.columns.map((c) => c.wireName)]
  const cache = context.store.rowTexts(`${plan.table.logicalName}:${keys ? keys.join(',') : '*'}`)
  const texts: string[] = new Array<string>(rows.length)
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i] as Row
    const etag = row['@odata.etag'] ?? null
    let hit = cache.get(row)
    if (!hit || hit.etag !== etag) {
      hit = { etag, text: keys ? JSON.stringify(row, keys) : JSON.stringify(row) }
      cache.set(row, hit)
    }
    texts[i] = hit.text
  }
  return texts
}

/**
 * A collection body `{…header, "value":[rows], …footer}` as one flat string (one join, so the
 * Response's UTF-8 encoder gets no cons string to copy). Stored rows are already in wire shape,
 * so without annotations, expansions or extra fields each row is V8's own JSON.stringify (with a
 * property list for $select), cached per row until the row is written.
 */
export function writeCollection(
  plan: ReadPlan,
  context: ProjectContext,
  rows: readonly Row[],
  header: Members,
  footer: Members = {},
  extra?: (row: Row) => string,
): string {
  const after = memberText(footer)
  const prefix = `{${memberText(header)}"value":[`
  const suffix = `]${after ? `,${after.slice(0, -1)}` : ''}}`
  if (isPlain(plan, context, extra)) {
    const texts = plainTexts(plan, context, rows)
    if (texts.length === 0) return prefix + suffix
    texts[0] = prefix + (texts[0] as string)
    texts[texts.length - 1] = (texts[texts.length - 1] as string) + suffix
    return texts.join(',')
  }
  const write = partsWriter(plan, context, extra)
  const parts: Parts = [prefix]
  rows.forEach((row, i) => {
    if (i > 0) parts.push(',')
    write(row, parts)
  })
  parts.push(suffix)
  return parts.join('')
}

/** One row as a JSON object, with leading members (`@odata.context`). */
export function writeRow(plan: ReadPlan, context: ProjectContext, row: Row, leading: Members): string {
  if (isPlain(plan, context))
    return `{${memberText(leading)}${(plainTexts(plan, context, [row])[0] as string).slice(1)}`
  const parts: Parts = []
  partsWriter(plan, context)(row, parts)
  parts[0] = `{${memberText(leading)}"@odata.etag":`
  return parts.join('')
}

function writeExpand(
  expand: ExpandPlan,
  row: Row,
  from: TableDef,
  context: ProjectContext,
  write: PartsWriter,
  parts: Parts,
): void {
  const { nav } = expand
  if (nav.kind === 'single') {
    const id = row[nav.column.wireName]
    const found =
      typeof id === 'string'
        ? context.store.resolve(nav.column, id, nav.column.type === 'owner' ? undefined : nav.target)
        : undefined
    if (
      !found ||
      (!expand.ref && found.table.logicalName !== expand.plan.table.logicalName) ||
      (expand.visible && !expand.visible(found.row))
    )
      parts.push('null')
    else if (expand.ref)
      parts.push(
        `{"@odata.id":${JSON.stringify(`${context.apiBase ?? ''}/${found.table.entitySetName}(${id as string})`)}}`,
      )
    else write(found.row, parts)
    return
  }
  const related = relatedFor(nav, from, row, context.store)
  // Under a nested $expand Dataverse pages each expanded collection by the max page size.
  const pageSize = expand.nested ? context.prefer.maxPageSize : undefined
  const page = readPage({
    table: expand.plan.table,
    source: related,
    filter: expand.filter,
    visible: expand.visible,
    order: expand.order,
    limit: Math.min(expand.top ?? pageSize ?? 5000, 5000),
    after: null,
  })
  parts.push('[')
  page.rows.forEach((child, i) => {
    if (i > 0) parts.push(',')
    write(child, parts)
  })
  parts.push(']')
  if (expand.linkOptions === undefined || context.apiBase === undefined || (expand.nested && !page.more)) return
  let link = `${context.apiBase}/${from.entitySetName}(${row[from.primaryIdAttribute] as string})/${nav.name}${expand.linkOptions ? `?${expand.linkOptions}` : ''}`
  if (expand.nested && page.more && page.rows.length > 0) {
    const cookie = cookieFor(
      1,
      expand.order,
      expand.plan.table,
      page.rows[0] as Row,
      page.rows[page.rows.length - 1] as Row,
    )
    link += `${expand.linkOptions ? '&' : '?'}$skiptoken=${encodeURIComponent(skipToken(cookie))}`
  }
  parts.push(`,${JSON.stringify(`${nav.name}@odata.nextLink`)}:${JSON.stringify(link)}`)
}

function relatedFor(nav: Navigation, from: TableDef, row: Row, store: OrgStore): readonly Row[] {
  const id = row[from.primaryIdAttribute] as string
  if (nav.kind === 'collection') {
    const target = store.table(nav.target)
    const column = store.index.columnByLogicalName(target.def, nav.relationship.referencingAttribute)
    return column ? (target.groupedBy(column.wireName).get(id) ?? []) : []
  }
  if (nav.kind === 'manyToMany') {
    const target = store.table(nav.target)
    return store
      .association(nav.relationship.schemaName)
      .related(from.logicalName, id)
      .map((other) => target.get(other))
      .filter((row): row is Row => row !== undefined)
      .sort((a, b) =>
        compareGuids(a[target.def.primaryIdAttribute] as string, b[target.def.primaryIdAttribute] as string),
      )
  }
  return []
}

/** `accounts(name,primarycontactid(fullname))` for `@odata.context`. */
export function contextProjection(plan: ReadPlan): string {
  const parts = [...(plan.selected ?? [])]
  for (const expand of plan.expands) parts.push(`${expand.nav.name}(${contextProjection(expand.plan)})`)
  return parts.join(',')
}
