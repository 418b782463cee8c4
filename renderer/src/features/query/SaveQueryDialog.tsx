/** Saving a tab's query to the library under a name and tags. */
import {
  Button,
  Checkbox,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Input,
  Textarea,
} from '@fluentui/react-components'
import { useState } from 'react'
import type { QueryTab, SavedQuery } from '@common/query/workspace'
import type { AppError } from '@common/result'
import { bridge, toAppError, unwrap } from '../../bridge'
import { ErrorBar } from '../../ui/ErrorBar'
import { useMaskedField } from '../presentation/use-masked-field'

export interface SaveQueryDialogProps {
  readonly tab: QueryTab
  readonly existing: SavedQuery | null
  readonly onClose: () => void
  readonly onSaved: (query: SavedQuery) => void
}

/** Name, tags, description and scope (this connection or every connection) of a saved query. */
export function SaveQueryDialog({ tab, existing, onClose, onSaved }: SaveQueryDialogProps) {
  const [name, setName] = useState(existing?.name ?? tab.title)
  const [tags, setTags] = useState(existing?.tags.join(', ') ?? '')
  const [description, setDescription] = useState(existing?.description ?? '')
  const [global, setGlobal] = useState(existing ? existing.connectionId === null : tab.connectionId === null)
  const [error, setError] = useState<AppError | null>(null)
  const [busy, setBusy] = useState(false)
  const nameField = useMaskedField(name, 'text')
  const descriptionField = useMaskedField(description, 'text')

  const save = async () => {
    setBusy(true)
    setError(null)
    try {
      const saved = await unwrap(
        bridge().savedQueriesSave({
          ...(existing ? { id: existing.id } : {}),
          name: name.trim(),
          description,
          tags: tags
            .split(',')
            .map((tag) => tag.trim())
            .filter(Boolean),
          connectionId: global ? null : tab.connectionId,
          mode: tab.mode,
          text: tab.text,
        }),
      )
      onSaved(saved)
    } catch (failure) {
      setError(toAppError(failure))
    } finally {
      setBusy(false)
    }
  }

  return (
    <Dialog open onOpenChange={(_event, data) => !data.open && onClose()}>
      <DialogSurface data-testid="save-query-dialog">
        <DialogBody>
          <DialogTitle>{existing ? 'Update saved query' : 'Save query'}</DialogTitle>
          <DialogContent style={{ display: 'flex', flexDirection: 'column', gap: 12 }}>
            {error && <ErrorBar error={error} />}
            <Field
              label="Name"
              required
              hint={nameField.hint}
              validationMessage={name.trim() ? undefined : 'A saved query needs a name.'}
            >
              <Input
                value={nameField.value}
                readOnly={nameField.readOnly}
                onChange={(_event, data) => setName(data.value)}
                maxLength={200}
              />
            </Field>
            <Field label="Tags" hint="Comma separated, e.g. demo, sales">
              <Input value={tags} onChange={(_event, data) => setTags(data.value)} />
            </Field>
            <Field label="Description" hint={descriptionField.hint}>
              <Textarea
                value={descriptionField.value}
                readOnly={descriptionField.readOnly}
                onChange={(_event, data) => setDescription(data.value)}
                maxLength={2000}
              />
            </Field>
            <Checkbox
              checked={global}
              disabled={tab.connectionId === null}
              onChange={(_event, data) => setGlobal(Boolean(data.checked))}
              label="Available on every connection"
            />
          </DialogContent>
          <DialogActions>
            <Button appearance="primary" disabled={busy || !name.trim()} onClick={() => void save()}>
              Save
            </Button>
            <Button onClick={onClose}>Cancel</Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  )
}
