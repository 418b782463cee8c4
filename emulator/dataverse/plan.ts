/**
 * Turns parsed query options ($select, $orderby, $expand with nested options) into a ReadPlan
 * the query engine runs, checking names against the table definitions and privileges against the
 * security model.
 */
import type { Expression, ExpandItem, OrderByItem, QueryOptions, SelectItem } from '../../common/odata'
import { parseFilter } from '../../common/odata'
import { CODES, fail, propertyNotFound } from './errors'
import { compileFilter, type Predicate } from './filter'
import type { ExpandPlan, OrderKey, ReadPlan } from './query'
import type { ColumnDef, TableDef } from './schema'
import type { Caller, SecurityModel } from './security'
import type { OrgStore } from './store'

export interface PlanContext {
  readonly store: OrgStore
  readonly security: SecurityModel
  readonly caller: Caller
  readonly now: number
  readonly aliases: ReadonlyMap<string, Expression>
}

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

export function selectColumns(table: TableDef, select: readonly SelectItem[] | undefined, context: PlanContext): { columns: ColumnDef[]; selected: string[] | null } {
  if (!select || select.some((item) => item.kind === 'star')) return { columns: [...table.columns], selected: null }
  const columns: ColumnDef[] = []
  const selected: string[] = []
  for (const item of select) {
    const path = item.path.map((p) => p.name)
    if (path.length !== 1) {
      fail(400, CODES.odataError, `The $select path '${path.join('/')}' is not supported: select columns of related rows inside $expand instead.`)
    }
    const name = path[0] as string
    const column = context.store.index.column(table, name) ?? propertyNotFound(table, name)
    if (!columns.includes(column)) {
      columns.push(column)
      selected.push(name)
    }
  }
  const pk = context.store.index.column(table, table.primaryIdAttribute)
  if (pk && !columns.includes(pk)) columns.push(pk)
  return { columns, selected }
}

export function orderKeys(table: TableDef, orderby: readonly OrderByItem[] | undefined, context: PlanContext): OrderKey[] {
  return (orderby ?? []).map((item) => {
    const expression = item.expression
    if (expression.kind !== 'path' || expression.segments.length !== 1) {
      return fail(400, CODES.odataError, 'Dataverse orders by columns of the table only: write $orderby=column asc|desc.')
    }
    const name = (expression.segments[0] as { name: string }).name
    const column = context.store.index.column(table, name) ?? propertyNotFound(table, name)
    if (column.type === 'memo') fail(400, CODES.odataError, `The column '${name}' (multiple lines of text) cannot be used in $orderby.`)
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
  return compileFilter(filter, { table, store: context.store, now: context.now, caller: context.caller, aliases: context.aliases })
}

export function readPlan(table: TableDef, options: QueryOptions, context: PlanContext): ReadPlan {
  const { columns, selected } = selectColumns(table, options.select, context)
  const expands = (options.expand ?? []).map((item) => expandPlan(table, item, context))
  return { table, columns, selected, expands }
}

function expandPlan(table: TableDef, item: ExpandItem, context: PlanContext): ExpandPlan {
  const path = item.path.map((p) => p.name)
  if (path.length !== 1) fail(400, CODES.odataError, `The $expand path '${path.join('/')}' is not supported: nest $expand inside the parentheses instead.`)
  const name = path[0] as string
  const nav = context.store.index.navigation(table, name) ?? propertyNotFound(table, name)
  const target = context.store.index.table(nav.target) ?? propertyNotFound(table, name)
  const options = item.options
  if (nav.kind === 'single' && (options.filter || options.orderby || options.top !== undefined)) {
    fail(400, CODES.odataError, `Only $select and $expand apply to the single-valued navigation property '${name}'.`)
  }
  return {
    nav,
    plan: readPlan(target, options, context),
    filter: filterFor(target, options.filter, context),
    visible: readAccess(target, context),
    order: orderKeys(target, options.orderby, context),
    top: options.top,
  }
}
