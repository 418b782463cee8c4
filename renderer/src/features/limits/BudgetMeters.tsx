/** The service-protection budget as the connection's own responses reported it, against the documented window. */
import { Caption1, Field, makeStyles, ProgressBar, Text, tokens } from '@fluentui/react-components'
import type { BudgetView, LimitsView } from '@common/contract/limits'
import { formatNumber, formatSeconds } from './limit-text'

const useStyles = makeStyles({
  meters: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(260px, 1fr))',
    gap: tokens.spacingHorizontalL,
  },
  muted: { color: tokens.colorNeutralForeground3 },
})

/** Below a tenth of the window the check warns too (limits step). */
const LOW_SHARE = 0.1

function share(value: number | null, of: number): number | undefined {
  return value === null ? undefined : Math.min(1, Math.max(0, value / of))
}

function colour(value: number | undefined): 'success' | 'warning' | 'error' {
  if (value === undefined || value >= 0.5) return 'success'
  return value >= LOW_SHARE ? 'warning' : 'error'
}

export interface BudgetMetersProps {
  readonly budget: BudgetView
  readonly window: LimitsView['window']
}

export function BudgetMeters({ budget, window }: BudgetMetersProps) {
  const styles = useStyles()
  const requests = share(budget.requestsRemaining, window.requests)
  const time = share(budget.executionSecondsRemaining, window.executionSeconds)
  const minutes = window.seconds / 60
  return (
    <div className={styles.meters}>
      <Field
        label={`Requests left in ${minutes} minutes`}
        validationState="none"
        hint="x-ms-ratelimit-burst-remaining-xrm-requests"
      >
        <Text size={500} data-testid="budget-requests">
          {budget.requestsRemaining === null
            ? 'not reported yet'
            : `${formatNumber(budget.requestsRemaining)} of ${formatNumber(window.requests)}`}
        </Text>
        <ProgressBar value={requests} color={colour(requests)} thickness="large" aria-label="Requests left" />
      </Field>
      <Field
        label={`Execution time left in ${minutes} minutes`}
        validationState="none"
        hint="x-ms-ratelimit-time-remaining-xrm-requests"
      >
        <Text size={500} data-testid="budget-execution-time">
          {budget.executionSecondsRemaining === null
            ? 'not reported yet'
            : `${formatSeconds(budget.executionSecondsRemaining)} of ${formatSeconds(window.executionSeconds)}`}
        </Text>
        <ProgressBar value={time} color={colour(time)} thickness="large" aria-label="Execution time left" />
      </Field>
      <Field label="Concurrent requests" validationState="none" hint="refused at once above the limit (0x80072326)">
        <Text size={500} data-testid="budget-concurrency">
          at most {window.concurrent} at once
        </Text>
        <Caption1 className={styles.muted} data-testid="budget-dop">
          {budget.dopHint === null
            ? 'No suggested parallelism reported yet (x-ms-dop-hint).'
            : `Dataverse suggests ${budget.dopHint} in parallel (x-ms-dop-hint).`}
        </Caption1>
      </Field>
    </div>
  )
}
