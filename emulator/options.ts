import { z } from 'zod'
import type { FederationOptions } from './entra/federated'

/**
 * Faults an organization can be put in, at start or later with `setConditions`.
 * On the command line each one is written `name` or `name:value` (`slow:300`, `flaky:3`).
 */
export const OrgConditionsSchema = z
  .object({
    /** Every authenticated Web API call answers 429 (0x80072322) with this `Retry-After` in seconds. */
    throttled: z.number().int().min(1).max(3600).optional(),
    /** Every authenticated Web API call answers 429 for combined execution time (0x80072321), this `Retry-After`. */
    throttledExecutionTime: z.number().int().min(1).max(3600).optional(),
    /** Every authenticated Web API call answers 429 for concurrent requests (0x80072326), this `Retry-After`. */
    throttledConcurrency: z.number().int().min(1).max(3600).optional(),
    /**
     * Server time added to every answer of this org, in ms: each page of rows is one answer, whatever
     * its size, so a fetch that follows nextLink pays it once per page (as Dataverse's query time does).
     */
    slow: z.number().int().min(1).max(120_000).optional(),
    /** The `x-ms-dop-hint` every answer carries: the degree of parallelism Dataverse recommends (default 4). */
    dopHint: z.number().int().min(1).max(100).optional(),
    /** Every Nth request to this org answers 503. */
    flaky: z.number().int().min(1).max(1_000_000).optional(),
    /** The environment is disabled (0x8004a104). */
    environmentDisabled: z.boolean().optional(),
    /** Administration mode: only System Administrator / System Customizer app users get in. */
    adminMode: z.boolean().optional(),
    /** HTTPS mode: the org's port presents a certificate from a CA that is NOT the advertised one. */
    tlsUntrusted: z.boolean().optional(),
    /**
     * Managed Environments IP firewall: the caller's address is not in the allowed ranges. With
     * 'allow-app-users' the setting "Allow access for all application users" is on and app users pass.
     */
    ipFirewall: z.enum(['block', 'allow-app-users']).optional(),
    /** The environment restricts Dataverse API access by application ID and this app is not allowed (0x80095ffc). */
    apiRestricted: z.boolean().optional(),
  })
  .strict()
export type OrgConditions = z.infer<typeof OrgConditionsSchema>

export const CONDITION_NAMES = [
  'throttled',
  'slow',
  'flaky',
  'environment-disabled',
  'admin-mode',
  'tls-untrusted',
  'ip-firewall',
  'api-restricted',
  'throttled-execution-time',
  'throttled-concurrency',
  'dop-hint',
] as const

const DEFAULT_RETRY_AFTER_SECONDS = 30

/** Parses one `name[:value]` condition as written on the command line; throws with a readable message. */
export function parseCondition(text: string): OrgConditions {
  const [rawName = '', value, ...rest] = text.trim().split(':')
  const name = rawName.toLowerCase()
  if (rest.length > 0) throw new Error(`'${text}' has more than one ':'; write name or name:value.`)
  const number = (label: string): number => {
    const parsed = Number(value)
    if (value === undefined || value === '' || !Number.isInteger(parsed) || parsed < 1) {
      throw new Error(
        `'${name}' needs a positive whole number of ${label}, e.g. ${name}:${name === 'flaky' ? 3 : name === 'dop-hint' ? 8 : 300}.`,
      )
    }
    return parsed
  }
  const flag = (): true => {
    if (value !== undefined) throw new Error(`'${name}' takes no value.`)
    return true
  }
  let conditions: OrgConditions
  switch (name) {
    case 'throttled':
      conditions = { throttled: value === undefined ? DEFAULT_RETRY_AFTER_SECONDS : number('seconds (Retry-After)') }
      break
    case 'throttled-execution-time':
      conditions = {
        throttledExecutionTime: value === undefined ? DEFAULT_RETRY_AFTER_SECONDS : number('seconds (Retry-After)'),
      }
      break
    case 'throttled-concurrency':
      conditions = { throttledConcurrency: value === undefined ? 1 : number('seconds (Retry-After)') }
      break
    case 'slow':
      conditions = { slow: number('milliseconds') }
      break
    case 'flaky':
      conditions = { flaky: number('requests (every Nth fails)') }
      break
    case 'environment-disabled':
      conditions = { environmentDisabled: flag() }
      break
    case 'admin-mode':
      conditions = { adminMode: flag() }
      break
    case 'tls-untrusted':
      conditions = { tlsUntrusted: flag() }
      break
    case 'ip-firewall':
      if (value !== undefined && value !== 'allow-app-users')
        throw new Error(`'ip-firewall' takes no value or 'allow-app-users', e.g. ip-firewall:allow-app-users.`)
      conditions = { ipFirewall: value === undefined ? 'block' : 'allow-app-users' }
      break
    case 'api-restricted':
      conditions = { apiRestricted: flag() }
      break
    case 'dop-hint':
      conditions = { dopHint: number('parallel requests (x-ms-dop-hint)') }
      break
    default:
      throw new Error(`Unknown condition '${rawName}'. Known: ${CONDITION_NAMES.join(', ')}.`)
  }
  const checked = OrgConditionsSchema.safeParse(conditions)
  if (!checked.success) throw new Error(`'${text}': ${checked.error.issues[0]?.message ?? 'invalid value'}.`)
  return checked.data
}

/** The command-line spelling of a set of conditions, e.g. ['slow:300', 'admin-mode']. */
export function formatConditions(conditions: OrgConditions): string[] {
  const out: string[] = []
  if (conditions.throttled !== undefined) out.push(`throttled:${conditions.throttled}`)
  if (conditions.throttledExecutionTime !== undefined)
    out.push(`throttled-execution-time:${conditions.throttledExecutionTime}`)
  if (conditions.throttledConcurrency !== undefined)
    out.push(`throttled-concurrency:${conditions.throttledConcurrency}`)
  if (conditions.slow !== undefined) out.push(`slow:${conditions.slow}`)
  if (conditions.flaky !== undefined) out.push(`flaky:${conditions.flaky}`)
  if (conditions.environmentDisabled) out.push('environment-disabled')
  if (conditions.adminMode) out.push('admin-mode')
  if (conditions.tlsUntrusted) out.push('tls-untrusted')
  if (conditions.ipFirewall) out.push(conditions.ipFirewall === 'block' ? 'ip-firewall' : 'ip-firewall:allow-app-users')
  if (conditions.apiRestricted) out.push('api-restricted')
  if (conditions.dopHint !== undefined) out.push(`dop-hint:${conditions.dopHint}`)
  return out
}

export interface OrgOptions {
  /** Short name (`contoso`); unique within one emulator. */
  readonly name: string
  /** Org root URL, e.g. `https://contoso.crm.dynamics.com`; the token audience. */
  readonly url: string
  readonly conditions?: OrgConditions
}

export interface LimitOptions {
  /** Requests per user per window (Dataverse: 6000). */
  readonly windowRequests?: number
  /** Sliding window length in seconds (Dataverse: 300). */
  readonly windowSeconds?: number
  /** Concurrent requests per user (Dataverse: 52). */
  readonly concurrent?: number
  /** Combined execution time per user per window in ms (Dataverse: 1,200,000). */
  readonly executionMs?: number
}

export interface EmulatorOptions {
  /** Entra ID authority root, default `https://login.microsoftonline.com`. */
  readonly authorityUrl?: string
  /** Default: contoso (https://contoso.crm.dynamics.com) and fabrikam (https://fabrikam.crm4.dynamics.com). */
  readonly orgs?: readonly OrgOptions[]
  /** The tenant's Power Platform API root, default `https://api.powerplatform.com`. */
  readonly powerPlatformApiUrl?: string
  /** Rows generated per organization; defaults 5,000 accounts and 50,000 contacts. */
  readonly rows?: { readonly accounts?: number; readonly contacts?: number }
  /** Seed of the data generator (default 'dataverse-workbench'). */
  readonly seed?: string | number
  /**
   * How the generated accounts' and contacts' ids lie in SQL Server's GUID order: `random` (the
   * default: spread over the whole key space, as ids imported from elsewhere are) or `sequential`
   * (as Dataverse creates them: bunched in one small part, in bursts; sequential-ids.ts).
   */
  readonly keys?: 'random' | 'sequential'
  /** Latency added to every response, in ms (default 0). */
  readonly latencyMs?: number
  readonly limits?: LimitOptions
  /** Epoch ms; tests inject one. Drives token times, throttling windows and date functions. */
  readonly clock?: () => number
  /** Federated identity credentials added to scenario apps, and the signing keys of external issuers. */
  readonly federation?: FederationOptions
}

export const DEFAULT_SEED = 'dataverse-workbench'
export const DEFAULT_ROWS = { accounts: 5000, contacts: 50_000 } as const
export const DEFAULT_LIMITS = {
  windowRequests: 6000,
  windowSeconds: 300,
  concurrent: 52,
  executionMs: 1_200_000,
} as const
