/**
 * Customers: a consultant's named group of connections, with a colour and notes. A connection
 * belongs to at most one (its `customerId`); one without is "Ungrouped".
 */
import { z } from 'zod'

/**
 * Fluent UI shared palette names (the renderer shows each as `colorPalette<Name>BorderActive`), so a
 * customer's colour reads well in light, dark and high-contrast themes. Red is left out: it marks production.
 */
export const CUSTOMER_COLOURS = [
  'blue',
  'teal',
  'forest',
  'marigold',
  'darkOrange',
  'cranberry',
  'berry',
  'grape',
  'lavender',
  'steel',
  'anchor',
  'seafoam',
] as const
export const CustomerColourSchema = z.enum(CUSTOMER_COLOURS)
export type CustomerColour = z.infer<typeof CustomerColourSchema>

export const CUSTOMER_NAME_MAX = 80
export const CUSTOMER_NOTES_MAX = 2000

export const CustomerNameSchema = z
  .string()
  .trim()
  .min(1, 'A customer needs a name.')
  .max(CUSTOMER_NAME_MAX, `A customer name has at most ${CUSTOMER_NAME_MAX} characters.`)

export const CustomerIdSchema = z.uuid('A customer id is a UUID.')

/** Names are unique case-insensitively; the service enforces it (a schema sees one customer at a time). */
export const CustomerSchema = z.object({
  id: CustomerIdSchema,
  name: CustomerNameSchema,
  colour: CustomerColourSchema,
  notes: z.string().max(CUSTOMER_NOTES_MAX, `Notes have at most ${CUSTOMER_NOTES_MAX} characters.`).default(''),
})
export type Customer = z.infer<typeof CustomerSchema>

/** The key two names are compared by: "Contoso" and " contoso " are the same customer. */
export function customerNameKey(name: string): string {
  return name.trim().toLocaleLowerCase('en-US')
}

/** The customer called `name` (case-insensitively), or undefined. */
export function findCustomerByName<T extends Pick<Customer, 'name'>>(
  customers: readonly T[],
  name: string,
): T | undefined {
  const key = customerNameKey(name)
  return customers.find((customer) => customerNameKey(customer.name) === key)
}
