/** The documented platform limits, as the check's limits step reports them: each with its source and date. */
import {
  Badge,
  Link,
  makeStyles,
  Table,
  TableBody,
  TableCell,
  TableRow,
  Text,
  tokens,
} from '@fluentui/react-components'
import type { PlatformLimitView } from '@common/contract/limits'

const useStyles = makeStyles({
  label: { fontWeight: tokens.fontWeightSemibold, verticalAlign: 'top', width: '28%' },
  cell: { verticalAlign: 'top', paddingBlock: tokens.spacingVerticalS },
  source: { display: 'block', marginTop: tokens.spacingVerticalXS, color: tokens.colorNeutralForeground3 },
})

export interface PlatformLimitsProps {
  readonly facts: readonly PlatformLimitView[]
  readonly onOpenSource: (url: string) => void
}

export function PlatformLimits({ facts, onOpenSource }: PlatformLimitsProps) {
  const styles = useStyles()
  return (
    <Table size="small" aria-label="Documented platform limits">
      <TableBody>
        {facts.map((fact) => (
          <TableRow key={fact.label} data-testid="platform-limit" data-enforced={fact.enforced}>
            <TableCell className={styles.label}>{fact.label}</TableCell>
            <TableCell className={styles.cell}>
              <Text>{fact.value}</Text>{' '}
              {!fact.enforced && (
                <Badge appearance="tint" color="informative" data-testid="not-enforced">
                  not enforced yet
                </Badge>
              )}
              <Text size={200} className={styles.source}>
                Source:{' '}
                <Link
                  href={fact.source}
                  onClick={(event) => {
                    event.preventDefault()
                    onOpenSource(fact.source)
                  }}
                >
                  {fact.source}
                </Link>{' '}
                (as of {fact.asOf})
              </Text>
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  )
}
