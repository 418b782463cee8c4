/**
 * `dvw check` with a federated credential: the issuer, subject and audience of the presented token
 * (decoded by the config step; the token itself is never printed) are shown on every run, because
 * they are what Entra compares, case-sensitively, with the app's federated credential. A subject
 * comparison the config step found is shown with them. For every credential, the kind Entra
 * recorded in the token (appidacr / azpacr) is shown under the token-claims step.
 */
import type { StepResult } from '@common/diagnostics'
import { FEDERATED_FACT_LABELS, RECORDED_CREDENTIAL_LABEL } from '../../app/check-text'
import type { Style } from '../style'

const SHOWN = [
  ['issuer', FEDERATED_FACT_LABELS.issuer],
  ['subject', FEDERATED_FACT_LABELS.subject],
  ['audience', FEDERATED_FACT_LABELS.audience],
  ['format', FEDERATED_FACT_LABELS.format],
  ['expected', FEDERATED_FACT_LABELS.expected],
] as const

export function federatedLines(style: Style, step: StepResult): string[] {
  if (step.id === 'token-claims') {
    // appidacr / azpacr: which kind of credential Entra says the app used, on every run.
    const recorded = step.facts.find((fact) => fact.label === RECORDED_CREDENTIAL_LABEL)
    return recorded ? [`    ${RECORDED_CREDENTIAL_LABEL}: ${recorded.value}`] : []
  }
  if (step.id !== 'config') return []
  const rows = SHOWN.flatMap(([name, label]) => {
    const fact = step.facts.find((candidate) => candidate.label === label)
    return fact ? [`      ${name.padEnd(8)} ${fact.value}`] : []
  })
  if (!rows.length) return []
  const lines = [
    "    Federated token (Entra compares these case-sensitively with the app's federated credential):",
    ...rows,
  ]
  if (step.status === 'warn' && step.evidence?.excerpt)
    lines.push(style.dim(step.evidence.excerpt.replace(/^/gm, '      ')))
  return lines
}
