import { describe, expect, it } from 'vitest'
import { createEmulator, SAMPLE_CONNECTION } from '../../../../../emulator'
import { createTokenProvider } from '../../../../../main/auth/token-provider'
import { runCheck } from '../../../../../main/diagnostics/check'

const emulator = createEmulator({ rows: { accounts: 5, contacts: 5 } })
const DAY = 86_400_000

function check(credentialKind: 'secret' | 'certificate', credentialExpiresOn: string | undefined, now = Date.now()) {
  return runCheck(
    {
      url: SAMPLE_CONNECTION.orgUrl,
      tenantId: SAMPLE_CONNECTION.tenantId,
      clientId: SAMPLE_CONNECTION.clientId,
      authorityHost: 'login.microsoftonline.com',
      credentialKind,
      ...(credentialExpiresOn ? { credentialExpiresOn } : {}),
      credential: async () =>
        credentialKind === 'secret'
          ? { kind: 'secret' as const, secret: SAMPLE_CONNECTION.clientSecret }
          : {
              kind: 'certificate' as const,
              privateKeyPem: 'unused: the settings step does not sign',
              thumbprintSha256: 'A'.repeat(64),
            },
    },
    { base: (request) => emulator.fetch(request), tokens: createTokenProvider(), offline: true, now: () => now },
  )
}

const dateIn = (days: number) => new Date(Date.now() + days * DAY).toISOString().slice(0, 10)

describe('the check and the credential expiry', () => {
  it('warns at the settings step when the secret expires within 30 days, and the rest still runs', async () => {
    const result = await check('secret', dateIn(10))
    const config = result.steps.find((step) => step.id === 'config')
    expect(config?.status).toBe('warn')
    expect(config?.summary).toMatch(/^The client secret expires in (9|10) days \(\d{4}-\d{2}-\d{2}\)\.$/)
    expect(config?.diagnoses.map((d) => d.id)).toEqual(['credential-expiring'])
    expect(result.steps.find((step) => step.id === 'whoami')?.status).toBe('pass')
    expect(result.outcome).toBe('warn')
  })

  it('says a noted date has passed, as a warning: the token step shows whether Entra ID agrees', async () => {
    const config = (await check('secret', dateIn(-3))).steps.find((step) => step.id === 'config')
    expect(config?.status).toBe('warn')
    expect(config?.diagnoses[0]).toMatchObject({ id: 'secret-expired', confidence: 'medium' })
  })

  it('names an expired certificate from its NotAfter with high confidence', async () => {
    const config = (await check('certificate', new Date(Date.now() - 2 * DAY).toISOString())).steps.find(
      (step) => step.id === 'config',
    )
    expect(config?.summary).toMatch(/^The certificate expired 2 days ago/)
    expect(config?.diagnoses[0]).toMatchObject({ id: 'certificate-expired', confidence: 'high' })
  })

  it('stays quiet about an expiry that is far off or not noted', async () => {
    for (const on of [dateIn(200), undefined]) {
      expect((await check('secret', on)).steps.find((step) => step.id === 'config')?.status).toBe('pass')
    }
  })
})
