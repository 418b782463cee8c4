/**
 * The federated credential part of the connection editor: where the pipeline's OIDC token is read
 * (a token file chosen in main's dialog, or an environment variable) and, optionally, the Subject
 * the app's federated credential expects. Pure functions, tested without rendering. The token
 * itself never reaches this window: main reads it when it signs in.
 */
import type { AuthDraft, AuthView } from '@common/connection'
import { parseSubject } from '@common/federated-subject'

export interface FederatedForm {
  readonly tokenSource: 'file' | 'env'
  /** The chosen file's path, or the variable's name. */
  readonly tokenReference: string
  readonly expectedSubject: string
}

export const EMPTY_FEDERATED: FederatedForm = { tokenSource: 'env', tokenReference: '', expectedSubject: '' }

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/

export function federatedFromView(auth: Extract<AuthView, { kind: 'federated' }>): FederatedForm {
  // A command source is set by `dvw` only; the editor shows it as a variable to choose again.
  if (auth.tokenSource === 'command')
    return { tokenSource: 'env', tokenReference: '', expectedSubject: auth.expectedSubject ?? '' }
  return {
    tokenSource: auth.tokenSource,
    tokenReference: auth.tokenReference,
    expectedSubject: auth.expectedSubject ?? '',
  }
}

export interface FederatedErrors {
  readonly token?: string
  readonly subject?: string
}

export function validateFederated(form: FederatedForm): FederatedErrors {
  const reference = form.tokenReference.trim()
  const errors: { token?: string; subject?: string } = {}
  if (form.tokenSource === 'file') {
    if (!reference) errors.token = 'Choose the file the pipeline writes its OIDC token to.'
  } else if (!reference) {
    errors.token = 'Enter the name of the environment variable that holds the OIDC token.'
  } else if (reference.startsWith('eyJ')) {
    errors.token =
      'This looks like the token itself. Enter the NAME of the variable; the token is read when signing in.'
  } else if (!ENV_NAME.test(reference)) {
    errors.token = 'A variable name is letters, digits and underscores, not starting with a digit.'
  }
  const subject = form.expectedSubject.trim()
  if (subject.length > 600) errors.subject = 'A subject is at most 600 characters.'
  else if (/\s/.test(subject)) errors.subject = 'A subject has no spaces; copy it from the federated credential.'
  return errors
}

/** What the subject typed means, e.g. "GitHub Actions environment (repo:OWNER/REPO:environment:NAME)". */
export function describeExpectedSubject(subject: string): string | null {
  if (!subject.trim()) return null
  const parsed = parseSubject(subject.trim())
  if (!parsed.format) return `Not a GitHub or Azure DevOps subject format (${parsed.label}).`
  const parts = parsed.parts.map((part) => `${part.name} “${part.value}”`).join(', ')
  return `${parsed.label}: ${parsed.format}${parts ? ` — ${parts}` : ''}. Entra compares it case-sensitively.`
}

export function federatedDraft(form: FederatedForm): Extract<AuthDraft, { kind: 'federated' }> {
  const subject = form.expectedSubject.trim()
  return {
    kind: 'federated',
    tokenSource: form.tokenSource,
    tokenReference: form.tokenReference.trim(),
    ...(subject ? { expectedSubject: subject } : {}),
  }
}
