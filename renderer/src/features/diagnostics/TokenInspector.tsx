/** The Token inspector tab: a pasted access token decoded and checked against what the connection expects. */
import {
  Button,
  Field,
  Input,
  makeStyles,
  mergeClasses,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  Textarea,
  Title2,
  Title3,
  tokens,
} from '@fluentui/react-components'
import { useState } from 'react'
import type { TokenClaim, TokenFinding, TokenInspection } from '@common/diagnostics'
import { ErrorBar } from '../../ui/ErrorBar'
import { Masked } from '../presentation/Masked'
import { useMaskedField } from '../presentation/use-masked-field'
import { usePresentation } from '../presentation/use-presentation'
import { formatCountdown, useCountdown } from './use-countdown'
import { useTokenInspector } from './use-token-inspector'

const useStyles = makeStyles({
  page: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalL,
    padding: tokens.spacingHorizontalXXL,
    maxWidth: '1040px',
  },
  mono: { fontFamily: tokens.fontFamilyMonospace, wordBreak: 'break-all' },
  expected: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(240px, 1fr))',
    alignItems: 'start',
    gap: tokens.spacingHorizontalM,
  },
  findings: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  meaning: { color: tokens.colorNeutralForeground3 },
  countdown: { fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  // A pasted token is a live credential: while presenting it is dotted out like a password as it is pasted.
  concealed: { WebkitTextSecurity: 'disc' } as Record<string, string>,
})

const INTENT = { error: 'error', warning: 'warning', info: 'info' } as const

function ClaimsTable({ claims, label }: { claims: readonly TokenClaim[]; label: string }) {
  const styles = useStyles()
  return (
    <Table size="small" aria-label={label} data-testid={`token-${label.toLowerCase()}`}>
      <TableHeader>
        <TableRow>
          <TableHeaderCell style={{ width: '120px' }}>Claim</TableHeaderCell>
          <TableHeaderCell style={{ width: '36%' }}>Value</TableHeaderCell>
          <TableHeaderCell>Meaning</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {claims.map((claim) => (
          <TableRow key={claim.name} data-claim={claim.name}>
            <TableCell className={styles.mono}>{claim.name}</TableCell>
            <TableCell className={styles.mono}>
              <Masked value={claim.value} kind="diagnostic" />
            </TableCell>
            <TableCell className={styles.meaning}>
              <Masked value={claim.meaning} kind="diagnostic" />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  )
}

function Findings({ findings }: { findings: readonly TokenFinding[] }) {
  const styles = useStyles()
  return (
    <div className={styles.findings} data-testid="token-findings">
      {findings.map((finding) => (
        <MessageBar key={finding.id} intent={INTENT[finding.severity]} data-finding-id={finding.id}>
          <MessageBarBody>
            <MessageBarTitle>{finding.id}</MessageBarTitle>
            <Masked value={finding.message} kind="diagnostic" />
          </MessageBarBody>
        </MessageBar>
      ))}
    </div>
  )
}

function Result({ inspection, receivedAt }: { inspection: TokenInspection; receivedAt: number }) {
  const styles = useStyles()
  const remaining = useCountdown(inspection.expiry?.secondsRemaining, receivedAt)
  return (
    <div className={styles.findings} data-testid="token-result" aria-live="polite">
      <Text>
        {inspection.kind === 'unknown'
          ? 'A token of unknown kind'
          : `An ${inspection.kind === 'app' ? 'application' : 'user'} token`}
        , format version {inspection.version}.
      </Text>
      {remaining !== undefined && inspection.expiry && (
        <Text className={styles.countdown} data-testid="token-countdown">
          {formatCountdown(remaining)} <span className={styles.meaning}>({inspection.expiry.expiresAt})</span>
        </Text>
      )}
      <Findings findings={inspection.findings} />
      <Title3 as="h2">Claims</Title3>
      <ClaimsTable claims={inspection.claims} label="Claims" />
      <Title3 as="h2">Header</Title3>
      <ClaimsTable claims={inspection.header} label="Header" />
    </div>
  )
}

export function TokenInspector() {
  const styles = useStyles()
  const [token, setToken] = useState('')
  const [environmentUrl, setEnvironmentUrl] = useState('')
  const [tenantId, setTenantId] = useState('')
  const [clientId, setClientId] = useState('')
  const { state, inspect } = useTokenInspector()
  const presentation = usePresentation()
  const urlField = useMaskedField(environmentUrl, 'diagnostic')
  const tenantField = useMaskedField(tenantId, 'id')
  const clientField = useMaskedField(clientId, 'id')

  const submit = () => {
    if (!token.trim()) return
    void inspect(token, {
      ...(environmentUrl.trim() ? { environmentUrl: environmentUrl.trim() } : {}),
      ...(tenantId.trim() ? { tenantId: tenantId.trim() } : {}),
      ...(clientId.trim() ? { clientId: clientId.trim() } : {}),
    })
    // The window keeps claims, not tokens: the pasted token is dropped once it has been sent.
    setToken('')
  }

  return (
    <section className={styles.page} aria-label="Token inspector" data-testid="token-inspector">
      <Title2 as="h1">Token inspector</Title2>
      <Text>
        Paste an access token to see what it says: who issued it, for which environment and app, and when it expires. It
        is decoded in the app, not verified, and not kept: the window only receives the claims.
      </Text>
      <Field
        label="Access token"
        hint={
          presentation.on
            ? 'With or without “Bearer ”. Presentation mode is on: the token is hidden as it is pasted.'
            : 'With or without “Bearer ”.'
        }
      >
        <Textarea
          textarea={{ className: mergeClasses(styles.mono, presentation.on && styles.concealed) }}
          rows={4}
          resize="vertical"
          value={token}
          onChange={(_event, data) => setToken(data.value)}
          placeholder="eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiIs…"
          data-testid="token-input"
        />
      </Field>
      <Text weight="semibold">Compare with (optional)</Text>
      <div className={styles.expected}>
        <Field label="Environment URL" hint={urlField.hint}>
          <Input
            value={urlField.value}
            readOnly={urlField.readOnly}
            onChange={(_e, d) => setEnvironmentUrl(d.value)}
            placeholder="https://contoso.crm.dynamics.com"
            data-testid="token-expected-url"
          />
        </Field>
        <Field label="Tenant ID" hint={tenantField.hint}>
          <Input
            value={tenantField.value}
            readOnly={tenantField.readOnly}
            onChange={(_e, d) => setTenantId(d.value)}
            data-testid="token-expected-tenant"
          />
        </Field>
        <Field label="Client ID" hint={clientField.hint}>
          <Input
            value={clientField.value}
            readOnly={clientField.readOnly}
            onChange={(_e, d) => setClientId(d.value)}
            data-testid="token-expected-client"
          />
        </Field>
      </div>
      <div>
        <Button
          appearance="primary"
          onClick={submit}
          disabled={!token.trim() || state.status === 'working'}
          data-testid="token-run"
        >
          Inspect token
        </Button>
      </div>
      {state.status === 'working' && <Spinner size="tiny" label="Decoding…" />}
      {state.status === 'error' && <ErrorBar error={state.error} data-testid="token-error" />}
      {state.status === 'done' && <Result inspection={state.inspection} receivedAt={state.receivedAt} />}
    </section>
  )
}
