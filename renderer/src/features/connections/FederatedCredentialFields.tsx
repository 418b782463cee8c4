/**
 * The editor's fields for a federated credential (workload identity federation): where main reads
 * the pipeline's OIDC token — a file chosen in main's dialog, or an environment variable — and the
 * Subject the app's federated credential expects, so a check can compare it with the token's.
 * Nothing secret is typed here: the token never reaches this window.
 */
import { Button, Caption1, Field, Input, makeStyles, Radio, RadioGroup, tokens } from '@fluentui/react-components'
import { DocumentKey20Regular } from '@fluentui/react-icons'
import { useState } from 'react'
import { SUBJECT_FORMATS } from '@common/federated-subject'
import { bridge, describeError, toAppError, unwrap } from '../../bridge'
import { describeExpectedSubject, type FederatedForm } from './federated-form'

const useStyles = makeStyles({
  column: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  inline: { display: 'flex', alignItems: 'flex-end', gap: tokens.spacingHorizontalS },
  mono: { fontFamily: tokens.fontFamilyMonospace, wordBreak: 'break-all' },
  formats: { margin: 0, paddingLeft: tokens.spacingHorizontalL, fontSize: tokens.fontSizeBase200 },
})

export interface FederatedCredentialFieldsProps {
  readonly value: FederatedForm
  readonly onChange: (patch: Partial<FederatedForm>, field: 'federatedToken' | 'federatedSubject') => void
  /** The validation message to show for a field, if any. */
  readonly message: (field: 'federatedToken' | 'federatedSubject') => string | undefined
}

export function FederatedCredentialFields({ value, onChange, message }: FederatedCredentialFieldsProps) {
  const styles = useStyles()
  const [pickError, setPickError] = useState<string | null>(null)
  const meaning = describeExpectedSubject(value.expectedSubject)

  const pickFile = async () => {
    setPickError(null)
    try {
      const picked = await unwrap(bridge().connectionsPickTokenFile())
      if (picked.path) onChange({ tokenReference: picked.path }, 'federatedToken')
    } catch (caught) {
      setPickError(describeError(toAppError(caught)))
    }
  }

  return (
    <div className={styles.column} data-testid="federated-fields">
      <Field label="The pipeline's OIDC token is in">
        <RadioGroup
          layout="horizontal"
          value={value.tokenSource}
          onChange={(_event, data) =>
            onChange({ tokenSource: data.value as FederatedForm['tokenSource'], tokenReference: '' }, 'federatedToken')
          }
        >
          <Radio value="env" label="An environment variable" />
          <Radio value="file" label="A file" />
        </RadioGroup>
      </Field>
      {value.tokenSource === 'env' ? (
        <Field
          label="Variable name"
          validationMessage={message('federatedToken')}
          hint="Read each time a token is needed (pipeline tokens live minutes); the token is never stored or shown. Commands: use dvw --federated-token-command."
        >
          <Input
            value={value.tokenReference}
            placeholder="AZURE_FEDERATED_TOKEN"
            onChange={(_event, data) => onChange({ tokenReference: data.value }, 'federatedToken')}
            data-testid="federated-env-input"
          />
        </Field>
      ) : (
        <Field
          label="Token file"
          validationMessage={message('federatedToken') ?? pickError ?? undefined}
          hint="The file the pipeline writes (AZURE_FEDERATED_TOKEN_FILE on Azure Pipelines and AKS), read again for every token."
        >
          <div className={styles.inline}>
            <Button icon={<DocumentKey20Regular />} onClick={() => void pickFile()} data-testid="pick-token-file">
              Choose file…
            </Button>
            <Caption1 className={styles.mono} data-testid="token-file-path">
              {value.tokenReference || 'No file chosen'}
            </Caption1>
          </div>
        </Field>
      )}
      <Field
        label="Subject of the app's federated credential (optional)"
        validationMessage={message('federatedSubject')}
        hint={
          meaning ?? 'As shown in Certificates & secrets → Federated credentials; the check compares it with the token.'
        }
      >
        <Input
          value={value.expectedSubject}
          placeholder="repo:OWNER/REPO:environment:NAME"
          onChange={(_event, data) => onChange({ expectedSubject: data.value }, 'federatedSubject')}
          data-testid="federated-subject-input"
        />
      </Field>
      <ul className={styles.formats} aria-label="Subject formats">
        {SUBJECT_FORMATS.map((format) => (
          <li key={format.kind}>
            {format.label}: <span className={styles.mono}>{format.format}</span>
          </li>
        ))}
      </ul>
    </div>
  )
}
