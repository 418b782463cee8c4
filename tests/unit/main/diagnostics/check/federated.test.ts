/**
 * The preflight check with a federated credential against the in-process emulator: what the
 * presented token says is shown before sign-in, a subject that will not match is caught at the
 * config step with the comparison, and a refused sign-in carries the values Entra compared.
 */
import { describe, expect, it } from 'vitest'
import type { CheckResult } from '@common/diagnostics'
import { createEmulator, SAMPLE_CONNECTION, scenarioApp } from '../../../../../emulator'
import type { ClientCredential } from '../../../../../main/auth/token-provider'
import { createTokenProvider } from '../../../../../main/auth/token-provider'
import { runCheck } from '../../../../../main/diagnostics/check'

const emulator = createEmulator({ rows: { accounts: 5, contacts: 5 } })
const app = scenarioApp('federated-credential')
const EXPECTED = 'repo:contoso/dataverse-pipeline:environment:Production'

async function check(presented: string, options: { expected?: string; lifetimeSeconds?: number } = {}) {
  const token = await emulator.federatedToken({
    subject: presented,
    ...(options.lifetimeSeconds !== undefined ? { lifetimeSeconds: options.lifetimeSeconds } : {}),
  })
  const credential: ClientCredential = {
    kind: 'federated',
    sourceId: `test\0${presented}\0${options.lifetimeSeconds ?? ''}`,
    source: 'the test',
    assertion: async () => token,
  }
  const result = await runCheck(
    {
      url: SAMPLE_CONNECTION.orgUrl,
      tenantId: emulator.tenantId,
      clientId: app.clientId,
      authorityHost: 'login.microsoftonline.com',
      cloud: 'commercial',
      credentialKind: 'federated',
      ...(options.expected ? { federatedExpectedSubject: options.expected } : {}),
      credential: async () => credential,
    },
    { base: (request) => emulator.fetch(request), tokens: createTokenProvider(), offline: true },
  )
  return { result, token }
}

const step = (result: CheckResult, id: string) => result.steps.find((candidate) => candidate.id === id)
const fact = (result: CheckResult, id: string, label: string) =>
  step(result, id)?.facts.find((candidate) => candidate.label.startsWith(label))?.value

describe('check with a federated credential', () => {
  it('passes, showing issuer, subject, audience, the subject format and the credential Entra recorded', async () => {
    const { result, token } = await check(EXPECTED, { expected: EXPECTED })
    expect(result.outcome).toBe('pass')
    expect(fact(result, 'config', 'Token issuer')).toBe('https://token.actions.githubusercontent.com')
    expect(fact(result, 'config', 'Token subject')).toBe(EXPECTED)
    expect(fact(result, 'config', 'Token audience')).toBe('api://AzureADTokenExchange')
    expect(fact(result, 'config', 'Subject format')).toBe(
      'GitHub Actions environment: repo:OWNER/REPO:environment:NAME',
    )
    expect(fact(result, 'token-claims', 'Credential Entra recorded')).toContain('appidacr "2"')
    expect(JSON.stringify(result)).not.toContain(token.split('.')[1])
  })

  it('warns before sign-in when the subject differs from the expected one, then fails with 7002138 and the diff', async () => {
    const { result } = await check('repo:contoso/dataverse-pipeline:environment:production', { expected: EXPECTED })
    const config = step(result, 'config')
    expect(config?.status).toBe('warn')
    expect(config?.summary).toContain('only in letter case')
    expect(config?.evidence?.excerpt).toContain(
      'environment: "production" vs "Production" (only the letter case differs)',
    )
    const token = step(result, 'token')
    expect(token?.status).toBe('fail')
    expect(token?.diagnoses[0]?.id).toBe('federated-credential-mismatch')
    expect(token?.evidence?.excerpt).toContain('AADSTS7002138')
    expect(token?.evidence?.excerpt).toContain('Entra compared, case-sensitively:')
    expect(token?.evidence?.excerpt).toContain('expected:  repo:contoso/dataverse-pipeline:environment:Production')
  })

  it('fails 700213 for a branch token against an environment credential, naming both formats', async () => {
    const { result } = await check('repo:contoso/dataverse-pipeline:ref:refs/heads/main', { expected: EXPECTED })
    const excerpt = step(result, 'token')?.evidence?.excerpt ?? ''
    expect(excerpt).toContain('AADSTS700213')
    expect(excerpt).toContain(
      'The token is a GitHub Actions branch subject; the credential expects a GitHub Actions environment subject (repo:OWNER/REPO:environment:NAME).',
    )
  })

  it('says the presented token expired at the config step and fails the sign-in with 700024', async () => {
    const { result } = await check(EXPECTED, { lifetimeSeconds: -900 })
    expect(step(result, 'config')?.diagnoses.map((diagnosis) => diagnosis.id)).toContain('assertion-time-invalid')
    const token = step(result, 'token')
    expect(token?.status).toBe('fail')
    expect(token?.diagnoses[0]?.id).toBe('assertion-time-invalid')
  })

  it('an unreadable token source fails the config step with federated-token-unavailable', async () => {
    const result = await runCheck(
      {
        url: SAMPLE_CONNECTION.orgUrl,
        tenantId: emulator.tenantId,
        clientId: app.clientId,
        authorityHost: 'login.microsoftonline.com',
        cloud: 'commercial',
        credentialKind: 'federated',
        credential: async () => ({
          kind: 'federated',
          sourceId: 'broken',
          source: 'nowhere',
          assertion: async () => 'not-a-jwt',
        }),
      },
      { base: (request) => emulator.fetch(request), tokens: createTokenProvider(), offline: true },
    )
    expect(step(result, 'config')).toMatchObject({
      status: 'fail',
      diagnoses: [{ id: 'federated-token-unavailable' }],
    })
  })
})
