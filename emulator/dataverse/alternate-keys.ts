/**
 * Rows addressed by key as Dataverse documents it ("Use an alternate key to reference a record",
 * powerapps-docs developer/data-platform/use-alternate-key-reference-record.md): the primary key
 * (`accounts(<id>)`, `accounts(accountid=<id>)`) or a declared alternate key
 * (`accounts(accountnumber='ABC123')`, `contacts(firstname='Joe',emailaddress1='abc@example.com')`),
 * and the uniqueness Dataverse keeps for alternate-key values.
 */
import { parseRequest, type KeyValue, type LiteralExpression } from '@common/odata'
import { CODES, fail, typeName } from './errors'
import type { Row, Value } from './data-generator'
import type { AlternateKeyDef, TableDef } from './schema'
import type { OrgStore } from './store'

/** Dataverse's RecordNotFoundByEntityKey. */
const RECORD_NOT_FOUND_BY_KEY = '0x80060891'
/** Dataverse's DuplicateRecordEntityKey. */
const DUPLICATE_ENTITY_KEY = '0x80060892'

export type RowKey =
  | { readonly kind: 'id'; readonly id: string }
  | {
      readonly kind: 'alternate'
      readonly key: AlternateKeyDef
      /** Column logical name → the value from the URL. */
      readonly values: ReadonlyMap<string, Value>
      /** The matching row's id, when one exists. */
      readonly id?: string
    }

function literalValue(literal: LiteralExpression): Value {
  return literal.type === 'guid' ? String(literal.value).toLowerCase() : (literal.value as Value)
}

const invalidKey = (table: TableDef): never =>
  fail(
    400,
    // [unsure] The docs give the message but not the code; this is the Web API's usual OData error code.
    CODES.odataError,
    `The key in the request URI is not valid for resource '${typeName(table)}'. Ensure that the names and number of key properties match the declared or alternate key properties for the resource '${typeName(table)}'.`,
  )

function matches(row: Row, values: ReadonlyMap<string, Value>, wire: (name: string) => string): boolean {
  for (const [name, value] of values) {
    const actual = row[wire(name)]
    if (
      typeof actual === 'string' && typeof value === 'string'
        ? actual.toLowerCase() !== value.toLowerCase()
        : actual !== value
    )
      return false
  }
  return true
}

function wireNameOf(table: TableDef, store: OrgStore): (name: string) => string {
  return (name) => store.index.columnByLogicalName(table, name)?.wireName ?? name
}

/** The row a key names: the primary key, or a declared alternate key (its names in any order). */
export function resolveKey(table: TableDef, key: KeyValue, store: OrgStore): RowKey {
  if (key.kind === 'single') {
    if (key.value.type !== 'guid')
      fail(
        400,
        CODES.odataError,
        `The key value ${key.value.raw} is not a valid Guid: write ${table.entitySetName}(00000000-0000-0000-0000-000000000000).`,
      )
    return { kind: 'id', id: String(key.value.value).toLowerCase() }
  }
  const only = key.values[0]
  if (key.values.length === 1 && only?.name.name === table.primaryIdAttribute) {
    if (only.value.type !== 'guid') invalidKey(table)
    return { kind: 'id', id: String(only.value.value).toLowerCase() }
  }
  // A lookup column in a key is written as its lookup property, `_primarycontactid_value`.
  const given = new Map<string, Value>()
  for (const item of key.values) {
    const column = store.index.column(table, item.name.name) ?? invalidKey(table)
    if (given.has(column.logicalName)) invalidKey(table)
    given.set(column.logicalName, literalValue(item.value))
  }
  const declared =
    (table.alternateKeys ?? []).find(
      (candidate) =>
        candidate.attributes.length === given.size && candidate.attributes.every((name) => given.has(name)),
    ) ?? invalidKey(table)
  const wire = wireNameOf(table, store)
  const row = store.table(table.logicalName).rows.find((candidate) => matches(candidate, given, wire))
  const id = row?.[table.primaryIdAttribute]
  return { kind: 'alternate', key: declared, values: given, ...(typeof id === 'string' ? { id } : {}) }
}

/** The documented answer when no row has the alternate-key values. */
export function notFoundByKey(table: TableDef): never {
  // [unsure] The text is the platform's RecordNotFoundByEntityKey message as reported; the 404 status is our choice.
  return fail(
    404,
    RECORD_NOT_FOUND_BY_KEY,
    `A record with the specified key values does not exist in ${table.logicalName} entity`,
  )
}

/** Refuses a write that would give two rows the same alternate-key values (all key columns set). */
export function requireUniqueKeys(table: TableDef, row: Row, store: OrgStore): void {
  const wire = wireNameOf(table, store)
  const pk = table.primaryIdAttribute
  for (const key of table.alternateKeys ?? []) {
    const values = new Map<string, Value>(key.attributes.map((name) => [name, row[wire(name)] ?? null]))
    if ([...values.values()].some((value) => value === null)) continue
    const clash = store
      .table(table.logicalName)
      .rows.some((other) => other[pk] !== row[pk] && matches(other, values, wire))
    if (clash) {
      const names = key.attributes
        .map((name) => store.index.columnByLogicalName(table, name)?.displayName ?? name)
        .join(', ')
      // [unsure] Status and wording follow the platform's DuplicateRecordEntityKey message as reported, not a documented exchange.
      fail(
        412,
        DUPLICATE_ENTITY_KEY,
        `A record that has the attribute values ${names} already exists. The entity key ${key.displayName} requires that this set of attributes contains unique values. Select unique values and try again.`,
      )
    }
  }
}

/** `/accounts(accountnumber='ABC')` (or an absolute URL) in `@odata.bind` → the row's entity set and id; undefined when it is no keyed reference. */
export function referenceByKey(text: string, store: OrgStore): { set: string; id: string } | undefined {
  const match = /(?:^|\/)([A-Za-z_]\w*)(\(.+\))\/?$/.exec(text.trim())
  const set = match?.[1]
  const table = set ? store.index.tableBySet(set) : undefined
  if (!match || !set || !table) return undefined
  const parsed = parseRequest(`${set}${match[2] as string}`)
  const key = parsed.ok && parsed.value.segments.length === 1 ? parsed.value.segments[0]?.key : undefined
  if (!key) return undefined
  const resolved = resolveKey(table, key, store)
  return { set, id: resolved.kind === 'id' ? resolved.id : (resolved.id ?? notFoundByKey(table)) }
}
