/**
 * Customers in the saved-connections document: create, rename/recolour/annotate, delete (its
 * connections become ungrouped, never deleted), and which customer a connection belongs to. Pure
 * changes of the document; the connection service stores them and announces the change.
 */
import {
  CustomerColourSchema,
  CustomerNameSchema,
  CustomerSchema,
  CUSTOMER_NOTES_MAX,
  customerNameKey,
  type Customer,
  type CustomerColour,
} from '@common/customer'
import { AppFailure } from '@common/result'
import type { ConnectionsDocument } from './repository'

export interface CustomerInput {
  readonly name: string
  readonly colour: CustomerColour
  readonly notes?: string
}

export type CustomerPatch = Partial<CustomerInput>

export function customerNotFound(id: string): AppFailure {
  return new AppFailure({
    code: 'NOT_FOUND',
    message: `There is no customer with id ${id}.`,
    cause: 'It was deleted, possibly in another window.',
    next: 'Pick a customer from the list.',
    details: { id, field: 'customerId' },
  })
}

function nameTaken(name: string, existing: Customer): AppFailure {
  return new AppFailure({
    code: 'INVALID_INPUT',
    message: `There is already a customer called "${existing.name}".`,
    cause: `Customer names are compared without regard to case, so "${name.trim()}" is the same name.`,
    next: 'Choose another name, or add the connections to the existing customer.',
    details: { field: 'name' },
  })
}

function invalid(field: string, message: string): AppFailure {
  return new AppFailure({
    code: 'INVALID_INPUT',
    message,
    cause: 'The value does not fit what a customer can hold.',
    next: 'Correct it and try again.',
    details: { field },
  })
}

/** Validates one field with its schema, as an AppFailure naming the field. */
function checked<T>(
  field: string,
  result: { success: true; data: T } | { success: false; error: { issues: { message: string }[] } },
): T {
  if (result.success) return result.data
  throw invalid(field, result.error.issues[0]?.message ?? `The ${field} is not valid.`)
}

const byName = (a: Customer, b: Customer) => a.name.localeCompare(b.name, undefined, { sensitivity: 'base' })

/** The customers sorted by name. */
export function sortedCustomers(document: ConnectionsDocument): Customer[] {
  return [...document.customers].sort(byName)
}

export function requireCustomer(document: ConnectionsDocument, id: string): Customer {
  const found = document.customers.find((customer) => customer.id === id)
  if (!found) throw customerNotFound(id)
  return found
}

function assertNameFree(document: ConnectionsDocument, name: string, except: string | null): void {
  const key = customerNameKey(name)
  const clash = document.customers.find((customer) => customer.id !== except && customerNameKey(customer.name) === key)
  if (clash) throw nameTaken(name, clash)
}

function notesOf(notes: string | undefined): string {
  const value = notes ?? ''
  if (value.length > CUSTOMER_NOTES_MAX) throw invalid('notes', `Notes have at most ${CUSTOMER_NOTES_MAX} characters.`)
  return value
}

export function addCustomer(document: ConnectionsDocument, input: CustomerInput, id: string): ConnectionsDocument {
  const name = checked('name', CustomerNameSchema.safeParse(input.name))
  assertNameFree(document, name, null)
  const customer = CustomerSchema.parse({
    id,
    name,
    colour: checked('colour', CustomerColourSchema.safeParse(input.colour)),
    notes: notesOf(input.notes),
  })
  return { ...document, customers: [...document.customers, customer] }
}

export function updateCustomer(document: ConnectionsDocument, id: string, patch: CustomerPatch): ConnectionsDocument {
  const current = requireCustomer(document, id)
  const name = patch.name === undefined ? current.name : checked('name', CustomerNameSchema.safeParse(patch.name))
  assertNameFree(document, name, id)
  const customer = CustomerSchema.parse({
    ...current,
    name,
    colour:
      patch.colour === undefined ? current.colour : checked('colour', CustomerColourSchema.safeParse(patch.colour)),
    notes: patch.notes === undefined ? current.notes : notesOf(patch.notes),
  })
  return { ...document, customers: document.customers.map((item) => (item.id === id ? customer : item)) }
}

/** Removes the customer; its connections stay, ungrouped. */
export function removeCustomer(document: ConnectionsDocument, id: string, at: string): ConnectionsDocument {
  requireCustomer(document, id)
  return {
    ...document,
    customers: document.customers.filter((customer) => customer.id !== id),
    connections: document.connections.map((connection) =>
      connection.customerId === id ? { ...ungroup(connection), updatedAt: at } : connection,
    ),
  }
}

/** Puts a saved connection into a customer (null: ungrouped). */
export function assignCustomer(
  document: ConnectionsDocument,
  connectionId: string,
  customerId: string | null,
  at: string,
): ConnectionsDocument {
  if (customerId !== null) requireCustomer(document, customerId)
  return {
    ...document,
    connections: document.connections.map((connection) =>
      connection.id !== connectionId
        ? connection
        : { ...(customerId === null ? ungroup(connection) : { ...connection, customerId }), updatedAt: at },
    ),
  }
}

function ungroup<T extends { customerId?: string }>(connection: T): Omit<T, 'customerId'> {
  const { customerId: _customerId, ...rest } = connection
  return rest
}
