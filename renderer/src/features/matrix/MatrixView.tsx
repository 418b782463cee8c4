/** The live matrix: rows are connections, columns the check's steps; progress, Cancel, changes and export. */
import {
  Button,
  Caption1,
  makeStyles,
  Menu,
  MenuItem,
  MenuList,
  MenuPopover,
  MenuTrigger,
  MessageBar,
  MessageBarBody,
  mergeClasses,
  ProgressBar,
  Switch,
  Text,
  tokens,
} from '@fluentui/react-components'
import { ArrowExport20Regular, Dismiss20Regular } from '@fluentui/react-icons'
import { useState } from 'react'
import { rowFailed, type CellChange, type MatrixRow, type MatrixRun } from '@common/check-matrix'
import { Masked } from '../presentation/Masked'
import { usePresentation } from '../presentation/use-presentation'
import { MatrixCell } from './MatrixCell'
import { progressOf } from './matrix-state'
import { MATRIX_STEP_IDS, MATRIX_STEP_LABELS } from './steps'
import type { MatrixExportFormat } from './use-check-all'

const useStyles = makeStyles({
  view: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, minWidth: 0 },
  toolbar: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalM, flexWrap: 'wrap' },
  progress: { flexGrow: 1, minWidth: '12rem' },
  scroller: { overflowX: 'auto' },
  table: { borderCollapse: 'collapse', fontSize: tokens.fontSizeBase200 },
  head: {
    padding: tokens.spacingHorizontalXS,
    textAlign: 'center',
    verticalAlign: 'bottom',
    fontWeight: tokens.fontWeightSemibold,
    color: tokens.colorNeutralForeground2,
  },
  name: { textAlign: 'left', padding: tokens.spacingHorizontalS, minWidth: '12rem' },
  td: { padding: tokens.spacingHorizontalXXS, textAlign: 'center' },
  url: { color: tokens.colorNeutralForeground3, display: 'block' },
})

const EXPORTS: ReadonlyArray<{ format: MatrixExportFormat; label: string }> = [
  { format: 'html', label: 'Web page (printable)…' },
  { format: 'markdown', label: 'Markdown…' },
  { format: 'csv', label: 'CSV (spreadsheet)…' },
]

function outcomeText(row: MatrixRow): string {
  switch (row.state) {
    case 'queued':
      return 'Queued'
    case 'running':
      return 'Checking…'
    case 'cancelled':
      return 'Cancelled'
    case 'error':
      return 'Could not run'
    case 'done':
      return row.outcome === 'fail' ? 'Failed' : row.outcome === 'warn' ? 'Passed with warnings' : 'Passed'
  }
}

export interface MatrixViewProps {
  readonly rows: readonly MatrixRow[]
  /** The finished run (with the comparison), or null while it goes on. */
  readonly run: MatrixRun | null
  readonly cancelling: boolean
  readonly onCancel: () => void
  readonly onExport: (format: MatrixExportFormat) => void
}

export function MatrixView({ rows, run, cancelling, onCancel, onExport }: MatrixViewProps) {
  const styles = useStyles()
  const presentation = usePresentation()
  const [changesOnly, setChangesOnly] = useState(false)
  const { finished, total } = progressOf(rows)
  const changeOf = (row: MatrixRow, stepId: (typeof MATRIX_STEP_IDS)[number]): CellChange | null =>
    changesOnly ? (run?.comparison[row.connectionId]?.cells[stepId] ?? null) : null
  const changed = (row: MatrixRow) =>
    Object.values(run?.comparison[row.connectionId]?.cells ?? {}).some((change) => change !== 'same')
  const shown = changesOnly ? rows.filter(changed) : rows
  const failed = rows.filter(rowFailed).length

  return (
    <div className={styles.view} data-testid="matrix-view">
      <div className={styles.toolbar}>
        <div className={styles.progress}>
          <Text data-testid="matrix-progress">
            {run
              ? `Checked ${total} connection${total === 1 ? '' : 's'}: ${failed} failed${run.cancelled.length ? `, ${run.cancelled.length} cancelled` : ''}.`
              : `Checked ${finished} of ${total}…`}
          </Text>
          <ProgressBar value={total ? finished / total : 0} thickness="large" />
        </div>
        {!run && (
          <Button icon={<Dismiss20Regular />} disabled={cancelling} onClick={onCancel} data-testid="matrix-cancel">
            {cancelling ? 'Cancelling…' : 'Cancel'}
          </Button>
        )}
        <Switch
          label="Changed since last run"
          checked={changesOnly}
          disabled={!run}
          onChange={(_event, data) => setChangesOnly(data.checked)}
          data-testid="matrix-changes"
        />
        <Menu>
          <MenuTrigger disableButtonEnhancement>
            <Button icon={<ArrowExport20Regular />} disabled={!run} data-testid="matrix-export">
              Export
            </Button>
          </MenuTrigger>
          <MenuPopover>
            <MenuList>
              {EXPORTS.map(({ format, label }) => (
                <MenuItem key={format} onClick={() => onExport(format)} data-testid={`matrix-export-${format}`}>
                  {label}
                </MenuItem>
              ))}
            </MenuList>
          </MenuPopover>
        </Menu>
      </div>
      {run?.saveProblem && (
        <MessageBar intent="warning">
          <MessageBarBody>This run was not saved for the next comparison: {run.saveProblem}</MessageBarBody>
        </MessageBar>
      )}
      {changesOnly && shown.length === 0 && (
        <Text data-testid="matrix-no-changes">Nothing changed since the last run.</Text>
      )}
      <div className={styles.scroller}>
        <table className={styles.table} data-testid="matrix-table">
          <thead>
            <tr>
              <th className={mergeClasses(styles.head, styles.name)}>Connection</th>
              {MATRIX_STEP_IDS.map((id) => (
                <th key={id} className={styles.head} scope="col" title={MATRIX_STEP_LABELS[id].proves}>
                  {MATRIX_STEP_LABELS[id].title}
                </th>
              ))}
              <th className={styles.head}>Outcome</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((row) => (
              <tr
                key={row.connectionId}
                data-testid="matrix-row"
                data-connection-id={row.connectionId}
                data-state={row.state}
                data-outcome={row.outcome ?? undefined}
              >
                <th scope="row" className={styles.name}>
                  <Masked value={row.connectionName} />
                  <Caption1 className={styles.url}>
                    <Masked value={row.environmentUrl} />
                  </Caption1>
                  {row.problem && (
                    <Caption1 data-testid="matrix-row-problem">{presentation.mask(row.problem, 'diagnostic')}</Caption1>
                  )}
                </th>
                {MATRIX_STEP_IDS.map((id) => {
                  const cell = row.cells[id]
                  return (
                    <td key={id} className={styles.td}>
                      {cell && (
                        <MatrixCell
                          connectionName={row.connectionName}
                          stepId={id}
                          cell={cell}
                          change={changeOf(row, id)}
                        />
                      )}
                    </td>
                  )
                })}
                <td className={styles.td}>{outcomeText(row)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  )
}
