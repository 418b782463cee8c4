/** A run's status line, its progress while fetching all pages, and its failure explained. */
import {
  Badge,
  Button,
  Link,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  ProgressBar,
  Text,
  tokens,
} from '@fluentui/react-components'
import type { AppError } from '@common/result'
import type { Diagnosis } from '@common/diagnostics'
import { Masked } from '../presentation/Masked'
import { usePresentation } from '../presentation/use-presentation'
import type { RunState } from './use-query-run'

const useStyles = makeStyles({
  line: { display: 'flex', gap: tokens.spacingHorizontalM, alignItems: 'center', flexWrap: 'wrap' },
  fix: { margin: 0, paddingInlineStart: '20px' },
  progress: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
    padding: tokens.spacingHorizontalS,
  },
})

function size(bytes: number): string {
  return bytes < 1024
    ? `${bytes} B`
    : bytes < 1024 * 1024
      ? `${(bytes / 1024).toFixed(1)} KB`
      : `${(bytes / 1024 / 1024).toFixed(1)} MB`
}

/** Status, row count, timings, size and the request id of the last answer. */
export function ResponseSummary({ state }: { readonly state: RunState }) {
  const styles = useStyles()
  const presentation = usePresentation()
  const response = state.response
  if (!response) return null
  const rows = state.view?.data.rows.length ?? 0
  return (
    <span className={styles.line} data-testid="response-summary">
      <Badge appearance="tint" color={response.status < 300 ? 'success' : 'danger'}>
        {response.status}
      </Badge>
      {state.view && (
        <Text size={200}>
          {rows.toLocaleString()} rows{state.count !== null ? ` of ${state.count.toLocaleString()}` : ''}
        </Text>
      )}
      <Text size={200}>
        TTFB {response.timings.ttfbMs} ms · total {response.timings.totalMs} ms · {size(response.bytes)}
      </Text>
      {response.requestId && !presentation.on && (
        <Text size={200} title="x-ms-service-request-id: quote it in a support ticket">
          request {response.requestId}
        </Text>
      )}
    </span>
  )
}

/** Fetch-all / export progress, with the Retry-After countdown while Dataverse throttles. */
export function RunProgress({ state, onCancel }: { readonly state: RunState; readonly onCancel: () => void }) {
  const styles = useStyles()
  const progress = state.progress
  if (!state.running || state.running === 'query' || state.running === 'next-page') return null
  return (
    <div className={styles.progress} data-testid="run-progress" role="status" aria-live="polite">
      <ProgressBar />
      <span className={styles.line}>
        <Text>
          {state.running === 'export' ? 'Exporting' : 'Fetching all'}: {(progress?.rows ?? 0).toLocaleString()} rows ·{' '}
          {progress?.pages ?? 0} pages · {((progress?.elapsedMs ?? 0) / 1000).toFixed(1)} s
        </Text>
        {progress?.throttledSeconds ? (
          <Badge color="warning" data-testid="throttle-countdown">
            Throttled by Dataverse: retrying in {progress.throttledSeconds} s
          </Badge>
        ) : null}
        <Button size="small" onClick={onCancel} data-testid="cancel-run">
          Cancel
        </Button>
      </span>
    </div>
  )
}

/** A failure as the app explains it: what happened, why, what to do, and the catalog's diagnoses. */
export function RunError({
  error,
  onOpenLink,
}: {
  readonly error: AppError
  readonly onOpenLink: (url: string) => void
}) {
  const styles = useStyles()
  const diagnoses = (Array.isArray(error.details?.diagnoses) ? error.details.diagnoses : []) as Diagnosis[]
  return (
    <MessageBar intent={error.code === 'CANCELLED' ? 'warning' : 'error'} layout="multiline" data-testid="run-error">
      <MessageBarBody>
        <MessageBarTitle>
          <Masked value={error.message} kind="diagnostic" />
        </MessageBarTitle>
        <div>
          <Masked value={error.cause} kind="diagnostic" />
        </div>
        <div>
          <Masked value={error.next} kind="diagnostic" />
        </div>
        {diagnoses.map((diagnosis) => (
          <div key={diagnosis.id} data-testid="run-diagnosis">
            <Text weight="semibold">
              <Masked value={diagnosis.title} kind="diagnostic" />
            </Text>
            <ol className={styles.fix}>
              {diagnosis.fix.map((step) => (
                <li key={step}>
                  <Masked value={step} kind="diagnostic" />
                </li>
              ))}
            </ol>
            <Link onClick={() => onOpenLink(diagnosis.docsUrl)}>Documentation</Link>
          </div>
        ))}
      </MessageBarBody>
    </MessageBar>
  )
}
