/**
 * The Limits panel's source: a connection's live service-protection budget (what its own
 * Dataverse responses reported, kept by ServiceProtectionBudgets) beside the documented limits
 * the check's limits step reports, taken from the same table (limit-facts.ts).
 */
import type { LimitsView } from '@common/contract/limits'
import type { AppConnections } from './ad-hoc-connections'
import { PLATFORM_LIMITS, SERVICE_PROTECTION } from '../diagnostics/check/limit-facts'
import { ServiceProtectionBudgets } from '../http/service-protection-budget'

export interface LimitsService {
  /** Fed by every session's and check's transport (the observer sessions and checks are given). */
  readonly budgets: ServiceProtectionBudgets
  /** Throws NOT_FOUND for a connection that does not exist. */
  view(connectionId: string): LimitsView
}

export function createLimitsService(connections: AppConnections): LimitsService {
  const budgets = new ServiceProtectionBudgets()
  connections.onChange((change) => {
    if (change.kind === 'deleted') budgets.forget(change.id)
  })
  return {
    budgets,
    view(connectionId) {
      connections.get(connectionId)
      return {
        budget: budgets.get(connectionId),
        window: {
          seconds: SERVICE_PROTECTION.windowSeconds,
          requests: SERVICE_PROTECTION.requests,
          executionSeconds: SERVICE_PROTECTION.executionMs / 1000,
          concurrent: SERVICE_PROTECTION.concurrent,
          source: SERVICE_PROTECTION.source,
          asOf: SERVICE_PROTECTION.asOf,
        },
        facts: PLATFORM_LIMITS.map((limit) => ({ ...limit })),
      }
    },
  }
}
