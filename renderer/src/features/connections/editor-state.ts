/**
 * The connection editor's form: its state, the validation message for each field, and the draft
 * sent to main. Pure functions, so the rules are tested without rendering.
 */
import { CLOUDS, isSignInHostOf, signInHostOf, signInHostProblem, type Cloud } from '@common/clouds'
import {
  DEFAULT_COLOURS,
  defaultReadOnly,
  type CertificateAssertion,
  isGuid,
  type ConnectionDraft,
  type ConnectionView,
  type EnvironmentKind,
  type NormalizeResult,
  type SealedSecret,
  type SecretChange,
} from '@common/connection'
import type { CertificateInfo } from '@common/contract/connections'
import {
  EMPTY_FEDERATED,
  federatedDraft,
  federatedFromView,
  validateFederated,
  type FederatedForm,
} from './federated-form'

type SecretAction = 'keep' | 'set' | 'clear'

export interface EditorForm {
  /** The customer picked in the editor (null: ungrouped); absent until the user picks one, so a save keeps what is stored. */
  readonly customerChoice?: string | null
  readonly urlInput: string
  readonly name: string
  readonly cloud: Cloud | ''
  readonly authorityHost: string
  /** The user's explicit choice of a sign-in host that is not Entra ID (an emulator). */
  readonly customSignInHost: boolean
  readonly tenantId: string
  readonly clientId: string
  readonly environment: EnvironmentKind
  readonly readOnly: boolean
  /** Once the user flips read-only, changing the environment no longer overrides it. */
  readonly readOnlyTouched: boolean
  /** null: the default colour of the environment kind. */
  readonly colour: string | null
  readonly notes: string
  readonly authKind: 'secret' | 'certificate' | 'federated'
  /** What the connection had when the editor opened (write-only fields show only these facts). */
  readonly existingSecret: { readonly hint?: string } | null
  readonly secretAction: SecretAction
  readonly secretValue: string
  readonly secretExpiresOn: string
  readonly certificate: CertificateInfo | null
  readonly certificatePath: string
  readonly keyPath: string | null
  readonly certificateNeedsPassword: boolean
  readonly certificateProblem: string | null
  readonly existingPassword: boolean
  readonly passwordAction: SecretAction
  readonly passwordValue: string
  readonly sendX5c: boolean
  readonly certificateAssertion: CertificateAssertion
  readonly federated: FederatedForm
}

export type EditorField =
  | 'urlInput'
  | 'name'
  | 'cloud'
  | 'authorityHost'
  | 'tenantId'
  | 'clientId'
  | 'secret'
  | 'secretExpiresOn'
  | 'certificate'
  | 'password'
  | 'federatedToken'
  | 'federatedSubject'

export type EditorErrors = Partial<Record<EditorField, string>>

export function emptyForm(): EditorForm {
  return {
    urlInput: '',
    name: '',
    cloud: '',
    authorityHost: '',
    customSignInHost: false,
    tenantId: '',
    clientId: '',
    environment: 'dev',
    readOnly: false,
    readOnlyTouched: false,
    colour: null,
    notes: '',
    authKind: 'secret',
    existingSecret: null,
    secretAction: 'set',
    secretValue: '',
    secretExpiresOn: '',
    certificate: null,
    certificatePath: '',
    keyPath: null,
    certificateNeedsPassword: false,
    certificateProblem: null,
    existingPassword: false,
    passwordAction: 'clear',
    passwordValue: '',
    sendX5c: false,
    certificateAssertion: 'PS256',
    federated: EMPTY_FEDERATED,
  }
}

/** What the secret fields start from when the connection has a federated credential. */
const NO_SECRET: ConnectionView['auth'] = { kind: 'secret', hasSecret: false }

export function formFromConnection(connection: ConnectionView): EditorForm {
  if (connection.auth.kind === 'federated') {
    const federated = federatedFromView(connection.auth)
    return { ...formFromConnection({ ...connection, auth: NO_SECRET }), authKind: 'federated', federated }
  }
  const base = emptyForm()
  const auth = connection.auth
  return {
    ...base,
    urlInput: connection.orgUrl,
    name: connection.name,
    cloud: connection.cloud,
    authorityHost: connection.authorityHost,
    customSignInHost: connection.customSignInHost ?? false,
    tenantId: connection.tenantId,
    clientId: connection.clientId,
    environment: connection.environment,
    readOnly: connection.readOnly,
    readOnlyTouched: true,
    colour: connection.colour,
    notes: connection.notes,
    authKind: auth.kind,
    ...(auth.kind === 'secret'
      ? {
          existingSecret: auth.hasSecret ? { hint: auth.hint } : null,
          secretAction: auth.hasSecret ? 'keep' : 'set',
          secretExpiresOn: auth.expiresOn ?? '',
        }
      : {
          certificate: {
            certificatePath: auth.certificatePath,
            keyPath: auth.keyPath ?? null,
            format: auth.format,
            thumbprintSha1: auth.thumbprintSha1,
            thumbprintSha256: auth.thumbprintSha256,
            notBefore: '',
            notAfter: auth.notAfter ?? '',
            subject: '',
            issuer: '',
          },
          certificatePath: auth.certificatePath,
          keyPath: auth.keyPath ?? null,
          existingPassword: auth.hasPassword,
          passwordAction: auth.hasPassword ? 'keep' : 'clear',
          sendX5c: auth.sendX5c,
          certificateAssertion: auth.assertion ?? 'PS256',
        }),
  }
}

/** Applies what the normaliser understood: the cloud and the cloud's sign-in host follow the URL unless already chosen. */
export function withPreview(form: EditorForm, preview: NormalizeResult | null): EditorForm {
  if (!preview?.ok) return form
  const value = preview.value
  const cloud = value.cloud ?? form.cloud
  // A host the user (or the stored connection) set stays, so a doubtful one is shown for review, not replaced.
  const followsUrl =
    value.authorityHost !== null &&
    (!form.authorityHost || CLOUDS.some((other) => signInHostOf(other) === form.authorityHost))
  const authorityHost = followsUrl
    ? (value.authorityHost ?? '')
    : form.authorityHost || (cloud ? signInHostOf(cloud) : '')
  const suggestedName = new URL(value.orgUrl).hostname.split('.')[0] ?? ''
  return { ...form, cloud, authorityHost, name: form.name || suggestedName }
}

export function withEnvironment(form: EditorForm, environment: EnvironmentKind): EditorForm {
  return { ...form, environment, readOnly: form.readOnlyTouched ? form.readOnly : defaultReadOnly(environment) }
}

export function effectiveColour(form: EditorForm): string {
  return form.colour ?? DEFAULT_COLOURS[form.environment]
}

const DNS_NAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i
const HOST = /^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*(:\d{1,5})?$/i

export function validate(
  form: EditorForm,
  preview: NormalizeResult | null,
  today: string = new Date().toISOString().slice(0, 10),
): EditorErrors {
  const errors: EditorErrors = {}
  if (!form.urlInput.trim())
    errors.urlInput = 'Paste the environment URL (any Dataverse URL works: a main.aspx link, the Web API URL…).'
  else if (preview && !preview.ok) errors.urlInput = `${preview.problem.message} ${preview.problem.next}`

  if (!form.name.trim()) errors.name = 'Give the connection a name.'
  else if (form.name.trim().length > 80) errors.name = 'Keep the name under 80 characters.'

  if (!form.cloud) errors.cloud = 'This host is not one the app knows: choose its cloud.'
  if (!form.authorityHost.trim())
    errors.authorityHost = 'Enter the sign-in host, e.g. login.microsoftonline.com, or use Discover tenant.'
  else if (!HOST.test(form.authorityHost.trim()))
    errors.authorityHost = 'A host name such as login.microsoftonline.com (optionally with :port).'
  else if (form.cloud) {
    const problem = signInHostProblem({
      cloud: form.cloud,
      authorityHost: form.authorityHost,
      customSignInHost: form.customSignInHost,
    })
    if (problem) errors.authorityHost = `${problem.message} ${problem.next}`
  }

  const tenant = form.tenantId.trim()
  if (!tenant) errors.tenantId = 'Enter the tenant ID, or use Discover tenant to read it from the environment.'
  else if (['common', 'organizations', 'consumers'].includes(tenant.toLowerCase()))
    errors.tenantId = `“${tenant}” cannot be used with an app user: use your tenant ID (AADSTS50059).`
  else if (!isGuid(tenant) && !DNS_NAME.test(tenant))
    errors.tenantId = 'A tenant ID is a GUID (or a verified domain like contoso.onmicrosoft.com).'

  const client = form.clientId.trim()
  if (!client) errors.clientId = 'Enter the Application (client) ID from the app registration’s Overview page.'
  else if (!isGuid(client)) errors.clientId = 'The client ID is a GUID like 11111111-2222-3333-4444-555555555555.'
  else if (client.toLowerCase() === tenant.toLowerCase())
    errors.clientId = 'This is the tenant ID. The client ID is the “Application (client) ID” (AADSTS700016 otherwise).'

  if (form.authKind === 'secret') {
    const value = form.secretValue.trim()
    if (form.secretAction === 'set' && !value)
      errors.secret = form.existingSecret
        ? 'Type the new secret, or keep the current one.'
        : 'Paste the client secret value.'
    else if (form.secretAction === 'set' && isGuid(value)) {
      errors.secret =
        'This looks like the secret’s ID, not its value. Copy the “Value” column (shown once, when the secret is created) — Entra ID answers AADSTS7000215 to an ID.'
    }
    if (form.secretExpiresOn && !/^\d{4}-\d{2}-\d{2}$/.test(form.secretExpiresOn))
      errors.secretExpiresOn = 'Use a date like 2027-03-01.'
    else if (form.secretExpiresOn && form.secretExpiresOn < today)
      errors.secretExpiresOn = 'This date is in the past: the secret has expired (AADSTS7000222). Create a new one.'
  } else if (form.authKind === 'federated') {
    const federated = validateFederated(form.federated)
    if (federated.token) errors.federatedToken = federated.token
    if (federated.subject) errors.federatedSubject = federated.subject
  } else {
    if (!form.certificatePath) errors.certificate = 'Choose the certificate file (.pfx, or .pem with its private key).'
    else if (form.certificateProblem) errors.certificate = form.certificateProblem
    else if (!form.certificate) errors.certificate = 'Open the certificate with its password first.'
    if (form.certificateNeedsPassword && !form.certificate)
      errors.password = 'This file is protected: enter its password and choose Open.'
  }
  return errors
}

/** The sign-in host the cloud's Entra ID would use when the cloud changes; a custom host is kept. */
export function authorityHostForCloud(form: EditorForm, cloud: Cloud): string {
  return form.customSignInHost && form.authorityHost.trim() ? form.authorityHost : signInHostOf(cloud)
}

/** Shown in red while a custom sign-in host is on and the host is not Entra ID for the cloud. */
export function customSignInHostWarning(form: EditorForm): string | null {
  const host = form.authorityHost.trim().toLowerCase()
  if (!form.customSignInHost || !form.cloud || !host || isSignInHostOf(form.cloud, host)) return null
  return `Custom sign-in host: the client secret (or certificate assertion) is sent to ${host}, which is not Microsoft Entra ID. A connection file can name a look-alike host to collect it; keep this only for an emulator or an authority you run yourself.`
}

export function hasErrors(errors: EditorErrors): boolean {
  return Object.keys(errors).length > 0
}

async function change(
  action: SecretAction,
  value: string,
  seal: (value: string) => Promise<SealedSecret>,
): Promise<SecretChange> {
  if (action === 'keep') return { action: 'keep' }
  if (action === 'clear' || !value.trim()) return { action: 'clear' }
  return { action: 'set', sealed: await seal(value.trim()) }
}

/** The draft for connections:save; secrets are sealed here, never sent in the clear. */
export async function draftFromForm(
  form: EditorForm,
  orgUrl: string,
  apiVersion: string,
  seal: (value: string) => Promise<SealedSecret>,
): Promise<ConnectionDraft> {
  if (!form.cloud) throw new Error('draftFromForm() called on a form without a cloud')
  const draft: ConnectionDraft = {
    name: form.name.trim(),
    orgUrl,
    apiVersion,
    cloud: form.cloud,
    authorityHost: form.authorityHost.trim().toLowerCase(),
    customSignInHost: form.customSignInHost,
    tenantId: form.tenantId.trim(),
    clientId: form.clientId.trim().toLowerCase(),
    environment: form.environment,
    colour: effectiveColour(form),
    readOnly: form.readOnly,
    notes: form.notes,
    ...(form.customerChoice !== undefined ? { customerId: form.customerChoice } : {}),
    auth:
      form.authKind === 'secret'
        ? {
            kind: 'secret',
            secret: await change(form.secretAction, form.secretValue, seal),
            ...(form.secretExpiresOn ? { expiresOn: form.secretExpiresOn } : {}),
          }
        : {
            kind: 'certificate',
            certificatePath: form.certificatePath,
            ...(form.keyPath ? { keyPath: form.keyPath } : {}),
            sendX5c: form.sendX5c,
            // PS256 is the default: only the RS256 choice is stored.
            ...(form.certificateAssertion === 'RS256' ? { assertion: 'RS256' as const } : {}),
            password: await change(form.passwordAction, form.passwordValue, seal),
          },
  }
  return form.authKind === 'federated' ? { ...draft, auth: federatedDraft(form.federated) } : draft
}
