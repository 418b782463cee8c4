/** The credential: a write-only client secret with its expiry, or a certificate file with its password. */
import { Button, Caption1, Checkbox, Field, Input, Radio, RadioGroup, Text } from '@fluentui/react-components'
import { Certificate20Regular, Key16Regular } from '@fluentui/react-icons'
import { Masked } from '../presentation/Masked'
import { CertificateAssertionChoice } from './CertificateAssertionChoice'
import { FederatedCredentialFields } from './FederatedCredentialFields'
import type { EditorForm } from './editor-state'
import { useEditorStyles } from './editor-styles'
import type { ConnectionEditorModel } from './use-connection-editor'

interface SectionProps {
  readonly editor: ConnectionEditorModel
}

export function EditorCredentialSection({ editor }: SectionProps) {
  const { form, update } = editor
  return (
    <>
      <Field label="Credential">
        <RadioGroup
          layout="horizontal"
          value={form.authKind}
          onChange={(_event, data) => update({ authKind: data.value as EditorForm['authKind'] })}
        >
          <Radio value="secret" label="Client secret" />
          <Radio value="certificate" label="Certificate" />
          <Radio value="federated" label="Federated credential" />
        </RadioGroup>
      </Field>
      {form.authKind === 'federated' ? (
        <FederatedCredentialFields
          value={form.federated}
          onChange={(patch, field) => update({ federated: { ...form.federated, ...patch } }, field)}
          message={editor.show}
        />
      ) : form.authKind === 'secret' ? (
        <SecretFields editor={editor} />
      ) : (
        <CertificateFields editor={editor} />
      )}
    </>
  )
}

/** "set · hint abc · expires 2027-01-01" for a stored secret, which is never shown itself. */
function secretSummaryOf(form: EditorForm): string | null {
  if (!form.existingSecret) return null
  return [
    'set',
    form.existingSecret.hint ? `hint ${form.existingSecret.hint}` : null,
    form.secretExpiresOn ? `expires ${form.secretExpiresOn}` : null,
  ]
    .filter(Boolean)
    .join(' · ')
}

function SecretFields({ editor }: SectionProps) {
  const styles = useEditorStyles()
  const { form, update, show } = editor
  return (
    <div className={styles.row}>
      <Field
        label="Client secret"
        validationMessage={show('secret')}
        hint="Write-only: it is sealed in this window and never shown again."
      >
        {form.existingSecret && form.secretAction === 'keep' ? (
          <div className={styles.inline}>
            <Text data-testid="secret-summary">
              <Key16Regular /> {secretSummaryOf(form)}
            </Text>
            <Button
              size="small"
              onClick={() => update({ secretAction: 'set', secretValue: '' }, 'secret')}
              data-testid="replace-secret"
            >
              Replace
            </Button>
            <Button
              size="small"
              appearance="subtle"
              onClick={() => update({ secretAction: 'clear', secretValue: '' }, 'secret')}
            >
              Clear
            </Button>
          </div>
        ) : form.secretAction === 'clear' && form.existingSecret ? (
          <div className={styles.inline}>
            <Text>The stored secret will be removed when you save.</Text>
            <Button size="small" onClick={() => update({ secretAction: 'keep' }, 'secret')}>
              Undo
            </Button>
          </div>
        ) : (
          <Input
            type="password"
            autoComplete="off"
            value={form.secretValue}
            onChange={(_event, data) => update({ secretValue: data.value, secretAction: 'set' }, 'secret')}
            data-testid="secret-input"
          />
        )}
      </Field>
      <Field
        label="Secret expires on"
        validationMessage={show('secretExpiresOn')}
        hint="From Certificates & secrets; the app warns before it passes."
      >
        <Input
          type="date"
          value={form.secretExpiresOn}
          onChange={(_event, data) => update({ secretExpiresOn: data.value }, 'secretExpiresOn')}
          data-testid="expiry-input"
        />
      </Field>
    </div>
  )
}

function CertificateFields({ editor }: SectionProps) {
  const styles = useEditorStyles()
  const { form, update, show, pickCertificate, openWithPassword } = editor
  return (
    <div>
      <Field
        label="Certificate"
        validationMessage={show('certificate')}
        hint="A .pfx with its password, or a .pem with the private key (choose both files if the key is separate)."
      >
        <div className={styles.inline}>
          <Button icon={<Certificate20Regular />} onClick={() => void pickCertificate()} data-testid="pick-certificate">
            Choose file…
          </Button>
          <Caption1 className={styles.mono}>{form.certificatePath || 'No file chosen'}</Caption1>
        </div>
      </Field>
      {form.keyPath && <Caption1 className={styles.mono}>Key: {form.keyPath}</Caption1>}
      {(form.certificateNeedsPassword || form.certificate?.format === 'pfx' || form.existingPassword) && (
        <Field label="Certificate password" validationMessage={show('password')}>
          <div className={styles.inline}>
            <Input
              type="password"
              autoComplete="off"
              value={form.passwordValue}
              placeholder={form.existingPassword && form.passwordAction === 'keep' ? 'set (leave empty to keep)' : ''}
              onChange={(_event, data) =>
                update(
                  {
                    passwordValue: data.value,
                    passwordAction: data.value ? 'set' : form.existingPassword ? 'keep' : 'clear',
                  },
                  'password',
                )
              }
              data-testid="certificate-password"
            />
            <Button onClick={() => void openWithPassword()} disabled={!form.certificatePath}>
              Open
            </Button>
          </div>
        </Field>
      )}
      {form.certificate && (
        <div className={styles.facts} data-testid="certificate-facts">
          <Caption1>SHA-1 thumbprint</Caption1>
          <span className={styles.mono}>{form.certificate.thumbprintSha1}</span>
          <Caption1>SHA-256 thumbprint</Caption1>
          <span className={styles.mono}>{form.certificate.thumbprintSha256}</span>
          {form.certificate.notAfter && (
            <>
              <Caption1>Valid until</Caption1>
              <span>{form.certificate.notAfter.slice(0, 10)}</span>
            </>
          )}
          {form.certificate.subject && (
            <>
              <Caption1>Subject</Caption1>
              <span>
                <Masked value={form.certificate.subject} />
              </span>
            </>
          )}
        </div>
      )}
      <Checkbox
        checked={form.sendX5c}
        onChange={(_event, data) => update({ sendX5c: Boolean(data.checked) })}
        label="Send the certificate chain (x5c) with each sign-in (needed for subject-name/issuer authentication)"
      />
      <CertificateAssertionChoice
        value={form.certificateAssertion}
        onChange={(value) => update({ certificateAssertion: value })}
      />
    </div>
  )
}
