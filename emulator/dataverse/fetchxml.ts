/**
 * FetchXML over the Web API (`<entityset>?fetchXml=…`): attributes, filters and conditions,
 * orders, `count`/`page`/`paging-cookie` paging, `top`, `distinct`, `returntotalrecordcount`,
 * aggregates (fetchxml-aggregate.ts), and many-to-one `link-entity` (attributes as `alias.column`,
 * conditions, inner/outer). Rows leave out null columns, and the paging cookie and `morerecords`
 * come only while more rows follow, as Dataverse sends them. Conditions are translated into the
 * same syntax tree `$filter` produces, so both languages share one evaluator. One-to-many link
 * attributes are refused with a clear 501. A distinct query pages by page number (no cookie).
 */
import { SaxesParser } from 'saxes'
import type { Expression, LiteralExpression, PathExpression, Span } from '@common/odata'
import { CODES, fail } from './errors'
import type { Row, Value } from './data-generator'
import { AGGREGATE_LIMIT, checkAggregateLimit, runAggregate, type AggregateAttribute } from './fetchxml-aggregate'
import { kindOf } from './filter'
import { fetchXmlPagingCookie, parseInnerCookie } from './paging-cookie'
import { filterFor, readAccess, type PlanContext } from './plan'
import { FORMATTED } from './prefer'
import {
  countRows,
  cookieFor,
  readPage,
  rowFromCookie,
  writeCollection,
  type OrderKey,
  type ProjectContext,
} from './query'
import type { ColumnDef, Navigation, TableDef } from './schema'

interface XmlNode {
  readonly name: string
  readonly attributes: Readonly<Record<string, string>>
  readonly children: XmlNode[]
  text: string
}

const FETCH_ERROR = '0x80041102'
const ATTRIBUTE_ERROR = '0x80041103'

function parseXml(xml: string): XmlNode {
  const parser = new SaxesParser()
  const stack: XmlNode[] = []
  let root: XmlNode | undefined
  let error: string | undefined
  parser.on('opentag', (tag) => {
    const node: XmlNode = {
      name: tag.name,
      attributes: tag.attributes as Record<string, string>,
      children: [],
      text: '',
    }
    const parent = stack[stack.length - 1]
    if (parent) parent.children.push(node)
    else root = node
    stack.push(node)
  })
  parser.on('text', (text) => {
    const current = stack[stack.length - 1]
    if (current) current.text += text
  })
  parser.on('closetag', () => void stack.pop())
  parser.on('error', (e) => {
    error ??= e.message
  })
  try {
    parser.write(xml).close()
  } catch (e) {
    error ??= e instanceof Error ? e.message : String(e)
  }
  if (error || !root)
    return fail(400, FETCH_ERROR, `The FetchXML is not well-formed XML: ${error ?? 'no root element'}.`)
  return root
}

const SPAN: Span = { start: 0, end: 0 }
const id = (name: string) => ({ name, span: SPAN })
const path = (...names: string[]): PathExpression => ({ kind: 'path', segments: names.map(id), span: SPAN })
const and = (items: Expression[]): Expression | undefined =>
  items.reduce<Expression | undefined>(
    (left, right) => (left ? { kind: 'binary', operator: 'and', left, right, span: SPAN } : right),
    undefined,
  )
const combine = (items: Expression[], operator: 'and' | 'or'): Expression | undefined =>
  items.reduce<Expression | undefined>(
    (left, right) => (left ? { kind: 'binary', operator, left, right, span: SPAN } : right),
    undefined,
  )
const not = (operand: Expression): Expression => ({ kind: 'unary', operator: 'not', operand, span: SPAN })

function literal(table: TableDef, column: ColumnDef, raw: string): LiteralExpression {
  const base = { kind: 'literal' as const, raw, span: SPAN }
  switch (kindOf(column)) {
    case 'number': {
      const n = Number(raw)
      if (!Number.isFinite(n))
        fail(
          400,
          FETCH_ERROR,
          `The value '${raw}' is not valid for the number column '${table.logicalName}.${column.logicalName}'.`,
        )
      return { ...base, type: Number.isInteger(n) ? 'integer' : 'decimal', value: n }
    }
    case 'boolean':
      return { ...base, type: 'boolean', value: raw === '1' || raw.toLowerCase() === 'true' }
    case 'guid':
      return { ...base, type: 'guid', value: raw.replace(/[{}]/g, '').toLowerCase() }
    case 'date':
    case 'datetime': {
      const ms = Date.parse(raw)
      if (Number.isNaN(ms))
        fail(
          400,
          FETCH_ERROR,
          `The value '${raw}' is not a valid date for '${table.logicalName}.${column.logicalName}'.`,
        )
      return raw.length === 10
        ? { ...base, type: 'date', value: raw }
        : { ...base, type: 'dateTimeOffset', value: new Date(ms).toISOString() }
    }
    default:
      return { ...base, type: 'string', value: raw }
  }
}

const QUERY_FUNCTION_OPERATORS: Readonly<Record<string, string>> = {
  today: 'Today',
  yesterday: 'Yesterday',
  tomorrow: 'Tomorrow',
  'last-seven-days': 'Last7Days',
  'next-seven-days': 'Next7Days',
  'last-week': 'LastWeek',
  'this-week': 'ThisWeek',
  'next-week': 'NextWeek',
  'last-month': 'LastMonth',
  'this-month': 'ThisMonth',
  'next-month': 'NextMonth',
  'last-year': 'LastYear',
  'this-year': 'ThisYear',
  'next-year': 'NextYear',
  'last-x-hours': 'LastXHours',
  'next-x-hours': 'NextXHours',
  'last-x-days': 'LastXDays',
  'next-x-days': 'NextXDays',
  'last-x-weeks': 'LastXWeeks',
  'next-x-weeks': 'NextXWeeks',
  'last-x-months': 'LastXMonths',
  'next-x-months': 'NextXMonths',
  'last-x-years': 'LastXYears',
  'next-x-years': 'NextXYears',
  'olderthan-x-minutes': 'OlderThanXMinutes',
  'olderthan-x-hours': 'OlderThanXHours',
  'olderthan-x-days': 'OlderThanXDays',
  'olderthan-x-weeks': 'OlderThanXWeeks',
  'olderthan-x-months': 'OlderThanXMonths',
  'olderthan-x-years': 'OlderThanXYears',
  on: 'On',
  'on-or-after': 'OnOrAfter',
  'on-or-before': 'OnOrBefore',
  'eq-userid': 'EqualUserId',
  'ne-userid': 'NotEqualUserId',
  'eq-businessid': 'EqualBusinessId',
  'ne-businessid': 'NotEqualBusinessId',
  'eq-userteams': 'EqualUserTeams',
  'eq-useroruserteams': 'EqualUserOrUserTeams',
  between: 'Between',
  'not-between': 'NotBetween',
}

const COMPARISONS: Readonly<Record<string, 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le'>> = {
  eq: 'eq',
  neq: 'ne',
  ne: 'ne',
  gt: 'gt',
  ge: 'ge',
  lt: 'lt',
  le: 'le',
}

interface Scope {
  readonly table: TableDef
  /** Path prefix from the fetch's entity: [] for the entity itself, [nav] for a many-to-one link. */
  readonly prefix: readonly string[]
}

function column(scope: Scope, name: string | undefined, context: PlanContext): ColumnDef {
  const found = name
    ? (context.store.index.columnByLogicalName(scope.table, name) ?? context.store.index.column(scope.table, name))
    : undefined
  if (!found) {
    return fail(
      400,
      ATTRIBUTE_ERROR,
      `'${scope.table.logicalName}' entity doesn't contain attribute with Name = '${name ?? ''}' and NameMapping = 'Logical'.`,
    )
  }
  return found
}

function condition(node: XmlNode, scope: Scope, context: PlanContext): Expression {
  const operator = (node.attributes.operator ?? 'eq').toLowerCase()
  const col = column(scope, node.attributes.attribute, context)
  const target = path(...scope.prefix, col.wireName)
  const value = node.attributes.value
  const values = node.children.filter((c) => c.name === 'value').map((c) => c.text.trim())
  const need = (): string =>
    value ??
    values[0] ??
    fail(400, FETCH_ERROR, `The condition on '${col.logicalName}' with operator '${operator}' needs a value.`)
  const comparison = COMPARISONS[operator]
  if (comparison)
    return { kind: 'binary', operator: comparison, left: target, right: literal(scope.table, col, need()), span: SPAN }
  if (operator === 'null' || operator === 'not-null') {
    return {
      kind: 'binary',
      operator: operator === 'null' ? 'eq' : 'ne',
      left: target,
      right: { kind: 'literal', type: 'null', value: null, raw: 'null', span: SPAN },
      span: SPAN,
    }
  }
  if (operator === 'in' || operator === 'not-in') {
    const list: Expression = {
      kind: 'list',
      items: (values.length > 0 ? values : [need()]).map((v) => literal(scope.table, col, v)),
      span: SPAN,
    }
    const test: Expression = { kind: 'binary', operator: 'in', left: target, right: list, span: SPAN }
    return operator === 'in' ? test : not(test)
  }
  const textCall = (fn: 'contains' | 'startswith' | 'endswith', text: string): Expression => ({
    kind: 'call',
    name: id(fn),
    args: [target, { kind: 'literal', type: 'string', value: text, raw: `'${text}'`, span: SPAN }],
    span: SPAN,
  })
  if (operator === 'begins-with' || operator === 'not-begin-with')
    return operator === 'begins-with' ? textCall('startswith', need()) : not(textCall('startswith', need()))
  if (operator === 'ends-with' || operator === 'not-end-with')
    return operator === 'ends-with' ? textCall('endswith', need()) : not(textCall('endswith', need()))
  if (operator === 'like' || operator === 'not-like') {
    const pattern = need()
    const inner = pattern.replace(/^%/, '').replace(/%$/, '')
    if (/[%_[\]]/.test(inner))
      return fail(
        501,
        CODES.notSupported,
        `The like pattern '${pattern}' is not supported by this emulator: use %text%, text% or %text.`,
      )
    const starts = pattern.startsWith('%')
    const ends = pattern.endsWith('%') && pattern.length > 1
    const test: Expression =
      starts && ends
        ? textCall('contains', inner)
        : ends
          ? textCall('startswith', inner)
          : starts
            ? textCall('endswith', inner)
            : { kind: 'binary', operator: 'eq', left: target, right: literal(scope.table, col, inner), span: SPAN }
    return operator === 'like' ? test : not(test)
  }
  const fn = QUERY_FUNCTION_OPERATORS[operator]
  if (fn) {
    if (scope.prefix.length > 0)
      return fail(
        501,
        CODES.notSupported,
        `The operator '${operator}' inside a link-entity is not supported by this emulator.`,
      )
    const parameters = [
      {
        name: id('PropertyName'),
        value: {
          kind: 'literal',
          type: 'string',
          value: col.logicalName,
          raw: `'${col.logicalName}'`,
          span: SPAN,
        } as Expression,
        span: SPAN,
      },
    ]
    if (fn === 'Between' || fn === 'NotBetween') {
      if (values.length !== 2) fail(400, FETCH_ERROR, `The '${operator}' operator needs two <value> elements.`)
      parameters.push({
        name: id('PropertyValues'),
        value: { kind: 'list', items: values.map((v) => literal(scope.table, col, v)), span: SPAN },
        span: SPAN,
      })
    } else if (value !== undefined || values.length > 0) {
      const raw = need()
      const lit: Expression = /^-?\d+(\.\d+)?$/.test(raw)
        ? { kind: 'literal', type: 'integer', value: Number(raw), raw, span: SPAN }
        : { kind: 'literal', type: raw.length === 10 ? 'date' : 'dateTimeOffset', value: raw, raw, span: SPAN }
      parameters.push({ name: id('PropertyValue'), value: lit, span: SPAN })
    }
    return { kind: 'dynamicsFunction', namespace: 'Microsoft.Dynamics.CRM', name: id(fn), parameters, span: SPAN }
  }
  return fail(
    501,
    CODES.notSupported,
    `The FetchXML condition operator '${operator}' is not supported by this emulator.`,
  )
}

function filterExpression(node: XmlNode, scope: Scope, context: PlanContext): Expression | undefined {
  const parts: Expression[] = []
  for (const child of node.children) {
    if (child.name === 'condition') parts.push(condition(child, scope, context))
    else if (child.name === 'filter') {
      const nested = filterExpression(child, scope, context)
      if (nested) parts.push(nested)
    }
  }
  return combine(parts, (node.attributes.type ?? 'and').toLowerCase() === 'or' ? 'or' : 'and')
}

interface LinkOutput {
  readonly alias: string
  readonly nav: Navigation & { kind: 'single' }
  readonly columns: readonly ColumnDef[]
  readonly nodes: readonly XmlNode[]
  readonly visible: ((row: Row) => boolean) | null
}

function findManyToOne(
  from: TableDef,
  link: XmlNode,
  context: PlanContext,
): (Navigation & { kind: 'single' }) | undefined {
  const to = link.attributes.to
  const name = link.attributes.name
  return context.store.index
    .navigations(from)
    .find(
      (nav): nav is Navigation & { kind: 'single' } =>
        nav.kind === 'single' && nav.column.logicalName === to && nav.target === name,
    )
}

function findOneToMany(from: TableDef, link: XmlNode, context: PlanContext): Navigation | undefined {
  return context.store.index
    .navigations(from)
    .find(
      (nav) =>
        nav.kind === 'collection' &&
        nav.target === link.attributes.name &&
        nav.relationship.referencingAttribute === link.attributes.from,
    )
}

export interface FetchResult {
  /** The response body as JSON text. */
  readonly text: string
  readonly annotationsUsed: boolean
}

/** Dataverse leaves a column out of a FetchXML row when its value is null (OData sends `null`). */
function withoutNulls(text: string): string {
  const body = JSON.parse(text) as { value: Record<string, unknown>[] }
  for (const row of body.value) {
    for (const key of Object.keys(row)) if (row[key] === null) delete row[key]
  }
  return JSON.stringify(body)
}

function whole(fetch: XmlNode, name: string, min: number): number | undefined {
  const raw = fetch.attributes[name]
  if (raw === undefined) return undefined
  const n = Number(raw)
  if (!Number.isInteger(n) || n < min)
    return fail(400, FETCH_ERROR, `The fetch attribute ${name}="${raw}" must be a whole number of ${min} or more.`)
  return n
}

export function runFetchXml(
  xml: string,
  table: TableDef,
  context: PlanContext & ProjectContext,
  apiBase: string,
): FetchResult {
  const fetch = parseXml(xml)
  if (fetch.name !== 'fetch') fail(400, FETCH_ERROR, `The root element must be <fetch>, not <${fetch.name}>.`)
  const aggregate = fetch.attributes.aggregate === 'true'
  const distinct = fetch.attributes.distinct === 'true'
  const entity = fetch.children.find((c) => c.name === 'entity')
  if (!entity) return fail(400, FETCH_ERROR, 'The <fetch> element must contain an <entity> element.')
  if (entity.attributes.name !== table.logicalName) {
    fail(
      400,
      FETCH_ERROR,
      `The entity name '${entity.attributes.name ?? ''}' in the FetchXML does not match the entity set '${table.entitySetName}' of the request.`,
    )
  }
  const root: Scope = { table, prefix: [] }
  const visible = readAccess(table, context)
  const all = entity.children.some((c) => c.name === 'all-attributes')
  const attributeNodes = entity.children.filter((c) => c.name === 'attribute')
  const attributes = all ? [...table.columns] : attributeNodes.map((c) => column(root, c.attributes.name, context))
  const pk = context.store.index.column(table, table.primaryIdAttribute)
  // A distinct query returns only what was asked for: the primary key would make every row unique.
  if (pk && !attributes.includes(pk) && !distinct && !aggregate) attributes.push(pk)
  const filters: Expression[] = []
  for (const child of entity.children.filter((c) => c.name === 'filter')) {
    const expression = filterExpression(child, root, context)
    if (expression) filters.push(expression)
  }
  const links: LinkOutput[] = []
  if (attributeNodes.some((c) => c.attributes.rowaggregate !== undefined))
    fail(501, CODES.notSupported, "The attribute 'rowaggregate' is not supported by this emulator.")
  for (const link of entity.children.filter((c) => c.name === 'link-entity')) {
    // Dataverse sends no paging cookie for such a query; the emulator cannot sort by a linked column at all.
    if (link.children.some((c) => c.name === 'order'))
      fail(
        501,
        CODES.notSupported,
        'An <order> inside a <link-entity> is not supported by this emulator: order by a column of the main entity.',
      )
    const manyToOne = findManyToOne(table, link, context)
    const inner = (link.attributes['link-type'] ?? 'inner') === 'inner'
    if (manyToOne) {
      const target = context.store.index.table(manyToOne.target) as TableDef
      const scope: Scope = { table: target, prefix: [manyToOne.name] }
      const nodes = link.children.filter((c) => c.name === 'attribute')
      const columns = nodes.map((c) => column(scope, c.attributes.name, context))
      const linkFilters = link.children
        .filter((c) => c.name === 'filter')
        .flatMap((c) => filterExpression(c, scope, context) ?? [])
      const exists: Expression = {
        kind: 'binary',
        operator: 'ne',
        left: path(manyToOne.name, target.primaryIdAttribute),
        right: { kind: 'literal', type: 'null', value: null, raw: 'null', span: SPAN },
        span: SPAN,
      }
      const linkCondition = and(linkFilters)
      if (inner)
        filters.push(
          linkCondition ? { kind: 'binary', operator: 'and', left: exists, right: linkCondition, span: SPAN } : exists,
        )
      links.push({
        alias: link.attributes.alias ?? `${target.logicalName}1`,
        nav: manyToOne,
        columns,
        nodes,
        visible: readAccess(target, context),
      })
      continue
    }
    const oneToMany = findOneToMany(table, link, context)
    if (!oneToMany) {
      fail(
        400,
        FETCH_ERROR,
        `No relationship links '${table.logicalName}' to '${link.attributes.name ?? ''}' from '${link.attributes.from ?? ''}' to '${link.attributes.to ?? ''}'.`,
      )
    }
    if (link.children.some((c) => c.name === 'attribute' || c.name === 'all-attributes')) {
      fail(
        501,
        CODES.notSupported,
        'Attributes of a one-to-many link-entity are not supported by this emulator (they multiply rows); filter through it instead.',
      )
    }
    const target = context.store.index.table((oneToMany as Navigation).target) as TableDef
    readAccess(target, context)
    const predicate = link.children
      .filter((c) => c.name === 'filter')
      .flatMap((c) => filterExpression(c, { table: target, prefix: ['x'] }, context) ?? [])
    if (inner) {
      filters.push({
        kind: 'lambda',
        collection: path((oneToMany as Navigation).name),
        operator: 'any',
        variable: predicate.length > 0 ? id('x') : null,
        predicate: and(predicate) ?? null,
        span: SPAN,
      })
    }
  }
  const orderNodes = entity.children.filter((c) => c.name === 'order')
  const filter = filterFor(table, and(filters), context)

  const top = whole(fetch, 'top', 1)
  const count = whole(fetch, 'count', 1)
  const page = whole(fetch, 'page', 1) ?? 1
  if (top !== undefined && (count !== undefined || fetch.attributes.page !== undefined)) {
    fail(400, FETCH_ERROR, "The 'top' attribute can't be specified with paging attribute 'page' or 'count'.")
  }
  const wants = (term: string): boolean => context.prefer.wants(`Microsoft.Dynamics.CRM.${term}`)
  const source = context.store.table(table.logicalName)
  const related = (link: LinkOutput, row: Row): Row | undefined => {
    const relatedId = row[link.nav.column.wireName]
    const found = typeof relatedId === 'string' ? context.store.table(link.nav.target).get(relatedId) : undefined
    return found && (!link.visible || link.visible(found)) ? found : undefined
  }

  if (aggregate) {
    const limit = Math.min(whole(fetch, 'aggregatelimit', 1) ?? AGGREGATE_LIMIT, AGGREGATE_LIMIT)
    const matching = readPage({ table, source, filter, visible, order: [], limit: limit + 1, after: null }).rows
    checkAggregateLimit(matching.length, limit)
    const aggregateAttributes: AggregateAttribute[] = [
      ...attributeNodes.map((node, i) =>
        aggregateAttribute(
          node,
          attributes[i] as ColumnDef,
          (row) => row[(attributes[i] as ColumnDef).wireName] ?? null,
        ),
      ),
      ...links.flatMap((link) =>
        link.nodes.map((node, i) =>
          aggregateAttribute(
            node,
            link.columns[i] as ColumnDef,
            (row) => related(link, row)?.[(link.columns[i] as ColumnDef).wireName] ?? null,
          ),
        ),
      ),
    ]
    const result = runAggregate(
      {
        attributes: aggregateAttributes,
        orders: orderNodes.map((c) => ({
          alias: c.attributes.alias,
          attribute: c.attributes.attribute,
          descending: c.attributes.descending === 'true',
        })),
        rows: matching,
        count,
        page,
        top,
      },
      context.store,
      context.currencySymbol,
    )
    const more = result.more && wants('morerecords') ? `"@Microsoft.Dynamics.CRM.morerecords":true,` : ''
    const text = `{"@odata.context":${JSON.stringify(`${apiBase}/$metadata#${table.entitySetName}`)},${more}"value":[${result.write(context.prefer.wants(FORMATTED))}]}`
    return { text, annotationsUsed: context.prefer.anyAnnotations }
  }

  const order: OrderKey[] = orderNodes.map((c) => ({
    column: column(root, c.attributes.attribute, context),
    descending: c.attributes.descending === 'true',
  }))
  const limit = Math.min(top ?? count ?? 5000, 5000)
  const cookie = fetch.attributes['paging-cookie']
  const inner = cookie && page > 1 && !distinct ? parseInnerCookie(cookie) : null
  // A cookie is only used for the page right after the one it was made on; otherwise the page number counts.
  const after = inner && inner.page === page - 1 ? rowFromCookie(inner, order, table) : null
  const linkText = (row: Row): string => {
    let out = ''
    for (const link of links) {
      const found = related(link, row)
      for (const col of link.columns)
        out += `,${JSON.stringify(`${link.alias}.${col.wireName}`)}:${JSON.stringify(found ? (found[col.wireName] ?? null) : null)}`
    }
    return out
  }
  const result = distinct
    ? distinctPage(
        readPage({ table, source, filter, visible, order, limit: Number.MAX_SAFE_INTEGER, after: null }).rows,
        attributes,
        links.length > 0 ? linkText : null,
        top === undefined ? (page - 1) * limit : 0,
        limit,
      )
    : readPage({
        table,
        source,
        filter,
        visible,
        order,
        limit,
        after,
        ...(after || page === 1 ? {} : { skip: (page - 1) * limit }),
      })
  // As in OData, a money amount comes with its currency: Dataverse adds the currency lookup to the row.
  const currency = context.store.index.column(table, '_transactioncurrencyid_value')
  const columns =
    currency && !attributes.includes(currency) && attributes.some((c) => c.type === 'money')
      ? [...attributes, currency]
      : attributes
  const plan = { table, columns, selected: all ? null : columns.map((c) => c.wireName), expands: [] }
  const body: Record<string, unknown> = {
    '@odata.context': `${apiBase}/$metadata#${table.entitySetName}(${attributes.map((c) => c.wireName).join(',')})`,
  }
  if (fetch.attributes.returntotalrecordcount === 'true' || wants('totalrecordcount')) {
    const total =
      fetch.attributes.returntotalrecordcount === 'true'
        ? countRows({ table, source, filter, visible, order }, 5000)
        : -1
    body['@Microsoft.Dynamics.CRM.totalrecordcount'] = Math.min(total, 5000)
    body['@Microsoft.Dynamics.CRM.totalrecordcountlimitexceeded'] = total > 5000
  }
  // The last page carries neither annotation (Microsoft's "Page results using FetchXml"); `top` is the whole answer.
  if (wants('fetchxmlpagingcookie') && result.more && result.rows.length > 0 && top === undefined && !distinct) {
    body['@Microsoft.Dynamics.CRM.fetchxmlpagingcookie'] = fetchXmlPagingCookie(
      cookieFor(page, order, table, result.rows[0] as Row, result.rows[result.rows.length - 1] as Row),
    )
  }
  if (wants('morerecords') && result.more && top === undefined) body['@Microsoft.Dynamics.CRM.morerecords'] = true
  const text = writeCollection(plan, context, result.rows, body, {}, links.length > 0 ? linkText : undefined)
  return { text: withoutNulls(text), annotationsUsed: context.prefer.anyAnnotations }
}

function aggregateAttribute(node: XmlNode, col: ColumnDef, valueOf: (row: Row) => Value): AggregateAttribute {
  return {
    alias: node.attributes.alias,
    column: col,
    aggregate: node.attributes.aggregate,
    groupby: node.attributes.groupby === 'true',
    dategrouping: node.attributes.dategrouping,
    distinct: node.attributes.distinct === 'true',
    valueOf,
  }
}

/** The page of rows whose selected values (link columns included) differ from every earlier row's. */
function distinctPage(
  rows: readonly Row[],
  attributes: readonly ColumnDef[],
  linkText: ((row: Row) => string) | null,
  skip: number,
  limit: number,
): { rows: Row[]; more: boolean } {
  const seen = new Set<string>()
  const out: Row[] = []
  let toSkip = skip
  for (const row of rows) {
    const key = JSON.stringify(attributes.map((c) => row[c.wireName] ?? null)) + (linkText ? linkText(row) : '')
    if (seen.has(key)) continue
    seen.add(key)
    if (toSkip > 0) {
      toSkip--
      continue
    }
    if (out.length === limit) return { rows: out, more: true }
    out.push(row)
  }
  return { rows: out, more: false }
}
