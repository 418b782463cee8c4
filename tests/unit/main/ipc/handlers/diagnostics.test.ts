import { describe, expect, it } from 'vitest'
import { createApi } from '../../../../../main/ipc/api'
import { dispatch, type DispatchHost } from '../../../../../main/ipc/dispatch'
import { createServices } from '../../../../../main/app/create-services'
import { createTestHost } from '../../../../support/test-host'
import { dataverseAppToken } from '../../../../support/jwt'

const host: DispatchHost = { services: createServices(createTestHost('/tmp/unused')), send: () => undefined }
const call = (channel: string, input: unknown) => dispatch(createApi(), channel, input, host)

describe('diagnostics channels', () => {
  it('explains a pasted error through the contract', async () => {
    const result = await call('diagnostics:explain', {
      text: 'AADSTS7000222: The provided client secret keys are expired.',
      cloud: 'gcc-high',
    })
    expect(result.ok).toBe(true)
    if (!result.ok) return
    const data = result.data as { diagnoses: { id: string; docsUrl: string }[] }
    expect(data.diagnoses[0]).toMatchObject({
      id: 'secret-expired',
      docsUrl: 'https://login.microsoftonline.us/error?code=7000222',
    })
  })

  it('inspects a pasted token and answers with claims and findings only', async () => {
    const token = dataverseAppToken(Math.floor(Date.now() / 1000))
    const result = await call('diagnostics:inspect-token', {
      token,
      expected: { environmentUrl: 'https://fabrikam.crm.dynamics.com' },
    })
    expect(result.ok).toBe(true)
    const serialised = JSON.stringify(result)
    for (const part of token.split('.')) expect(serialised).not.toContain(part)
    expect(serialised).toContain('token-audience-mismatch')
  })

  it('answers a malformed token with a clear INVALID_INPUT error', async () => {
    const result = await call('diagnostics:inspect-token', { token: 'not-a-token' })
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', next: expect.stringContaining('eyJ') } })
    if (!result.ok) expect(result.error.message).toMatch(/three parts/)
  })

  it('refuses oversized input at the boundary', async () => {
    const result = await call('diagnostics:inspect-token', { token: 'x'.repeat(40_000) })
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
  })
})
