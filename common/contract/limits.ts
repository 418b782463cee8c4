import { z } from 'zod'
import { defineChannel, defineEvent } from './define'

const ServiceProtectionLimitSchema = z.enum(['requests', 'execution-time', 'concurrency'])
export type ServiceProtectionLimitKind = z.infer<typeof ServiceProtectionLimitSchema>

/** The last 429 a connection received: which limit Dataverse named, and until when it asked to wait. */
const ThrottleViewSchema = z.object({
  /** Null when the 429 named none of the three documented limits. */
  limit: ServiceProtectionLimitSchema.nullable(),
  code: z.string().max(40).nullable(),
  message: z.string().max(500),
  retryAfterSeconds: z.number().int().min(0).nullable(),
  at: z.string(),
  retryAt: z.string().nullable(),
})
export type ThrottleView = z.infer<typeof ThrottleViewSchema>

/** What the connection's own Dataverse responses said about its budget in this session (numbers only). */
const BudgetViewSchema = z.object({
  connectionId: z.string().max(200),
  responses: z.number().int().min(0),
  observedAt: z.string().nullable(),
  requestsRemaining: z.number().min(0).nullable(),
  executionSecondsRemaining: z.number().min(0).nullable(),
  dopHint: z.number().int().min(0).nullable(),
  lastThrottle: ThrottleViewSchema.nullable(),
})
export type BudgetView = z.infer<typeof BudgetViewSchema>

/** A platform limit as the check's limits step reports it, with where Microsoft says so and when. */
const PlatformLimitViewSchema = z.object({
  label: z.string(),
  value: z.string(),
  source: z.string(),
  asOf: z.string(),
  /** False where Microsoft reports usage but does not refuse requests over the number yet. */
  enforced: z.boolean(),
})
export type PlatformLimitView = z.infer<typeof PlatformLimitViewSchema>

const LimitsViewSchema = z.object({
  budget: BudgetViewSchema,
  /** The documented service-protection window the budget is measured against. */
  window: z.object({
    seconds: z.number().int(),
    requests: z.number().int(),
    executionSeconds: z.number().int(),
    concurrent: z.number().int(),
    source: z.string(),
    asOf: z.string(),
  }),
  facts: z.array(PlatformLimitViewSchema),
})
export type LimitsView = z.infer<typeof LimitsViewSchema>

export const limitChannels = {
  'limits:get': defineChannel({
    summary:
      "A connection's live service-protection budget (from its responses' x-ms-ratelimit-* headers and last 429) and the documented platform limits with their sources.",
    request: z.object({ connectionId: z.string().min(1).max(200) }),
    response: LimitsViewSchema,
  }),
}

export const limitEvents = {
  'limits:changed': defineEvent({
    summary:
      "A connection's service-protection budget changed: a Dataverse response reported new x-ms-ratelimit-* values or a 429. Sent by the budget itself.",
    payload: BudgetViewSchema,
  }),
}
