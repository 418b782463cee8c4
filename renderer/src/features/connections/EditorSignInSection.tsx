/** Who signs in where: the tenant (with discovery from the environment), the sign-in host and the client ID. */
import {
  Button,
  Checkbox,
  Field,
  Input,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  Spinner,
} from '@fluentui/react-components'
import { ErrorBar } from '../../ui/ErrorBar'
import { Masked } from '../presentation/Masked'
import { useMaskedField } from '../presentation/use-masked-field'
import { usePresentation } from '../presentation/use-presentation'
import { customSignInHostWarning } from './editor-state'
import { useEditorStyles } from './editor-styles'
import type { ConnectionEditorModel } from './use-connection-editor'

export function EditorSignInSection({ editor }: { readonly editor: ConnectionEditorModel }) {
  const styles = useEditorStyles()
  const { form, update, show, orgUrl, discovery, discover } = editor
  const tenantField = useMaskedField(form.tenantId, 'id')
  const clientField = useMaskedField(form.clientId, 'id')
  const customWarning = customSignInHostWarning(form) ?? undefined
  return (
    <>
      <div className={styles.row}>
        <Field
          label="Tenant ID"
          required
          validationMessage={show('tenantId')}
          hint={tenantField.hint ?? 'The directory (tenant) ID, or a verified domain.'}
        >
          <div className={styles.inline}>
            <Input
              className={styles.grow}
              value={tenantField.value}
              readOnly={tenantField.readOnly}
              onChange={(_event, data) => update({ tenantId: data.value }, 'tenantId')}
              data-testid="tenant-input"
            />
            <Button onClick={() => void discover()} disabled={!orgUrl || discovery.busy} data-testid="discover-tenant">
              {discovery.busy ? <Spinner size="extra-tiny" /> : 'Discover tenant'}
            </Button>
          </div>
        </Field>
        <div className={styles.signInHost}>
          {/* Red whenever the host is not Entra ID for the cloud: unchosen (an error) or chosen as custom (a warning that stays). */}
          <Field
            label="Sign-in host (authority)"
            required
            validationState={show('authorityHost') || customWarning ? 'error' : 'none'}
            validationMessage={show('authorityHost') || customWarning}
          >
            <Input
              value={form.authorityHost}
              onChange={(_event, data) => update({ authorityHost: data.value }, 'authorityHost')}
              data-testid="authority-input"
            />
          </Field>
          <Checkbox
            checked={form.customSignInHost}
            onChange={(_event, data) => update({ customSignInHost: data.checked === true }, 'authorityHost')}
            label="Custom sign-in host (not Entra ID: an emulator or your own authority)"
            data-testid="custom-sign-in-host"
          />
        </div>
      </div>
      <DiscoveryOutcome editor={editor} />

      <Field
        label="Client ID"
        required
        validationMessage={show('clientId')}
        hint={clientField.hint ?? 'The Application (client) ID of the app registration.'}
      >
        <Input
          value={clientField.value}
          readOnly={clientField.readOnly}
          onChange={(_event, data) => update({ clientId: data.value }, 'clientId')}
          data-testid="client-input"
        />
      </Field>
    </>
  )
}

/** What the environment's 401 challenge said about the tenant, compared with the one typed in. */
function DiscoveryOutcome({ editor }: { readonly editor: ConnectionEditorModel }) {
  const presentation = usePresentation()
  const { form, update, discovery } = editor
  const { result, error } = discovery
  return (
    <>
      {result && (
        <MessageBar
          intent={result.comparison === 'different' ? 'warning' : 'success'}
          layout="multiline"
          data-testid="discovery-result"
        >
          <MessageBarBody>
            <Masked
              kind="diagnostic"
              value={
                result.comparison === 'different'
                  ? `The environment belongs to tenant ${result.tenantId}, not ${form.tenantId}. A token from another tenant is refused by Dataverse.`
                  : result.comparison === 'not-comparable'
                    ? `The environment belongs to tenant ${result.tenantId}; check that it is the tenant of ${form.tenantId}.`
                    : `Tenant ${result.tenantId}, signed in at ${result.authorityHost}.`
              }
            />
          </MessageBarBody>
          {result.comparison !== 'empty' && result.comparison !== 'same' && (
            <MessageBarActions>
              <Button
                size="small"
                disabled={presentation.on}
                onClick={() => update({ tenantId: result.tenantId }, 'tenantId')}
              >
                Use <Masked value={result.tenantId} kind="id" />
              </Button>
            </MessageBarActions>
          )}
        </MessageBar>
      )}
      {error && <ErrorBar error={error} data-testid="discovery-error" />}
    </>
  )
}
