/** The marks a connection carries wherever it is listed, so production and expiring credentials are never missed. */
import { Badge, makeStyles, tokens, Tooltip } from '@fluentui/react-components'
import {
  Beaker16Regular,
  CheckmarkCircle16Filled,
  DismissCircle16Filled,
  Key16Filled,
  LockClosed16Filled,
  Warning16Filled,
} from '@fluentui/react-icons'
import { ENVIRONMENT_LABELS, type ConnectionView } from '@common/connection'
import { credentialExpiry, describeExpiry, expiryOf } from '@common/credential-expiry'
import { usePresentation } from '../presentation/use-presentation'

const useStyles = makeStyles({
  row: { display: 'inline-flex', alignItems: 'center', gap: tokens.spacingHorizontalXS, flexShrink: 0 },
  lock: { color: tokens.colorNeutralForeground2 },
  pass: { color: tokens.colorPaletteGreenForeground1 },
  warn: { color: tokens.colorPaletteDarkOrangeForeground1 },
  fail: { color: tokens.colorPaletteRedForeground1 },
})

/** PROD badge, read-only lock, sample badge, credential expiry: the same marks wherever a connection is shown. */
export function ConnectionBadges({
  connection,
  showTest = false,
}: {
  readonly connection: ConnectionView
  readonly showTest?: boolean
}) {
  const styles = useStyles()
  const presentation = usePresentation()
  const test = connection.lastTest
  const expiry = credentialExpiry(expiryOf(connection.auth), new Date())
  const credential =
    connection.auth.kind === 'secret'
      ? 'Client secret'
      : connection.auth.kind === 'federated'
        ? 'Federated credential'
        : 'Certificate'
  return (
    <span className={styles.row}>
      {connection.builtIn === 'sample' && (
        <Badge appearance="tint" color="informative" size="small" icon={<Beaker16Regular />} data-testid="sample-badge">
          Sample
        </Badge>
      )}
      {connection.environment === 'prod' && (
        <Badge
          appearance="filled"
          color="danger"
          size="small"
          data-testid="prod-badge"
          aria-label="Production environment"
        >
          PROD
        </Badge>
      )}
      {connection.environment !== 'prod' && connection.builtIn === null && (
        <Badge appearance="outline" color="subtle" size="small">
          {ENVIRONMENT_LABELS[connection.environment]}
        </Badge>
      )}
      {connection.readOnly && (
        <Tooltip content="Read-only: only reads are sent" relationship="label">
          <LockClosed16Filled className={styles.lock} data-testid="read-only-lock" />
        </Tooltip>
      )}
      {expiry && (
        <Tooltip
          content={`${credential} ${describeExpiry(expiry)} (${expiry.on.slice(0, 10)}): renew it before sign-in fails.`}
          relationship="label"
        >
          <Key16Filled
            className={expiry.state === 'expired' ? styles.fail : styles.warn}
            data-testid="credential-expiry"
            data-state={expiry.state}
          />
        </Tooltip>
      )}
      {showTest && test && (
        <Tooltip
          content={`Last test ${new Date(test.at).toLocaleString()}: ${presentation.mask(test.summary, 'diagnostic')}`}
          relationship="label"
        >
          {test.status === 'pass' ? (
            <CheckmarkCircle16Filled className={styles.pass} data-testid="last-test" data-status="pass" />
          ) : test.status === 'warn' ? (
            <Warning16Filled className={styles.warn} data-testid="last-test" data-status="warn" />
          ) : (
            <DismissCircle16Filled className={styles.fail} data-testid="last-test" data-status="fail" />
          )}
        </Tooltip>
      )}
    </span>
  )
}

export function hostOf(orgUrl: string): string {
  try {
    return new URL(orgUrl).host
  } catch {
    return orgUrl
  }
}
