import { expect } from 'vitest'
import type { CheckResult } from '@common/diagnostics'
import { SCENARIO_APPS, type Emulator, type OrgConditions } from '../../emulator'
import type { ClientCredential, TokenProvider } from '../../main/auth/token-provider'
import { AppFailure } from '@common/result'
import { runCheck, type CheckEnvironment } from '../../main/diagnostics/check'
import type { FetchLike } from '../../main/http/types'
import { expectationOf, type CaseSettings, type CheckCase, type CheckMode } from './check-cases'

export interface CheckTarget {
  readonly mode: CheckMode
  readonly emulator: Emulator
  readonly orgName: string
  readonly orgUrl: string
  readonly authorityHost: string
  readonly base: FetchLike
  readonly trustedCa: readonly string[]
  readonly tokens: TokenProvider
  readonly closedOrigin?: string
  /** Over HTTPS, conditions such as tls-untrusted take effect when this settles; in process at once. */
  readonly setConditions: (orgName: string, conditions: OrgConditions) => Promise<void> | void
}

const noSecret = (): never => {
  throw new AppFailure({
    code: 'SECRET_UNAVAILABLE',
    message: 'The variable DVW_SECRET is not set.',
    cause: 'It was never exported in this shell.',
    next: 'Set it.',
  })
}

/** Runs one case against an emulator: the scenario app's settings, changed the way the case says. */
export async function runCase(entry: CheckCase, target: CheckTarget): Promise<CheckResult> {
  const app = SCENARIO_APPS.find((candidate) => candidate.scenario === entry.scenario)
  if (!app) throw new Error(`unknown scenario ${entry.scenario}`)
  const base: CaseSettings = {
    url: target.orgUrl,
    tenantId: target.emulator.tenantId,
    clientId: app.clientId,
    authorityHost: target.authorityHost,
    ...(target.closedOrigin ? { closedOrigin: target.closedOrigin } : {}),
    otherAuthorityHost: target.authorityHost.replace(/^127\.0\.0\.1/, 'localhost'),
  }
  const settings = { ...base, ...entry.change?.(base, target.mode) }
  let credential: () => Promise<ClientCredential>
  if (app.credential.kind === 'certificate') {
    const material = await target.emulator.certificate(app.scenario)
    credential = async () => ({
      kind: 'certificate',
      privateKeyPem: material.privateKeyPem,
      thumbprintSha256: material.thumbprintSha256,
    })
  } else if (app.credential.kind === 'federated') {
    const trusted = app.credential.credentials[0]
    if (!trusted) throw new Error(`${app.scenario} trusts no federated credential`)
    credential = async () => ({
      kind: 'federated',
      sourceId: app.scenario,
      source: 'the emulator',
      assertion: () => target.emulator.federatedToken({ issuer: trusted.issuer, subject: trusted.subject }),
    })
  } else {
    const secret = settings.secret === undefined ? app.credential.secret : settings.secret
    credential = async () => (secret === null ? noSecret() : { kind: 'secret', secret })
  }
  const env: CheckEnvironment = {
    base: target.base,
    tokens: target.tokens,
    offline: target.mode === 'in-process',
    trustedCa: target.trustedCa,
    ...(entry.clockOffsetMs ? { now: () => Date.now() + (entry.clockOffsetMs ?? 0) } : {}),
  }
  if (entry.conditions) await target.setConditions(target.orgName, entry.conditions)
  try {
    return await runCheck(
      {
        url: settings.url,
        tenantId: settings.tenantId,
        clientId: settings.clientId,
        authorityHost: settings.authorityHost,
        cloud: 'commercial',
        // Over HTTPS the emulator signs in at 127.0.0.1, which is not Entra ID: the explicit custom choice.
        customSignInHost: !settings.authorityHost?.startsWith('login.'),
        credentialKind: app.credential.kind,
        credential,
      },
      env,
    )
  } finally {
    if (entry.conditions) await target.setConditions(target.orgName, {})
  }
}

/** A readable one-line view of a check for assertion messages. */
export function describeCheck(result: CheckResult): string {
  return result.steps
    .map(
      (step) =>
        `${step.id}=${step.status}${step.diagnoses.length ? `[${step.diagnoses.map((d) => d.id).join(',')}]` : ''}`,
    )
    .join(' ')
}

export function expectCase(entry: CheckCase, mode: CheckMode, result: CheckResult): void {
  const expectation = expectationOf(entry, mode)
  const seen = describeCheck(result)
  if ('pass' in expectation) {
    const allowedSkips = mode === 'in-process' ? ['dns', 'tls'] : []
    for (const step of result.steps) {
      if (allowedSkips.includes(step.id)) {
        expect(step.status, `${step.id}: ${seen}`).toBe('skip')
        expect(step.summary).toContain('offline sample environment')
      } else {
        expect(step.status, `${step.id} should pass: ${step.summary} | ${seen}`).toBe('pass')
      }
    }
    expect(result.outcome).toBe('pass')
    return
  }
  const step = result.steps.find((candidate) => candidate.id === expectation.step)
  expect(step?.status, `${expectation.step} should be ${expectation.status ?? 'fail'}: ${seen}`).toBe(
    expectation.status ?? 'fail',
  )
  expect(
    step?.diagnoses.map((d) => d.id),
    seen,
  ).toContain(expectation.diagnosis)
  const top = step?.diagnoses[0]
  expect(top?.fix.length).toBeGreaterThan(0)
  // No step before the expected one (in the order shown) may fail: the check stops where the problem is.
  const index = result.steps.findIndex((candidate) => candidate.id === expectation.step)
  const earlier = result.steps
    .slice(0, index)
    .filter((candidate) => candidate.status === 'fail' && !(expectation.step === 'discovery' && candidate.id === 'tls'))
  expect(
    earlier.map((candidate) => candidate.id),
    seen,
  ).toEqual([])
  if (expectation.status !== 'warn') {
    expect(result.outcome).toBe('fail')
    return
  }
  // A warning does not stop the check; a later step may only fail for the same reason (a flaky service).
  const later = result.steps.slice(index + 1).filter((candidate) => candidate.status === 'fail')
  for (const step of later)
    expect(
      step.diagnoses.map((d) => d.id),
      `${step.id}: ${seen}`,
    ).toContain(expectation.diagnosis)
  expect(result.outcome).toBe(later.length ? 'fail' : 'warn')
}
