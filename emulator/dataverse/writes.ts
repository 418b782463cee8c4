/**
 * Create, update (with upsert), delete, and associate/disassociate on the in-memory data, with
 * Dataverse's validation messages and privilege checks, so demos and read-only guards have
 * something real to do or refuse.
 */
import { randomUUID } from 'node:crypto'
import { referenceByKey, requireUniqueKeys } from './alternate-keys'
import { CODES, fail, propertyNotFound, recordNotFound } from './errors'
import { etag, isoSeconds, type Row, type Value } from './data-generator'
import { kindOf } from './filter'
import { isChoiceType, isLookupType, type ColumnDef, type Navigation, type TableDef } from './schema'
import type { Caller, SecurityModel } from './security'
import type { OrgStore } from './store'

export interface WriteContext {
  readonly store: OrgStore
  readonly security: SecurityModel
  readonly caller: Caller
  readonly now: number
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const PAYLOAD = '0x80048d19'

const payloadError = (table: TableDef, inner: string): never =>
  fail(
    400,
    PAYLOAD,
    `Error identified in Payload provided by the user for Entity :'${table.logicalName}', For more information on this error please follow this help link https://go.microsoft.com/fwlink/?linkid=2195293  ----> InnerException : Microsoft.OData.ODataException: ${inner}`,
  )

/** `/accounts(<id>)`, `accounts(<id>)` or an absolute URL to one → [entity set, id]. */
export function parseEntityReference(reference: string): { set: string; id: string } | undefined {
  const match = reference.trim().match(/(?:^|\/)([A-Za-z_][\w]*)\((?:[\w]+=)?\{?([0-9a-fA-F-]{36})\}?\)\/?$/)
  if (!match?.[1] || !match[2] || !GUID.test(match[2])) return undefined
  return { set: match[1], id: match[2].toLowerCase() }
}

function convert(table: TableDef, column: ColumnDef, raw: unknown): Value {
  if (raw === null) return null
  const edm = (): string => {
    switch (kindOf(column)) {
      case 'string':
        return 'Edm.String'
      case 'boolean':
        return 'Edm.Boolean'
      case 'guid':
        return 'Edm.Guid'
      case 'date':
        return 'Edm.Date'
      case 'datetime':
        return 'Edm.DateTimeOffset'
      default:
        return column.type === 'integer' || isChoiceType(column.type) ? 'Edm.Int32' : 'Edm.Decimal'
    }
  }
  const wrong = (): never =>
    payloadError(
      table,
      `Cannot convert the literal '${typeof raw === 'string' ? raw : JSON.stringify(raw)}' to the expected type '${edm()}'.`,
    )
  switch (kindOf(column)) {
    case 'string': {
      if (typeof raw !== 'string') return wrong()
      if (column.maxLength !== undefined && raw.length > column.maxLength) {
        fail(
          400,
          CODES.validation,
          `A validation error occurred. The length of the '${column.logicalName}' attribute of the '${table.logicalName}' entity exceeded the maximum allowed length of '${column.maxLength}'.`,
        )
      }
      return raw
    }
    case 'boolean':
      return typeof raw === 'boolean' ? raw : wrong()
    case 'guid':
      return typeof raw === 'string' && GUID.test(raw) ? raw.toLowerCase() : wrong()
    case 'date': {
      if (typeof raw !== 'string' || Number.isNaN(Date.parse(raw))) return wrong()
      return raw.slice(0, 10)
    }
    case 'datetime': {
      if (typeof raw !== 'string') return wrong()
      const ms = Date.parse(raw)
      return Number.isNaN(ms) ? wrong() : isoSeconds(ms)
    }
    default: {
      if (typeof raw !== 'number' || !Number.isFinite(raw)) return wrong()
      if ((column.type === 'integer' || isChoiceType(column.type)) && !Number.isInteger(raw)) return wrong()
      if (isChoiceType(column.type) && !column.options?.some((option) => option.value === raw)) {
        fail(
          400,
          CODES.validation,
          `A validation error occurred. The value ${raw} of '${column.logicalName}' on record of type '${table.logicalName}' is outside the valid range.`,
        )
      }
      return raw
    }
  }
}

interface Changes {
  readonly values: Map<string, Value>
  /** Lookup targets bound with @odata.bind, for Append/AppendTo checks. */
  readonly bound: TableDef[]
  /** Which table a new owner (`ownerid@odata.bind`) belongs to. */
  readonly ownerTable?: string
  /** Related rows written inline (deep insert): an object for a lookup, an array for a collection. */
  readonly deep: readonly { readonly nav: Navigation; readonly body: unknown }[]
}

/** Reads a JSON body into column changes (logical names, `nav@odata.bind` for lookups). */
function readChanges(table: TableDef, body: unknown, context: WriteContext): Changes {
  if (!body || typeof body !== 'object' || Array.isArray(body))
    return payloadError(table, 'The request body must be a JSON object.')
  const values = new Map<string, Value>()
  const bound: TableDef[] = []
  const deep: { nav: Navigation; body: unknown }[] = []
  let ownerTable: string | undefined
  for (const [key, raw] of Object.entries(body as Record<string, unknown>)) {
    if (key.endsWith('@odata.bind')) {
      const navName = key.slice(0, -'@odata.bind'.length)
      const nav = context.store.index.navigation(table, navName)
      if (!nav || nav.kind !== 'single') {
        return payloadError(
          table,
          `An undeclared property '${navName}' which only has property annotations in the payload but no property value was found in the payload.`,
        )
      }
      if (raw === null) {
        values.set(nav.column.wireName, null)
        continue
      }
      // Alternate keys may name the row too: "/accounts(accountnumber='ABC')" (use-alternate-key-reference-record.md).
      const reference =
        typeof raw === 'string' ? (parseEntityReference(raw) ?? referenceByKey(raw, context.store)) : undefined
      if (!reference)
        return payloadError(
          table,
          `The value '${String(raw)}' of '${key}' is not a valid entity reference; write "/<entityset>(<id>)".`,
        )
      const targetTable = context.store.index.tableBySet(reference.set)
      const allowed = nav.column.type === 'owner' ? (nav.column.targets ?? []) : [nav.target]
      if (!targetTable || !allowed.includes(targetTable.logicalName)) {
        return payloadError(
          table,
          `The entity set '${reference.set}' does not match the navigation property '${navName}', which points to ${allowed.join(' or ')}.`,
        )
      }
      if (!context.store.table(targetTable.logicalName).get(reference.id)) recordNotFound(targetTable, reference.id)
      values.set(nav.column.wireName, reference.id)
      if (nav.column.type === 'owner') ownerTable = targetTable.logicalName
      bound.push(targetTable)
      continue
    }
    if (key.startsWith('@') || key.includes('@odata.')) continue
    const nav = context.store.index.navigation(table, key)
    if (nav?.kind === 'single' && raw === null) {
      // `"parentaccountid": null` removes the reference, as Dataverse documents for disassociation.
      values.set(nav.column.wireName, null)
      continue
    }
    if (nav && raw !== null && typeof raw === 'object' && Array.isArray(raw) === (nav.kind !== 'single')) {
      deep.push({ nav, body: raw })
      continue
    }
    const column =
      context.store.index.columnByLogicalName(table, key) ??
      (key.startsWith('_') ? context.store.index.column(table, key) : undefined)
    if (!column) {
      return payloadError(
        table,
        `The property '${key}' does not exist on type '${table.logicalName}'. Make sure to only use property names that are defined by the type.`,
      )
    }
    if (isLookupType(column.type)) {
      fail(
        400,
        CODES.odataError,
        `CRM do not support direct update of Entity Reference properties, Use Navigation properties instead. (Use ${key}@odata.bind or the navigation property with @odata.bind.)`,
      )
    }
    if (column.readOnly && !column.isPrimaryId) continue
    values.set(column.wireName, convert(table, column, raw))
  }
  return { values, bound, deep, ...(ownerTable ? { ownerTable } : {}) }
}

function checkAppend(table: TableDef, changes: Changes, context: WriteContext): void {
  if (changes.bound.length === 0) return
  context.security.require(context.caller, table, 'Append')
  for (const target of changes.bound) context.security.require(context.caller, target, 'AppendTo')
}

function applyOwner(row: Row, changes: Changes, context: WriteContext): void {
  const owner = changes.values.get('_ownerid_value')
  if (owner === undefined) return
  if (changes.ownerTable === 'team') {
    const team = context.store.table('team').get(owner as string)
    row._owninguser_value = null
    row._owningteam_value = owner
    row._owningbusinessunit_value = team?._businessunitid_value ?? row._owningbusinessunit_value ?? null
  } else {
    const user = context.store.table('systemuser').get(owner as string)
    row._owninguser_value = owner
    row._owningteam_value = null
    row._owningbusinessunit_value = user?._businessunitid_value ?? row._owningbusinessunit_value ?? null
  }
}

function computed(table: TableDef, row: Row): void {
  if (table.logicalName === 'contact' || table.logicalName === 'systemuser') {
    const full = [row.firstname, row.lastname].filter((part) => typeof part === 'string' && part !== '').join(' ')
    if (full) row.fullname = full
  }
}

export function createRow(table: TableDef, body: unknown, context: WriteContext, forcedId?: string): Row {
  context.security.require(context.caller, table, 'Create')
  const changes = readChanges(table, body, context)
  checkAppend(table, changes, context)
  for (const { nav, body: related } of changes.deep) {
    if (nav.kind !== 'single') continue
    // Deep insert: the related row is created first, then the new row points at it.
    const target = context.store.index.table(nav.target) ?? propertyNotFound(table, nav.name)
    context.security.require(context.caller, table, 'Append')
    context.security.require(context.caller, target, 'AppendTo')
    const created = createRow(target, related, context)
    changes.values.set(nav.column.wireName, created[target.primaryIdAttribute] as string)
  }
  const pk = table.primaryIdAttribute
  const id = forcedId ?? (changes.values.get(pk) as string | undefined) ?? randomUUID()
  const data = context.store.table(table.logicalName)
  if (data.get(id)) fail(412, CODES.duplicateKey, 'A record with matching key values already exists.')
  const row: Row = { '@odata.etag': '' }
  for (const column of table.columns) row[column.wireName] = null
  for (const [name, value] of changes.values) row[name] = value
  row[pk] = id
  const stamp = isoSeconds(context.now)
  const has = (name: string): boolean => name in row
  if (has('createdon')) row.createdon = stamp
  if (has('modifiedon')) row.modifiedon = stamp
  if (has('_createdby_value')) row._createdby_value = context.caller.userId
  if (has('_modifiedby_value')) row._modifiedby_value = context.caller.userId
  if (has('_ownerid_value')) {
    if (row._ownerid_value === null) {
      row._ownerid_value = context.caller.userId
      row._owninguser_value = context.caller.userId
      row._owningbusinessunit_value = context.caller.businessUnitId
    } else applyOwner(row, changes, context)
  }
  if (has('_transactioncurrencyid_value') && row._transactioncurrencyid_value === null) {
    row._transactioncurrencyid_value =
      (context.store.table('transactioncurrency').rows[0]?.transactioncurrencyid as string | undefined) ?? null
  }
  if (table.baseType === 'principal') row.ownerid = id
  if (has('statecode') && row.statecode === null) row.statecode = 0
  if (has('statuscode') && row.statuscode === null) row.statuscode = 1
  row.versionnumber = context.store.nextVersion()
  row['@odata.etag'] = etag(row.versionnumber)
  computed(table, row)
  requireUniqueKeys(table, row, context.store)
  data.insert(row)
  for (const { nav, body: related } of changes.deep) {
    if (nav.kind === 'single') continue
    const target = context.store.index.table(nav.target) ?? propertyNotFound(table, nav.name)
    for (const item of related as unknown[]) {
      const child = createRow(target, item, context)
      setLink(table, id, nav, child[target.primaryIdAttribute] as string, true, context)
    }
  }
  return row
}

/** PATCH: update, or create when the row does not exist (upsert) unless `If-Match: *`. */
export function updateRow(
  table: TableDef,
  id: string,
  body: unknown,
  headers: Headers,
  context: WriteContext,
): { row: Row; created: boolean } {
  const data = context.store.table(table.logicalName)
  const existing = data.get(id)
  const ifMatch = headers.get('if-match')
  const ifNoneMatch = headers.get('if-none-match')
  if (!existing) {
    if (ifMatch) recordNotFound(table, id)
    return { row: createRow(table, body, context, id), created: true }
  }
  if (ifNoneMatch === '*') fail(412, CODES.duplicateKey, 'A record with matching key values already exists.')
  const depth = context.security.require(context.caller, table, 'Write')
  if (!context.security.canSee(context.caller, table, depth, existing))
    context.security.missing(context.caller, table, 'Write')
  if (ifMatch && ifMatch !== '*' && ifMatch !== existing['@odata.etag']) {
    fail(
      412,
      CODES.versionMismatch,
      "The version of the existing record doesn't match the RowVersion property provided.",
    )
  }
  const changes = readChanges(table, body, context)
  if (changes.deep.length > 0)
    fail(
      501,
      CODES.notSupported,
      // Kept a 501 on purpose: the Dataverse docs show related rows in a body only for create ("Create related table
      // rows in one operation"); the update page documents none, and OData 4.0 (which the Web API speaks) leaves
      // deep update out, so whether Dataverse would create, update or refuse them is not documented.
      'Related rows inside an update (deep update) are not supported by this emulator: Dataverse documents related rows in a body only for create. Create them with their own POST, or update them with their own PATCH, and bind them with @odata.bind.',
    )
  checkAppend(table, changes, context)
  if (table.alternateKeys?.length) {
    const proposed: Row = { ...existing }
    for (const [name, value] of changes.values) if (name !== table.primaryIdAttribute) proposed[name] = value
    requireUniqueKeys(table, proposed, context.store)
  }
  data.willChange(existing)
  for (const [name, value] of changes.values) {
    if (name === table.primaryIdAttribute) continue
    existing[name] = value
  }
  applyOwner(existing, changes, context)
  if ('modifiedon' in existing) existing.modifiedon = isoSeconds(context.now)
  if ('_modifiedby_value' in existing) existing._modifiedby_value = context.caller.userId
  existing.versionnumber = context.store.nextVersion()
  existing['@odata.etag'] = etag(existing.versionnumber)
  computed(table, existing)
  data.touch()
  return { row: existing, created: false }
}

/** A row changed outside updateRow (a link set or removed) gets a new version, as in Dataverse. */
function bump(row: Row, context: WriteContext): void {
  row.versionnumber = context.store.nextVersion()
  row['@odata.etag'] = etag(row.versionnumber)
}

const UNDELETABLE = new Set(['systemuser', 'businessunit', 'organization'])

/** DELETE of a row; `If-Match` with an etag deletes only that version (optimistic concurrency). */
export function deleteRow(table: TableDef, id: string, headers: Headers, context: WriteContext): void {
  if (UNDELETABLE.has(table.logicalName)) {
    fail(
      400,
      CODES.invalidArgument,
      `The Delete operation is not supported for entity '${table.logicalName}': deactivate the record instead.`,
    )
  }
  const depth = context.security.require(context.caller, table, 'Delete')
  const data = context.store.table(table.logicalName)
  const existing = data.get(id) ?? recordNotFound(table, id)
  if (!context.security.canSee(context.caller, table, depth, existing))
    context.security.missing(context.caller, table, 'Delete')
  const ifMatch = headers.get('if-match')
  if (ifMatch && ifMatch !== '*' && ifMatch !== existing['@odata.etag']) {
    fail(
      412,
      CODES.versionMismatch,
      "The version of the existing record doesn't match the RowVersion property provided.",
    )
  }
  data.remove(id)
  // Relationships behave as "remove link": rows that pointed here keep existing with an empty lookup.
  for (const rel of context.store.index.schema.oneToMany) {
    if (rel.referencedTable !== table.logicalName) continue
    const referencing = context.store.table(rel.referencingTable)
    const column = context.store.index.columnByLogicalName(referencing.def, rel.referencingAttribute)
    if (!column) continue
    const rows = referencing.groupedBy(column.wireName).get(id)
    if (!rows?.length) continue
    for (const row of rows) {
      referencing.willChange(row)
      row[column.wireName] = null
      bump(row, context)
    }
    referencing.touch()
  }
  for (const rel of context.store.index.schema.manyToMany) {
    if (rel.table1 === table.logicalName || rel.table2 === table.logicalName)
      context.store.association(rel.schemaName).removeAll(table.logicalName, id)
  }
}

/** POST …/nav/$ref and DELETE …/nav(<id>)/$ref for collection-valued navigation properties. */
export function setLink(
  from: TableDef,
  fromId: string,
  nav: Navigation,
  otherId: string,
  link: boolean,
  context: WriteContext,
): void {
  const source = context.store.table(from.logicalName).get(fromId) ?? recordNotFound(from, fromId)
  const target = context.store.index.table(nav.target) ?? propertyNotFound(from, nav.name)
  const other = context.store.table(target.logicalName).get(otherId) ?? recordNotFound(target, otherId)
  context.security.require(context.caller, from, 'AppendTo')
  context.security.require(context.caller, target, 'Append')
  if (nav.kind === 'manyToMany') {
    const association = context.store.association(nav.relationship.schemaName)
    const [a, b] = from.logicalName === nav.relationship.table1 ? [fromId, otherId] : [otherId, fromId]
    if (link) {
      if (!association.add(a, b)) fail(412, CODES.duplicateKey, 'Cannot insert duplicate key.')
    } else association.remove(a, b)
    return
  }
  if (nav.kind === 'collection') {
    const column =
      context.store.index.columnByLogicalName(target, nav.relationship.referencingAttribute) ??
      propertyNotFound(target, nav.relationship.referencingAttribute)
    if (!link && other[column.wireName] !== fromId) recordNotFound(target, otherId)
    context.store.table(target.logicalName).willChange(other)
    other[column.wireName] = link ? (source[from.primaryIdAttribute] as string) : null
    bump(other, context)
    context.store.table(target.logicalName).touch()
    return
  }
  fail(
    400,
    CODES.odataError,
    `'${nav.name}' is a single-valued navigation property: set it with ${nav.name}@odata.bind in a PATCH.`,
  )
}
