/** What changed since the last passing check of a connection, and its recent checks. */
import { makeStyles, Text, tokens } from '@fluentui/react-components'
import type { HistoryDiff, HistoryEntry } from '@common/diagnostics'
import { CHECK_STEPS } from '@common/check-steps'
import { Masked } from '../presentation/Masked'

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  list: { margin: 0, paddingInlineStart: tokens.spacingHorizontalXL },
  muted: { color: tokens.colorNeutralForeground3 },
})

function when(iso: string): string {
  return new Date(iso).toLocaleString()
}

/** "What changed since the last passing check", then the recent checks of this connection. */
export function CheckHistory({
  changes,
  entries,
}: {
  readonly changes: HistoryDiff
  readonly entries: readonly HistoryEntry[]
}) {
  const styles = useStyles()
  return (
    <section className={styles.section} aria-label="Check history" data-testid="check-history">
      <Text weight="semibold">What changed since the last passing check</Text>
      {!changes.baseline ? (
        <Text className={styles.muted} data-testid="check-changes">
          No earlier check of this connection has passed yet, so there is nothing to compare with.
        </Text>
      ) : changes.changes.length === 0 ? (
        <Text className={styles.muted} data-testid="check-changes">
          Nothing changed since the passing check of {when(changes.baseline.startedAt)}.
        </Text>
      ) : (
        <ul className={styles.list} data-testid="check-changes">
          {changes.changes.map((change, index) => (
            <li key={index}>
              <Text>
                <Masked
                  kind="diagnostic"
                  value={
                    change.kind === 'status'
                      ? `${CHECK_STEPS[change.stepId].title}: ${change.before} → ${change.after}`
                      : `${CHECK_STEPS[change.stepId].title} · ${change.label}: ${change.before ?? '(none)'} → ${change.after ?? '(none)'}`
                  }
                />
              </Text>
            </li>
          ))}
          <li>
            <Text size={200} className={styles.muted}>
              Compared with the passing check of {when(changes.baseline.startedAt)}.
            </Text>
          </li>
        </ul>
      )}
      {entries.length > 0 && (
        <>
          <Text weight="semibold">Recent checks</Text>
          <ul className={styles.list}>
            {entries.map((entry) => (
              <li key={entry.checkId}>
                <Text size={200}>
                  {when(entry.startedAt)} — {entry.outcome.toUpperCase()}
                  {entry.steps.find((step) => step.status === 'fail')
                    ? ` at ${entry.steps.find((step) => step.status === 'fail')?.id}`
                    : ''}
                </Text>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  )
}
