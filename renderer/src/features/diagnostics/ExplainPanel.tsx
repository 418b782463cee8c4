/** The Explain an error tab: pasted error text explained offline by main's catalog. */
import {
  Button,
  Field,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Select,
  Spinner,
  Text,
  Textarea,
  Title2,
  tokens,
} from '@fluentui/react-components'
import { useState } from 'react'
import type { AppError } from '@common/result'
import { CLOUDS, type Cloud } from '@common/clouds'
import type { Recognised } from '@common/diagnostics'
import { ErrorBar } from '../../ui/ErrorBar'
import { Masked } from '../presentation/Masked'
import { useMaskedField } from '../presentation/use-masked-field'
import { DiagnosisCard } from './DiagnosisCard'
import { useExplain } from './use-explain'
import { useOpenDocs } from './use-open-docs'

const useStyles = makeStyles({
  page: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalL,
    padding: tokens.spacingHorizontalXXL,
    maxWidth: '960px',
  },
  input: { fontFamily: tokens.fontFamilyMonospace },
  row: { display: 'flex', gap: tokens.spacingHorizontalM, alignItems: 'end' },
  results: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  ids: {
    display: 'grid',
    gridTemplateColumns: 'max-content 1fr',
    columnGap: tokens.spacingHorizontalL,
    rowGap: tokens.spacingVerticalXXS,
  },
  mono: { fontFamily: tokens.fontFamilyMonospace, wordBreak: 'break-all' },
})

const CLOUD_LABELS: Record<Cloud, string> = {
  commercial: 'Commercial',
  gcc: 'US Government (GCC)',
  'gcc-high': 'US Government (GCC High)',
  dod: 'US Government (DoD)',
  china: 'China (21Vianet)',
}

function recognisedRows(recognised: Recognised): [string, string][] {
  const rows: [string, string[]][] = [
    ['AADSTS codes', recognised.aadsts.map((code) => `AADSTS${code}`)],
    ['Dataverse codes', recognised.dataverseCodes],
    ['HTTP status', recognised.httpStatus !== undefined ? [String(recognised.httpStatus)] : []],
    ['Trace IDs', recognised.traceIds],
    ['Correlation IDs', recognised.correlationIds],
    ['Request IDs', recognised.requestIds],
    ['Timestamps', recognised.timestamps],
    ['Hosts', recognised.hosts],
  ]
  return rows.filter(([, values]) => values.length > 0).map(([label, values]) => [label, values.join(', ')])
}

export function ExplainPanel() {
  const styles = useStyles()
  const [text, setText] = useState('')
  const [cloud, setCloud] = useState<Cloud | ''>('')
  const [linkError, setLinkError] = useState<AppError | null>(null)
  const { state, run } = useExplain()
  const openDocs = useOpenDocs(setLinkError)
  // Presenting: the pasted error is shown with its ids and addresses masked; a paste replaces it.
  const field = useMaskedField(text, 'diagnostic', { onPaste: setText })
  const submit = () => {
    if (text.trim()) void run(text, cloud || undefined)
  }

  return (
    <section className={styles.page} aria-label="Explain an error" data-testid="explain-panel">
      <Title2 as="h1">Explain an error</Title2>
      <Text>
        Paste anything: an AADSTS message, an MSAL or .NET exception, a PowerShell error, a Dataverse error body, an
        HTTP response with its headers, or a network or TLS error. It is explained here, offline; nothing is sent
        anywhere.
      </Text>
      <Field label="Error text" hint={field.hint}>
        <Textarea
          textarea={{ className: styles.input }}
          resize="vertical"
          rows={8}
          value={field.value}
          readOnly={field.readOnly}
          onPaste={field.onPaste}
          onChange={(_event, data) => setText(data.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) submit()
          }}
          placeholder="invalid_client: Error(s): 7000215 - Timestamp: … - Description: AADSTS7000215: Invalid client secret provided…"
          data-testid="explain-input"
        />
      </Field>
      <div className={styles.row}>
        <Field label="Cloud">
          <Select
            value={cloud}
            onChange={(_event, data) => setCloud(data.value as Cloud | '')}
            data-testid="explain-cloud"
          >
            <option value="">Detect from the text</option>
            {CLOUDS.map((value) => (
              <option key={value} value={value}>
                {CLOUD_LABELS[value]}
              </option>
            ))}
          </Select>
        </Field>
        <Button
          appearance="primary"
          onClick={submit}
          disabled={!text.trim() || state.status === 'working'}
          data-testid="explain-run"
        >
          Explain
        </Button>
      </div>

      {state.status === 'working' && <Spinner size="tiny" label="Reading the error…" />}
      {state.status === 'error' && <ErrorBar error={state.error} />}
      {linkError && <ErrorBar intent="warning" error={linkError} onDismiss={() => setLinkError(null)} />}
      {state.status === 'done' && (
        <div className={styles.results} data-testid="explain-results" aria-live="polite">
          <MessageBar intent={state.result.matched ? 'info' : 'warning'}>
            <MessageBarBody data-testid="explain-summary">
              <Masked value={state.result.summary} kind="diagnostic" />
            </MessageBarBody>
          </MessageBar>
          {state.result.diagnoses.map((diagnosis) => (
            <DiagnosisCard key={diagnosis.id} diagnosis={diagnosis} onOpenDocs={openDocs} />
          ))}
          {recognisedRows(state.result.recognised).length > 0 && (
            <section aria-label="Recognised in the text" data-testid="explain-recognised">
              <Text weight="semibold">Recognised in the text</Text>
              <div className={styles.ids}>
                {recognisedRows(state.result.recognised).map(([label, value]) => (
                  <div key={label} style={{ display: 'contents' }}>
                    <Text>{label}</Text>
                    <Text className={styles.mono}>
                      <Masked value={value} kind="diagnostic" />
                    </Text>
                  </div>
                ))}
              </div>
            </section>
          )}
        </div>
      )}
    </section>
  )
}
