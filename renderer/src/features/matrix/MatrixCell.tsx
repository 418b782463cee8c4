/** One cell of the matrix: a status mark; hover or focus shows the step's summary, diagnosis and fix. */
import { makeStyles, mergeClasses, Text, tokens, Tooltip } from '@fluentui/react-components'
import { CELL_MARK, type CellChange, type MatrixCell as Cell } from '@common/check-matrix'
import type { StepId } from '@common/diagnostics'
import { usePresentation } from '../presentation/use-presentation'
import { MATRIX_STEP_LABELS } from './steps'

const useStyles = makeStyles({
  cell: {
    display: 'inline-flex',
    alignItems: 'center',
    justifyContent: 'center',
    minWidth: '2.25rem',
    height: '1.75rem',
    borderRadius: tokens.borderRadiusMedium,
    fontWeight: tokens.fontWeightSemibold,
    cursor: 'default',
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}` },
  },
  pass: { backgroundColor: tokens.colorPaletteGreenBackground2, color: tokens.colorPaletteGreenForeground2 },
  warn: { backgroundColor: tokens.colorPaletteYellowBackground2, color: tokens.colorPaletteMarigoldForeground2 },
  fail: { backgroundColor: tokens.colorPaletteRedBackground2, color: tokens.colorPaletteRedForeground2 },
  quiet: { backgroundColor: tokens.colorNeutralBackground3, color: tokens.colorNeutralForeground3 },
  unchanged: { opacity: 0.35 },
  tip: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS, maxWidth: '28rem' },
  fix: { margin: 0, paddingInlineStart: tokens.spacingHorizontalL },
})

const CHANGE_MARK: Record<CellChange, string> = { better: '↑', worse: '↓', new: '+', same: '' }
const CHANGE_WORDS: Record<CellChange, string> = {
  better: 'better than the previous run',
  worse: 'worse than the previous run',
  new: 'not in a previous run',
  same: 'as in the previous run',
}
const STATUS_WORDS: Record<Cell['status'], string> = {
  pass: 'passed',
  warn: 'warning',
  fail: 'failed',
  skipped: 'skipped',
  pending: 'waiting',
  running: 'running',
}

export interface MatrixCellProps {
  readonly connectionName: string
  readonly stepId: StepId
  readonly cell: Cell
  /** How the cell moved since the previous run; shown only while "changed since last run" is on. */
  readonly change: CellChange | null
}

export function MatrixCell({ connectionName, stepId, cell, change }: MatrixCellProps) {
  const styles = useStyles()
  const presentation = usePresentation()
  const title = MATRIX_STEP_LABELS[stepId].title
  const tone =
    cell.status === 'pass' || cell.status === 'warn' || cell.status === 'fail' ? styles[cell.status] : styles.quiet
  const content = (
    <div className={styles.tip} data-testid="matrix-cell-detail">
      <Text weight="semibold">
        {title}: {STATUS_WORDS[cell.status]}
        {change ? ` (${CHANGE_WORDS[change]})` : ''}
      </Text>
      <Text>{presentation.mask(cell.summary, 'diagnostic')}</Text>
      {cell.diagnosis && (
        <>
          <Text weight="semibold" data-testid="matrix-cell-diagnosis">
            {cell.diagnosis.title} ({cell.diagnosis.id})
          </Text>
          <ol className={styles.fix} data-testid="matrix-cell-fix">
            {cell.diagnosis.fix.map((step) => (
              <li key={step}>{step}</li>
            ))}
          </ol>
        </>
      )}
    </div>
  )
  return (
    <Tooltip content={content} relationship="description" positioning="below" withArrow>
      <span
        tabIndex={0}
        role="img"
        aria-label={`${connectionName}, ${title}: ${STATUS_WORDS[cell.status]}`}
        className={mergeClasses(styles.cell, tone, change === 'same' && styles.unchanged)}
        data-testid="matrix-cell"
        data-step-id={stepId}
        data-status={cell.status}
        data-change={change ?? undefined}
        data-diagnosis-id={cell.diagnosis?.id}
      >
        {CELL_MARK[cell.status]}
        {change ? CHANGE_MARK[change] : ''}
      </span>
    </Tooltip>
  )
}
