/**
 * Compiles a `$filter` syntax tree (from the shared parser in common/odata) into a predicate
 * over rows, once per request. Semantics follow Dataverse (SQL underneath): string comparisons
 * and contains/startswith/endswith ignore case; a comparison with a null column is false except
 * `eq null` / `ne null`; `Microsoft.Dynamics.CRM.*` query functions evaluate in UTC against the
 * emulator's clock.
 */
import { compareGuids } from './guid-order'
import type { BinaryOperator, Expression, LiteralExpression, PathExpression } from '@common/odata'
import { isDataverseNamespace } from '@common/odata'
import { CODES, fail, propertyNotFound } from './errors'
import type { Row, Value } from './data-generator'
import { isChoiceType, isLookupType, type ColumnDef, type Navigation, type TableDef } from './schema'
import type { Caller } from './security'
import type { OrgStore } from './store'

export type Predicate = (row: Row) => boolean

export interface FilterContext {
  readonly table: TableDef
  readonly store: OrgStore
  readonly now: number
  readonly caller: Caller
  /** Parameter aliases (`@p1`) already parsed. */
  readonly aliases: ReadonlyMap<string, Expression>
}

type Kind = 'string' | 'number' | 'boolean' | 'guid' | 'datetime' | 'date' | 'null'

/** Rows of the enclosing scopes: [0] is the row being filtered, [n] the nth lambda variable's row. */
type Frame = Row[]

interface Operand {
  readonly kind: Kind
  readonly edm: string
  readonly get: (frame: Frame) => Value
  readonly column?: ColumnDef
}

interface Scope {
  readonly table: TableDef
  readonly variable: string | null
  readonly depth: number
}

const OPERATOR_KIND: Readonly<Record<string, string>> = {
  eq: 'Equal',
  ne: 'NotEqual',
  gt: 'GreaterThan',
  ge: 'GreaterThanOrEqual',
  lt: 'LessThan',
  le: 'LessThanOrEqual',
}

export function edmType(column: ColumnDef): string {
  switch (column.type) {
    case 'string':
    case 'memo':
      return 'Edm.String'
    case 'integer':
    case 'picklist':
    case 'state':
    case 'status':
      return 'Edm.Int32'
    case 'bigint':
      return 'Edm.Int64'
    case 'decimal':
    case 'money':
      return 'Edm.Decimal'
    case 'datetime':
      return column.format === 'dateonly' ? 'Edm.Date' : 'Edm.DateTimeOffset'
    case 'boolean':
      return 'Edm.Boolean'
    default:
      return 'Edm.Guid'
  }
}

export function kindOf(column: ColumnDef): Kind {
  if (column.type === 'string' || column.type === 'memo') return 'string'
  if (column.type === 'boolean') return 'boolean'
  if (column.type === 'datetime') return column.format === 'dateonly' ? 'date' : 'datetime'
  if (column.type === 'uniqueidentifier' || isLookupType(column.type)) return 'guid'
  return 'number'
}

const notSupported = (what: string): never => fail(501, CODES.notSupported, `${what} is not supported.`)

export function compileFilter(expression: Expression, context: FilterContext): Predicate {
  const root: Scope = { table: context.table, variable: null, depth: 0 }
  const test = compileBoolean(expression, [root], context)
  const frame: Frame = []
  return (row) => {
    frame[0] = row
    return test(frame)
  }
}

function compileBoolean(
  expression: Expression,
  scopes: readonly Scope[],
  context: FilterContext,
): (frame: Frame) => boolean {
  switch (expression.kind) {
    case 'binary': {
      const { operator } = expression
      if (operator === 'and' || operator === 'or') {
        const left = compileBoolean(expression.left, scopes, context)
        const right = compileBoolean(expression.right, scopes, context)
        return operator === 'and' ? (f) => left(f) && right(f) : (f) => left(f) || right(f)
      }
      if (operator === 'in') return compileIn(expression.left, expression.right, scopes, context)
      if (operator in OPERATOR_KIND)
        return compileComparison(operator, expression.left, expression.right, scopes, context)
      return notSupported(`The '${operator}' operator`)
    }
    case 'unary': {
      if (expression.operator !== 'not')
        return fail(400, CODES.odataError, "A unary '-' cannot be used as a condition.")
      if (expression.operand.kind === 'dynamicsFunction')
        fail(400, CODES.odataError, 'Not operator along with the Custom Named Condition operators is not allowed')
      const operand = compileBoolean(expression.operand, scopes, context)
      return (f) => !operand(f)
    }
    case 'call':
      return compileStringFunction(expression.name.name, expression.args, scopes, context)
    case 'dynamicsFunction':
      return compileQueryFunction(expression, scopes, context)
    case 'lambda':
      return compileLambda(expression, scopes, context)
    case 'path': {
      const operand = compilePath(expression, scopes, context)
      if (operand.kind !== 'boolean')
        fail(
          400,
          CODES.odataError,
          `The $filter expression must evaluate to a single boolean value; '${pathText(expression)}' is ${operand.edm}.`,
        )
      return (f) => operand.get(f) === true
    }
    case 'literal':
      if (expression.type === 'boolean') return () => expression.value === true
      return fail(
        400,
        CODES.odataError,
        `The $filter expression must evaluate to a single boolean value; ${expression.raw} is not.`,
      )
    case 'alias':
      return compileBoolean(resolveAlias(expression.name, context), scopes, context)
    case 'list':
      return fail(400, CODES.odataError, 'A list of values can only follow the in operator.')
  }
}

function resolveAlias(name: string, context: FilterContext): Expression {
  const value = context.aliases.get(name)
  if (!value) fail(400, CODES.odataError, `The parameter alias '${name}' was referenced but no value was given for it.`)
  return value as Expression
}

const pathText = (path: PathExpression): string => path.segments.map((s) => s.name).join('/')

function columnFor(table: TableDef, name: string, context: FilterContext): ColumnDef {
  return context.store.index.column(table, name) ?? propertyNotFound(table, name)
}

function compilePath(path: PathExpression, scopes: readonly Scope[], context: FilterContext): Operand {
  const segments = path.segments.map((s) => s.name)
  let scope = scopes[0] as Scope
  const lambda = scopes.findLast((candidate) => candidate.variable !== null && candidate.variable === segments[0])
  if (lambda) {
    scope = lambda
    segments.shift()
    if (segments.length === 0)
      fail(400, CODES.odataError, `The lambda variable '${lambda.variable ?? ''}' must be followed by /column.`)
  }
  const depth = scope.depth
  if (segments.length === 1) {
    const column = columnFor(scope.table, segments[0] as string, context)
    const name = column.wireName
    return { kind: kindOf(column), edm: edmType(column), column, get: (f) => (f[depth] as Row)[name] ?? null }
  }
  // Single-valued navigation properties, then a column of the row they reach.
  let table = scope.table
  let reach: (row: Row) => Row | undefined = (row) => row
  for (const navName of segments.slice(0, -1)) {
    const nav = context.store.index.navigation(table, navName)
    if (!nav) return propertyNotFound(table, navName)
    if (nav.kind !== 'single') {
      return fail(
        400,
        CODES.odataError,
        `The navigation property '${nav.name}' is a collection: use ${nav.name}/any(x: x/column eq value).`,
      )
    }
    const target = context.store.index.table(nav.target)
    if (!target) return propertyNotFound(table, nav.name)
    const lookup = nav.column
    const via = nav.column.type === 'owner' ? undefined : nav.target
    const previous = reach
    reach = (row) => {
      const from = previous(row)
      const id = from?.[lookup.wireName]
      return typeof id === 'string' ? context.store.resolve(lookup, id, via)?.row : undefined
    }
    table = target
  }
  const column = columnFor(table, segments[segments.length - 1] as string, context)
  const name = column.wireName
  return { kind: kindOf(column), edm: edmType(column), column, get: (f) => reach(f[depth] as Row)?.[name] ?? null }
}

function literalOperand(literal: LiteralExpression): Operand {
  const value = literal.value
  switch (literal.type) {
    case 'null':
      return { kind: 'null', edm: 'null', get: () => null }
    case 'string':
      return { kind: 'string', edm: 'Edm.String', get: () => value }
    case 'integer':
      return { kind: 'number', edm: Math.abs(Number(value)) > 2147483647 ? 'Edm.Int64' : 'Edm.Int32', get: () => value }
    case 'decimal':
      return { kind: 'number', edm: 'Edm.Decimal', get: () => value }
    case 'boolean':
      return { kind: 'boolean', edm: 'Edm.Boolean', get: () => value }
    case 'guid': {
      const lower = String(value).toLowerCase()
      return { kind: 'guid', edm: 'Edm.Guid', get: () => lower }
    }
    case 'dateTimeOffset':
      return { kind: 'datetime', edm: 'Edm.DateTimeOffset', get: () => value }
    case 'date':
      return { kind: 'date', edm: 'Edm.Date', get: () => value }
    default:
      return notSupported(`A ${literal.type} literal (${literal.raw})`)
  }
}

function compileOperand(expression: Expression, scopes: readonly Scope[], context: FilterContext): Operand {
  switch (expression.kind) {
    case 'path':
      return compilePath(expression, scopes, context)
    case 'literal':
      return literalOperand(expression)
    case 'alias':
      return compileOperand(resolveAlias(expression.name, context), scopes, context)
    case 'unary':
      if (
        expression.operator === 'negate' &&
        expression.operand.kind === 'literal' &&
        typeof expression.operand.value === 'number'
      ) {
        const negated = -expression.operand.value
        return { kind: 'number', edm: 'Edm.Decimal', get: () => negated }
      }
      return notSupported('This arithmetic expression')
    case 'call':
      return notSupported(`The function '${expression.name.name}' as a value in $filter`)
    case 'binary':
      return notSupported(`The '${expression.operator}' operator`)
    default:
      return fail(400, CODES.odataError, 'Expected a column or a value on each side of a comparison.')
  }
}

const COMPATIBLE: Readonly<Record<Kind, readonly Kind[]>> = {
  string: ['string'],
  number: ['number'],
  boolean: ['boolean'],
  guid: ['guid'],
  datetime: ['datetime', 'date'],
  date: ['date', 'datetime'],
  null: ['string', 'number', 'boolean', 'guid', 'datetime', 'date', 'null'],
}

/** A comparable form: lower-case text, epoch ms, or the value itself. */
function normalizer(kind: Kind, other: Kind): (value: Value) => Value {
  if (kind === 'string') return (v) => (typeof v === 'string' ? v.toLowerCase() : v)
  if (kind === 'guid') return (v) => (typeof v === 'string' ? v.toLowerCase() : v)
  if (kind === 'datetime' || (kind === 'date' && other === 'datetime')) {
    return (v) => (typeof v === 'string' ? Date.parse(v.length === 10 ? `${v}T00:00:00Z` : v) : v)
  }
  return (v) => v
}

function compileComparison(
  operator: BinaryOperator,
  leftExpression: Expression,
  rightExpression: Expression,
  scopes: readonly Scope[],
  context: FilterContext,
): (frame: Frame) => boolean {
  const left = compileOperand(leftExpression, scopes, context)
  const right = compileOperand(rightExpression, scopes, context)
  if (left.kind === 'null' || right.kind === 'null') {
    if (operator !== 'eq' && operator !== 'ne') return () => false
    const side = left.kind === 'null' ? right : left
    return operator === 'eq' ? (f) => side.get(f) === null : (f) => side.get(f) !== null
  }
  if (!COMPATIBLE[left.kind].includes(right.kind)) {
    fail(
      400,
      CODES.odataError,
      `A binary operator with incompatible types was detected. Found operand types '${left.edm}' and '${right.edm}' for operator kind '${OPERATOR_KIND[operator] ?? operator}'.`,
    )
  }
  if (left.kind === 'boolean' && operator !== 'eq' && operator !== 'ne') {
    fail(
      400,
      CODES.odataError,
      `A binary operator with incompatible types was detected. Found operand types '${left.edm}' and '${right.edm}' for operator kind '${OPERATOR_KIND[operator] ?? operator}'.`,
    )
  }
  const normLeft = normalizer(left.kind, right.kind)
  const normRight = normalizer(right.kind, left.kind)
  // GUIDs compare in SQL Server's order (guid-order.ts), as Dataverse's gt/lt on a uniqueidentifier do.
  const guids = left.kind === 'guid' && right.kind === 'guid'
  const compare = (f: Frame): number | null => {
    const a = normLeft(left.get(f))
    const b = normRight(right.get(f))
    if (a === null || b === null) return null
    if (guids && typeof a === 'string' && typeof b === 'string') return compareGuids(a, b)
    return a < b ? -1 : a > b ? 1 : 0
  }
  switch (operator) {
    case 'eq':
      return (f) => compare(f) === 0
    case 'ne':
      // SQL semantics: a null column is "not equal" to any value in Dataverse's ne.
      return (f) => compare(f) !== 0
    case 'gt':
      return (f) => (compare(f) ?? 0) > 0
    case 'ge': {
      return (f) => {
        const c = compare(f)
        return c !== null && c >= 0
      }
    }
    case 'lt':
      return (f) => (compare(f) ?? 0) < 0
    default: {
      return (f) => {
        const c = compare(f)
        return c !== null && c <= 0
      }
    }
  }
}

function compileIn(
  leftExpression: Expression,
  list: Expression,
  scopes: readonly Scope[],
  context: FilterContext,
): (frame: Frame) => boolean {
  const left = compileOperand(leftExpression, scopes, context)
  const resolved = list.kind === 'alias' ? resolveAlias(list.name, context) : list
  if (resolved.kind !== 'list')
    return fail(400, CODES.odataError, 'The in operator needs a list of values in parentheses.')
  const norm = normalizer(left.kind, left.kind)
  const values = new Set(
    resolved.items.map((item) => {
      const operand = compileOperand(item, scopes, context)
      if (operand.kind !== 'null' && !COMPATIBLE[left.kind].includes(operand.kind)) {
        fail(
          400,
          CODES.odataError,
          `A value of type '${operand.edm}' cannot be compared with '${left.edm}' in the in list.`,
        )
      }
      return norm(operand.get([]))
    }),
  )
  return (f) => values.has(norm(left.get(f)))
}

function compileStringFunction(
  name: string,
  args: readonly Expression[],
  scopes: readonly Scope[],
  context: FilterContext,
): (frame: Frame) => boolean {
  if (name !== 'contains' && name !== 'startswith' && name !== 'endswith') {
    return notSupported(`The function '${name}' in $filter`)
  }
  const [first, second] = args
  if (!first || !second || args.length !== 2)
    return fail(400, CODES.odataError, `The function '${name}' takes a column and a text.`)
  const column = compileOperand(first, scopes, context)
  const text = compileOperand(second, scopes, context)
  if (column.kind !== 'string' || text.kind !== 'string') {
    fail(
      400,
      CODES.odataError,
      `No function signature for the function with name '${name}' matches the specified arguments. The function signatures considered are: ${name}(Edm.String Nullable=true, Edm.String Nullable=true).`,
    )
  }
  const test =
    name === 'contains'
      ? (a: string, b: string) => a.includes(b)
      : name === 'startswith'
        ? (a: string, b: string) => a.startsWith(b)
        : (a: string, b: string) => a.endsWith(b)
  return (f) => {
    const a = column.get(f)
    const b = text.get(f)
    return typeof a === 'string' && typeof b === 'string' && test(a.toLowerCase(), b.toLowerCase())
  }
}

function compileLambda(
  expression: Extract<Expression, { kind: 'lambda' }>,
  scopes: readonly Scope[],
  context: FilterContext,
): (frame: Frame) => boolean {
  const segments = expression.collection.segments.map((s) => s.name)
  let scope = scopes[0] as Scope
  const variableScope = scopes.findLast(
    (candidate) => candidate.variable !== null && candidate.variable === segments[0],
  )
  if (variableScope) {
    scope = variableScope
    segments.shift()
  }
  if (segments.length !== 1)
    fail(
      400,
      CODES.odataError,
      `any/all needs a collection navigation property, not '${pathText(expression.collection)}'.`,
    )
  const nav = context.store.index.navigation(scope.table, segments[0] as string)
  if (!nav) return propertyNotFound(scope.table, segments[0] as string)
  if (nav.kind === 'single')
    fail(400, CODES.odataError, `'${nav.name}' is a single-valued navigation property; any/all need a collection.`)
  const target = context.store.index.table(nav.target)
  if (!target) return propertyNotFound(scope.table, nav.name)
  const related = relatedRows(nav, scope.table, context.store)
  const depth = scopes.length
  const inner: Scope = { table: target, variable: expression.variable?.name ?? null, depth }
  const predicate = expression.predicate ? compileBoolean(expression.predicate, [...scopes, inner], context) : null
  const outer = scope.depth
  return (f) => {
    const rows = related(f[outer] as Row)
    if (!predicate) return expression.operator === 'any' ? rows.length > 0 : true
    const test = (row: Row): boolean => {
      f[depth] = row
      return predicate(f)
    }
    return expression.operator === 'any' ? rows.some(test) : rows.every(test)
  }
}

/** The rows a collection-valued navigation property reaches from a row. */
function relatedRows(nav: Navigation, from: TableDef, store: OrgStore): (row: Row) => Row[] {
  const pk = from.primaryIdAttribute
  if (nav.kind === 'collection') {
    const target = store.table(nav.target)
    const column = store.index.columnByLogicalName(target.def, nav.relationship.referencingAttribute)
    if (!column) return () => []
    // GUIDs are unique across tables, so a customer lookup's value alone says which row it points at.
    return (row) => target.groupedBy(column.wireName).get(row[pk] as string) ?? []
  }
  if (nav.kind === 'manyToMany') {
    const association = store.association(nav.relationship.schemaName)
    const target = store.table(nav.target)
    return (row) =>
      association
        .related(from.logicalName, row[pk] as string)
        .map((id) => target.get(id))
        .filter((row): row is Row => row !== undefined)
  }
  return () => []
}

// --- Microsoft.Dynamics.CRM query functions ------------------------------------------------

const DAY = 86_400_000
const startOfDay = (ms: number): number => Math.floor(ms / DAY) * DAY
const startOfWeek = (ms: number): number => startOfDay(ms) - new Date(ms).getUTCDay() * DAY
const monthStart = (ms: number, add = 0): number => {
  const d = new Date(ms)
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + add, 1)
}
const yearStart = (ms: number, add = 0): number => Date.UTC(new Date(ms).getUTCFullYear() + add, 0, 1)
const addMonths = (ms: number, months: number): number => {
  const d = new Date(ms)
  return Date.UTC(
    d.getUTCFullYear(),
    d.getUTCMonth() + months,
    d.getUTCDate(),
    d.getUTCHours(),
    d.getUTCMinutes(),
    d.getUTCSeconds(),
  )
}

type Range = readonly [number, number]

function compileQueryFunction(
  expression: Extract<Expression, { kind: 'dynamicsFunction' }>,
  scopes: readonly Scope[],
  context: FilterContext,
): (frame: Frame) => boolean {
  const name = expression.name.name
  if (!isDataverseNamespace(expression.namespace)) return notSupported(`The function '${expression.namespace}.${name}'`)
  // Any argument may be a parameter alias (`PropertyName=@p1&@p1='createdon'`).
  const parameters = new Map(
    expression.parameters.map((p) => [
      p.name.name,
      p.value.kind === 'alias' ? resolveAlias(p.value.name, context) : p.value,
    ]),
  )
  const propertyName = parameters.get('PropertyName')
  if (!propertyName || propertyName.kind !== 'literal' || typeof propertyName.value !== 'string') {
    return fail(400, CODES.odataError, `Microsoft.Dynamics.CRM.${name} needs PropertyName='<column logical name>'.`)
  }
  const scope = scopes[0] as Scope
  const column =
    context.store.index.columnByLogicalName(scope.table, propertyName.value) ??
    context.store.index.column(scope.table, propertyName.value) ??
    propertyNotFound(scope.table, propertyName.value)
  const get = (f: Frame): Value => (f[scope.depth] as Row)[column.wireName] ?? null
  const number = (key = 'PropertyValue'): number => {
    const value = parameters.get(key)
    const resolved = value?.kind === 'alias' ? resolveAlias(value.name, context) : value
    if (!resolved || resolved.kind !== 'literal')
      return fail(400, CODES.odataError, `Microsoft.Dynamics.CRM.${name} needs ${key}=<number>.`)
    const n = Number(resolved.value)
    if (!Number.isFinite(n)) fail(400, CODES.odataError, `Microsoft.Dynamics.CRM.${name}: ${key} must be a number.`)
    return n
  }
  const listValues = (): Value[] => {
    const value = parameters.get('PropertyValues')
    const resolved = value?.kind === 'alias' ? resolveAlias(value.name, context) : value
    if (!resolved || resolved.kind !== 'list')
      return fail(400, CODES.odataError, `Microsoft.Dynamics.CRM.${name} needs PropertyValues=[…].`)
    return resolved.items.map((item) =>
      item.kind === 'literal' ? item.value : fail(400, CODES.odataError, 'PropertyValues holds literal values only.'),
    )
  }
  const now = context.now
  const today = startOfDay(now)
  const dateRange = (range: Range): ((f: Frame) => boolean) => {
    if (column.type !== 'datetime')
      fail(
        400,
        CODES.odataError,
        `Microsoft.Dynamics.CRM.${name} applies to date and time columns; '${column.logicalName}' is ${edmType(column)}.`,
      )
    return (f) => {
      const v = get(f)
      if (typeof v !== 'string') return false
      const ms = Date.parse(v.length === 10 ? `${v}T00:00:00Z` : v)
      return ms >= range[0] && ms < range[1]
    }
  }
  const valueOf = (key: string): number => {
    const value = parameters.get(key)
    if (!value || value.kind !== 'literal')
      return fail(400, CODES.odataError, `Microsoft.Dynamics.CRM.${name} needs ${key}.`)
    const ms =
      typeof value.value === 'string'
        ? Date.parse(value.value.length === 10 ? `${value.value}T00:00:00Z` : value.value)
        : NaN
    if (Number.isNaN(ms)) fail(400, CODES.odataError, `Microsoft.Dynamics.CRM.${name}: ${key} must be a date.`)
    return ms
  }
  switch (name) {
    case 'Today':
      return dateRange([today, today + DAY])
    case 'Yesterday':
      return dateRange([today - DAY, today])
    case 'Tomorrow':
      return dateRange([today + DAY, today + 2 * DAY])
    case 'Last7Days':
      return dateRange([today - 7 * DAY, now + 1])
    case 'Next7Days':
      return dateRange([now, today + 8 * DAY])
    case 'LastWeek':
      return dateRange([startOfWeek(now) - 7 * DAY, startOfWeek(now)])
    case 'ThisWeek':
      return dateRange([startOfWeek(now), startOfWeek(now) + 7 * DAY])
    case 'NextWeek':
      return dateRange([startOfWeek(now) + 7 * DAY, startOfWeek(now) + 14 * DAY])
    case 'LastMonth':
      return dateRange([monthStart(now, -1), monthStart(now)])
    case 'ThisMonth':
      return dateRange([monthStart(now), monthStart(now, 1)])
    case 'NextMonth':
      return dateRange([monthStart(now, 1), monthStart(now, 2)])
    case 'LastYear':
      return dateRange([yearStart(now, -1), yearStart(now)])
    case 'ThisYear':
      return dateRange([yearStart(now), yearStart(now, 1)])
    case 'NextYear':
      return dateRange([yearStart(now, 1), yearStart(now, 2)])
    case 'LastXHours':
      return dateRange([now - number() * 3_600_000, now + 1])
    case 'NextXHours':
      return dateRange([now, now + number() * 3_600_000])
    case 'LastXDays':
      return dateRange([today - number() * DAY, now + 1])
    case 'NextXDays':
      return dateRange([now, today + (number() + 1) * DAY])
    case 'LastXWeeks':
      return dateRange([today - number() * 7 * DAY, now + 1])
    case 'NextXWeeks':
      return dateRange([now, today + (number() * 7 + 1) * DAY])
    case 'LastXMonths':
      return dateRange([addMonths(today, -number()), now + 1])
    case 'NextXMonths':
      return dateRange([now, addMonths(today + DAY, number())])
    case 'LastXYears':
      return dateRange([addMonths(today, -12 * number()), now + 1])
    case 'NextXYears':
      return dateRange([now, addMonths(today + DAY, 12 * number())])
    case 'OlderThanXMinutes':
      return dateRange([-Infinity, now - number() * 60_000])
    case 'OlderThanXHours':
      return dateRange([-Infinity, now - number() * 3_600_000])
    case 'OlderThanXDays':
      return dateRange([-Infinity, today - number() * DAY])
    case 'OlderThanXWeeks':
      return dateRange([-Infinity, today - number() * 7 * DAY])
    case 'OlderThanXMonths':
      return dateRange([-Infinity, addMonths(today, -number())])
    case 'OlderThanXYears':
      return dateRange([-Infinity, addMonths(today, -12 * number())])
    case 'On': {
      const day = startOfDay(valueOf('PropertyValue'))
      return dateRange([day, day + DAY])
    }
    case 'OnOrAfter':
      return dateRange([startOfDay(valueOf('PropertyValue')), Infinity])
    case 'OnOrBefore':
      return dateRange([-Infinity, startOfDay(valueOf('PropertyValue')) + DAY])
    case 'In':
    case 'NotIn': {
      const norm = normalizer(kindOf(column), kindOf(column))
      const values = new Set(listValues().map((v) => norm(isChoiceType(column.type) ? Number(v) : v)))
      const negate = name === 'NotIn'
      return (f) => values.has(norm(get(f))) !== negate
    }
    case 'Between':
    case 'NotBetween': {
      const [low, high] = listValues()
      if (low === undefined || high === undefined)
        return fail(400, CODES.odataError, `Microsoft.Dynamics.CRM.${name} needs two PropertyValues.`)
      const kind = kindOf(column)
      const norm = normalizer(kind === 'date' ? 'datetime' : kind, 'datetime')
      const [a, b] = [norm(low), norm(high)]
      const negate = name === 'NotBetween'
      return (f) => {
        const v = norm(get(f))
        if (v === null || a === null || b === null) return false
        return (v >= a && v <= b) !== negate
      }
    }
    case 'EqualUserId':
    case 'NotEqualUserId': {
      const negate = name === 'NotEqualUserId'
      return (f) => (get(f) === context.caller.userId) !== negate
    }
    case 'EqualBusinessId':
    case 'NotEqualBusinessId': {
      const negate = name === 'NotEqualBusinessId'
      return (f) => (get(f) === context.caller.businessUnitId) !== negate
    }
    case 'EqualUserTeams':
    case 'EqualUserOrUserTeams': {
      const ids = new Set(
        name === 'EqualUserTeams' ? context.caller.teamIds : [context.caller.userId, ...context.caller.teamIds],
      )
      return (f) => ids.has(get(f) as string)
    }
    default:
      return notSupported(`The query function Microsoft.Dynamics.CRM.${name} (by this emulator)`)
  }
}
