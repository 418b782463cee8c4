import { z } from 'zod'

/**
 * The metadata index as it is stored on disk and sent to the renderer once per connection.
 * Each entity type's columns and navigation properties are packed into one string, so reopening a
 * 1,000-table index is one JSON.parse over a few thousand strings (fast), and a type is decoded only
 * when something asks for it (see MetadataIndex).
 *
 * Packed `properties`: one line per column, `name<TAB>type<TAB>flags`, lines joined with `\n`;
 * flags: `n` nullable. Packed `navigation`: `name<TAB>targetType<TAB>(*|1)<TAB>foreignKey`, where `*`
 * is a collection and foreignKey is the `_x_value` column of a single-valued lookup (may be empty).
 * Type names in the schema's own namespace are stored unqualified (`account`); others stay qualified.
 */
export const METADATA_FORMAT = 1

const PackedEntityTypeSchema = z.object({
  baseType: z.string().optional(),
  abstract: z.boolean().optional(),
  /** Key property names, in order. */
  key: z.array(z.string()),
  properties: z.string(),
  navigation: z.string(),
})
export type PackedEntityType = z.infer<typeof PackedEntityTypeSchema>

const OperationInfoSchema = z.object({
  name: z.string(),
  kind: z.enum(['function', 'action']),
  /** Bound operations are called on a record or collection: `accounts(<id>)/Microsoft.Dynamics.CRM.X()`. */
  bound: z.boolean(),
  /** The type a bound operation binds to (`systemuser`, `Collection(account)`). */
  bindingType: z.string().optional(),
  parameters: z.array(z.object({ name: z.string(), type: z.string(), nullable: z.boolean() })),
  returnType: z.string().optional(),
})
export type OperationInfo = z.infer<typeof OperationInfoSchema>

export const MetadataIndexDataSchema = z.object({
  format: z.literal(METADATA_FORMAT),
  /** The schema namespace (`Microsoft.Dynamics.CRM`) and its alias (`mscrm`). */
  namespace: z.string(),
  alias: z.string().nullable(),
  /** Entity set name → entity type name. */
  entitySets: z.record(z.string(), z.string()),
  entityTypes: z.record(z.string(), PackedEntityTypeSchema),
  operations: z.array(OperationInfoSchema),
  /** Operations callable at the service root (function and action imports): `WhoAmI`, `RetrieveVersion`. */
  imports: z.array(z.string()),
})
export type MetadataIndexData = z.infer<typeof MetadataIndexDataSchema>

const ChoiceOptionSchema = z.object({ value: z.number(), label: z.string() })
export type ChoiceOption = z.infer<typeof ChoiceOptionSchema>

/** Choice (option set) values of one table, by column logical name. Loaded lazily per table. */
export const TableChoicesSchema = z.record(z.string(), z.array(ChoiceOptionSchema))
export type TableChoices = z.infer<typeof TableChoicesSchema>

export const MetadataSummarySchema = z.object({
  orgUrl: z.string(),
  retrieveVersion: z.string(),
  builtAt: z.string(),
  fromCache: z.boolean(),
  entitySets: z.number().int(),
  entityTypes: z.number().int(),
  properties: z.number().int(),
  navigationProperties: z.number().int(),
  functions: z.number().int(),
  actions: z.number().int(),
})
export type MetadataSummary = z.infer<typeof MetadataSummarySchema>
