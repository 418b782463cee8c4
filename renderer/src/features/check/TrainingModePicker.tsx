/** Training mode for the offline sample: pick the misconfiguration it signs in with. */
import { Field, Select } from '@fluentui/react-components'

export interface TrainingModePickerProps {
  readonly scenarios: readonly { readonly scenario: string; readonly label: string }[]
  readonly value: string | null
  readonly onChange: (scenario: string) => void
}

/** Training mode: which emulator scenario the offline sample signs in as, so each failure can be seen and learned. */
export function TrainingModePicker({ scenarios, value, onChange }: TrainingModePickerProps) {
  return (
    <Field
      label="Training mode: sample scenario"
      hint="The offline sample signs in as an app set up this way; the check shows what goes wrong and how to fix it."
    >
      <Select
        data-testid="training-scenario"
        value={value ?? ''}
        onChange={(_event, data) => {
          if (data.value && data.value !== value) onChange(data.value)
        }}
      >
        {scenarios.map((item) => (
          <option key={item.scenario} value={item.scenario}>
            {item.label} ({item.scenario})
          </option>
        ))}
      </Select>
    </Field>
  )
}
