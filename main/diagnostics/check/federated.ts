/**
 * What a check shows of a federated credential: the presented token decoded (never printed) into
 * the three values Entra compares case-sensitively with the app's federated credentials (issuer,
 * subject, audience), the subject's format (GitHub environment/branch/tag/PR, Azure DevOps service
 * connection), and, when the sign-in fails with a mismatch, the subject compared with the one the
 * connection says the app's credential expects.
 */
import {
  compareSubjects,
  issuerNotes,
  parseSubject,
  SUBJECT_FORMATS,
  TOKEN_EXCHANGE_AUDIENCES,
} from '@common/federated-subject'
import type { Cloud } from '@common/clouds'
import type { Diagnosis, Fact } from '@common/diagnostics'
import { decodeJwt } from '../../auth/jwt'
import { diagnose } from '../catalog'

export interface PresentedFederatedToken {
  readonly issuer: string
  readonly subject: string
  readonly audiences: readonly string[]
  /** Epoch seconds, when the token has an exp claim. */
  readonly expiresAt: number | null
}

/** Labels of the facts that name what Entra compares; `dvw check` prints them on every run. */
export const FEDERATED_FACT_LABELS = {
  issuer: 'Token issuer (compared case-sensitively)',
  subject: 'Token subject (compared case-sensitively)',
  audience: 'Token audience (compared case-sensitively)',
  format: 'Subject format',
  expected: "Subject the app's credential expects",
} as const

export interface FederatedFindings {
  readonly facts: Fact[]
  /** Things Entra will refuse, found before asking it. */
  readonly warnings: { readonly summary: string; readonly diagnosis: Diagnosis; readonly excerpt: string }[]
}

/** The claims Entra matches, or a JwtDecodeError's message when the source gave something else. */
export function presentedToken(token: string): PresentedFederatedToken {
  const { payload } = decodeJwt(token)
  const aud = payload.aud
  return {
    issuer: typeof payload.iss === 'string' ? payload.iss : '(none)',
    subject: typeof payload.sub === 'string' ? payload.sub : '(none)',
    audiences: Array.isArray(aud) ? aud.map(String) : typeof aud === 'string' ? [aud] : [],
    expiresAt: typeof payload.exp === 'number' ? payload.exp : null,
  }
}

/** The facts a check run shows for the presented token, and what will fail before Entra is asked. */
export function federatedFindings(
  token: PresentedFederatedToken,
  expectedSubject: string | undefined,
  now: number,
  cloud: Cloud,
): FederatedFindings {
  const parsed = parseSubject(token.subject)
  const facts: Fact[] = [
    { label: FEDERATED_FACT_LABELS.issuer, value: token.issuer, sensitive: true },
    { label: FEDERATED_FACT_LABELS.subject, value: token.subject, sensitive: true },
    { label: FEDERATED_FACT_LABELS.audience, value: token.audiences.join(', ') || '(none)' },
    {
      label: FEDERATED_FACT_LABELS.format,
      value: parsed.format ? `${parsed.label}: ${parsed.format}` : `${parsed.label} (no known pipeline format)`,
    },
  ]
  if (token.expiresAt !== null)
    facts.push({ label: 'Token expires', value: new Date(token.expiresAt * 1000).toISOString(), volatile: true })
  if (expectedSubject) facts.push({ label: FEDERATED_FACT_LABELS.expected, value: expectedSubject, sensitive: true })
  const warnings: FederatedFindings['warnings'] = []
  const mismatch = (summary: string, matched: string, excerpt = '') =>
    warnings.push({
      summary,
      diagnosis: diagnose('federated-credential-mismatch', { confidence: 'high', cloud, matched }),
      excerpt,
    })
  if (!token.audiences.some((audience) => (TOKEN_EXCHANGE_AUDIENCES as readonly string[]).includes(audience))) {
    mismatch(
      `The token's audience is ${token.audiences.join(', ') || 'missing'}, but Entra expects api://AzureADTokenExchange: request the token with that audience.`,
      `aud ${token.audiences.join(', ')}`,
    )
  }
  for (const note of issuerNotes(token.issuer)) mismatch(note, `iss ${token.issuer}`)
  if (expectedSubject && expectedSubject !== token.subject) {
    const comparison = compareSubjects(token.subject, expectedSubject)
    mismatch(
      comparison.caseOnly
        ? "The token's subject differs from the app's federated credential only in letter case; Entra compares case-sensitively (AADSTS7002138)."
        : "The token's subject is not the one the app's federated credential expects (AADSTS700213).",
      'subject comparison',
      comparison.lines.join('\n'),
    )
  }
  if (token.expiresAt !== null && token.expiresAt * 1000 < now) {
    warnings.push({
      summary: `The presented token expired at ${new Date(token.expiresAt * 1000).toISOString()}; fetch a fresh one (pipeline tokens live minutes).`,
      diagnosis: diagnose('assertion-time-invalid', { confidence: 'high', cloud, matched: 'exp in the past' }),
      excerpt: '',
    })
  }
  return { facts, warnings }
}

/** AADSTS codes that mean "no federated credential matched" or "the external token is not acceptable". */
const FEDERATED_CODES = new Set([70021, 700211, 700212, 700213, 7002138, 700024, 50013, 50027])

/**
 * Lines for a failed federated sign-in: the values Entra compared, the expected format for the
 * token's kind, and the subject comparison with the expected subject when the connection has one.
 */
export function federatedFailureLines(
  token: PresentedFederatedToken,
  expectedSubject: string | undefined,
  aadsts: number | null,
): string[] | null {
  if (aadsts === null || !FEDERATED_CODES.has(aadsts)) return null
  const parsed = parseSubject(token.subject)
  const lines = [
    'Entra compared, case-sensitively:',
    `  issuer   ${token.issuer}`,
    `  subject  ${token.subject}`,
    `  audience ${token.audiences.join(', ')}`,
  ]
  if (expectedSubject) {
    lines.push("Subject compared with the app's federated credential:")
    lines.push(...compareSubjects(token.subject, expectedSubject).lines.map((line) => `  ${line}`))
  }
  lines.push(
    parsed.format
      ? `The token is a ${parsed.label} subject; its format is ${parsed.format}${parsed.parts.length ? ` (${parsed.parts.map((part) => `${part.name} "${part.value}"`).join(', ')})` : ''}.`
      : 'Expected subject formats: ' +
          SUBJECT_FORMATS.map((entry) => `${entry.label} ${entry.format}`).join('; ') +
          '.',
  )
  return lines
}
