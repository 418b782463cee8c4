/**
 * `limits`: the service-protection headers Dataverse sent with WhoAmI (wire §4.4, §5.1) and the
 * daily entitlement that application users draw on (wire §5.2). Nothing extra is requested.
 */
import type { Fact } from '../../../../common/diagnostics'
import type { PipelineStep, StepOutcome } from '../../pipeline'
import type { CheckKit } from '../context'
import { evidenceOf } from '../failure'

const BURST = 'x-ms-ratelimit-burst-remaining-xrm-requests'
const TIME = 'x-ms-ratelimit-time-remaining-xrm-requests'
const DOP = 'x-ms-dop-hint'
/** Defaults per user per web server in a 300-second window (wire §5.1). */
const WINDOW_REQUESTS = 6000
const WINDOW_EXECUTION_MS = 1_200_000
const LOW_SHARE = 0.1

/** wire §5.2, 2025-05: application users are not licensed and share the tenant's non-licensed pool. */
export const ENTITLEMENT_CONTEXT =
  "Application users have no licence of their own: their requests count against the tenant's non-licensed pool per 24 hours " +
  '(Dynamics 365 Enterprise/Professional tenants: 500,000 + 5,000 per licensed user, at most 10,000,000; Power Apps-only or Power Automate-only tenants: 25,000). ' +
  'Batching does not avoid counting.'

function number(value: string | undefined): number | null {
  if (value === undefined) return null
  const parsed = Number(value.replace(/,/g, ''))
  return Number.isFinite(parsed) ? parsed : null
}

export function limitsStep(kit: CheckKit): PipelineStep {
  return {
    id: 'limits',
    dependsOn: ['whoami'],
    async run(): Promise<StepOutcome> {
      const headers = kit.state.whoAmIHeaders
      const burst = number(headers[BURST])
      const time = number(headers[TIME])
      const facts: Fact[] = [
        {
          label: 'Requests left in the 5-minute window',
          value: burst !== null ? `${burst.toLocaleString('en-US')} of ${WINDOW_REQUESTS.toLocaleString('en-US')} (${BURST})` : 'not reported by this environment',
          volatile: true,
        },
        {
          label: 'Execution time left in the window',
          value: time !== null ? `${Math.round(time).toLocaleString('en-US')} ms of ${WINDOW_EXECUTION_MS.toLocaleString('en-US')} ms (${TIME})` : 'not reported by this environment',
          volatile: true,
        },
        ...(headers[DOP] ? [{ label: 'Suggested parallel requests', value: `${headers[DOP]} (${DOP})` }] : []),
        { label: 'Daily entitlement', value: ENTITLEMENT_CONTEXT },
      ]
      const excerpt = [BURST, TIME, DOP].filter((name) => headers[name] !== undefined).map((name) => `${name}: ${headers[name]}`).join('\n')
      const evidence = evidenceOf(kit.timeline('whoami').entries(), undefined, excerpt || 'WhoAmI carried no x-ms-ratelimit headers.')
      const low = (burst !== null && burst < WINDOW_REQUESTS * LOW_SHARE) || (time !== null && time < WINDOW_EXECUTION_MS * LOW_SHARE)
      if (low) {
        return { status: 'warn', summary: 'Less than a tenth of the 5-minute service-protection budget is left; other work with this app user is close to being throttled.', facts, evidence }
      }
      return {
        status: 'pass',
        summary: burst !== null ? `Well within the service-protection limits: ${burst.toLocaleString('en-US')} requests left in this window.` : 'No service-protection headers were sent; no limit is in sight.',
        facts,
        evidence,
      }
    },
  }
}
