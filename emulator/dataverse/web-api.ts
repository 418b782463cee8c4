/**
 * Routes one authenticated Web API request (path after `/api/data/v9.x/`, query options, method)
 * to the engine: service document, $metadata, functions, EntityDefinitions, collections, single
 * rows, properties, navigation, FetchXML and writes.
 */
import { keyBounds } from './key-seek'
import type { KeyValue, ODataRequest, QueryOptions, ResourceSegment } from '@common/odata'
import { parseRequest } from '@common/odata'
import { csdlFor } from './csdl'
import { CODES, fail, propertyNotFound, recordNotFound, resourceNotFound } from './errors'
import type { Row } from './data-generator'
import { parseApply, runApply } from './apply'
import { notFoundByKey, resolveKey } from './alternate-keys'
import { runBatch } from './batch'
import { runFetchXml } from './fetchxml'
import type { Predicate } from './filter'
import { entityDefinitions } from './metadata-api'
import { skipToken, parseSkipToken } from './paging-cookie'
import { filterFor, orderKeys, parseAliases, readAccess, readPlan, type PlanContext } from './plan'
import type { Preferences } from './prefer'
import {
  contextProjection,
  cookieFor,
  countRows,
  readPage,
  rowFromCookie,
  writeCollection,
  writeRow,
  type ProjectContext,
  type ReadPlan,
} from './query'
import type { Navigation, TableDef } from './schema'
import { ACCESS_RIGHTS } from './roles'
import type { Caller, SecurityModel } from './security'
import type { OrgStore } from './store'
import { createRow, deleteRow, parseEntityReference, setLink, updateRow, type WriteContext } from './writes'

export const DATAVERSE_VERSION = '9.2.25114.00201'

/** Dataverse caps `@odata.count` and pages at 5,000 rows. */
const MAX_PAGE = 5000

export interface ApiRequest {
  readonly method: string
  readonly headers: Headers
  /** Decoded path after `/api/data/v9.x/`, e.g. `accounts(…)/contact_customer_accounts`. */
  readonly path: string
  /** Raw (still encoded) path after the version, for nextLinks. */
  readonly rawPath: string
  /** Raw query string without `?`. */
  readonly rawQuery: string
  /** Decoded query options except fetchXml. */
  readonly query: string
  /** The decoded `fetchXml` option, kept out of `query` because its XML may hold a bare `&`. */
  readonly fetchXml?: string
  readonly body: () => Promise<unknown>
  /** The raw body text (`$batch` reads multipart text, not JSON). */
  readonly text?: () => Promise<string>
}

export interface ApiContext {
  readonly store: OrgStore
  readonly security: SecurityModel
  readonly caller: Caller
  readonly now: number
  readonly prefer: Preferences
  /** `https://org/api/data/v9.2`. */
  readonly apiBase: string
  readonly currencySymbol: string
}

export interface ApiResponse {
  readonly status: number
  readonly body?: unknown
  /** Sent as-is (CSDL, `$count`); otherwise `body` is JSON. */
  readonly text?: string
  readonly contentType?: string
  readonly headers?: Record<string, string>
}

const json = (body: unknown, headers: Record<string, string> = {}, status = 200): ApiResponse => ({
  status,
  body,
  headers,
})

function parse(request: ApiRequest): ODataRequest {
  const text = requestText(request)
  const parsed = parseRequest(text)
  if (parsed.ok) return parsed.value
  const error = parsed.error
  // Dataverse reports $filter syntax errors by position in the filter text.
  const filter = /(?:^|&)\$filter=/.exec(request.query)
  const queryStart = request.path.length + 1
  if (filter && error.offset >= queryStart + filter.index) {
    const valueStart = queryStart + filter.index + filter[0].length
    const valueEnd = request.query.indexOf('&', valueStart - queryStart)
    const value = request.query.slice(valueStart - queryStart, valueEnd < 0 ? undefined : valueEnd)
    return fail(
      400,
      CODES.odataError,
      `Syntax error at position ${error.offset - valueStart} in '${value}'. (${error.message})`,
    )
  }
  return fail(
    400,
    CODES.odataError,
    `Bad Request - Error in query syntax: ${error.message} (at character ${error.offset + 1}).`,
  )
}

/** The id of the row a key names; an alternate key that matches no row is Dataverse's RecordNotFoundByEntityKey. */
function keyId(table: TableDef, key: KeyValue, context: ApiContext): string {
  const resolved = resolveKey(table, key, context.store)
  return resolved.kind === 'id' ? resolved.id : (resolved.id ?? notFoundByKey(table))
}

function planContext(context: ApiContext, options: QueryOptions, requestText?: string): PlanContext & ProjectContext {
  return { ...context, aliases: parseAliases(options), ...(requestText !== undefined ? { requestText } : {}) }
}

const requestText = (request: ApiRequest): string => (request.query ? `${request.path}?${request.query}` : request.path)

function unsupportedOptions(options: QueryOptions): void {
  if (options.skip !== undefined) fail(400, CODES.odataError, 'Skip Clause is not supported in CRM')
  if (options.search !== undefined)
    fail(
      400,
      CODES.odataError,
      'The query parameter $search is not supported on this endpoint: use the Dataverse search API.',
    )
  if (options.deltatoken !== undefined)
    fail(501, CODES.notSupported, 'Change tracking ($deltatoken) is not supported by this emulator.')
}

function nextLink(request: ApiRequest, apiBase: string, token: string): string {
  const kept = request.rawQuery.split('&').filter((part) => part && !/^(\$|%24)skiptoken=/i.test(part))
  kept.push(`$skiptoken=${encodeURIComponent(token)}`)
  return `${apiBase}/${request.rawPath}?${kept.join('&')}`
}

/** A collection read over a table or over the rows a navigation property reaches. */
function collection(
  table: TableDef,
  options: QueryOptions,
  request: ApiRequest,
  context: ApiContext,
  source?: readonly Row[],
  contextPath = table.entitySetName,
): ApiResponse {
  unsupportedOptions(options)
  const plan = planContext(context, options, requestText(request))
  if (options.fetchXml !== undefined) {
    if (source) fail(400, CODES.odataError, 'fetchXml can only be used on an entity set.')
    const result = runFetchXml(options.fetchXml, table, plan, context.apiBase)
    const applied = context.prefer.applied({ annotations: result.annotationsUsed })
    return { status: 200, text: result.text, headers: applied ? { 'Preference-Applied': applied } : {} }
  }
  const visible = readAccess(table, plan)
  if (options.apply !== undefined) return aggregateCollection(table, options, plan, visible, context, source)
  const read = readPlan(table, options, plan)
  const filter = filterFor(table, options.filter, plan)
  const order = orderKeys(table, options.orderby, plan)
  // $top together with Prefer: odata.maxpagesize: Microsoft's "Page results using OData" (powerapps-docs
  // developer/data-platform/webapi/query/page-results.md, "Don't use the $top query option while paging records")
  // says "If you include both, $top is ignored". So the page size rules, a nextLink follows, and $top limits nothing.
  const maxPageSize = context.prefer.maxPageSize
  const paged = options.top === undefined || maxPageSize !== undefined
  const limit = paged ? Math.min(maxPageSize ?? MAX_PAGE, MAX_PAGE) : Math.min(options.top ?? MAX_PAGE, MAX_PAGE)
  const cookie = options.skiptoken !== undefined ? parseSkipToken(options.skiptoken) : undefined
  const after = cookie ? rowFromCookie(cookie, order, table) : null
  const data = source ?? context.store.table(table.logicalName)
  const bounds = keyBounds(options.filter, table.primaryIdAttribute)
  const page = readPage({ table, source: data, filter, visible, order, limit, after, bounds })
  const projection = contextProjection(read)
  const header: Record<string, unknown> = {
    '@odata.context': `${context.apiBase}/$metadata#${contextPath}${projection ? `(${projection})` : ''}`,
  }
  const counted = options.count ? countRows({ table, source: data, filter, visible, order }, MAX_PAGE) : undefined
  if (counted !== undefined) header['@odata.count'] = Math.min(counted, MAX_PAGE)
  if (context.prefer.wants('Microsoft.Dynamics.CRM.totalrecordcount')) {
    // Dataverse only counts when $count=true asks it to; otherwise the annotation says -1.
    header['@Microsoft.Dynamics.CRM.totalrecordcount'] = counted === undefined ? -1 : Math.min(counted, MAX_PAGE)
    header['@Microsoft.Dynamics.CRM.totalrecordcountlimitexceeded'] = counted !== undefined && counted > MAX_PAGE
  }
  const footer: Record<string, unknown> = {}
  if (paged && page.more && page.rows.length > 0) {
    const pageNumber = cookie ? cookie.page + 1 : 1
    const next = cookieFor(pageNumber, order, table, page.rows[0] as Row, page.rows[page.rows.length - 1] as Row)
    footer['@odata.nextLink'] = nextLink(request, context.apiBase, skipToken(next))
  }
  const text = writeCollection(read, plan, page.rows, header, footer)
  const applied = context.prefer.applied({ maxPageSize: paged, annotations: true })
  return { status: 200, text, headers: applied ? { 'Preference-Applied': applied } : {} }
}

/** `$apply`: aggregated rows, with `$filter` applied first; at most 5,000 groups, as Dataverse's aggregate limit. */
function aggregateCollection(
  table: TableDef,
  options: QueryOptions,
  plan: PlanContext & ProjectContext,
  visible: Predicate | null,
  context: ApiContext,
  source?: readonly Row[],
): ApiResponse {
  if (options.select || options.expand || options.orderby || options.top !== undefined || options.count) {
    fail(
      501,
      CODES.notSupported,
      '$apply together with $select, $expand, $orderby, $top or $count is not supported by this emulator: put the columns in groupby((…)).',
    )
  }
  const steps = parseApply(options.apply as string, table, plan)
  const filter = filterFor(table, options.filter, plan)
  const rows = (source ?? context.store.table(table.logicalName).rows).filter(
    (row) => (!filter || filter(row)) && (!visible || visible(row)),
  )
  const result = runApply(steps, rows, context.prefer, context.currencySymbol)
  if (result.rows.length > MAX_PAGE)
    fail(400, '0x8004e023', 'AggregateQueryRecordLimit exceeded. Cannot perform this operation.')
  const applied = context.prefer.applied({ annotations: true })
  return json(
    { '@odata.context': `${context.apiBase}/$metadata#${table.entitySetName}`, value: result.rows },
    applied ? { 'Preference-Applied': applied } : {},
  )
}

function entity(
  table: TableDef,
  row: Row,
  options: QueryOptions,
  context: ApiContext,
  status = 200,
  text?: string,
): ApiResponse {
  unsupportedOptions(options)
  const plan = planContext(context, options, text)
  const read: ReadPlan = readPlan(table, options, plan)
  const projection = contextProjection(read)
  const contextUrl = `${context.apiBase}/$metadata#${table.entitySetName}${projection ? `(${projection})` : ''}/$entity`
  const body = writeRow(read, plan, row, { '@odata.context': contextUrl })
  const applied = context.prefer.applied({ annotations: true })
  return {
    status,
    text: body,
    headers: { ETag: `W/"${String(row.versionnumber)}"`, ...(applied ? { 'Preference-Applied': applied } : {}) },
  }
}

function visibleRow(table: TableDef, id: string, context: ApiContext): Row {
  const depth = context.security.require(context.caller, table, 'Read')
  const row = context.store.table(table.logicalName).get(id) ?? recordNotFound(table, id)
  if (!context.security.canSee(context.caller, table, depth, row))
    context.security.missing(context.caller, table, 'Read')
  return row
}

function writeContext(context: ApiContext): WriteContext {
  return { store: context.store, security: context.security, caller: context.caller, now: context.now }
}

function entityId(table: TableDef, row: Row, apiBase: string): string {
  return `${apiBase}/${table.entitySetName}(${String(row[table.primaryIdAttribute])})`
}

async function readBody(request: ApiRequest, table: TableDef): Promise<unknown> {
  try {
    return await request.body()
  } catch {
    return fail(
      400,
      '0x80048d19',
      `Error identified in Payload provided by the user for Entity :'${table.logicalName}', For more information on this error please follow this help link https://go.microsoft.com/fwlink/?linkid=2195293  ----> InnerException : Microsoft.OData.ODataException: Invalid JSON. The request body is not valid JSON.`,
    )
  }
}

function methodNotAllowed(method: string, what: string): never {
  return fail(405, CODES.odataError, `The HTTP method '${method}' is not allowed on ${what}.`)
}

const functionName = (segment: ResourceSegment): string =>
  segment.name.name.replace(/^(Microsoft\.Dynamics\.CRM|mscrm)\./, '')

export async function handleApi(request: ApiRequest, context: ApiContext): Promise<ApiResponse> {
  if (request.path === '' || request.path === '/') {
    if (request.method !== 'GET') methodNotAllowed(request.method, 'the service document')
    return json({
      '@odata.context': `${context.apiBase}/$metadata`,
      value: [
        ...context.store.index.schema.tables.map((t) => ({
          name: t.entitySetName,
          kind: 'EntitySet',
          url: t.entitySetName,
        })),
        { name: 'EntityDefinitions', kind: 'EntitySet', url: 'EntityDefinitions' },
        { name: 'WhoAmI', kind: 'FunctionImport', url: 'WhoAmI' },
        { name: 'RetrieveVersion', kind: 'FunctionImport', url: 'RetrieveVersion' },
        { name: 'RetrieveTotalRecordCount', kind: 'FunctionImport', url: 'RetrieveTotalRecordCount' },
      ],
    })
  }
  if (request.path === '$batch') return runBatch(request, context, handleApi)
  const parsed = parse(request)
  const [head, ...rest] = parsed.segments
  if (!head) return resourceNotFound('')
  const options = request.fetchXml !== undefined ? { ...parsed.options, fetchXml: request.fetchXml } : parsed.options
  const name = head.name.name
  if (name === '$metadata') {
    if (rest.length > 0) return resourceNotFound(rest[0]?.name.name ?? '')
    return { status: 200, text: csdlFor(context.store.index.schema), contentType: 'application/xml' }
  }
  const fn = functionName(head)
  if (fn === 'WhoAmI' && rest.length === 0) {
    return json({
      '@odata.context': `${context.apiBase}/$metadata#Microsoft.Dynamics.CRM.WhoAmIResponse`,
      BusinessUnitId: context.caller.businessUnitId,
      UserId: context.caller.userId,
      OrganizationId: context.store.organizationId,
    })
  }
  if (fn === 'RetrieveVersion' && rest.length === 0) {
    return json({
      '@odata.context': `${context.apiBase}/$metadata#Microsoft.Dynamics.CRM.RetrieveVersionResponse`,
      Version: DATAVERSE_VERSION,
    })
  }
  if (fn === 'RetrieveTotalRecordCount' && rest.length === 0) return totalRecordCount(head, options, context)
  if (name === 'EntityDefinitions') {
    if (request.method !== 'GET') methodNotAllowed(request.method, 'EntityDefinitions in this emulator')
    return json(
      entityDefinitions(parsed.segments, options, context.store.index.schema, context.store.index, context.apiBase),
    )
  }
  const table = context.store.index.tableBySet(name)
  if (!table) {
    const invoked =
      head.call !== undefined || (head.key !== undefined && head.key.kind !== 'single') || request.method === 'POST'
    if (invoked && /^[A-Z]/.test(fn))
      return fail(501, CODES.notSupported, `The function or action '${fn}' is not supported by this emulator.`)
    return resourceNotFound(name)
  }
  return tableRequest(table, head, rest, options, request, context)
}

/** `systemusers(id)` or `teams(id)/Microsoft.Dynamics.CRM.RetrievePrincipalAccess(Target=@t)?@t={'@odata.id':'accounts(id)'}`: that principal's rights on one row (the function is bound to systemuser and team). */
function principalAccess(
  table: TableDef,
  id: string,
  segment: ResourceSegment,
  options: QueryOptions,
  context: ApiContext,
): ApiResponse {
  visibleRow(table, id, context)
  const argument = segment.call?.find((item) => item.name?.name === 'Target')?.value
  // The target is a JSON-like entity reference, kept as the alias's raw text by the parser.
  const raw =
    argument?.kind === 'alias' ? options.custom.find((option) => option.name === argument.name)?.value : undefined
  const text = /["']@odata\.id["']\s*:\s*["']([^"']+)["']/.exec(raw ?? '')?.[1]
  const reference = text ? parseEntityReference(text) : undefined
  const targetTable = reference ? context.store.index.tableBySet(reference.set) : undefined
  if (!reference || !targetTable)
    return fail(
      400,
      CODES.odataError,
      "RetrievePrincipalAccess needs Target=@t with @t={'@odata.id':'<entityset>(<id>)'}.",
    )
  const row =
    context.store.table(targetTable.logicalName).get(reference.id) ?? recordNotFound(targetTable, reference.id)
  const principal =
    table.logicalName === 'team' ? context.security.callerForTeam(id) : context.security.callerForUser(id)
  const rights = ACCESS_RIGHTS.filter((right) => {
    const depth = context.security.depth(principal, targetTable, right)
    return depth !== null && (right === 'Create' || context.security.canSee(principal, targetTable, depth, row))
  })
  return json({
    '@odata.context': `${context.apiBase}/$metadata#Microsoft.Dynamics.CRM.RetrievePrincipalAccessResponse`,
    AccessRights: rights.length === 0 ? 'None' : rights.map((right) => `${right}Access`).join(', '),
  })
}

function totalRecordCount(head: ResourceSegment, options: QueryOptions, context: ApiContext): ApiResponse {
  const argument = head.call?.find((item) => item.name?.name === 'EntityNames')?.value
  const aliases = parseAliases(options)
  const resolved = argument?.kind === 'alias' ? aliases.get(argument.name) : argument
  if (!resolved || resolved.kind !== 'list')
    return fail(400, CODES.odataError, "RetrieveTotalRecordCount needs EntityNames=['account',…].")
  const names = resolved.items.map((item) =>
    item.kind === 'literal' && typeof item.value === 'string'
      ? item.value
      : fail(400, CODES.odataError, 'EntityNames holds table logical names in quotes.'),
  )
  const values = names.map((logicalName) => {
    const table =
      context.store.index.table(logicalName) ??
      fail(400, CODES.odataError, `The entity '${logicalName}' does not exist.`)
    context.security.require(context.caller, table, 'Read')
    return context.store.table(logicalName).rows.length
  })
  return json({
    '@odata.context': `${context.apiBase}/$metadata#Microsoft.Dynamics.CRM.RetrieveTotalRecordCountResponse`,
    EntityRecordCountCollection: { Count: names.length, IsReadOnly: false, Keys: names, Values: values },
  })
}

async function tableRequest(
  table: TableDef,
  head: ResourceSegment,
  rest: readonly ResourceSegment[],
  options: QueryOptions,
  request: ApiRequest,
  context: ApiContext,
): Promise<ApiResponse> {
  const method = request.method
  if (!head.key) {
    if (head.call) return resourceNotFound(head.name.name)
    const next = rest[0]
    if (next?.name.name === '$count' && rest.length === 1) {
      if (method !== 'GET') methodNotAllowed(method, '$count')
      const plan = planContext(context, options)
      const count = countRows(
        {
          table,
          source: context.store.table(table.logicalName),
          filter: filterFor(table, options.filter, plan),
          visible: readAccess(table, plan),
          order: [],
        },
        MAX_PAGE,
      )
      return { status: 200, text: String(Math.min(count, MAX_PAGE)), contentType: 'text/plain' }
    }
    if (next) return resourceNotFound(next.name.name)
    if (method === 'GET') return collection(table, options, request, context)
    if (method === 'POST') {
      const body = await readBody(request, table)
      const row = createRow(table, body, writeContext(context))
      const location = entityId(table, row, context.apiBase)
      if (context.prefer.returnRepresentation) {
        const response = entity(table, row, options, context, 201)
        return {
          ...response,
          headers: {
            ...response.headers,
            'OData-EntityId': location,
            Location: location,
            'Preference-Applied': 'return=representation',
          },
        }
      }
      return { status: 204, headers: { 'OData-EntityId': location, Location: location } }
    }
    return methodNotAllowed(method, `the entity set '${table.entitySetName}'`)
  }
  const rowKey = resolveKey(table, head.key, context.store)
  if (rowKey.kind === 'alternate' && rowKey.id === undefined && method === 'PATCH' && rest.length === 0)
    return upsertByKey(table, rowKey.values, options, request, context)
  const id = rowKey.kind === 'id' ? rowKey.id : (rowKey.id ?? notFoundByKey(table))
  if (rest.length === 0) {
    if (method === 'GET') {
      const row = visibleRow(table, id, context)
      const etag = `W/"${String(row.versionnumber)}"`
      // Dataverse never answers 304 when the answer depends on more than the row's own version.
      const cacheable = (options.expand ?? []).length === 0 && !context.prefer.anyAnnotations
      if (cacheable && request.headers.get('if-none-match') === etag) return { status: 304, headers: { ETag: etag } }
      return entity(table, row, options, context, 200, requestText(request))
    }
    if (method === 'PATCH') {
      const body = await readBody(request, table)
      const { row, created } = updateRow(table, id, body, request.headers, writeContext(context))
      const location = entityId(table, row, context.apiBase)
      if (context.prefer.returnRepresentation) {
        const response = entity(table, row, options, context, created ? 201 : 200)
        return {
          ...response,
          headers: { ...response.headers, 'OData-EntityId': location, 'Preference-Applied': 'return=representation' },
        }
      }
      return { status: 204, headers: { 'OData-EntityId': location } }
    }
    if (method === 'DELETE') {
      deleteRow(table, id, request.headers, writeContext(context))
      return { status: 204 }
    }
    return methodNotAllowed(method, `a ${table.logicalName} record`)
  }
  const second = rest[0] as ResourceSegment
  const secondName = functionName(second)
  if (secondName === 'RetrieveUserPrivileges' && table.logicalName === 'systemuser' && rest.length === 1) {
    if (method !== 'GET') methodNotAllowed(method, 'RetrieveUserPrivileges')
    visibleRow(table, id, context)
    const target = context.security.callerForUser(id)
    return json({
      '@odata.context': `${context.apiBase}/$metadata#Microsoft.Dynamics.CRM.RetrieveUserPrivilegesResponse`,
      RolePrivileges: context.security.privileges(target),
    })
  }
  if (
    secondName === 'RetrievePrincipalAccess' &&
    (table.logicalName === 'systemuser' || table.logicalName === 'team') &&
    rest.length === 1
  ) {
    if (method !== 'GET') methodNotAllowed(method, 'RetrievePrincipalAccess')
    return principalAccess(table, id, second, options, context)
  }
  const column = context.store.index.column(table, second.name.name)
  if (column && !second.key && rest.length === 1) {
    if (method === 'GET') {
      const row = visibleRow(table, id, context)
      return json({
        '@odata.context': `${context.apiBase}/$metadata#${table.entitySetName}(${id})/${column.wireName}`,
        value: row[column.wireName] ?? null,
      })
    }
    if (method === 'PUT' || method === 'DELETE') {
      const body = method === 'PUT' ? await readBody(request, table) : { value: null }
      const value =
        body && typeof body === 'object' && 'value' in body
          ? (body as { value: unknown }).value
          : fail(400, '0x80048d19', 'The request body must be {"value": …}.')
      if (!context.store.table(table.logicalName).get(id)) recordNotFound(table, id)
      updateRow(table, id, { [column.logicalName]: value }, new Headers({ 'If-Match': '*' }), writeContext(context))
      return { status: 204 }
    }
    return methodNotAllowed(method, `the property '${column.wireName}'`)
  }
  const nav = context.store.index.navigation(table, second.name.name)
  if (!nav) return propertyNotFound(table, second.name.name)
  return navigationRequest(table, id, nav, second, rest.slice(1), options, request, context)
}

/** PATCH by an alternate key that matches no row: an upsert creates the row with the key's values (unless If-Match asks for an update only). */
async function upsertByKey(
  table: TableDef,
  values: ReadonlyMap<string, unknown>,
  options: QueryOptions,
  request: ApiRequest,
  context: ApiContext,
): Promise<ApiResponse> {
  if (request.headers.get('if-match')) notFoundByKey(table)
  const body = await readBody(request, table)
  const merged =
    body && typeof body === 'object' && !Array.isArray(body) ? { ...body, ...Object.fromEntries(values) } : body
  const row = createRow(table, merged, writeContext(context))
  const location = entityId(table, row, context.apiBase)
  if (context.prefer.returnRepresentation) {
    const response = entity(table, row, options, context, 201)
    return {
      ...response,
      headers: { ...response.headers, 'OData-EntityId': location, 'Preference-Applied': 'return=representation' },
    }
  }
  return { status: 204, headers: { 'OData-EntityId': location } }
}

async function navigationRequest(
  table: TableDef,
  id: string,
  nav: Navigation,
  segment: ResourceSegment,
  rest: readonly ResourceSegment[],
  options: QueryOptions,
  request: ApiRequest,
  context: ApiContext,
): Promise<ApiResponse> {
  const target = context.store.index.table(nav.target) ?? propertyNotFound(table, nav.name)
  const isRef = rest[0]?.name.name === '$ref' && rest.length === 1
  const isCount = rest[0]?.name.name === '$count' && rest.length === 1 && nav.kind !== 'single' && !segment.key
  if (rest.length > 0 && !isRef && !isCount) return resourceNotFound(rest[0]?.name.name ?? '')
  const method = request.method
  if (isCount) {
    if (method !== 'GET') methodNotAllowed(method, '$count')
    const plan = planContext(context, options)
    const related = relatedRowsOf(table, visibleRow(table, id, context), nav, context.store)
    const count = countRows(
      {
        table: target,
        source: related,
        filter: filterFor(target, options.filter, plan),
        visible: readAccess(target, plan),
        order: [],
      },
      MAX_PAGE,
    )
    // Dataverse starts this plain-text count with a UTF-8 byte order mark.
    return { status: 200, text: `\uFEFF${Math.min(count, MAX_PAGE)}`, contentType: 'text/plain' }
  }
  if (isRef && method === 'GET') return referencesOf(table, id, nav, target, segment, context)
  if (isRef) {
    const write = writeContext(context)
    if (nav.kind === 'single') {
      if (method === 'PUT') {
        const body = await readBody(request, table)
        const reference = body && typeof body === 'object' ? (body as Record<string, unknown>)['@odata.id'] : undefined
        if (typeof reference !== 'string')
          return fail(
            400,
            CODES.odataError,
            `The body must be {"@odata.id": "${context.apiBase}/${target.entitySetName}(<id>)"}.`,
          )
        updateRow(table, id, { [`${nav.name}@odata.bind`]: reference }, new Headers({ 'If-Match': '*' }), write)
        return { status: 204 }
      }
      if (method !== 'DELETE') methodNotAllowed(method, `${nav.name}/$ref`)
      updateRow(table, id, { [`${nav.name}@odata.bind`]: null }, new Headers({ 'If-Match': '*' }), write)
      return { status: 204 }
    }
    if (method === 'POST' && !segment.key) {
      const body = await readBody(request, table)
      const reference = body && typeof body === 'object' ? (body as Record<string, unknown>)['@odata.id'] : undefined
      const parsed = typeof reference === 'string' ? parseEntityReference(reference) : undefined
      if (!parsed || parsed.set !== target.entitySetName)
        return fail(
          400,
          CODES.odataError,
          `The body must be {"@odata.id": "${context.apiBase}/${target.entitySetName}(<id>)"}.`,
        )
      setLink(table, id, nav, parsed.id, true, write)
      return { status: 204 }
    }
    if (method === 'DELETE') {
      const other = segment.key
        ? keyId(target, segment.key, context)
        : parseEntityReference(new URLSearchParams(request.rawQuery).get('$id') ?? '')?.id
      if (!other)
        return fail(
          400,
          CODES.odataError,
          `Name the related row: DELETE …/${nav.name}(<id>)/$ref or …/${nav.name}/$ref?$id=<url>.`,
        )
      setLink(table, id, nav, other, false, write)
      return { status: 204 }
    }
    return methodNotAllowed(method, `${nav.name}/$ref`)
  }
  if (method !== 'GET') methodNotAllowed(method, `the navigation property '${nav.name}'`)
  const row = visibleRow(table, id, context)
  if (nav.kind === 'single') {
    const relatedId = row[nav.column.wireName]
    if (typeof relatedId !== 'string') return { status: 204 }
    const found = context.store.resolve(nav.column, relatedId, nav.column.type === 'owner' ? undefined : nav.target)
    if (!found) return { status: 204 }
    return entity(found.table, visibleRow(found.table, relatedId, context), options, context)
  }
  if (segment.key) {
    const otherId = keyId(target, segment.key, context)
    return entity(target, visibleRow(target, otherId, context), options, context)
  }
  const related = relatedRowsOf(table, row, nav, context.store)
  return collection(target, options, request, context, related, target.entitySetName)
}

/** GET …/nav/$ref: the related rows (or row) as `@odata.id` references. */
function referencesOf(
  table: TableDef,
  id: string,
  nav: Navigation,
  target: TableDef,
  segment: ResourceSegment,
  context: ApiContext,
): ApiResponse {
  const row = visibleRow(table, id, context)
  const reference = (set: string, otherId: string): string => `${context.apiBase}/${set}(${otherId})`
  if (nav.kind === 'single') {
    const relatedId = row[nav.column.wireName]
    const found =
      typeof relatedId === 'string'
        ? context.store.resolve(nav.column, relatedId, nav.column.type === 'owner' ? undefined : nav.target)
        : undefined
    if (!found) return { status: 204 }
    return json({
      '@odata.context': `${context.apiBase}/$metadata#$ref`,
      '@odata.id': reference(found.table.entitySetName, relatedId as string),
    })
  }
  if (segment.key)
    return fail(
      400,
      CODES.odataError,
      `GET …/${nav.name}(<id>)/$ref is not a Dataverse request: read …/${nav.name}/$ref for the references.`,
    )
  const depth = context.security.require(context.caller, target, 'Read')
  const pk = target.primaryIdAttribute
  const value = relatedRowsOf(table, row, nav, context.store)
    .filter((other) => context.security.canSee(context.caller, target, depth, other))
    .sort((a, b) => ((a[pk] as string) < (b[pk] as string) ? -1 : 1))
    .slice(0, MAX_PAGE)
    .map((other) => ({ '@odata.id': reference(target.entitySetName, other[pk] as string) }))
  return json({ '@odata.context': `${context.apiBase}/$metadata#Collection($ref)`, value })
}

function relatedRowsOf(table: TableDef, row: Row, nav: Navigation, store: OrgStore): Row[] {
  const id = row[table.primaryIdAttribute] as string
  const target = store.table(nav.target)
  if (nav.kind === 'collection') {
    const column = store.index.columnByLogicalName(target.def, nav.relationship.referencingAttribute)
    return column ? [...(target.groupedBy(column.wireName).get(id) ?? [])] : []
  }
  if (nav.kind === 'manyToMany') {
    return store
      .association(nav.relationship.schemaName)
      .related(table.logicalName, id)
      .map((other) => target.get(other))
      .filter((row): row is Row => row !== undefined)
  }
  return []
}
