/** Create a customer, or change one's name, colour and notes. Main checks the name is not taken. */
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Input,
  makeStyles,
  Textarea,
  tokens,
} from '@fluentui/react-components'
import { useEffect, useState } from 'react'
import {
  CUSTOMER_COLOURS,
  CUSTOMER_NAME_MAX,
  CUSTOMER_NOTES_MAX,
  type Customer,
  type CustomerColour,
} from '@common/customer'
import type { AppError } from '@common/result'
import { call, describeError, toAppError } from '../../bridge'
import { customerColourLabel, customerColourToken } from './customer-colours'

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  swatches: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXS },
  swatch: {
    width: '24px',
    height: '24px',
    borderRadius: '50%',
    border: `2px solid ${tokens.colorNeutralBackground1}`,
    cursor: 'pointer',
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}` },
  },
  chosen: { boxShadow: `0 0 0 2px ${tokens.colorNeutralForeground1}` },
})

export interface CustomerDialogProps {
  /** null: closed; 'new': create; a customer: edit it. */
  readonly editing: Customer | 'new' | null
  readonly onClose: () => void
  readonly onSaved: (customer: Customer, created: boolean) => void
}

export function CustomerDialog({ editing, onClose, onSaved }: CustomerDialogProps) {
  const styles = useStyles()
  const existing = editing !== 'new' ? editing : null
  const [name, setName] = useState('')
  const [colour, setColour] = useState<CustomerColour>(CUSTOMER_COLOURS[0])
  const [notes, setNotes] = useState('')
  const [failure, setFailure] = useState<AppError | null>(null)
  const [saving, setSaving] = useState(false)

  useEffect(() => {
    if (editing === null) return
    setName(existing?.name ?? '')
    setColour(existing?.colour ?? CUSTOMER_COLOURS[0])
    setNotes(existing?.notes ?? '')
    setFailure(null)
  }, [editing, existing])

  const save = async () => {
    setSaving(true)
    setFailure(null)
    try {
      const customer = existing
        ? await call('customers:update', { id: existing.id, name, colour, notes })
        : await call('customers:create', { name, colour, notes })
      onSaved(customer, existing === null)
    } catch (caught) {
      setFailure(toAppError(caught))
    } finally {
      setSaving(false)
    }
  }

  const nameProblem = failure && (failure.details?.field === 'name' || !failure.details) ? describeError(failure) : null
  return (
    <Dialog open={editing !== null} onOpenChange={(_event, data) => !data.open && onClose()}>
      <DialogSurface data-testid="customer-dialog">
        <form
          onSubmit={(event) => {
            event.preventDefault()
            void save()
          }}
        >
          <DialogBody>
            <DialogTitle>{existing ? `Edit customer ${existing.name}` : 'New customer'}</DialogTitle>
            <DialogContent className={styles.form}>
              <Field label="Name" required validationMessage={nameProblem ?? undefined}>
                <Input
                  value={name}
                  maxLength={CUSTOMER_NAME_MAX}
                  onChange={(_event, data) => setName(data.value)}
                  data-testid="customer-name"
                  autoFocus
                />
              </Field>
              <Field label="Colour">
                <div className={styles.swatches} role="radiogroup" aria-label="Customer colour">
                  {CUSTOMER_COLOURS.map((value) => (
                    <button
                      key={value}
                      type="button"
                      role="radio"
                      aria-checked={colour === value}
                      aria-label={customerColourLabel(value)}
                      className={`${styles.swatch} ${colour === value ? styles.chosen : ''}`}
                      style={{ backgroundColor: customerColourToken(value) }}
                      onClick={() => setColour(value)}
                      data-testid={`customer-colour-${value}`}
                    />
                  ))}
                </div>
              </Field>
              <Field label="Notes" hint="Contacts, contract, anything the team should know.">
                <Textarea
                  value={notes}
                  maxLength={CUSTOMER_NOTES_MAX}
                  onChange={(_event, data) => setNotes(data.value)}
                  resize="vertical"
                />
              </Field>
              {failure && !nameProblem && <span role="alert">{describeError(failure)}</span>}
            </DialogContent>
            <DialogActions>
              <Button appearance="secondary" onClick={onClose}>
                Cancel
              </Button>
              <Button type="submit" appearance="primary" disabled={saving} data-testid="customer-save">
                {existing ? 'Save' : 'Create'}
              </Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  )
}
