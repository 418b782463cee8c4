/** Copy as code: the tab's prepared request as a script in five languages. */
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  makeStyles,
  Tab,
  TabList,
  Text,
  tokens,
} from '@fluentui/react-components'
import { useMemo, useState } from 'react'
import {
  generateSnippet,
  SNIPPET_ENV,
  SNIPPET_LABELS,
  SNIPPET_LANGUAGES,
  type SnippetLanguage,
  type SnippetTarget,
} from '@common/query/snippets'
import { copyText } from '../../clipboard'
import { ErrorBar } from '../../ui/ErrorBar'
import { usePresentation } from '../presentation/use-presentation'
import type { SnippetRequestResult } from './query-request'

const useStyles = makeStyles({
  code: {
    margin: 0,
    padding: tokens.spacingHorizontalM,
    maxHeight: '50vh',
    overflow: 'auto',
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: 'var(--dvw-code-font-size, 12px)',
    backgroundColor: tokens.colorNeutralBackground3,
    borderRadius: tokens.borderRadiusMedium,
    whiteSpace: 'pre',
  },
  note: { color: tokens.colorNeutralForeground3 },
})

export interface SnippetDialogProps {
  readonly open: boolean
  readonly onClose: () => void
  readonly target: SnippetTarget
  /** The tab's request as Run would send it, or why it cannot be sent. */
  readonly snippet: SnippetRequestResult
  readonly initialLanguage?: SnippetLanguage
}

/**
 * Copy as code: the current query as a runnable script in five languages, token step included.
 * On screen, presentation mode masks the tenant and client ids; the copied script has the real
 * ones (it has to run), and never the secret: that is always an environment variable.
 */
export function SnippetDialog({
  open,
  onClose,
  target,
  snippet: prepared,
  initialLanguage = 'curl',
}: SnippetDialogProps) {
  const styles = useStyles()
  const presentation = usePresentation()
  const [language, setLanguage] = useState<SnippetLanguage>(initialLanguage)
  const [copied, setCopied] = useState<string | null>(null)
  const snippet = useMemo(
    () => (prepared.ok ? generateSnippet(language, target, prepared.request) : ''),
    [language, target, prepared],
  )
  const impersonated = prepared.ok
    ? Object.entries(prepared.request.headers).find(([name]) => name.toLowerCase() === 'callerobjectid')?.[1]
    : undefined
  const credentialVariable =
    target.credential === 'secret'
      ? SNIPPET_ENV.secret
      : `${SNIPPET_ENV.certificatePem} / ${SNIPPET_ENV.certificatePfx}`

  return (
    <Dialog open={open} onOpenChange={(_event, data) => !data.open && onClose()}>
      <DialogSurface style={{ maxWidth: '960px' }} data-testid="snippet-dialog">
        <DialogBody>
          <DialogTitle>Copy as code</DialogTitle>
          <DialogContent>
            <TabList
              selectedValue={language}
              onTabSelect={(_event, data) => setLanguage(data.value as SnippetLanguage)}
              size="small"
            >
              {SNIPPET_LANGUAGES.map((value) => (
                <Tab key={value} value={value}>
                  {SNIPPET_LABELS[value]}
                </Tab>
              ))}
            </TabList>
            {prepared.ok ? (
              <pre className={styles.code} data-testid="snippet-code">
                {presentation.text(snippet, [
                  target.tenantId,
                  target.clientId,
                  ...(impersonated ? [impersonated] : []),
                ])}
              </pre>
            ) : (
              <ErrorBar error={prepared.error} lead="This query cannot be sent as it is:" data-testid="snippet-error" />
            )}
            <Text size={200} className={styles.note}>
              The credential is read from {credentialVariable}; set it in your shell first. It is never written into the
              script.
            </Text>
          </DialogContent>
          <DialogActions>
            <Text size={200} aria-live="polite">
              {copied}
            </Text>
            <Button
              appearance="primary"
              disabled={!prepared.ok}
              onClick={() =>
                copyText(snippet).then(
                  () => setCopied(`Copied ${SNIPPET_LABELS[language]}.`),
                  (error: unknown) => setCopied(`Could not copy: ${String(error)}`),
                )
              }
            >
              Copy
            </Button>
            <Button onClick={onClose}>Close</Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  )
}
