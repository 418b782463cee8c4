/** One diagnosis as a card, fix first: shared by the explain panel and the check. */
import { Badge, Button, makeStyles, Text, tokens } from '@fluentui/react-components'
import { Open16Regular } from '@fluentui/react-icons'
import type { Diagnosis } from '@common/diagnostics'
import { Masked } from '../presentation/Masked'

const useStyles = makeStyles({
  card: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalL,
    borderRadius: tokens.borderRadiusMedium,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderLeft: `4px solid ${tokens.colorPaletteRedBorder2}`,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  medium: { borderLeftColor: tokens.colorPaletteMarigoldBorder2 },
  low: { borderLeftColor: tokens.colorNeutralStroke1 },
  heading: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  fix: {
    margin: 0,
    paddingInlineStart: tokens.spacingHorizontalXL,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
  },
  meta: { color: tokens.colorNeutralForeground3 },
  footer: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalM, flexWrap: 'wrap' },
})

const CONFIDENCE_COLOUR = { high: 'danger', medium: 'warning', low: 'subtle' } as const

export interface DiagnosisCardProps {
  readonly diagnosis: Diagnosis
  readonly onOpenDocs: (url: string) => void
}

/** One diagnosis: what to do first (the numbered fix), then why, then where it came from. */
export function DiagnosisCard({ diagnosis, onOpenDocs }: DiagnosisCardProps) {
  const styles = useStyles()
  const tone = diagnosis.confidence === 'high' ? undefined : styles[diagnosis.confidence]
  return (
    <article
      className={tone ? `${styles.card} ${tone}` : styles.card}
      data-testid="diagnosis"
      data-diagnosis-id={diagnosis.id}
    >
      <div className={styles.heading}>
        <Text weight="semibold" size={400} as="h3">
          <Masked value={diagnosis.title} kind="diagnostic" />
        </Text>
        <Badge appearance="tint" color={CONFIDENCE_COLOUR[diagnosis.confidence]}>
          {diagnosis.confidence} confidence
        </Badge>
        <Badge appearance="outline" color="informative">
          {diagnosis.id}
        </Badge>
      </div>
      <Text weight="semibold">Fix</Text>
      <ol className={styles.fix} data-testid="diagnosis-fix">
        {diagnosis.fix.map((step) => (
          <li key={step}>
            <Text>
              <Masked value={step} kind="diagnostic" />
            </Text>
          </li>
        ))}
      </ol>
      <Text weight="semibold">Why</Text>
      <Text data-testid="diagnosis-cause">
        <Masked value={diagnosis.cause} kind="diagnostic" />
      </Text>
      <div className={styles.footer}>
        <Button
          size="small"
          appearance="secondary"
          icon={<Open16Regular />}
          onClick={() => onOpenDocs(diagnosis.docsUrl)}
        >
          Microsoft documentation
        </Button>
        {diagnosis.matched && (
          <Text size={200} className={styles.meta}>
            Matched: <Masked value={diagnosis.matched} kind="diagnostic" />
          </Text>
        )}
      </div>
    </article>
  )
}
