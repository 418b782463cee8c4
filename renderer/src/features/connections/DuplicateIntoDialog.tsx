/**
 * "Duplicate into another environment": the same app registration, tenant, credential and customer
 * on another environment URL. The copy signs in with the original's stored secret; none is typed or copied.
 */
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Dropdown,
  Field,
  Input,
  makeStyles,
  Option,
  Text,
  tokens,
} from '@fluentui/react-components'
import { useEffect, useState } from 'react'
import { ENVIRONMENT_KINDS, ENVIRONMENT_LABELS, type ConnectionView, type EnvironmentKind } from '@common/connection'
import type { AppError } from '@common/result'
import { call, describeError, toAppError } from '../../bridge'
import { Masked } from '../presentation/Masked'

const useStyles = makeStyles({ form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM } })

export interface DuplicateIntoDialogProps {
  readonly original: ConnectionView | null
  readonly onClose: () => void
  readonly onCreated: (copy: ConnectionView) => void
}

export function DuplicateIntoDialog({ original, onClose, onCreated }: DuplicateIntoDialogProps) {
  const styles = useStyles()
  const [url, setUrl] = useState('')
  const [name, setName] = useState('')
  const [environment, setEnvironment] = useState<EnvironmentKind>('test')
  const [failure, setFailure] = useState<AppError | null>(null)
  const [busy, setBusy] = useState(false)

  useEffect(() => {
    if (!original) return
    setUrl('')
    setName(`${original.name} (copy)`.slice(0, 80))
    setEnvironment(original.environment === 'dev' ? 'test' : original.environment)
    setFailure(null)
  }, [original])

  const create = async () => {
    if (!original) return
    setBusy(true)
    setFailure(null)
    try {
      onCreated(await call('connections:duplicate-into', { id: original.id, url, name, environment }))
    } catch (caught) {
      setFailure(toAppError(caught))
    } finally {
      setBusy(false)
    }
  }

  const credential =
    original?.auth.kind === 'certificate'
      ? 'the same certificate file and its stored password'
      : 'the stored client secret of the original (it is shared, not copied)'
  return (
    <Dialog open={original !== null} onOpenChange={(_event, data) => !data.open && onClose()}>
      <DialogSurface data-testid="duplicate-into-dialog">
        <form
          onSubmit={(event) => {
            event.preventDefault()
            void create()
          }}
        >
          <DialogBody>
            <DialogTitle>Duplicate into another environment</DialogTitle>
            <DialogContent className={styles.form}>
              <Text>
                A copy of “<Masked value={original?.name ?? ''} />” with the same app registration, tenant and customer.
                It signs in with {credential}.
              </Text>
              <Field
                label="Environment URL"
                required
                hint="Any URL of the other environment: the org URL, a main.aspx link, the Web API URL."
                validationMessage={failure?.details?.field === 'url' ? describeError(failure) : undefined}
              >
                <Input
                  value={url}
                  onChange={(_event, data) => setUrl(data.value)}
                  placeholder="https://contoso-test.crm4.dynamics.com"
                  data-testid="duplicate-into-url"
                  autoFocus
                />
              </Field>
              <Field label="Name" required>
                <Input
                  value={name}
                  onChange={(_event, data) => setName(data.value)}
                  data-testid="duplicate-into-name"
                />
              </Field>
              <Field label="Environment kind">
                <Dropdown
                  value={ENVIRONMENT_LABELS[environment]}
                  selectedOptions={[environment]}
                  onOptionSelect={(_event, data) => setEnvironment(data.optionValue as EnvironmentKind)}
                  data-testid="duplicate-into-environment"
                >
                  {ENVIRONMENT_KINDS.map((kind) => (
                    <Option key={kind} value={kind}>
                      {ENVIRONMENT_LABELS[kind]}
                    </Option>
                  ))}
                </Dropdown>
              </Field>
              {failure && failure.details?.field !== 'url' && <span role="alert">{describeError(failure)}</span>}
            </DialogContent>
            <DialogActions>
              <Button appearance="secondary" onClick={onClose}>
                Cancel
              </Button>
              <Button
                type="submit"
                appearance="primary"
                disabled={busy || !url.trim()}
                data-testid="duplicate-into-create"
              >
                Create copy
              </Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  )
}
