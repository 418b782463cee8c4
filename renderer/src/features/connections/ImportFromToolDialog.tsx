/**
 * "Import from another tool": pac CLI or Dataverse CLI auth profiles, an XrmToolBox connection file or
 * Power Platform ToolBox connections. The file is chosen and read in main; the result lists what was
 * taken, what was skipped and why, and that no secret was read.
 */
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components'
import { useState } from 'react'
import type { ImportSource, ToolImportResult } from '@common/contract/interop'
import type { AppError } from '@common/result'
import { bridge, toAppError, unwrap } from '../../bridge'
import { Masked } from '../presentation/Masked'

const useStyles = makeStyles({
  sources: { display: 'grid', gridTemplateColumns: '1fr 1fr', gap: tokens.spacingHorizontalS },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
  section: { marginTop: tokens.spacingVerticalM },
})

const SOURCES: readonly { readonly source: ImportSource; readonly label: string; readonly hint: string }[] = [
  { source: 'pac', label: 'pac CLI profiles', hint: 'authprofiles_v2.json' },
  { source: 'dataverse-cli', label: 'Dataverse CLI profiles', hint: 'pac-compatible authprofiles_v2.json' },
  { source: 'xrmtoolbox', label: 'XrmToolBox connections', hint: 'the connection file (.xml)' },
  { source: 'pptb', label: 'Power Platform ToolBox', hint: 'connections.json' },
]

function ResultPanel(props: { readonly result: ToolImportResult }) {
  const styles = useStyles()
  const { result } = props
  return (
    <div data-testid="tool-import-result">
      <Text weight="semibold" block>
        Imported {result.imported.length} connection{result.imported.length === 1 ? '' : 's'}
      </Text>
      <ul className={styles.list}>
        {result.taken.map((item) => (
          <li key={item.name} data-testid="tool-import-taken">
            <Masked value={item.name} />: <Masked value={item.detail} kind="diagnostic" />
          </li>
        ))}
      </ul>
      {result.skipped.length > 0 && (
        <div className={styles.section}>
          <Text weight="semibold" block>
            Skipped {result.skipped.length}
          </Text>
          <ul className={styles.list}>
            {result.skipped.map((item) => (
              <li key={item.name} data-testid="tool-import-skipped">
                <Masked value={item.name} />: {item.reason}
              </li>
            ))}
          </ul>
        </div>
      )}
      {result.notes.map((note) => (
        <MessageBar key={note} intent="info" className={styles.section}>
          <MessageBarBody>{note}</MessageBarBody>
        </MessageBar>
      ))}
    </div>
  )
}

export function ImportFromToolDialog(props: { readonly open: boolean; readonly onClose: (imported: boolean) => void }) {
  const styles = useStyles()
  const [result, setResult] = useState<ToolImportResult | null>(null)
  const [error, setError] = useState<AppError | null>(null)
  const [busy, setBusy] = useState(false)

  const choose = async (source: ImportSource) => {
    setBusy(true)
    setError(null)
    try {
      const answer = await unwrap(bridge().interopImport({ source }))
      if (!answer.cancelled) setResult(answer)
    } catch (caught) {
      setError(toAppError(caught))
    } finally {
      setBusy(false)
    }
  }

  const close = () => {
    const imported = (result?.imported.length ?? 0) > 0
    setResult(null)
    setError(null)
    props.onClose(imported)
  }

  return (
    <Dialog open={props.open} onOpenChange={(_event, data) => !data.open && close()}>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>Import from another tool</DialogTitle>
          <DialogContent>
            {!result && (
              <div className={styles.sources}>
                {SOURCES.map((entry) => (
                  <Button
                    key={entry.source}
                    disabled={busy}
                    onClick={() => void choose(entry.source)}
                    data-testid={`import-from-${entry.source}`}
                  >
                    {entry.label} ({entry.hint})…
                  </Button>
                ))}
              </div>
            )}
            {error && (
              <MessageBar intent="error" className={styles.section}>
                <MessageBarBody>
                  <MessageBarTitle>{error.message}</MessageBarTitle>
                  {error.cause} {error.next}
                </MessageBarBody>
              </MessageBar>
            )}
            {result && <ResultPanel result={result} />}
          </DialogContent>
          <DialogActions>
            {result && (
              <Button appearance="secondary" onClick={() => setResult(null)}>
                Import another
              </Button>
            )}
            <Button appearance="primary" onClick={close}>
              Done
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  )
}
