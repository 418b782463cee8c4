/**
 * The Limits tab: the selected connection's service-protection budget, read live from the
 * x-ms-ratelimit-* headers of its own responses, a countdown after a 429, and the documented
 * platform limits (the tenant's 24-hour pool among them) with their sources.
 */
import { Caption1, makeStyles, Subtitle2, Text, Title2, tokens } from '@fluentui/react-components'
import { useState } from 'react'
import type { AppError } from '@common/result'
import { ErrorBar } from '../../ui/ErrorBar'
import { useCurrentConnection } from '../connections/use-connections'
import { useOpenDocs } from '../diagnostics/use-open-docs'
import { BudgetMeters } from './BudgetMeters'
import { PlatformLimits } from './PlatformLimits'
import { ThrottleNotice } from './ThrottleNotice'
import { useLimits } from './use-limits'

const useStyles = makeStyles({
  page: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalXXL,
    minWidth: 0,
  },
  muted: { color: tokens.colorNeutralForeground3 },
})

export function LimitsPanel() {
  const styles = useStyles()
  const { current } = useCurrentConnection()
  const { view, error } = useLimits(current?.id ?? null)
  const [linkError, setLinkError] = useState<AppError | null>(null)
  const openDocs = useOpenDocs(setLinkError)
  const budget = view?.budget ?? null
  return (
    <div className={styles.page} data-testid="limits-panel">
      <Title2 as="h1">Limits</Title2>
      {!current ? (
        <Text data-testid="limits-no-connection">Choose a connection in the list to see its limits.</Text>
      ) : (
        <>
          <Text className={styles.muted}>
            Service protection for <strong>{current.name}</strong>: per app user and web server, over a sliding{' '}
            {view ? view.window.seconds / 60 : 5}-minute window. The numbers come from the x-ms-ratelimit-* headers of
            this connection&apos;s own responses in this session (Microsoft calls them a debugging aid; another web
            server keeps its own count).
          </Text>
          {error && <ErrorBar error={error} />}
          {linkError && <ErrorBar error={linkError} />}
          {budget?.lastThrottle && <ThrottleNotice throttle={budget.lastThrottle} dopHint={budget.dopHint} />}
          {view && budget && (
            <>
              <BudgetMeters budget={budget} window={view.window} />
              <Caption1 className={styles.muted} data-testid="budget-observed">
                {budget.observedAt === null
                  ? 'No Dataverse response yet in this session: run a query or Test connection and the budget shows here.'
                  : `Last reported at ${new Date(budget.observedAt).toLocaleTimeString()}, from ${budget.responses} response${budget.responses === 1 ? '' : 's'} of this connection.`}
              </Caption1>
              <Subtitle2 as="h2">Documented limits</Subtitle2>
              <PlatformLimits facts={view.facts} onOpenSource={openDocs} />
            </>
          )}
        </>
      )}
    </div>
  )
}
