import { describe, expect, it } from 'vitest'
import { AppFailure } from '@common/result'
import { createTokenProvider } from '../../../../../main/auth/token-provider'
import { runCheck } from '../../../../../main/diagnostics/check'
import { explainFailure, redactExcerpt } from '../../../../../main/diagnostics/check/failure'
import { networkFailure } from '../../../../../main/http/failures'

const JWT =
  'eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJodHRwczovL2NvbnRvc28uY3JtLmR5bmFtaWNzLmNvbSJ9.c2lnbmF0dXJlLXBhcnQtb2YtdGhlLXRva2Vu'
const SECRET = 'Abc8Q~RealLookingSecretValue0123456789xyz'

describe('check evidence', () => {
  it('never carries a secret, a token or an assertion, wherever it came from', () => {
    const excerpt = redactExcerpt(
      `POST https://login.microsoftonline.com/t/oauth2/v2.0/token?client_secret=${SECRET}\nclient_assertion=${JWT}&client_secret=${SECRET}\nAuthorization: Bearer ${JWT}\n{"access_token":"${JWT}","client_secret":"${SECRET}"}`,
    )
    expect(excerpt).not.toContain(SECRET)
    expect(excerpt).not.toContain(JWT.split('.')[1])
    expect(excerpt).toContain('login.microsoftonline.com')

    const report = explainFailure(
      new AppFailure({
        code: 'AUTH_FAILED',
        message: 'Entra ID refused the token request (AADSTS7000215).',
        cause: 'c',
        next: 'n',
        details: {
          errorCode: 'invalid_client',
          errorMessage: `AADSTS7000215: Invalid client secret provided. client_secret=${SECRET} assertion ${JWT}`,
          aadsts: '7000215',
          traceId: '0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0',
        },
      }),
      'gcc-high',
    )
    expect(report.diagnoses[0]).toMatchObject({
      id: 'secret-invalid',
      docsUrl: 'https://login.microsoftonline.us/error?code=7000215',
    })
    expect(report.traceId).toBe('0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0')
    expect(report.excerpt).not.toContain(SECRET)
    expect(report.excerpt).not.toContain(JWT)
  })

  it('maps transport failures to the catalog with the host named', () => {
    const report = explainFailure(networkFailure('contoso.crm4.dynamics.com', ['ENOTFOUND']), 'commercial')
    expect(report.diagnoses[0]?.id).toBe('dns-not-found')
    expect(report.diagnoses[0]?.title).toContain('contoso.crm4.dynamics.com')
  })
})

describe('dns and tls steps', () => {
  const input = {
    url: 'https://contoso.invalid',
    tenantId: '4c192492-e19d-4369-b4be-84470eb0844d',
    clientId: 'd2c764a5-f446-4c69-a646-7d74e7ea5973',
    authorityHost: 'login.microsoftonline.com',
    credentialKind: 'secret' as const,
    credential: async () => ({ kind: 'secret' as const, secret: SECRET }),
  }
  const unreachable = async (request: Request): Promise<Response> => {
    throw Object.assign(new TypeError('fetch failed'), {
      cause: Object.assign(new Error(`getaddrinfo ENOTFOUND ${new URL(request.url).hostname}`), { code: 'ENOTFOUND' }),
    })
  }

  it('skips both behind a proxy, saying why', async () => {
    const result = await runCheck(input, {
      base: unreachable,
      tokens: createTokenProvider(),
      offline: false,
      proxy: 'http://proxy.contoso.com:8080',
    })
    for (const id of ['dns', 'tls'] as const) {
      const step = result.steps.find((candidate) => candidate.id === id)
      expect(step?.status).toBe('skip')
      expect(step?.summary).toContain('through the proxy http://proxy.contoso.com:8080')
    }
  })

  it('fails DNS for a name that cannot resolve (RFC 2606 .invalid) and skips TLS after it', async () => {
    const result = await runCheck(input, { base: unreachable, tokens: createTokenProvider(), offline: false })
    const dns = result.steps.find((step) => step.id === 'dns')
    expect(dns?.status).toBe('fail')
    expect(dns?.diagnoses[0]?.id).toBe('dns-not-found')
    expect(dns?.diagnoses[0]?.title).toContain('contoso.invalid')
    expect(dns?.summary).toMatch(/^Not resolved: contoso.invalid: /)
    expect(result.steps.find((step) => step.id === 'tls')?.status).toBe('skip')
    expect(result.steps.find((step) => step.id === 'discovery')?.diagnoses[0]?.id).toBe('dns-not-found')
    expect(JSON.stringify(result)).not.toContain(SECRET)
  })
})
