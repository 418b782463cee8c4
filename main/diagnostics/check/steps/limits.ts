/**
 * `limits`: the service-protection headers Dataverse sent with WhoAmI (wire §4.4, §5.1) and the
 * platform limits application users draw on, each with its source and date. Nothing extra is requested.
 */
import type { Fact } from '@common/diagnostics'
import type { StepOutcome } from '../../pipeline'
import type { CheckKit, CheckStep } from '../context'
import { evidenceOf } from '../failure'
import { parseHeaderNumber, RATE_LIMIT_HEADERS } from '../../../http/service-protection'
import { platformLimitFacts, SERVICE_PROTECTION } from '../limit-facts'

const BURST = RATE_LIMIT_HEADERS.requests
const TIME = RATE_LIMIT_HEADERS.executionTime
const DOP = RATE_LIMIT_HEADERS.dopHint
const WINDOW_REQUESTS = SERVICE_PROTECTION.requests
/** The header counts seconds (Microsoft's own capture shows `1,200.00` on a fresh window). */
const WINDOW_EXECUTION_SECONDS = SERVICE_PROTECTION.executionMs / 1000
const LOW_SHARE = 0.1

export function limitsStep(kit: CheckKit): CheckStep {
  return {
    id: 'limits',
    async run(): Promise<StepOutcome> {
      const headers = kit.state.whoAmIHeaders
      const burst = parseHeaderNumber(headers[BURST])
      const time = parseHeaderNumber(headers[TIME])
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
              ? `${Math.round(time).toLocaleString('en-US')} s of ${WINDOW_EXECUTION_SECONDS.toLocaleString('en-US')} s (${TIME})`
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
        (time !== null && time < WINDOW_EXECUTION_SECONDS * LOW_SHARE)
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
