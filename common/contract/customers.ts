/** Customers: named, coloured groups of connections (issue 14). Changes are announced as connections:changed. */
import { z } from 'zod'
import { ConnectionIdSchema, ConnectionViewSchema } from '../connection'
import {
  CustomerColourSchema,
  CustomerIdSchema,
  CustomerNameSchema,
  CustomerSchema,
  CUSTOMER_NOTES_MAX,
} from '../customer'
import { defineChannel } from './define'

const NotesSchema = z.string().max(CUSTOMER_NOTES_MAX)

export const customerChannels = {
  'customers:create': defineChannel({
    summary: 'Create a customer (its name unique without regard to case).',
    request: z.object({ name: CustomerNameSchema, colour: CustomerColourSchema, notes: NotesSchema.default('') }),
    response: CustomerSchema,
  }),
  'customers:update': defineChannel({
    summary: 'Rename a customer, change its colour or its notes (omitted fields stay as they are).',
    request: z.object({
      id: CustomerIdSchema,
      name: CustomerNameSchema.optional(),
      colour: CustomerColourSchema.optional(),
      notes: NotesSchema.optional(),
    }),
    response: CustomerSchema,
  }),
  'customers:delete': defineChannel({
    summary: 'Delete a customer; its connections become ungrouped, never deleted.',
    request: z.object({ id: CustomerIdSchema }),
    response: z.object({ deleted: z.literal(true), ungrouped: z.number().int() }),
  }),
  'customers:assign': defineChannel({
    summary: 'Put a saved connection into a customer, or ungroup it (customerId null).',
    request: z.object({ connectionId: ConnectionIdSchema, customerId: CustomerIdSchema.nullable() }),
    response: ConnectionViewSchema,
  }),
}
