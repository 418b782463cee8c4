/** The Test connection tab: run the preflight check on one connection and read what failed and how to fix it. */
import {
  Button,
  Field,
  Input,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Subtitle1,
  Text,
  tokens,
} from '@fluentui/react-components'
import { Play20Regular, Stop20Regular } from '@fluentui/react-icons'
import { useCallback, useEffect, useState } from 'react'
import { STEP_IDS, type CheckRun, type StepResult } from '@common/diagnostics'
import type { AppError } from '@common/result'
import { call, toAppError } from '../../bridge'
import { ErrorBar } from '../../ui/ErrorBar'
import { useBridgeQuery } from '../../use-bridge-query'
import { useOpenDocs } from '../diagnostics/use-open-docs'
import { useConnections } from '../connections/use-connections'
import { CheckHistory } from './CheckHistory'
import { ReportActions } from './ReportActions'
import { StepRow } from './StepRow'
import { CHECK_STEPS } from '@common/check-steps'
import { TrainingModePicker } from './TrainingModePicker'
import { Masked } from '../presentation/Masked'
import { useCheck } from './use-check'
import { Waterfall } from './Waterfall'

const useStyles = makeStyles({
  page: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalL,
    padding: tokens.spacingHorizontalXL,
    maxWidth: '1100px',
  },
  header: { display: 'flex', flexWrap: 'wrap', alignItems: 'flex-end', gap: tokens.spacingHorizontalL },
  title: { display: 'flex', flexDirection: 'column', flexGrow: 1, minWidth: '240px' },
  muted: { color: tokens.colorNeutralForeground3 },
  steps: {
    listStyle: 'none',
    margin: 0,
    padding: 0,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
})

function outcomeText(run: CheckRun): { intent: 'success' | 'warning' | 'error' | 'info'; title: string; body: string } {
  const { check } = run
  if (check.cancelled)
    return {
      intent: 'info',
      title: 'Cancelled',
      body: 'The check was stopped before it finished; steps that did not finish are marked skipped.',
    }
  const failed = check.steps.find((step) => step.status === 'fail')
  if (failed) return { intent: 'error', title: `Failed at ${CHECK_STEPS[failed.id].title}`, body: failed.summary }
  if (check.outcome === 'warn')
    return {
      intent: 'warning',
      title: 'Works, with warnings',
      body: 'Every step passed or only warned; read the amber steps.',
    }
  return {
    intent: 'success',
    title: 'Every step passed',
    body: `The application user works end to end (${Math.round(check.durationMs)} ms).`,
  }
}

export interface CheckPanelProps {
  readonly connectionId: string
  /** True when "Test connection" was chosen and no check has started for it yet. */
  readonly runRequested: boolean
  /** Consumes the request, so reopening the tab does not start another check. */
  readonly onRunStarted: () => void
}

/** "Test connection": the live stepper, the waterfall, reports, history and (for the sample) training mode. */
export function CheckPanel({ connectionId, runRequested, onRunStarted }: CheckPanelProps) {
  const styles = useStyles()
  const connections = useConnections()
  const { state, run, cancel, clear } = useCheck(connectionId)
  const [tables, setTables] = useState('account, contact')
  const history = useBridgeQuery('check:history', { connectionId })
  const [problem, setProblem] = useState<AppError | null>(null)
  const openDocs = useOpenDocs(setProblem)

  const connection = connections.connections.find((item) => item.id === connectionId)
  const scenarios = connections.sampleScenarios
  const running = state.status === 'running'

  const start = useCallback(() => {
    const list = tables
      .split(',')
      .map((table) => table.trim().toLowerCase())
      .filter(Boolean)
    void run(list)
  }, [run, tables])

  useEffect(() => {
    if (!runRequested) return
    onRunStarted()
    start()
  }, [runRequested, onRunStarted, start])

  const { refresh: refreshHistory } = history
  useEffect(() => {
    if (state.status === 'done') void refreshHistory()
  }, [state, refreshHistory])

  const switchScenario = async (scenario: string) => {
    try {
      // The result on screen (or still running) is about the previous scenario: stop and forget it first.
      if (running) await cancel().catch(() => undefined)
      clear()
      await call('connections:set-sample-scenario', { scenario })
      start()
    } catch (error) {
      setProblem(toAppError(error))
    }
  }

  const steps: StepResult[] =
    state.status === 'running'
      ? STEP_IDS.map((id) => state.steps.get(id)).filter((step): step is StepResult => step !== undefined)
      : state.status === 'done'
        ? state.run.check.steps
        : []

  return (
    <section
      className={styles.page}
      aria-label="Test connection"
      data-testid="check-panel"
      data-check-state={state.status}
    >
      <div className={styles.header}>
        <div className={styles.title}>
          <Subtitle1 as="h1">
            Test connection{connection ? ': ' : ''}
            {connection && <Masked value={connection.name} />}
          </Subtitle1>
          {connection && (
            <Text size={200} className={styles.muted}>
              <Masked value={connection.orgUrl} kind="diagnostic" /> ·{' '}
              {connection.auth.kind === 'secret'
                ? 'client secret'
                : connection.auth.kind === 'federated'
                  ? 'federated credential'
                  : 'certificate'}
              {connection.lastTest
                ? ` · last tested ${new Date(connection.lastTest.at).toLocaleString()}: ${connection.lastTest.status.toUpperCase()}`
                : ' · never tested'}
            </Text>
          )}
        </div>
        {connection?.builtIn === 'sample' && (
          <TrainingModePicker
            scenarios={scenarios}
            value={connection.scenario}
            onChange={(scenario) => void switchScenario(scenario)}
          />
        )}
        <Field label="Tables to probe">
          <Input
            value={tables}
            onChange={(_event, data) => setTables(data.value)}
            disabled={running}
            data-testid="check-tables"
          />
        </Field>
        {running ? (
          <Button icon={<Stop20Regular />} onClick={() => void cancel()} data-testid="check-cancel">
            Cancel
          </Button>
        ) : (
          <Button appearance="primary" icon={<Play20Regular />} onClick={start} data-testid="check-run">
            {state.status === 'idle' ? 'Run check' : 'Run again'}
          </Button>
        )}
      </div>

      {problem && <ErrorBar error={problem} onDismiss={() => setProblem(null)} />}
      {history.error && <ErrorBar intent="warning" lead="The check history could not be read:" error={history.error} />}
      {state.status === 'error' && <ErrorBar error={state.error} data-testid="check-error" />}
      {state.status === 'running' && (
        <Spinner
          size="tiny"
          label="Checking… each step turns green, amber or red as it finishes."
          labelPosition="after"
        />
      )}
      {state.status === 'done' && (
        <MessageBar
          intent={outcomeText(state.run).intent}
          data-testid="check-outcome"
          data-outcome={state.run.check.outcome}
        >
          <MessageBarBody>
            <MessageBarTitle>{outcomeText(state.run).title}</MessageBarTitle>{' '}
            <Masked value={outcomeText(state.run).body} kind="diagnostic" />
          </MessageBarBody>
        </MessageBar>
      )}
      {state.status === 'done' && <ReportActions checkId={state.run.check.checkId} />}
      {state.status === 'done' && state.run.historyProblem && (
        <MessageBar intent="warning">
          <MessageBarBody>
            <Masked value={state.run.historyProblem} kind="diagnostic" />
          </MessageBarBody>
        </MessageBar>
      )}

      {steps.length > 0 && (
        <ol className={styles.steps} aria-label="Check steps" data-testid="check-steps">
          {steps.map((step) => (
            <StepRow key={step.id} step={step} onOpenDocs={openDocs} />
          ))}
        </ol>
      )}
      {state.status === 'idle' && (
        <Text className={styles.muted}>
          Runs eleven steps from the settings to the table privileges, in parallel where they can, and explains any
          failure with the exact fix. Nothing is changed in the environment.
        </Text>
      )}

      {state.status === 'done' && (
        <div className={styles.section}>
          <Text weight="semibold">Where the time went</Text>
          <Waterfall check={state.run.check} />
        </div>
      )}
      {history.data && (
        <CheckHistory
          changes={state.status === 'done' ? state.run.changes : history.data.changes}
          entries={history.data.entries}
        />
      )}
    </section>
  )
}
