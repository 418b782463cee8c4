/**
 * The platform limits an application user runs into, each with where Microsoft says so and when
 * that page said it. A limit Microsoft does not enforce yet is worded as such, never as a wall.
 */
import type { Fact } from '@common/diagnostics'

export interface PlatformLimit {
  readonly label: string
  readonly value: string
  readonly source: string
  /** The date of the page the number was taken from. */
  readonly asOf: string
  /** False where Microsoft reports usage but does not (yet) refuse requests over the number. */
  readonly enforced: boolean
}

const API_LIMITS = 'https://learn.microsoft.com/power-apps/developer/data-platform/api-limits'
const ALLOCATIONS = 'https://learn.microsoft.com/power-platform/admin/api-request-limits-allocations'
const CREATE_USERS = 'https://learn.microsoft.com/power-platform/admin/create-users'

export const SERVICE_PROTECTION = {
  windowSeconds: 300,
  requests: 6000,
  executionMs: 1_200_000,
  concurrent: 52,
  source: API_LIMITS,
  asOf: '2025',
} as const

export const PLATFORM_LIMITS: readonly PlatformLimit[] = [
  {
    label: 'Service protection (per app user, per web server, sliding 5 minutes)',
    value:
      `${SERVICE_PROTECTION.requests.toLocaleString('en-US')} requests (0x80072322), ${(SERVICE_PROTECTION.executionMs / 60_000).toString()} minutes of combined execution time (0x80072321), ` +
      `${SERVICE_PROTECTION.concurrent} concurrent requests (0x80072326, refused at once); over any of them Dataverse answers 429 with Retry-After. ` +
      'A $batch (at most 1,000 operations) counts as one request here but every operation adds to the execution time; trial environments run on one web server.',
    source: SERVICE_PROTECTION.source,
    asOf: SERVICE_PROTECTION.asOf,
    enforced: true,
  },
  {
    label: "Tenant's 24-hour pool for non-licensed users (application users included)",
    value:
      'Dynamics 365 Enterprise/Professional tenants: 500,000 + 5,000 per Dynamics 365 user subscription licence, at most 10,000,000; Power Apps-only or Power Automate-only tenants: 25,000 (the larger product line wins). ' +
      'Each operation inside a $batch counts. Not enforced yet: Microsoft reports the usage (Power Platform admin center → Licensing/Capacity reports, preview) and says throttling comes no earlier than six months after that reporting is generally available.',
    source: ALLOCATIONS,
    asOf: '2025-05-29',
    enforced: false,
  },
  {
    label: 'Non-interactive users per environment',
    value: 'At most 7 (application users are identified by their Application ID and do not count as licensed users).',
    source: CREATE_USERS,
    asOf: '2025',
    enforced: true,
  },
]

/** The limits as check facts, each naming its source and date. */
export function platformLimitFacts(): Fact[] {
  return PLATFORM_LIMITS.map((limit) => ({
    label: limit.label,
    value: `${limit.value} Source: ${limit.source} (as of ${limit.asOf}).`,
  }))
}
