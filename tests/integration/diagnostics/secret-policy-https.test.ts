/**
 * The app-management-policy gate over real HTTPS: real MSAL asks the emulator's token endpoint with
 * the scenario's expired secret, and the check names both the expiry and the policy that will refuse
 * a new secret, with the way out an administrator takes (a certificate or a federated credential).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { scenarioApp, startHttpsEmulator, type RunningEmulator } from '../../../emulator'
import { createTokenProvider } from '../../../main/auth/token-provider'
import { explain } from '../../../main/diagnostics/explain'
import { createNodeFetch, type NodeFetch } from '../../../main/http/node-fetch'
import { runCase, type CheckTarget } from '../../support/check-runner'

let running: RunningEmulator
let base: NodeFetch
let target: CheckTarget

beforeAll(async () => {
  running = await startHttpsEmulator({ rows: { accounts: 5, contacts: 5 } })
  base = createNodeFetch({ ca: [running.caPem], proxyUrl: null })
  const org = running.orgs[0]
  if (!org) throw new Error('the emulator has no organization')
  target = {
    mode: 'https',
    emulator: running.emulator,
    orgName: org.name,
    orgUrl: org.url,
    authorityHost: new URL(running.authorityUrl).host,
    base,
    trustedCa: [running.caPem],
    tokens: createTokenProvider(),
    setConditions: (orgName, conditions) => running.setConditions(orgName, conditions),
  }
})

afterAll(async () => {
  await base?.close()
  await running?.close()
})

describe('a client secret an app management policy will not let anyone renew', () => {
  it('fails the token step on the expired secret and names the policy, its wording and the certificate or federated credential way out', async () => {
    const app = scenarioApp('secret-blocked-by-policy')
    const result = await runCase({ name: 'policy', scenario: app.scenario, expect: { pass: true } }, target)
    const token = result.steps.find((step) => step.id === 'token')
    expect(token?.status).toBe('fail')
    expect(token?.diagnoses.map((diagnosis) => diagnosis.id)).toEqual(['secret-expired', 'secret-blocked-by-policy'])
    const policy = token?.diagnoses[1]
    expect(policy?.cause).toContain('Credential type not allowed as per assigned policy')
    expect(policy?.cause).toContain('not at sign-in')
    const fix = policy?.fix.join('\n') ?? ''
    expect(fix).toMatch(/certificate/)
    expect(fix).toMatch(/federated credential/)
    expect(fix).toMatch(/passwordAddition restriction disabled/)
    expect(policy?.docsUrl).toBe('https://learn.microsoft.com/graph/api/resources/passwordcredentialconfiguration')
    // The evidence is Entra's answer to MSAL, without the secret it was sent.
    expect(token?.evidence?.excerpt).toContain('AADSTS7000222')
    expect(JSON.stringify(result)).not.toContain(app.credential.kind === 'secret' ? app.credential.secret : '-')
    // Later steps do not run on a token that never came.
    expect(result.steps.find((step) => step.id === 'whoami')?.status).toBe('skip')
  })

  it('gives the same diagnosis for the refusal the admin then meets when adding a secret', () => {
    const refusal = scenarioApp('secret-blocked-by-policy').appManagementPolicy?.additionRefusal ?? ''
    expect(explain(`az ad app credential reset: ${refusal}`).diagnoses[0]?.id).toBe('secret-blocked-by-policy')
  })

  it('does not add the policy to a secret that is merely wrong', async () => {
    const wrong = await runCase(
      {
        name: 'wrong secret',
        scenario: 'healthy',
        change: () => ({ secret: 'Wrong8Q~NotTheRealSecretValue0000000000' }),
        expect: { pass: true },
      },
      target,
    )
    const ids = wrong.steps.find((step) => step.id === 'token')?.diagnoses.map((diagnosis) => diagnosis.id)
    expect(ids).toContain('secret-invalid')
    expect(ids).not.toContain('secret-blocked-by-policy')
  })
})
