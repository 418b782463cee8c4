/** Create or edit a connection: the form, URL preview, tenant discovery, credentials, and sealed save. */
import {
  Badge,
  Button,
  Caption1,
  Checkbox,
  Divider,
  Dropdown,
  Field,
  Input,
  makeStyles,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Option,
  Radio,
  RadioGroup,
  Spinner,
  Switch,
  Text,
  Textarea,
  Title3,
  tokens,
} from '@fluentui/react-components'
import { Certificate20Regular, Globe16Regular, Key16Regular, Save20Regular } from '@fluentui/react-icons'
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react'
import { cloudLabel, CLOUDS, type Cloud } from '@common/clouds'
import {
  DEFAULT_COLOURS,
  ENVIRONMENT_KINDS,
  ENVIRONMENT_LABELS,
  type ConnectionView,
  type EnvironmentKind,
  type NormalizeResult,
} from '@common/connection'
import type { DiscoveryResult } from '@common/contract/connections'
import type { AppError } from '@common/result'
import { BridgeError, bridge, describeError, toAppError, unwrap } from '../../bridge'
import {
  authorityHostForCloud,
  customSignInHostWarning,
  draftFromForm,
  effectiveColour,
  emptyForm,
  formFromConnection,
  hasErrors,
  validate,
  withEnvironment,
  withPreview,
  type EditorErrors,
  type EditorField,
  type EditorForm,
} from './editor-state'
import { ErrorBar } from '../../ui/ErrorBar'
import { Masked } from '../presentation/Masked'
import { useMaskedField } from '../presentation/use-masked-field'
import { usePresentation } from '../presentation/use-presentation'
import { forgetSealingKey, seal } from './seal'
import { CertificateAssertionChoice } from './CertificateAssertionChoice'
import { FederatedCredentialFields } from './FederatedCredentialFields'
import { UrlPreview } from './UrlPreview'
import { useConnections } from './use-connections'

const useStyles = makeStyles({
  page: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    padding: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalXXL}`,
    maxWidth: '860px',
  },
  header: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS },
  swatch: { width: '14px', height: '14px', borderRadius: '50%', flexShrink: 0 },
  row: { display: 'grid', gridTemplateColumns: '1fr 1fr', gap: tokens.spacingHorizontalL },
  inline: { display: 'flex', alignItems: 'flex-end', gap: tokens.spacingHorizontalS },
  grow: { flex: 1 },
  swatches: { display: 'flex', gap: tokens.spacingHorizontalXS, alignItems: 'center' },
  swatchButton: {
    width: '24px',
    height: '24px',
    borderRadius: '50%',
    border: `2px solid ${tokens.colorNeutralBackground1}`,
    cursor: 'pointer',
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}` },
  },
  swatchChosen: { boxShadow: `0 0 0 2px ${tokens.colorNeutralForeground1}` },
  facts: {
    display: 'grid',
    gridTemplateColumns: 'max-content 1fr',
    columnGap: tokens.spacingHorizontalM,
    fontSize: tokens.fontSizeBase200,
    wordBreak: 'break-all',
  },
  mono: { fontFamily: tokens.fontFamilyMonospace },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS, paddingTop: tokens.spacingVerticalS },
  // A built-in connection is shown, not edited: one disabled fieldset turns every control off at once.
  fieldset: { display: 'contents', border: 'none', margin: 0, padding: 0, minWidth: 0 },
  signInHost: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
})

const EXTRA_COLOURS = ['#0f6cbd', '#038387', '#616161']

export interface ConnectionEditorProps {
  /** null: a new connection. */
  readonly connectionId: string | null
  readonly onSaved: (connection: ConnectionView) => void
  readonly onCancel: () => void
}

const FIELD_FOR_DETAIL: Partial<Record<string, EditorField>> = {
  certificatePath: 'certificate',
  password: 'password',
  secret: 'secret',
  authorityHost: 'authorityHost',
}

export function ConnectionEditor({ connectionId, onSaved, onCancel }: ConnectionEditorProps) {
  const styles = useStyles()
  const presentation = usePresentation()
  const { connections } = useConnections()
  const existing = useMemo(
    () => (connectionId ? (connections.find((c) => c.id === connectionId) ?? null) : null),
    [connections, connectionId],
  )
  const builtIn = existing !== null && existing.builtIn !== null
  const [form, setForm] = useState<EditorForm>(() => (existing ? formFromConnection(existing) : emptyForm()))
  const [preview, setPreview] = useState<NormalizeResult | null>(null)
  const [touched, setTouched] = useState<Partial<Record<EditorField, boolean>>>({})
  const [submitted, setSubmitted] = useState(false)
  const [saving, setSaving] = useState(false)
  const [failure, setFailure] = useState<AppError | null>(null)
  const [serverErrors, setServerErrors] = useState<EditorErrors>({})
  const [discovery, setDiscovery] = useState<{ busy: boolean; result: DiscoveryResult | null; error: AppError | null }>(
    { busy: false, result: null, error: null },
  )
  const loaded = useRef(existing !== null)

  useEffect(() => {
    // The list may arrive after the tab opens; load the connection once it is known.
    if (loaded.current || !existing) return
    loaded.current = true
    setForm(formFromConnection(existing))
  }, [existing])

  useEffect(() => {
    const input = form.urlInput
    if (!input.trim()) {
      setPreview(null)
      return
    }
    let live = true
    const timer = setTimeout(() => {
      void unwrap(bridge().connectionsNormalizeUrl({ input })).then((result) => {
        if (!live) return
        setPreview(result)
        setForm((current) => withPreview(current, result))
      })
    }, 200)
    return () => {
      live = false
      clearTimeout(timer)
    }
  }, [form.urlInput])

  const update = (patch: Partial<EditorForm>, field?: EditorField) => {
    setForm((current) => ({ ...current, ...patch }))
    if (field) {
      setTouched((current) => ({ ...current, [field]: true }))
      setServerErrors((current) => ({ ...current, [field]: undefined }))
    }
  }

  const errors = useMemo(
    () => ({ ...validate(form, preview), ...Object.fromEntries(Object.entries(serverErrors).filter(([, v]) => v)) }),
    [form, preview, serverErrors],
  )
  const show = (field: EditorField) => {
    const message = ((submitted || touched[field]) && errors[field]) || undefined
    return message && presentation.mask(message, 'text')
  }
  const urlField = useMaskedField(form.urlInput, 'diagnostic')
  const nameField = useMaskedField(form.name, 'text')
  const tenantField = useMaskedField(form.tenantId, 'id')
  const clientField = useMaskedField(form.clientId, 'id')
  const notesField = useMaskedField(form.notes, 'text')
  const orgUrl = preview?.ok ? preview.value.orgUrl : null
  const apiVersion = preview?.ok ? preview.value.apiVersion : '9.2'

  const discover = async () => {
    if (!orgUrl) return
    setDiscovery({ busy: true, result: null, error: null })
    try {
      const result = await unwrap(
        bridge().connectionsDiscoverTenant({ orgUrl, apiVersion, tenantId: form.tenantId.trim() }),
      )
      setDiscovery({ busy: false, result, error: null })
      setForm((current) => ({
        ...current,
        authorityHost: result.authorityHost,
        tenantId: result.comparison === 'empty' ? result.tenantId : current.tenantId,
      }))
      setTouched((current) => ({ ...current, tenantId: true, authorityHost: true }))
    } catch (caught) {
      setDiscovery({ busy: false, result: null, error: toAppError(caught) })
    }
  }

  const pickCertificate = async () => {
    try {
      const picked = await unwrap(bridge().connectionsPickCertificate())
      if (!picked.certificatePath) return
      update(
        {
          certificatePath: picked.certificatePath,
          keyPath: picked.keyPath,
          certificate: picked.certificate,
          certificateNeedsPassword: picked.needsPassword,
          certificateProblem: picked.problem,
          passwordAction: picked.needsPassword ? 'set' : 'clear',
          passwordValue: '',
        },
        'certificate',
      )
    } catch (caught) {
      setFailure(toAppError(caught))
    }
  }

  const openWithPassword = async () => {
    try {
      const certificate = await unwrap(
        bridge().connectionsInspectCertificate({
          certificatePath: form.certificatePath,
          keyPath: form.keyPath,
          password: form.passwordValue
            ? { action: 'set', sealed: await seal(form.passwordValue) }
            : { action: form.passwordAction === 'keep' ? 'keep' : 'clear' },
          connectionId,
        }),
      )
      update(
        {
          certificate,
          certificateProblem: null,
          certificateNeedsPassword: false,
          passwordAction: form.passwordValue ? 'set' : form.passwordAction,
        },
        'password',
      )
    } catch (caught) {
      const error = toAppError(caught)
      setServerErrors((current) => ({ ...current, password: describeError(error) }))
      setTouched((current) => ({ ...current, password: true }))
    }
  }

  const save = useCallback(async () => {
    if (builtIn) return
    setSubmitted(true)
    setFailure(null)
    if (hasErrors(errors) || !orgUrl) return
    setSaving(true)
    const attempt = async () =>
      unwrap(bridge().connectionsSave({ id: connectionId, draft: await draftFromForm(form, orgUrl, apiVersion, seal) }))
    try {
      let saved: ConnectionView
      try {
        saved = await attempt()
      } catch (caught) {
        // main restarted since the key was fetched: fetch the new key and seal again, once. Matched by main's
        // wording until the failure carries a code of its own.
        if (!(caught instanceof BridgeError && /earlier session/.test(caught.error.message))) throw caught
        forgetSealingKey()
        saved = await attempt()
      }
      setForm(formFromConnection(saved))
      setSubmitted(false)
      setTouched({})
      setServerErrors({})
      onSaved(saved)
    } catch (caught) {
      const error = toAppError(caught)
      const field = typeof error.details?.field === 'string' ? FIELD_FOR_DETAIL[error.details.field] : undefined
      if (field) setServerErrors((current) => ({ ...current, [field]: describeError(error) }))
      setFailure(error)
    } finally {
      setSaving(false)
    }
  }, [builtIn, errors, orgUrl, apiVersion, form, connectionId, onSaved])

  const onKeyDown = (event: KeyboardEvent<HTMLFormElement>) => {
    if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 's') {
      event.preventDefault()
      void save()
    }
  }

  const colour = effectiveColour(form)
  const customWarning = customSignInHostWarning(form) ?? undefined
  const secretSummary = form.existingSecret
    ? [
        'set',
        form.existingSecret.hint ? `hint ${form.existingSecret.hint}` : null,
        form.secretExpiresOn ? `expires ${form.secretExpiresOn}` : null,
      ]
        .filter(Boolean)
        .join(' · ')
    : null

  return (
    <form
      className={styles.page}
      aria-label={existing ? `${builtIn ? 'Settings of' : 'Edit'} ${existing.name}` : 'New connection'}
      data-testid="connection-editor"
      data-built-in={builtIn || undefined}
      onSubmit={(event) => {
        event.preventDefault()
        void save()
      }}
      onKeyDown={onKeyDown}
      noValidate
    >
      <div className={styles.header}>
        <span className={styles.swatch} style={{ backgroundColor: colour }} aria-hidden />
        <Title3 as="h1">
          {existing ? (
            <>
              {builtIn ? 'Settings of' : 'Edit'} <Masked value={existing.name} />
            </>
          ) : (
            'New connection'
          )}
        </Title3>
        {form.environment === 'prod' && (
          <Badge appearance="filled" color="danger" data-testid="prod-badge">
            PROD
          </Badge>
        )}
      </div>
      {builtIn && (
        <MessageBar intent="info" data-testid="built-in-settings">
          <MessageBarBody>
            <MessageBarTitle>Built into the app</MessageBarTitle>
            These settings come with the app and cannot be changed. The Test connection panel switches which sample app
            it signs in as.
          </MessageBarBody>
        </MessageBar>
      )}
      <fieldset className={styles.fieldset} disabled={builtIn}>
        {form.environment === 'prod' && (
          <MessageBar intent="warning">
            <MessageBarBody>
              <MessageBarTitle>Production</MessageBarTitle>
              This connection is shown in red everywhere
              {form.readOnly
                ? ' and only reads data: writes are refused before they are sent.'
                : '. Read-only is OFF: writes will be sent.'}
            </MessageBarBody>
          </MessageBar>
        )}

        <Field
          label="Environment URL"
          required
          hint={urlField.hint ?? 'Paste any URL you have: the org URL, a main.aspx link, the Web API URL…'}
          validationMessage={show('urlInput')}
        >
          <Input
            value={urlField.value}
            readOnly={urlField.readOnly}
            onChange={(_event, data) => update({ urlInput: data.value }, 'urlInput')}
            placeholder="https://contoso.crm4.dynamics.com/main.aspx?…"
            contentBefore={<Globe16Regular />}
            data-testid="url-input"
            autoFocus
          />
        </Field>
        <UrlPreview preview={preview} />

        <div className={styles.row}>
          <Field label="Name" required hint={nameField.hint} validationMessage={show('name')}>
            <Input
              value={nameField.value}
              readOnly={nameField.readOnly}
              onChange={(_event, data) => update({ name: data.value }, 'name')}
              data-testid="name-input"
            />
          </Field>
          <Field label="Cloud" required validationMessage={show('cloud')}>
            <Dropdown
              value={form.cloud ? cloudLabel(form.cloud) : ''}
              selectedOptions={form.cloud ? [form.cloud] : []}
              placeholder="Choose the cloud"
              onOptionSelect={(_event, data) => {
                const cloud = data.optionValue as Cloud
                update({ cloud, authorityHost: authorityHostForCloud(form, cloud) }, 'cloud')
              }}
              data-testid="cloud-select"
            >
              {CLOUDS.map((cloud) => (
                <Option key={cloud} value={cloud}>
                  {cloudLabel(cloud)}
                </Option>
              ))}
            </Dropdown>
          </Field>
        </div>

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
              <Button
                onClick={() => void discover()}
                disabled={!orgUrl || discovery.busy}
                data-testid="discover-tenant"
              >
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
        {discovery.result && (
          <MessageBar
            intent={discovery.result.comparison === 'different' ? 'warning' : 'success'}
            layout="multiline"
            data-testid="discovery-result"
          >
            <MessageBarBody>
              <Masked
                kind="diagnostic"
                value={
                  discovery.result.comparison === 'different'
                    ? `The environment belongs to tenant ${discovery.result.tenantId}, not ${form.tenantId}. A token from another tenant is refused by Dataverse.`
                    : discovery.result.comparison === 'not-comparable'
                      ? `The environment belongs to tenant ${discovery.result.tenantId}; check that it is the tenant of ${form.tenantId}.`
                      : `Tenant ${discovery.result.tenantId}, signed in at ${discovery.result.authorityHost}.`
                }
              />
            </MessageBarBody>
            {discovery.result.comparison !== 'empty' && discovery.result.comparison !== 'same' && (
              <MessageBarActions>
                <Button
                  size="small"
                  disabled={presentation.on}
                  onClick={() => discovery.result && update({ tenantId: discovery.result.tenantId }, 'tenantId')}
                >
                  Use <Masked value={discovery.result.tenantId} kind="id" />
                </Button>
              </MessageBarActions>
            )}
          </MessageBar>
        )}
        {discovery.error && <ErrorBar error={discovery.error} data-testid="discovery-error" />}

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

        <Divider />
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
            message={show}
          />
        ) : form.authKind === 'secret' ? (
          <div className={styles.row}>
            <Field
              label="Client secret"
              validationMessage={show('secret')}
              hint="Write-only: it is sealed in this window and never shown again."
            >
              {form.existingSecret && form.secretAction === 'keep' ? (
                <div className={styles.inline}>
                  <Text data-testid="secret-summary">
                    <Key16Regular /> {secretSummary}
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
        ) : (
          <div>
            <Field
              label="Certificate"
              validationMessage={show('certificate')}
              hint="A .pfx with its password, or a .pem with the private key (choose both files if the key is separate)."
            >
              <div className={styles.inline}>
                <Button
                  icon={<Certificate20Regular />}
                  onClick={() => void pickCertificate()}
                  data-testid="pick-certificate"
                >
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
                    placeholder={
                      form.existingPassword && form.passwordAction === 'keep' ? 'set (leave empty to keep)' : ''
                    }
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
        )}

        <Divider />
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
              {[
                ...new Set([DEFAULT_COLOURS[form.environment], ...Object.values(DEFAULT_COLOURS), ...EXTRA_COLOURS]),
              ].map((value) => (
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
              ))}
            </div>
          </Field>
        </div>
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
      </fieldset>

      {failure && <ErrorBar error={failure} data-testid="save-error" />}
      {submitted && hasErrors(errors) && (
        <Text role="alert" data-testid="form-errors">
          Fix the highlighted fields to save.
        </Text>
      )}
      <div className={styles.actions}>
        {!builtIn && (
          <Button
            type="submit"
            appearance="primary"
            icon={<Save20Regular />}
            disabled={saving}
            data-testid="save-connection"
          >
            {saving ? 'Saving…' : 'Save'}
          </Button>
        )}
        <Button onClick={onCancel}>Close</Button>
      </div>
    </form>
  )
}
