/**
 * Turns parsed query options ($select, $orderby, $expand with nested options) into a ReadPlan
 * the query engine runs, checking names against the table definitions and privileges against the
 * security model.
 */
import type { Expression, ExpandItem, OrderByItem, QueryOptions, SelectItem } from '@common/odata'
import { parseFilter } from '@common/odata'
import { CODES, fail, propertyNotFound } from './errors'
import { compileFilter, type Predicate } from './filter'
import type { ExpandPlan, OrderKey, ReadPlan } from './query'
import { PRINCIPAL_OWNER_ID, type ColumnDef, type TableDef } from './schema'
import type { Caller, SecurityModel } from './security'
import type { OrgStore } from './store'

export interface PlanContext {
  readonly store: OrgStore
  readonly security: SecurityModel
  readonly caller: Caller
  readonly now: number
  readonly aliases: ReadonlyMap<string, Expression>
  /** The parsed request text, so an expanded collection's nextLink can repeat its options. */
  readonly requestText?: string
}

/** Dataverse's wording for expand options it does not run under a nested expand. */
const NESTED_EXPAND_ONLY =
  'Only $select and $filter clause can be provided while doing $expand on many-to-one relationship or nested one-to-many relationship.'

/** `@p1=…` parameter aliases, parsed as expressions. */
export function parseAliases(options: QueryOptions): Map<string, Expression> {
  const aliases = new Map<string, Expression>()
  for (const option of options.custom) {
    if (!option.name.startsWith('@')) continue
    const parsed = parseFilter(option.value)
    if (!parsed.ok) fail(400, CODES.odataError, `Syntax error at position ${parsed.error.offset} in '${option.value}'.`)
    else aliases.set(option.name, parsed.value)
  }
  return aliases
}

function selectColumns(
  table: TableDef,
  select: readonly SelectItem[] | undefined,
  context: PlanContext,
): { columns: ColumnDef[]; selected: string[] | null } {
  const principal = table.baseType === 'principal'
  if (!select || select.some((item) => item.kind === 'star'))
    return { columns: principal ? [...table.columns, PRINCIPAL_OWNER_ID] : [...table.columns], selected: null }
  const columns: ColumnDef[] = []
  const selected: string[] = []
  for (const item of select) {
    const path = item.path.map((p) => p.name)
    if (path.length !== 1) {
      fail(
        400,
        CODES.odataError,
        `The $select path '${path.join('/')}' is not supported: select columns of related rows inside $expand instead.`,
      )
    }
    const name = path[0] as string
    const column = context.store.index.column(table, name) ?? propertyNotFound(table, name)
    if (!columns.includes(column)) {
      columns.push(column)
      selected.push(name)
    }
  }
  // A money amount means nothing without its currency: Dataverse adds the currency lookup.
  const currency = context.store.index.column(table, '_transactioncurrencyid_value')
  if (currency && !columns.includes(currency) && columns.some((c) => c.type === 'money')) columns.push(currency)
  const pk = context.store.index.column(table, table.primaryIdAttribute)
  if (pk && !columns.includes(pk)) columns.push(pk)
  if (principal) columns.push(PRINCIPAL_OWNER_ID)
  return { columns, selected }
}

export function orderKeys(
  table: TableDef,
  orderby: readonly OrderByItem[] | undefined,
  context: PlanContext,
): OrderKey[] {
  return (orderby ?? []).map((item) => {
    const expression = item.expression
    if (expression.kind !== 'path' || expression.segments.length !== 1) {
      return fail(
        400,
        CODES.odataError,
        'Dataverse orders by columns of the table only: write $orderby=column asc|desc.',
      )
    }
    const name = (expression.segments[0] as { name: string }).name
    const column = context.store.index.column(table, name) ?? propertyNotFound(table, name)
    if (column.type === 'memo')
      fail(400, CODES.odataError, `The column '${name}' (multiple lines of text) cannot be used in $orderby.`)
    return { column, descending: item.direction === 'desc' }
  })
}

/** Read privilege on a table and the rows its depth lets the caller see. */
export function readAccess(table: TableDef, context: PlanContext): Predicate | null {
  const depth = context.security.require(context.caller, table, 'Read')
  return context.security.rowFilter(context.caller, table, depth)
}

export function filterFor(table: TableDef, filter: Expression | undefined, context: PlanContext): Predicate | null {
  if (!filter) return null
  return compileFilter(filter, {
    table,
    store: context.store,
    now: context.now,
    caller: context.caller,
    aliases: context.aliases,
  })
}

/** `depth`: 0 for the request's own options, n inside n levels of $expand. */
export function readPlan(table: TableDef, options: QueryOptions, context: PlanContext, depth = 0): ReadPlan {
  const { columns, selected } = selectColumns(table, options.select, context)
  const expands = (options.expand ?? []).map((item) => expandPlan(table, item, context, depth))
  for (const expand of expands) {
    // `nav/$ref` answers with the lookup's id next to the reference, selected or not.
    if (expand.ref && expand.nav.kind === 'single' && !columns.includes(expand.nav.column))
      insertBeforeKey(columns, expand.nav.column, table)
  }
  return { table, columns, selected, expands }
}

function insertBeforeKey(columns: ColumnDef[], column: ColumnDef, table: TableDef): void {
  const at = columns.findIndex((c) => c.logicalName === table.primaryIdAttribute)
  columns.splice(at < 0 ? columns.length : at, 0, column)
}

function expandPlan(table: TableDef, item: ExpandItem, context: PlanContext, depth: number): ExpandPlan {
  const path = item.path.map((p) => p.name)
  if (path.length !== 1)
    fail(
      400,
      CODES.odataError,
      `The $expand path '${path.join('/')}' is not supported: nest $expand inside the parentheses instead.`,
    )
  const name = path[0] as string
  const nav = context.store.index.navigation(table, name) ?? propertyNotFound(table, name)
  const target = context.store.index.table(nav.target) ?? propertyNotFound(table, name)
  const options = item.options
  if (item.ref) {
    if (nav.kind !== 'single')
      fail(400, CODES.odataError, 'Expand with $ref is only supported on lookup type navigation property.')
    return {
      nav,
      ref: true,
      plan: { table: target, columns: [], selected: [], expands: [] },
      filter: null,
      visible: readAccess(target, context),
      order: [],
      top: undefined,
      nested: false,
    }
  }
  if (nav.kind === 'single' && (options.filter || options.orderby || options.top !== undefined)) {
    fail(400, CODES.odataError, `Only $select and $expand apply to the single-valued navigation property '${name}'.`)
  }
  const nested = (options.expand ?? []).length > 0
  if (nav.kind !== 'single' && (options.top !== undefined || options.orderby) && (nested || depth > 0))
    fail(400, CODES.odataError, NESTED_EXPAND_ONLY)
  const plan = readPlan(target, options, context, depth + 1)
  if (nav.kind === 'collection') {
    // Rows of a one-to-many expansion carry the lookup that points back at the parent row.
    const back = context.store.index.columnByLogicalName(target, nav.relationship.referencingAttribute)
    if (back && !plan.columns.includes(back)) insertBeforeKey(plan.columns as ColumnDef[], back, target)
  }
  return {
    nav,
    plan,
    filter: filterFor(target, options.filter, context),
    visible: readAccess(target, context),
    order: orderKeys(target, options.orderby, context),
    top: options.top,
    nested,
    ...(nav.kind !== 'single' && context.requestText
      ? { linkOptions: linkOptions(context.requestText.slice(item.span.start, item.span.end)) }
      : {}),
  }
}

/** `nav($select=a;$filter=x)` → `$select=a&$filter=x`: the options of an expanded collection as a query string. */
function linkOptions(itemText: string): string {
  const open = itemText.indexOf('(')
  if (open < 0) return ''
  const inner = itemText.slice(open + 1, itemText.lastIndexOf(')'))
  const parts: string[] = []
  let depth = 0
  let quoted = false
  let current = ''
  for (const char of inner) {
    if (char === "'") quoted = !quoted
    if (!quoted && char === '(') depth++
    if (!quoted && char === ')') depth--
    if (!quoted && depth === 0 && char === ';') {
      parts.push(current.trim())
      current = ''
    } else current += char
  }
  if (current.trim()) parts.push(current.trim())
  return parts.map((part) => part.replace(/^(\$\w+)\s*=\s*/, '$1=')).join('&')
}
