import { z } from 'zod'
import type { TableChoices } from '@common/metadata/packed'
import { failedMetadataRequest, type MetadataSource } from './source'

/** The attribute metadata types whose values are choices (all carry an OptionSet with Options). */
const CHOICE_KINDS = [
  'PicklistAttributeMetadata',
  'MultiSelectPicklistAttributeMetadata',
  'StateAttributeMetadata',
  'StatusAttributeMetadata',
] as const

const LabelSchema = z
  .object({
    UserLocalizedLabel: z.object({ Label: z.string() }).nullable().optional(),
    LocalizedLabels: z.array(z.object({ Label: z.string() })).optional(),
  })
  .nullable()
  .optional()

const ChoiceAttributesSchema = z.object({
  value: z.array(
    z.object({
      LogicalName: z.string(),
      OptionSet: z
        .object({ Options: z.array(z.object({ Value: z.number(), Label: LabelSchema })) })
        .nullable()
        .optional(),
    }),
  ),
})

function labelText(label: z.infer<typeof LabelSchema>, value: number): string {
  return label?.UserLocalizedLabel?.Label ?? label?.LocalizedLabels?.[0]?.Label ?? String(value)
}

function escapeKey(value: string): string {
  return value.replaceAll("'", "''")
}

/**
 * Loads the choice values of one table's columns through EntityDefinitions: one request per kind of
 * choice column, in parallel. Metadata queries are not paged, so each answer is complete.
 */
export async function loadTableChoices(
  source: MetadataSource,
  logicalName: string,
  signal?: AbortSignal,
): Promise<TableChoices> {
  const requests = CHOICE_KINDS.map(async (kind) => {
    const path =
      `EntityDefinitions(LogicalName='${escapeKey(logicalName)}')/Attributes/Microsoft.Dynamics.CRM.${kind}` +
      '?$select=LogicalName&$expand=OptionSet($select=Options)'
    const response = await source.get(path, { signal })
    if (!response.ok) throw await failedMetadataRequest(path, response)
    const parsed = ChoiceAttributesSchema.safeParse(await response.json())
    if (!parsed.success) throw new Error(`unexpected EntityDefinitions answer for ${kind}: ${parsed.error.message}`)
    return parsed.data.value
  })
  const choices: TableChoices = {}
  for (const attributes of await Promise.all(requests)) {
    for (const attribute of attributes) {
      const options = attribute.OptionSet?.Options ?? []
      choices[attribute.LogicalName] = options.map((option) => ({
        value: option.Value,
        label: labelText(option.Label, option.Value),
      }))
    }
  }
  return choices
}
