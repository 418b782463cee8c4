/**
 * Environment discovery through the Power Platform API, and creating connections for what it lists.
 * The renderer sends a connection id; main signs in with that connection's app registration and
 * credential, and only the facts below come back (never a token).
 */
import { z } from 'zod'
import { ConnectionIdSchema, ConnectionViewSchema } from '../connection'
import { defineChannel } from './define'

/** The environment types the Power Platform API names; anything else is kept as 'Other' with its raw value. */
export const ENVIRONMENT_TYPES = ['Production', 'Sandbox', 'Developer', 'Trial', 'Default', 'Teams', 'Other'] as const
const EnvironmentTypeSchema = z.enum(ENVIRONMENT_TYPES)
export type EnvironmentType = z.infer<typeof EnvironmentTypeSchema>

const DiscoveredEnvironmentSchema = z.object({
  /** The Power Platform environment id. */
  id: z.string().max(100),
  displayName: z.string().max(200),
  /** The Dataverse org URL (https://<org>.crm<N>.dynamics.com), or null when the environment has no Dataverse. */
  url: z.string().max(300).nullable(),
  type: EnvironmentTypeSchema,
  /** The API's own value when type is 'Other'. */
  rawType: z.string().max(100),
  /** Azure region, e.g. westeurope; the geo (europe) when the API gives no region. */
  region: z.string().max(100),
  /** e.g. Ready, Disabled, Deleting. */
  state: z.string().max(100),
  /** A connection already saved for this org URL, if any. */
  existingConnectionId: ConnectionIdSchema.nullable(),
})
export type DiscoveredEnvironment = z.infer<typeof DiscoveredEnvironmentSchema>

/** Why the Power Platform API refused, mapped to what is missing. */
const DISCOVERY_DENIALS = ['not-management-app', 'api-not-in-tenant', 'consent-missing', 'token-refused'] as const
const DiscoveryDenialSchema = z.enum(DISCOVERY_DENIALS)

const GrantStepSchema = z.object({
  /** What the step does, in plain words. */
  label: z.string(),
  /** A command to run (pac, PowerShell, az), or null for a portal step. */
  command: z.string().nullable(),
})
export type GrantStep = z.infer<typeof GrantStepSchema>

const EnvironmentDiscoveryResultSchema = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('listed'),
    /** The Power Platform API host that was asked (the only host the token went to besides Entra ID). */
    apiHost: z.string(),
    environments: z.array(DiscoveredEnvironmentSchema),
  }),
  z.object({
    status: z.literal('denied'),
    apiHost: z.string(),
    reason: DiscoveryDenialSchema,
    message: z.string(),
    cause: z.string(),
    /** Ways to grant it; any one of them is enough unless the label says otherwise. */
    steps: z.array(GrantStepSchema),
    /** The API's own error code and HTTP status, for a support ticket. */
    apiCode: z.string().nullable(),
    httpStatus: z.number().int().nullable(),
  }),
])
export type EnvironmentDiscoveryResult = z.infer<typeof EnvironmentDiscoveryResultSchema>

export const environmentChannels = {
  'environments:discover': defineChannel({
    summary: "List the tenant's environments through the Power Platform API, signed in as this connection's app.",
    request: z.object({ connectionId: ConnectionIdSchema }),
    response: EnvironmentDiscoveryResultSchema,
  }),
  'environments:create-connections': defineChannel({
    summary: 'Create connections for chosen environments with the same app registration and credential.',
    request: z.object({
      connectionId: ConnectionIdSchema,
      environments: z
        .array(
          z.object({
            displayName: z.string().trim().min(1).max(200),
            url: z.string().max(300),
            type: EnvironmentTypeSchema,
          }),
        )
        .min(1)
        .max(200),
    }),
    response: z.object({
      created: z.array(ConnectionViewSchema),
      skipped: z.array(z.object({ displayName: z.string(), reason: z.string() })),
    }),
  }),
}
