import { Dropdown, Field, Option } from '@fluentui/react-components'

export interface TrainingModePickerProps {
  readonly scenarios: readonly { readonly scenario: string; readonly label: string }[]
  readonly value: string | null
  readonly disabled?: boolean
  readonly onChange: (scenario: string) => void
}

/** Training mode: which emulator scenario the offline sample signs in as, so each failure can be seen and learned. */
export function TrainingModePicker({ scenarios, value, disabled, onChange }: TrainingModePickerProps) {
  const selected = scenarios.find((item) => item.scenario === value)
  return (
    <Field label="Training mode: sample scenario" hint="The offline sample signs in as an app set up this way; the check shows what goes wrong and how to fix it.">
      <Dropdown
        data-testid="training-scenario"
        value={selected ? `${selected.label} (${selected.scenario})` : ''}
        selectedOptions={value ? [value] : []}
        disabled={disabled}
        onOptionSelect={(_event, data) => {
          if (data.optionValue && data.optionValue !== value) onChange(data.optionValue)
        }}
      >
        {scenarios.map((item) => (
          <Option key={item.scenario} value={item.scenario} text={`${item.label} (${item.scenario})`} data-testid={`training-scenario-${item.scenario}`}>
            {item.label} ({item.scenario})
          </Option>
        ))}
      </Dropdown>
    </Field>
  )
}
