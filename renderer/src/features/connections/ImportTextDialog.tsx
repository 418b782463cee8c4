/** Import of pasted connection strings, sealed in the window because they may hold secrets. */
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Textarea,
} from '@fluentui/react-components'
import { useState } from 'react'
import { bridge, describeError, toAppError, unwrap } from '../../bridge'
import { useMaskedField } from '../presentation/use-masked-field'
import { usePresentation } from '../presentation/use-presentation'
import { seal } from './seal'

/** While presenting, a pasted string shows neither its ids (masked) nor its secret (hidden). */
export function concealConnectionStringSecrets(text: string): string {
  return text.replace(
    /(\b(?:client_?secret|secret|password|pwd)\s*=\s*)([^;\r\n]*)/gi,
    (_whole, key: string, value: string) => (value ? `${key}••••••••` : key),
  )
}

/** Pasted connection strings may hold real secrets, so the text is sealed before it goes to main. */
export function ImportTextDialog(props: {
  readonly open: boolean
  readonly onClose: () => void
  readonly onImported: (count: number, warnings: string[]) => void
}) {
  const [text, setText] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const presentation = usePresentation()
  const field = useMaskedField(text, 'diagnostic', { onPaste: setText, conceal: concealConnectionStringSecrets })

  const submit = async () => {
    setBusy(true)
    setError(null)
    try {
      const result = await unwrap(bridge().connectionsImport({ kind: 'text', sealed: await seal(text) }))
      setText('')
      props.onImported(result.imported.length, result.warnings)
    } catch (caught) {
      setError(describeError(toAppError(caught)))
    } finally {
      setBusy(false)
    }
  }

  return (
    <Dialog open={props.open} onOpenChange={(_event, data) => !data.open && props.onClose()}>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>Import connection strings</DialogTitle>
          <DialogContent>
            <Field
              label="One Dataverse ServiceClient connection string per line"
              hint={
                field.hint ??
                'AuthType=ClientSecret;Url=https://org.crm.dynamics.com;ClientId=…;ClientSecret=… — a real secret goes straight to the secret store.'
              }
              validationMessage={error ? presentation.mask(error, 'diagnostic') : undefined}
            >
              <Textarea
                value={field.value}
                readOnly={field.readOnly}
                onPaste={field.onPaste}
                onChange={(_event, data) => setText(data.value)}
                rows={6}
                resize="vertical"
                data-testid="import-text"
              />
            </Field>
          </DialogContent>
          <DialogActions>
            <Button appearance="secondary" onClick={props.onClose}>
              Cancel
            </Button>
            <Button appearance="primary" disabled={busy || !text.trim()} onClick={() => void submit()}>
              Import
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  )
}
