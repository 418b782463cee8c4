/**
 * How a certificate signs the client assertion: PS256 with the SHA-256 thumbprint (`x5t#S256`),
 * which Microsoft recommends and the app uses by default, or RS256 with the SHA-1 thumbprint
 * (`x5t`) for a setup that still needs it. Either way the private key stays in main.
 */
import { Field, Radio, RadioGroup } from '@fluentui/react-components'
import type { CertificateAssertion } from '@common/connection'

export function CertificateAssertionChoice({
  value,
  onChange,
}: {
  readonly value: CertificateAssertion
  readonly onChange: (value: CertificateAssertion) => void
}) {
  return (
    <Field
      label="Client assertion"
      hint="Entra accepts both; PS256 with the SHA-256 thumbprint is the recommended one."
    >
      <RadioGroup
        layout="horizontal"
        value={value}
        onChange={(_event, data) => onChange(data.value as CertificateAssertion)}
        data-testid="certificate-assertion"
      >
        <Radio value="PS256" label="PS256 + x5t#S256 (SHA-256)" />
        <Radio value="RS256" label="RS256 + x5t (SHA-1)" />
      </RadioGroup>
    </Field>
  )
}
