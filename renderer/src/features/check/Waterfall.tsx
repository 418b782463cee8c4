/** The check's timing chart, for "why is this slow" as well as "why does this fail". */
import { makeStyles, mergeClasses, Text, tokens } from '@fluentui/react-components'
import type { CheckResult } from '@common/diagnostics'
import { buildWaterfall, type WaterfallBar } from '@common/waterfall'
import { usePresentation } from '../presentation/use-presentation'

const useStyles = makeStyles({
  chart: { display: 'flex', flexDirection: 'column', gap: '2px' },
  row: {
    display: 'grid',
    gridTemplateColumns: 'minmax(120px, 28%) 1fr',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    minHeight: '18px',
  },
  label: { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap', fontSize: tokens.fontSizeBase200 },
  request: { paddingInlineStart: tokens.spacingHorizontalL, color: tokens.colorNeutralForeground3 },
  track: { position: 'relative', height: '14px', backgroundColor: tokens.colorNeutralBackground3, borderRadius: '2px' },
  bar: { position: 'absolute', top: 0, bottom: 0, minWidth: '2px', borderRadius: '2px' },
  pass: { backgroundColor: tokens.colorPaletteGreenBackground3 },
  warn: { backgroundColor: tokens.colorPaletteMarigoldBackground3 },
  fail: { backgroundColor: tokens.colorPaletteRedBackground3 },
  other: { backgroundColor: tokens.colorNeutralStroke1 },
  requestBar: { backgroundColor: tokens.colorBrandBackground, top: '3px', bottom: '3px' },
  legend: { color: tokens.colorNeutralForeground3 },
})

function barClass(styles: ReturnType<typeof useStyles>, bar: WaterfallBar): string {
  if (bar.kind === 'request') return `${styles.bar} ${styles.requestBar}`
  const tone =
    bar.status === 'pass'
      ? styles.pass
      : bar.status === 'warn'
        ? styles.warn
        : bar.status === 'fail'
          ? styles.fail
          : styles.other
  return `${styles.bar} ${tone}`
}

/** Where the time went: each step and each of its requests on the check's own timeline. */
export function Waterfall({ check }: { readonly check: CheckResult }) {
  const styles = useStyles()
  const presentation = usePresentation()
  const shown = (text: string) => presentation.mask(text, 'diagnostic')
  const waterfall = buildWaterfall(check)
  const percent = (ms: number) => `${Math.min(100, (ms / waterfall.totalMs) * 100)}%`
  return (
    <figure
      className={styles.chart}
      data-testid="check-waterfall"
      aria-label="Waterfall of the check's steps and requests"
      style={{ margin: 0 }}
    >
      {waterfall.bars.map((bar, index) => (
        <div className={styles.row} key={`${bar.label}-${index}`} data-kind={bar.kind}>
          <Text
            className={mergeClasses(styles.label, bar.kind === 'request' && styles.request)}
            title={shown(bar.label)}
          >
            {shown(bar.label)}
          </Text>
          <div className={styles.track}>
            <div
              className={barClass(styles, bar)}
              style={{ left: percent(bar.startMs), width: percent(bar.durationMs) }}
              title={shown(
                `${bar.label}: ${Math.round(bar.durationMs)} ms from ${Math.round(bar.startMs)} ms (${bar.detail})`,
              )}
            />
          </div>
        </div>
      ))}
      <Text as="p" size={200} className={styles.legend}>
        {Math.round(waterfall.totalMs)} ms in all. Bars that overlap ran in parallel. Longest chain:{' '}
        {shown(waterfall.criticalPath.join(' → '))}.
      </Text>
    </figure>
  )
}
