/** One step of the check stepper, which opens in place on its fix, cause and evidence. */
import { Button, makeStyles, Spinner, Text, tokens } from '@fluentui/react-components'
import {
  CheckmarkCircle20Filled,
  ChevronDown16Regular,
  ChevronRight16Regular,
  Circle20Regular,
  DismissCircle20Filled,
  SubtractCircle20Regular,
  Warning20Filled,
} from '@fluentui/react-icons'
import { useState } from 'react'
import type { StepResult } from '@common/diagnostics'
import { DiagnosisCard } from '../diagnostics/DiagnosisCard'
import { CHECK_STEPS } from '@common/check-steps'
import { Masked } from '../presentation/Masked'

const useStyles = makeStyles({
  row: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    paddingBlock: tokens.spacingVerticalS,
    paddingInline: tokens.spacingHorizontalM,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  head: {
    display: 'grid',
    gridTemplateColumns: '24px 168px 1fr auto auto',
    alignItems: 'center',
    gap: tokens.spacingHorizontalM,
  },
  pass: { color: tokens.colorPaletteGreenForeground1 },
  warn: { color: tokens.colorPaletteMarigoldForeground1 },
  fail: { color: tokens.colorPaletteRedForeground1 },
  muted: { color: tokens.colorNeutralForeground3 },
  body: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, paddingInlineStart: '36px' },
  facts: {
    display: 'grid',
    gridTemplateColumns: 'minmax(140px, max-content) 1fr',
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalXXS,
    margin: 0,
  },
  factValue: { margin: 0, wordBreak: 'break-word' },
  evidence: {
    margin: 0,
    padding: tokens.spacingHorizontalS,
    backgroundColor: tokens.colorNeutralBackground3,
    borderRadius: tokens.borderRadiusMedium,
    whiteSpace: 'pre-wrap',
    wordBreak: 'break-all',
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
  },
})

function StatusIcon({ step }: { readonly step: StepResult }) {
  const styles = useStyles()
  switch (step.status) {
    case 'running':
      return <Spinner size="extra-tiny" aria-label="Running" />
    case 'pass':
      return <CheckmarkCircle20Filled className={styles.pass} aria-label="Passed" />
    case 'warn':
      return <Warning20Filled className={styles.warn} aria-label="Warning" />
    case 'fail':
      return <DismissCircle20Filled className={styles.fail} aria-label="Failed" />
    case 'skip':
      return <SubtractCircle20Regular className={styles.muted} aria-label="Skipped" />
    default:
      return <Circle20Regular className={styles.muted} aria-label="Waiting" />
  }
}

function duration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(2)} s`
}

export interface StepRowProps {
  readonly step: StepResult
  readonly onOpenDocs: (url: string) => void
}

/** One step of the stepper. A step with diagnoses opens in place: the fix first, the evidence below. */
export function StepRow({ step, onOpenDocs }: StepRowProps) {
  const styles = useStyles()
  const hasProblem = step.diagnoses.length > 0 || step.status === 'fail'
  const [open, setOpen] = useState<boolean | null>(null)
  const expanded = open ?? hasProblem
  const finished = step.status !== 'pending' && step.status !== 'running'
  const label = CHECK_STEPS[step.id]
  const tone =
    step.status === 'pass'
      ? styles.pass
      : step.status === 'warn'
        ? styles.warn
        : step.status === 'fail'
          ? styles.fail
          : styles.muted
  return (
    <li className={styles.row} data-testid="check-step" data-step-id={step.id} data-status={step.status}>
      <div className={styles.head}>
        <StatusIcon step={step} />
        <Text weight="semibold" className={tone} title={label.proves}>
          {label.title}
        </Text>
        <Text data-testid="check-step-summary">
          <Masked value={step.summary} kind="diagnostic" />
        </Text>
        <Text size={200} className={styles.muted}>
          {finished && step.startedAt ? duration(step.durationMs) : ''}
        </Text>
        <Button
          appearance="subtle"
          size="small"
          icon={expanded ? <ChevronDown16Regular /> : <ChevronRight16Regular />}
          aria-label={`${expanded ? 'Hide' : 'Show'} details of ${label.title}`}
          aria-expanded={expanded}
          disabled={!finished}
          onClick={() => setOpen(!expanded)}
        />
      </div>
      {expanded && finished && (
        <div className={styles.body} data-testid="check-step-details">
          {step.diagnoses.map((diagnosis) => (
            <DiagnosisCard key={diagnosis.id} diagnosis={diagnosis} onOpenDocs={onOpenDocs} />
          ))}
          {step.facts.length > 0 && (
            <dl className={styles.facts}>
              {step.facts.map((fact) => (
                <div key={fact.label} style={{ display: 'contents' }}>
                  <Text as="span" weight="semibold" size={200}>
                    <Masked value={fact.label} kind="diagnostic" />
                  </Text>
                  <Text as="span" size={200} className={styles.factValue}>
                    <Masked value={fact.value} kind="diagnostic" />
                  </Text>
                </div>
              ))}
            </dl>
          )}
          {step.evidence && (step.evidence.excerpt || step.evidence.requestIds.length > 0) && (
            <div data-testid="check-step-evidence">
              <Text size={200} weight="semibold" block>
                Evidence
              </Text>
              {(step.evidence.requestIds.length > 0 || step.evidence.traceId || step.evidence.correlationId) && (
                <Text as="p" size={200} className={styles.muted}>
                  <Masked
                    kind="diagnostic"
                    value={[
                      ...step.evidence.requestIds.map((id) => `request ${id}`),
                      ...(step.evidence.traceId ? [`trace ${step.evidence.traceId}`] : []),
                      ...(step.evidence.correlationId ? [`correlation ${step.evidence.correlationId}`] : []),
                    ].join(' · ')}
                  />
                </Text>
              )}
              {step.evidence.excerpt && (
                <pre className={styles.evidence}>
                  <Masked value={step.evidence.excerpt} kind="diagnostic" />
                </pre>
              )}
            </div>
          )}
        </div>
      )}
    </li>
  )
}
