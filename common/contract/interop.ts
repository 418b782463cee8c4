/**
 * Working with the tools people already have: importing their connection files (pac CLI, the
 * Dataverse CLI, XrmToolBox, Power Platform ToolBox) and writing a connection as their commands.
 * No secret crosses this boundary in either direction: a file is chosen and read in main, and a
 * command refers to the secret by an environment variable.
 */
import { z } from 'zod'
import { ConnectionIdSchema, ConnectionViewSchema } from '../connection'
import { defineChannel } from './define'

export const IMPORT_SOURCES = ['pac', 'dataverse-cli', 'xrmtoolbox', 'pptb'] as const
const ImportSourceSchema = z.enum(IMPORT_SOURCES)
export type ImportSource = z.infer<typeof ImportSourceSchema>

export const COMMAND_TARGETS = ['pac', 'az', 'dataverse-cli'] as const
const CommandTargetSchema = z.enum(COMMAND_TARGETS)
export type CommandTarget = z.infer<typeof CommandTargetSchema>

const ToolImportResultSchema = z.object({
  source: ImportSourceSchema,
  imported: z.array(ConnectionViewSchema),
  /** Per imported connection: what was taken from the file, in plain words. */
  taken: z.array(z.object({ name: z.string(), detail: z.string() })),
  /** Entries of the file that were not imported, and why. */
  skipped: z.array(z.object({ name: z.string(), reason: z.string() })),
  /** Facts about the whole file (e.g. "stored passwords were not read"). */
  notes: z.array(z.string()),
  cancelled: z.boolean(),
})
export type ToolImportResult = z.infer<typeof ToolImportResultSchema>

const CommandTextSchema = z.object({
  target: CommandTargetSchema,
  /** Null when the syntax for that shell could not be verified. */
  powershell: z.string().nullable(),
  bash: z.string().nullable(),
  /** What the user must know: which variable to set, what is assumed, what could not be verified. */
  notes: z.array(z.string()),
})
export type CommandText = z.infer<typeof CommandTextSchema>

export const interopChannels = {
  'interop:import': defineChannel({
    summary: "Import connections from another tool's file, chosen in a main-process dialog; secrets are never read.",
    request: z.object({ source: ImportSourceSchema }),
    response: ToolImportResultSchema,
  }),
  'interop:command': defineChannel({
    summary:
      'Write a connection as a pac, az or Dataverse CLI command, the secret as an environment variable reference.',
    request: z.object({ connectionId: ConnectionIdSchema, target: CommandTargetSchema }),
    response: CommandTextSchema,
  }),
}
