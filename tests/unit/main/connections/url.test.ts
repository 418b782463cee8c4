import { describe, expect, it } from 'vitest'
import { normalizeUrl } from '../../../../main/connections/url'

interface Understood {
  readonly input: string
  readonly orgUrl: string
  readonly cloud: string | null
  readonly region: string | null
  readonly authorityHost?: string | null
  readonly apiVersion?: string
  /** Exactly these warning ids, in any order. */
  readonly warnings?: readonly string[]
}

const COM = 'login.microsoftonline.com'
const US = 'login.microsoftonline.us'
const CN = 'login.partner.microsoftonline.cn'

const understood: readonly Understood[] = [
  // plain org URLs in every region
  {
    input: 'https://contoso.crm.dynamics.com',
    orgUrl: 'https://contoso.crm.dynamics.com',
    cloud: 'commercial',
    region: 'NAM',
    authorityHost: COM,
  },
  {
    input: 'https://contoso.crm.dynamics.com/',
    orgUrl: 'https://contoso.crm.dynamics.com',
    cloud: 'commercial',
    region: 'NAM',
  },
  {
    input: 'https://contoso.crm2.dynamics.com',
    orgUrl: 'https://contoso.crm2.dynamics.com',
    cloud: 'commercial',
    region: 'SAM',
  },
  {
    input: 'https://contoso.crm3.dynamics.com',
    orgUrl: 'https://contoso.crm3.dynamics.com',
    cloud: 'commercial',
    region: 'CAN',
  },
  {
    input: 'https://contoso.crm4.dynamics.com',
    orgUrl: 'https://contoso.crm4.dynamics.com',
    cloud: 'commercial',
    region: 'EUR',
  },
  {
    input: 'https://contoso.crm5.dynamics.com',
    orgUrl: 'https://contoso.crm5.dynamics.com',
    cloud: 'commercial',
    region: 'APJ',
  },
  {
    input: 'https://contoso.crm6.dynamics.com',
    orgUrl: 'https://contoso.crm6.dynamics.com',
    cloud: 'commercial',
    region: 'OCE',
  },
  {
    input: 'https://contoso.crm7.dynamics.com',
    orgUrl: 'https://contoso.crm7.dynamics.com',
    cloud: 'commercial',
    region: 'JPN',
  },
  {
    input: 'https://contoso.crm8.dynamics.com',
    orgUrl: 'https://contoso.crm8.dynamics.com',
    cloud: 'commercial',
    region: 'IND',
  },
  {
    input: 'https://contoso.crm11.dynamics.com',
    orgUrl: 'https://contoso.crm11.dynamics.com',
    cloud: 'commercial',
    region: 'GBR',
  },
  {
    input: 'https://contoso.crm12.dynamics.com',
    orgUrl: 'https://contoso.crm12.dynamics.com',
    cloud: 'commercial',
    region: 'FRA',
  },
  {
    input: 'https://contoso.crm14.dynamics.com',
    orgUrl: 'https://contoso.crm14.dynamics.com',
    cloud: 'commercial',
    region: 'ZAF',
  },
  {
    input: 'https://contoso.crm15.dynamics.com',
    orgUrl: 'https://contoso.crm15.dynamics.com',
    cloud: 'commercial',
    region: 'UAE',
  },
  {
    input: 'https://contoso.crm16.dynamics.com',
    orgUrl: 'https://contoso.crm16.dynamics.com',
    cloud: 'commercial',
    region: 'GER',
  },
  {
    input: 'https://contoso.crm17.dynamics.com',
    orgUrl: 'https://contoso.crm17.dynamics.com',
    cloud: 'commercial',
    region: 'CHE',
  },
  {
    input: 'https://contoso.crm19.dynamics.com',
    orgUrl: 'https://contoso.crm19.dynamics.com',
    cloud: 'commercial',
    region: 'NOR',
  },
  {
    input: 'https://contoso.crm20.dynamics.com',
    orgUrl: 'https://contoso.crm20.dynamics.com',
    cloud: 'commercial',
    region: 'SGP',
  },
  {
    input: 'https://contoso.crm21.dynamics.com',
    orgUrl: 'https://contoso.crm21.dynamics.com',
    cloud: 'commercial',
    region: 'KOR',
  },
  {
    input: 'https://contoso.crm22.dynamics.com',
    orgUrl: 'https://contoso.crm22.dynamics.com',
    cloud: 'commercial',
    region: 'SWE',
  },
  // sovereign clouds
  {
    input: 'https://contoso.crm9.dynamics.com',
    orgUrl: 'https://contoso.crm9.dynamics.com',
    cloud: 'gcc',
    region: 'GCC',
    authorityHost: COM,
  },
  {
    input: 'https://contoso.crm.microsoftdynamics.us',
    orgUrl: 'https://contoso.crm.microsoftdynamics.us',
    cloud: 'gcc-high',
    region: 'USG',
    authorityHost: US,
  },
  {
    input: 'https://contoso.crm.appsplatform.us',
    orgUrl: 'https://contoso.crm.appsplatform.us',
    cloud: 'dod',
    region: 'DOD',
    authorityHost: US,
  },
  {
    input: 'https://contoso.crm.dynamics.cn',
    orgUrl: 'https://contoso.crm.dynamics.cn',
    cloud: 'china',
    region: 'CHN',
    authorityHost: CN,
  },
  {
    input: 'https://contoso.api.crm.microsoftdynamics.us/api/data/v9.2/',
    orgUrl: 'https://contoso.crm.microsoftdynamics.us',
    cloud: 'gcc-high',
    region: 'USG',
    warnings: ['api-host'],
  },
  // what people paste: spaces, quotes, capitals, brackets, line breaks, trailing punctuation
  {
    input: '  https://contoso.crm4.dynamics.com  ',
    orgUrl: 'https://contoso.crm4.dynamics.com',
    cloud: 'commercial',
    region: 'EUR',
  },
  {
    input: '"https://contoso.crm4.dynamics.com"',
    orgUrl: 'https://contoso.crm4.dynamics.com',
    cloud: 'commercial',
    region: 'EUR',
  },
  {
    input: "'https://contoso.crm4.dynamics.com/'",
    orgUrl: 'https://contoso.crm4.dynamics.com',
    cloud: 'commercial',
    region: 'EUR',
  },
  {
    input: '<https://contoso.crm4.dynamics.com>',
    orgUrl: 'https://contoso.crm4.dynamics.com',
    cloud: 'commercial',
    region: 'EUR',
  },
  {
    input: '(https://contoso.crm4.dynamics.com).',
    orgUrl: 'https://contoso.crm4.dynamics.com',
    cloud: 'commercial',
    region: 'EUR',
  },
  {
    input: 'HTTPS://CONTOSO.CRM4.DYNAMICS.COM',
    orgUrl: 'https://contoso.crm4.dynamics.com',
    cloud: 'commercial',
    region: 'EUR',
  },
  {
    input: 'https://Contoso-Dev.crm.dynamics.com/',
    orgUrl: 'https://contoso-dev.crm.dynamics.com',
    cloud: 'commercial',
    region: 'NAM',
  },
  {
    input: 'https://contoso.crm4.dyna\nmics.com',
    orgUrl: 'https://contoso.crm4.dynamics.com',
    cloud: 'commercial',
    region: 'EUR',
  },
  {
    input: 'contoso.crm4.dynamics.com',
    orgUrl: 'https://contoso.crm4.dynamics.com',
    cloud: 'commercial',
    region: 'EUR',
  },
  {
    input: 'contoso.crm4.dynamics.com:443',
    orgUrl: 'https://contoso.crm4.dynamics.com',
    cloud: 'commercial',
    region: 'EUR',
  },
  {
    input: 'https://contoso.crm.dynamics.com./',
    orgUrl: 'https://contoso.crm.dynamics.com',
    cloud: 'commercial',
    region: 'NAM',
  },
  {
    input: 'https://contoso.crm.dynamics.com,',
    orgUrl: 'https://contoso.crm.dynamics.com',
    cloud: 'commercial',
    region: 'NAM',
  },
  // http, encoded and credentials
  {
    input: 'http://contoso.crm.dynamics.com',
    orgUrl: 'https://contoso.crm.dynamics.com',
    cloud: 'commercial',
    region: 'NAM',
    warnings: ['http-upgraded'],
  },
  {
    input: 'HTTP://contoso.crm11.dynamics.com/',
    orgUrl: 'https://contoso.crm11.dynamics.com',
    cloud: 'commercial',
    region: 'GBR',
    warnings: ['http-upgraded'],
  },
  {
    input: 'https%3A%2F%2Fcontoso.crm.dynamics.com%2F',
    orgUrl: 'https://contoso.crm.dynamics.com',
    cloud: 'commercial',
    region: 'NAM',
    warnings: ['url-encoded'],
  },
  {
    input: 'https%253A%252F%252Fcontoso.crm.dynamics.com',
    orgUrl: 'https://contoso.crm.dynamics.com',
    cloud: 'commercial',
    region: 'NAM',
    warnings: ['url-encoded'],
  },
  {
    input: 'https://user:pass@contoso.crm.dynamics.com',
    orgUrl: 'https://contoso.crm.dynamics.com',
    cloud: 'commercial',
    region: 'NAM',
    warnings: ['credentials-removed'],
  },
  // deep links
  {
    input: 'https://contoso.crm4.dynamics.com/main.aspx?appid=0f2d&pagetype=entitylist&etn=account',
    orgUrl: 'https://contoso.crm4.dynamics.com',
    cloud: 'commercial',
    region: 'EUR',
    warnings: ['path-removed'],
  },
  {
    input: 'https://contoso.crm.dynamics.com/main.aspx#etc',
    orgUrl: 'https://contoso.crm.dynamics.com',
    cloud: 'commercial',
    region: 'NAM',
    warnings: ['path-removed'],
  },
  {
    input: 'https://contoso.crm.dynamics.com/apps/sales',
    orgUrl: 'https://contoso.crm.dynamics.com',
    cloud: 'commercial',
    region: 'NAM',
    warnings: ['path-removed'],
  },
  {
    input: 'https://contoso.crm.dynamics.com/contoso/main.aspx',
    orgUrl: 'https://contoso.crm.dynamics.com',
    cloud: 'commercial',
    region: 'NAM',
    warnings: ['path-removed'],
  },
  // Web API URLs, with or without a version or a path
  {
    input: 'https://contoso.api.crm.dynamics.com/api/data/v9.2/',
    orgUrl: 'https://contoso.crm.dynamics.com',
    cloud: 'commercial',
    region: 'NAM',
    warnings: ['api-host'],
  },
  {
    input: 'https://contoso.api.crm4.dynamics.com',
    orgUrl: 'https://contoso.crm4.dynamics.com',
    cloud: 'commercial',
    region: 'EUR',
    warnings: ['api-host'],
  },
  {
    input: 'https://contoso.crm.dynamics.com/api/data/v9.2',
    orgUrl: 'https://contoso.crm.dynamics.com',
    cloud: 'commercial',
    region: 'NAM',
    apiVersion: '9.2',
  },
  {
    input: 'https://contoso.crm.dynamics.com/api/data/v9.1/',
    orgUrl: 'https://contoso.crm.dynamics.com',
    cloud: 'commercial',
    region: 'NAM',
    apiVersion: '9.1',
  },
  {
    input: 'https://contoso.crm.dynamics.com/api/data/v9.0/accounts?$top=3',
    orgUrl: 'https://contoso.crm.dynamics.com',
    cloud: 'commercial',
    region: 'NAM',
    apiVersion: '9.0',
    warnings: ['path-removed'],
  },
  {
    input: 'https://contoso.crm.dynamics.com/api/data/',
    orgUrl: 'https://contoso.crm.dynamics.com',
    cloud: 'commercial',
    region: 'NAM',
    apiVersion: '9.2',
    warnings: ['path-removed'],
  },
  {
    input: 'https://contoso.crm.dynamics.com/api/data/v8.2/',
    orgUrl: 'https://contoso.crm.dynamics.com',
    cloud: 'commercial',
    region: 'NAM',
    apiVersion: '9.2',
    warnings: ['old-api-version'],
  },
  {
    input: 'https://contoso.api.crm3.dynamics.com/api/data/v9.2/WhoAmI',
    orgUrl: 'https://contoso.crm3.dynamics.com',
    cloud: 'commercial',
    region: 'CAN',
    warnings: ['api-host', 'path-removed'],
  },
  // SOAP endpoint
  {
    input: 'https://contoso.crm.dynamics.com/XRMServices/2011/Organization.svc',
    orgUrl: 'https://contoso.crm.dynamics.com',
    cloud: 'commercial',
    region: 'NAM',
    warnings: ['soap-endpoint'],
  },
  {
    input: 'https://contoso.api.crm4.dynamics.com/XRMServices/2011/Organization.svc/web?SdkClientVersion=9.2',
    orgUrl: 'https://contoso.crm4.dynamics.com',
    cloud: 'commercial',
    region: 'EUR',
    warnings: ['api-host', 'soap-endpoint'],
  },
  // unusual but accepted
  {
    input: 'https://contoso.crm10.dynamics.com',
    orgUrl: 'https://contoso.crm10.dynamics.com',
    cloud: 'commercial',
    region: null,
    warnings: ['unknown-region'],
  },
  {
    input: 'https://contoso.crm13.dynamics.com',
    orgUrl: 'https://contoso.crm13.dynamics.com',
    cloud: 'commercial',
    region: null,
    warnings: ['unknown-region'],
  },
  {
    input: 'https://contoso.crm.dynamics.com:8443',
    orgUrl: 'https://contoso.crm.dynamics.com:8443',
    cloud: 'commercial',
    region: 'NAM',
    warnings: ['unusual-port'],
  },
  // unknown hosts: accepted with a warning, cloud left to the user
  {
    input: 'https://crm.contoso.com',
    orgUrl: 'https://crm.contoso.com',
    cloud: null,
    region: null,
    authorityHost: null,
    warnings: ['unknown-host'],
  },
  {
    input: 'https://127.0.0.1:8443/main.aspx?appid=1',
    orgUrl: 'https://127.0.0.1:8443',
    cloud: null,
    region: null,
    authorityHost: null,
    warnings: ['unknown-host', 'path-removed'],
  },
  { input: 'localhost:5443', orgUrl: 'https://localhost:5443', cloud: null, region: null, warnings: ['unknown-host'] },
]

interface Refused {
  readonly input: string
  readonly problem: string
  readonly cloud?: string | null
  readonly environmentId?: string
  /** A phrase the next step must contain. */
  readonly next?: RegExp
}

const refused: readonly Refused[] = [
  { input: '', problem: 'empty' },
  { input: '   "" ', problem: 'empty' },
  { input: 'contoso', problem: 'not-a-url', next: /contoso\.crm\.dynamics\.com/ },
  { input: 'ftp://contoso.crm.dynamics.com', problem: 'unsupported-scheme' },
  { input: 'mailto:admin@contoso.com', problem: 'unsupported-scheme' },
  { input: 'https://', problem: 'not-a-url' },
  {
    input: 'https://make.powerapps.com/environments/Default-4c192492-e19d-4369-b4be-84470eb0844d/home',
    problem: 'portal-link',
    cloud: 'commercial',
    environmentId: 'Default-4c192492-e19d-4369-b4be-84470eb0844d',
    next: /Session details/,
  },
  {
    input: 'https://make.powerapps.com/environments/0a1b2c3d-1111-2222-3333-444455556666/solutions',
    problem: 'portal-link',
    environmentId: '0a1b2c3d-1111-2222-3333-444455556666',
  },
  {
    input:
      'https://admin.powerplatform.microsoft.com/manage/environments/environment/0a1b2c3d-1111-2222-3333-444455556666/hub',
    problem: 'portal-link',
    environmentId: '0a1b2c3d-1111-2222-3333-444455556666',
    next: /Environment URL/,
  },
  {
    input: 'https://make.high.powerapps.us/environments/0a1b2c3d-1111-2222-3333-444455556666/home',
    problem: 'portal-link',
    cloud: 'gcc-high',
  },
  {
    input: 'https://make.powerapps.cn/environments/0a1b2c3d-1111-2222-3333-444455556666/home',
    problem: 'portal-link',
    cloud: 'china',
  },
  {
    input:
      'https://apps.powerapps.com/play/e/0a1b2c3d-1111-2222-3333-444455556666/a/99999999-1111-2222-3333-444455556666',
    problem: 'portal-link',
    environmentId: '0a1b2c3d-1111-2222-3333-444455556666',
  },
  {
    input: 'https://login.microsoftonline.com/4c192492-e19d-4369-b4be-84470eb0844d/oauth2/v2.0/token',
    problem: 'sign-in-host',
  },
  { input: 'https://globaldisco.crm.dynamics.com/api/discovery/v2.0/Instances', problem: 'global-discovery' },
  { input: 'https://contoso.operations.dynamics.com', problem: 'finance-operations-host' },
  { input: 'https://home.dynamics.com', problem: 'not-an-environment' },
  { input: 'https://contoso.crm.microsoftdynamics.de', problem: 'germany-closed' },
]

describe('URL normaliser', () => {
  it(`has at least 50 cases (${understood.length + refused.length})`, () => {
    expect(understood.length + refused.length).toBeGreaterThanOrEqual(50)
  })

  it.each(understood)('understands $input', (entry) => {
    const result = normalizeUrl(entry.input)
    expect(result.ok, JSON.stringify(result)).toBe(true)
    if (!result.ok) return
    const value = result.value
    const version = entry.apiVersion ?? '9.2'
    expect(value.orgUrl).toBe(entry.orgUrl)
    expect(value.webApiUrl).toBe(`${entry.orgUrl}/api/data/v${version}/`)
    expect(value.scope).toBe(`${entry.orgUrl}/.default`)
    expect(value.apiVersion).toBe(version)
    expect(value.cloud).toBe(entry.cloud)
    expect(value.region?.code ?? null).toBe(entry.region)
    if (entry.authorityHost !== undefined) expect(value.authorityHost).toBe(entry.authorityHost)
    expect(value.warnings.map((warning) => warning.id).sort()).toEqual([...(entry.warnings ?? [])].sort())
    for (const warning of value.warnings) expect(warning.message.length).toBeGreaterThan(20)
  })

  it.each(refused)('explains why it cannot use $input', (entry) => {
    const result = normalizeUrl(entry.input)
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.problem.id).toBe(entry.problem)
    expect(result.problem.message.length).toBeGreaterThan(10)
    expect(result.problem.next.length).toBeGreaterThan(10)
    if (entry.cloud !== undefined) expect(result.problem.cloud).toBe(entry.cloud)
    if (entry.environmentId) {
      expect(result.problem.environmentId).toBe(entry.environmentId)
      expect(result.problem.message).toContain(entry.environmentId)
    }
    if (entry.next) expect(result.problem.next).toMatch(entry.next)
  })

  it('names AADSTS500011 when it drops a path, because that is what the path would cause', () => {
    const result = normalizeUrl('https://contoso.crm.dynamics.com/api/data/v9.2/accounts')
    expect(result.ok && result.value.warnings.find((w) => w.id === 'path-removed')?.message).toMatch(/AADSTS500011/)
  })

  it('tells the user to choose the cloud for a host it does not know', () => {
    const result = normalizeUrl('https://crm.contoso.com')
    expect(result.ok && result.value.warnings[0]?.message).toMatch(/choose the cloud/i)
  })
})
