/** How the connection looks and behaves: environment kind, colour, read-only, and notes. */
import { Dropdown, Field, Option, Switch, Textarea } from '@fluentui/react-components'
import { DEFAULT_COLOURS, ENVIRONMENT_KINDS, ENVIRONMENT_LABELS, type EnvironmentKind } from '@common/connection'
import { Masked } from '../presentation/Masked'
import { useMaskedField } from '../presentation/use-masked-field'
import { usePresentation } from '../presentation/use-presentation'
import { effectiveColour, withEnvironment } from './editor-state'
import { useEditorStyles } from './editor-styles'
import type { ConnectionEditorModel } from './use-connection-editor'
import { useConnections } from './use-connections'

const EXTRA_COLOURS = ['#0f6cbd', '#038387', '#616161']
const UNGROUPED = ''

/** Which customer the connection belongs to; shown once any customer exists. */
function CustomerField({ editor }: { readonly editor: ConnectionEditorModel }) {
  const { customers } = useConnections()
  const presentation = usePresentation()
  if (customers.length === 0) return null
  const chosen =
    editor.form.customerChoice !== undefined ? editor.form.customerChoice : (editor.existing?.customerId ?? null)
  const customer = customers.find((item) => item.id === chosen) ?? null
  return (
    <Field label="Customer">
      <Dropdown
        value={customer ? presentation.mask(customer.name, 'text') : 'Ungrouped'}
        selectedOptions={[customer?.id ?? UNGROUPED]}
        onOptionSelect={(_event, data) =>
          editor.update({
            customerChoice: data.optionValue && data.optionValue !== UNGROUPED ? data.optionValue : null,
          })
        }
        data-testid="customer-select"
      >
        {customers.map((item) => (
          <Option key={item.id} value={item.id} text={item.name}>
            <Masked value={item.name} />
          </Option>
        ))}
        <Option value={UNGROUPED}>Ungrouped</Option>
      </Dropdown>
    </Field>
  )
}

export function EditorAdvancedSection({ editor }: { readonly editor: ConnectionEditorModel }) {
  const styles = useEditorStyles()
  const { form, setForm, update } = editor
  const notesField = useMaskedField(form.notes, 'text')
  const colour = effectiveColour(form)
  return (
    <>
      <div className={styles.row}>
        <Field label="Environment kind">
          <Dropdown
            value={ENVIRONMENT_LABELS[form.environment]}
            selectedOptions={[form.environment]}
            onOptionSelect={(_event, data) =>
              setForm((current) => withEnvironment(current, data.optionValue as EnvironmentKind))
            }
            data-testid="environment-select"
          >
            {ENVIRONMENT_KINDS.map((kind) => (
              <Option key={kind} value={kind}>
                {ENVIRONMENT_LABELS[kind]}
              </Option>
            ))}
          </Dropdown>
        </Field>
        <Field label="Colour">
          <div className={styles.swatches} role="radiogroup" aria-label="Colour">
            {[...new Set([DEFAULT_COLOURS[form.environment], ...Object.values(DEFAULT_COLOURS), ...EXTRA_COLOURS])].map(
              (value) => (
                <button
                  key={value}
                  type="button"
                  role="radio"
                  aria-checked={colour === value}
                  aria-label={`Colour ${value}`}
                  className={`${styles.swatchButton} ${colour === value ? styles.swatchChosen : ''}`}
                  style={{ backgroundColor: value }}
                  onClick={() => update({ colour: value })}
                />
              ),
            )}
          </div>
        </Field>
      </div>
      <CustomerField editor={editor} />
      <Switch
        checked={form.readOnly}
        onChange={(_event, data) => update({ readOnly: data.checked, readOnlyTouched: true })}
        label={
          form.readOnly
            ? 'Read-only: only reads are sent (writes are refused before sending)'
            : 'Read-only is off: writes are allowed'
        }
        data-testid="read-only-switch"
      />
      <Field label="Notes" hint={notesField.hint}>
        <Textarea
          value={notesField.value}
          readOnly={notesField.readOnly}
          onChange={(_event, data) => update({ notes: data.value })}
          resize="vertical"
        />
      </Field>
    </>
  )
}
