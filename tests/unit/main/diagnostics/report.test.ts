import { describe, expect, it } from 'vitest'
import { ReportInputSchema, type ReportFormat } from '@common/diagnostics'
import { renderReport, scrubSecrets } from '../../../../main/diagnostics/report'
import { maskEnvironment, maskId } from '../../../../main/diagnostics/report/model'
import { failedCheck, FIXTURE_CLIENT, FIXTURE_TENANT, reportInput } from '../../../support/check-fixture'
import { makeJwt } from '../../../support/jwt'

const FORMATS: ReportFormat[] = ['markdown', 'html', 'json', 'ticket']

// Real-looking secrets: an Entra secret value, a signed-looking access token and a client assertion.
const SECRET = 'Xq8Q~p2vYk.3hN_d9rT5uWcZ0eLmA7sBfG4jK1oI'
const TOKEN = makeJwt({ aud: 'https://contoso.crm4.dynamics.com', appid: FIXTURE_CLIENT, tid: FIXTURE_TENANT })
const ASSERTION = makeJwt(
  { aud: 'https://login.microsoftonline.com/t/oauth2/v2.0/token', iss: FIXTURE_CLIENT, sub: FIXTURE_CLIENT },
  { alg: 'PS256', 'x5t#S256': 'abc' },
)

describe('check reports', () => {
  it.each(FORMATS.map((f) => [f]))(
    '%s contains the environment, every step with timings, evidence ids and the app version',
    (format) => {
      const text = renderReport(reportInput(), format)
      expect(text).toContain('https://contoso.crm4.dynamics.com')
      expect(text).toContain(FIXTURE_TENANT)
      expect(text).toContain('0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0')
      expect(text).toContain('0.1.0')
      if (format !== 'ticket') {
        for (const id of [
          'config',
          'dns',
          'tls',
          'discovery',
          'token',
          'token-claims',
          'whoami',
          'app-user',
          'roles',
          'privileges',
          'limits',
        ])
          expect(text).toContain(id)
        expect(text).toMatch(/290(?: ms|,|\b)/)
        expect(text).toContain('9a8b7c6d-5e4f-3a2b-1c0d-e9f8a7b6c5d4')
      }
    },
  )

  it('puts the diagnosis with its numbered fix into the Markdown report', () => {
    const md = renderReport(reportInput(), 'markdown')
    expect(md).toContain('**Entra ID rejected the client secret** (`secret-invalid`, high confidence)')
    expect(md).toMatch(/^1\. Open Entra admin center → .* → Certificates & secrets → Client secrets/m)
    expect(md).toContain('| token | ✖ FAIL | 290 ms |')
  })

  it('makes a compact support-ticket text with the failure and its ids first', () => {
    const ticket = renderReport(reportInput(), 'ticket')
    expect(ticket.split('\n')[0]).toBe(
      '**Dataverse connection check: FAIL at step token** (Dataverse Workbench 0.1.0, 2026-11-26T09:01:00.000Z)',
    )
    expect(ticket).toContain('Diagnosis: secret-invalid (high): Entra ID rejected the client secret')
    expect(ticket).toContain(
      'Trace ID: 0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0 · Correlation ID: 9a8b7c6d-5e4f-3a2b-1c0d-e9f8a7b6c5d4 · Timestamp: 2026-11-26 09:00:00Z',
    )
    expect(ticket.split('\n').length).toBeLessThan(15)
  })

  it('renders a self-contained printable HTML page with the waterfall as inline SVG', () => {
    const html = renderReport(reportInput(), 'html')
    expect(html).toMatch(/^<!doctype html>/)
    expect(html).toContain('<style>')
    expect(html).toContain('@media print')
    expect(html).toContain('<svg xmlns="http://www.w3.org/2000/svg" class="waterfall"')
    expect(html).toMatch(/<rect [^>]*fill="#c50f1f"/)
    expect(html).not.toMatch(/<script|<link|<img|<iframe|\bsrc=|\bhref=|@import|url\(/i)
  })

  it('escapes whatever a server put in its error text', () => {
    const html = renderReport(reportInput(failedCheck({ excerpt: '<img src=x onerror=alert(1)>' })), 'html')
    expect(html).not.toContain('<img')
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;')
  })

  it('masks the environment, tenant and app everywhere they appear, when asked', () => {
    const mask = { environment: true, tenant: true, app: true }
    for (const format of FORMATS) {
      const text = renderReport(reportInput(failedCheck(), mask), format)
      expect(text, format).not.toContain(FIXTURE_TENANT)
      expect(text, format).not.toContain(FIXTURE_CLIENT)
      expect(text, format).not.toContain('contoso')
      expect(text, format).toContain('1111…5555')
      expect(text, format).toContain('*******.crm4.dynamics.com')
    }
    expect(maskId('abc')).toBe('***')
    expect(maskEnvironment('https://contoso.crm.dynamics.com/')).toBe('https://*******.crm.dynamics.com')
  })

  it('cannot carry a secret, token or assertion: the input type has no place for one and extra fields are refused', () => {
    const input = { ...reportInput(), accessToken: TOKEN }
    expect(ReportInputSchema.safeParse(input).success).toBe(false)
    expect(() => renderReport(input as never, 'markdown')).toThrow()
    const subject = { ...reportInput().subject, clientSecret: SECRET }
    expect(() => renderReport({ ...reportInput(), subject } as never, 'json')).toThrow()
  })

  it('scrubs a secret, token or assertion that slipped into evidence, in every format', () => {
    const leaky = [
      `POST /oauth2/v2.0/token client_id=${FIXTURE_CLIENT}&client_secret=${encodeURIComponent(SECRET)}&grant_type=client_credentials`,
      `client_assertion_type=urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Ajwt-bearer&client_assertion=${ASSERTION}`,
      `Authorization: Bearer ${TOKEN}`,
      `{"access_token":"${TOKEN}","client_secret":"${SECRET}"}`,
      `token was ${TOKEN} in a log line`,
    ].join('\n')
    for (const format of FORMATS) {
      const text = renderReport(reportInput(failedCheck({ excerpt: leaky })), format)
      for (const secret of [
        SECRET,
        encodeURIComponent(SECRET),
        TOKEN,
        ASSERTION,
        ...TOKEN.split('.').slice(1),
        ...ASSERTION.split('.').slice(1),
      ]) {
        expect(text, `${format} leaks ${secret.slice(0, 12)}`).not.toContain(secret)
      }
    }
  })

  it('scrubber keeps ordinary text and ids intact', () => {
    const text = `Trace ID: ${FIXTURE_TENANT} client_id=${FIXTURE_CLIENT} Bearer challenge`
    expect(scrubSecrets(text)).toBe(text)
    expect(scrubSecrets('client_secret=abc&x=1')).toBe('client_secret=[redacted]&x=1')
    expect(scrubSecrets('"password": "p\\"w"')).toBe('"password": "[redacted]"')
  })
})
