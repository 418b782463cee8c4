/**
 * A 503 is the one answer the wire reference says to retry (a node restarting, an update rolling
 * out). A preflight that went red on such a blip would send people hunting for a setup problem that
 * is not there, so each read is asked once more — and a step that needed it says so as a warning,
 * because a service that keeps answering 503 is worth knowing about.
 */
import type { Cloud } from '@common/clouds'
import type { SendOptions, Transport } from '../../http/types'
import { diagnose } from '../catalog'
import type { StepOutcome } from '../pipeline'

const RETRIED_STATUS = 503
const READS = new Set(['GET', 'HEAD'])

/** The same transport, except that a read answered 503 is sent once more; `onRetry` hears each one. */
export function retryingUnavailableReads(transport: Transport, onRetry: () => void): Transport {
  const send = async (request: Request, options?: SendOptions): Promise<Response> => {
    if (!READS.has(request.method.toUpperCase())) return transport(request, options)
    const response = await transport(request.clone(), options)
    if (response.status !== RETRIED_STATUS || request.signal.aborted) return response
    await response.body?.cancel().catch(() => undefined)
    onRetry()
    return transport(request, options)
  }
  return Object.assign(send, { policy: transport.policy })
}

/** A step that passed only after asking again becomes a warning naming how often Dataverse answered 503. */
export function warnAfterRetries(outcome: StepOutcome, retries: number, cloud: Cloud): StepOutcome {
  if (retries === 0 || outcome.status !== 'pass') return outcome
  const times = retries === 1 ? 'once' : `${retries} times`
  return {
    ...outcome,
    status: 'warn',
    summary: `${outcome.summary.replace(/\.$/, '')} — after Dataverse answered 503 ${times} and was asked again.`,
    diagnoses: [
      ...(outcome.diagnoses ?? []),
      diagnose('service-unavailable', { confidence: 'medium', cloud, matched: 'HTTP 503, then success on retry' }),
    ],
  }
}
