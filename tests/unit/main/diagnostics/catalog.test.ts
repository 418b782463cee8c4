import { describe, expect, it } from 'vitest'
import { CLOUDS } from '@common/clouds'
import { CATALOG_IDS, DiagnosisSchema } from '@common/diagnostics'
import { isAllowedExternalLink } from '../../../../main/platform/links'
import { CATALOG, catalogGaps, diagnose } from '../../../../main/diagnostics/catalog'

const ISSUE_IDS = [
  'url-has-path',
  'url-not-dataverse',
  'tenant-id-malformed',
  'client-id-malformed',
  'secret-looks-like-id',
  'secret-missing',
  'dns-not-found',
  'connection-refused',
  'network-timeout',
  'proxy-auth-required',
  'tls-untrusted',
  'tls-expired',
  'tls-hostname-mismatch',
  'tenant-not-found',
  'tenant-wrong-cloud',
  'tenant-missing',
  'app-not-in-tenant',
  'app-disabled',
  'service-principal-missing',
  'secret-invalid',
  'secret-expired',
  'certificate-not-registered',
  'assertion-time-invalid',
  'resource-not-found',
  'scope-invalid',
  'request-malformed',
  'conditional-access-blocked',
  'user-credentials-used',
  'tenant-mismatch',
  'token-expired',
  'token-audience-mismatch',
  'clock-skew',
  'app-user-missing',
  'app-user-disabled',
  'no-security-roles',
  'missing-privilege',
  'environment-disabled',
  'admin-mode',
  'throttled',
  'query-invalid-property',
  'query-unknown-segment',
  'query-syntax-error',
  'record-not-found',
  'server-error',
  // Diagnosis depth: record-level access, writes, assertions, federated credentials, environment gates.
  'record-access-denied',
  'undeclared-property',
  'duplicate-record',
  'plugin-error',
  'assertion-malformed',
  'federated-credential-mismatch',
  'secret-blocked-by-policy',
  'ip-firewall-blocked',
]

describe('diagnosis catalog', () => {
  it('has exactly one entry per declared id, including every id the issue lists', () => {
    expect(catalogGaps()).toEqual({ missing: [], extra: [], duplicates: [] })
    for (const id of ISSUE_IDS) expect(CATALOG_IDS as readonly string[]).toContain(id)
  })

  it.each(CLOUDS.map((cloud) => [cloud]))(
    'gives every diagnosis a title, cause, numbered fix and an openable docs link (%s)',
    (cloud) => {
      for (const id of CATALOG_IDS) {
        const diagnosis = diagnose(id, { confidence: 'high', cloud })
        expect(DiagnosisSchema.parse(diagnosis)).toEqual(diagnosis)
        expect(id).toMatch(/^[a-z]+(-[a-z0-9]+)*$/)
        expect(diagnosis.cause.length, id).toBeGreaterThan(40)
        expect(
          diagnosis.fix.every((step) => step.length > 10),
          id,
        ).toBe(true)
        expect(isAllowedExternalLink(diagnosis.docsUrl), `${id}: ${diagnosis.docsUrl}`).toBe(true)
      }
    },
  )

  it('sends AADSTS diagnoses to the lookup page of the right cloud and the rest to Microsoft Learn', () => {
    expect(diagnose('secret-expired', { confidence: 'high', cloud: 'dod' }).docsUrl).toBe(
      'https://login.microsoftonline.us/error?code=7000222',
    )
    expect(diagnose('secret-expired', { confidence: 'high', cloud: 'china', aadsts: '7000222' }).docsUrl).toBe(
      'https://login.partner.microsoftonline.cn/error?code=7000222',
    )
    expect(diagnose('app-user-missing', { confidence: 'high', cloud: 'gcc-high' }).docsUrl).toMatch(
      /^https:\/\/learn\.microsoft\.com\//,
    )
  })

  it('names the exact portal blades in app-user fixes', () => {
    expect(diagnose('app-user-missing', { confidence: 'high' }).fix[0]).toBe(
      'Open Power Platform admin center → Manage → Environments → <your environment> → Settings → Users + permissions → Application users.',
    )
    expect(diagnose('secret-looks-like-id', { confidence: 'high' }).fix[0]).toBe(
      'Open Entra admin center → Identity → Applications → App registrations → <your app> → Certificates & secrets → Client secrets.',
    )
  })

  it('fills in what the matcher learned', () => {
    expect(diagnose('dns-not-found', { confidence: 'high', host: 'contoso.crm.dynamics.com' }).title).toBe(
      'The name contoso.crm.dynamics.com does not resolve',
    )
    expect(diagnose('query-invalid-property', { confidence: 'high', name: 'fullnam' }).title).toContain('"fullnam"')
    expect(CATALOG.size).toBe(CATALOG_IDS.length)
  })
})
