/**
 * `limits`: the service-protection headers Dataverse sent with WhoAmI (wire §4.4, §5.1) and the
 * platform limits application users draw on, each with its source and date. Nothing extra is requested.
 */
import type { Fact } from '@common/diagnostics'
import type { StepOutcome } from '../../pipeline'
import type { CheckKit, CheckStep } from '../context'
import { evidenceOf } from '../failure'
import { platformLimitFacts, SERVICE_PROTECTION } from '../limit-facts'

const BURST = 'x-ms-ratelimit-burst-remaining-xrm-requests'
const TIME = 'x-ms-ratelimit-time-remaining-xrm-requests'
const DOP = 'x-ms-dop-hint'
const WINDOW_REQUESTS = SERVICE_PROTECTION.requests
const WINDOW_EXECUTION_MS = SERVICE_PROTECTION.executionMs
const LOW_SHARE = 0.1

function number(value: string | undefined): number | null {
  if (value === undefined) return null
  const parsed = Number(value.replace(/,/g, ''))
  return Number.isFinite(parsed) ? parsed : null
}

export function limitsStep(kit: CheckKit): CheckStep {
  return {
    id: 'limits',
    async run(): Promise<StepOutcome> {
      const headers = kit.state.whoAmIHeaders
      const burst = number(headers[BURST])
      const time = number(headers[TIME])
      const facts: Fact[] = [
        {
          label: 'Requests left in the 5-minute window',
          value:
            burst !== null
              ? `${burst.toLocaleString('en-US')} of ${WINDOW_REQUESTS.toLocaleString('en-US')} (${BURST})`
              : 'not reported by this environment',
          volatile: true,
        },
        {
          label: 'Execution time left in the window',
          value:
            time !== null
              ? `${Math.round(time).toLocaleString('en-US')} ms of ${WINDOW_EXECUTION_MS.toLocaleString('en-US')} ms (${TIME})`
              : 'not reported by this environment',
          volatile: true,
        },
        ...(headers[DOP] ? [{ label: 'Suggested parallel requests', value: `${headers[DOP]} (${DOP})` }] : []),
        ...platformLimitFacts(),
      ]
      const excerpt = [BURST, TIME, DOP]
        .filter((name) => headers[name] !== undefined)
        .map((name) => `${name}: ${headers[name]}`)
        .join('\n')
      const evidence = evidenceOf(
        kit.timeline('whoami').entries(),
        undefined,
        excerpt || 'WhoAmI carried no x-ms-ratelimit headers.',
      )
      const low =
        (burst !== null && burst < WINDOW_REQUESTS * LOW_SHARE) ||
        (time !== null && time < WINDOW_EXECUTION_MS * LOW_SHARE)
      if (low) {
        return {
          status: 'warn',
          summary:
            'Less than a tenth of the 5-minute service-protection budget is left; other work with this app user is close to being throttled.',
          facts,
          evidence,
        }
      }
      return {
        status: 'pass',
        summary:
          burst !== null
            ? `Well within the service-protection limits: ${burst.toLocaleString('en-US')} requests left in this window.`
            : 'No service-protection headers were sent; no limit is in sight.',
        facts,
        evidence,
      }
    },
  }
}
