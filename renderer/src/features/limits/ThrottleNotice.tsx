/** The last 429 of the connection: which limit, a live countdown to Retry-After, and what to do. */
import { MessageBar, MessageBarBody, MessageBarTitle } from '@fluentui/react-components'
import type { ThrottleView } from '@common/contract/limits'
import { formatSeconds, LIMIT_NAMES, whatToDo } from './limit-text'
import { useSecondsUntil } from './use-limits'

export interface ThrottleNoticeProps {
  readonly throttle: ThrottleView
  readonly dopHint: number | null
}

export function ThrottleNotice({ throttle, dopHint }: ThrottleNoticeProps) {
  const left = useSecondsUntil(throttle.retryAt)
  const waiting = left !== null && left > 0
  const limit = throttle.limit ? LIMIT_NAMES[throttle.limit] : 'an undocumented limit'
  const code = throttle.code ? ` (${throttle.code})` : ''
  return (
    <MessageBar
      intent={waiting ? 'warning' : 'info'}
      layout="multiline"
      data-testid="throttle-notice"
      data-limit={throttle.limit ?? 'unknown'}
      data-waiting={waiting}
    >
      <MessageBarBody>
        {/* Only the title is announced: it changes when the wait starts or ends, the countdown every second. */}
        <MessageBarTitle aria-live="polite">
          {waiting
            ? `Throttled: ${limit}${code}`
            : `Last throttled at ${new Date(throttle.at).toLocaleTimeString()}: ${limit}${code}`}
        </MessageBarTitle>
        <div data-testid="throttle-countdown">
          {throttle.retryAt === null
            ? 'Dataverse sent no readable Retry-After; wait a minute before trying again.'
            : waiting
              ? `Retry-After passes in ${formatSeconds(left)} (Dataverse asked for ${formatSeconds(throttle.retryAfterSeconds ?? 0)}).`
              : 'Retry-After has passed: requests may be sent again.'}
        </div>
        {throttle.message && <div data-testid="throttle-message">Dataverse said: “{throttle.message}”</div>}
        <div data-testid="throttle-next">{whatToDo(throttle.limit, dopHint)}</div>
      </MessageBarBody>
    </MessageBar>
  )
}
