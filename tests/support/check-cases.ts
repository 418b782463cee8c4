/**
 * Every emulator scenario and wrong-input case the preflight check must get right, as one table
 * shared by the in-process test and the HTTPS integration test. A case starts from a scenario
 * app's correct settings and changes what a user would get wrong.
 */
import type { CatalogId, StepId } from '@common/diagnostics'
import { SCENARIO_APPS, type ScenarioName } from '../../emulator'
import type { OrgConditions } from '../../emulator'

export type CheckMode = 'in-process' | 'https'

/** What a case may change; `secret: null` means "no secret available" (an unset variable). */
export interface CaseSettings {
  readonly url: string
  readonly tenantId: string
  readonly clientId: string
  readonly authorityHost: string | null
  readonly secret?: string | null
  /** Over HTTPS: an https://127.0.0.1:<port> origin nothing listens on. */
  readonly closedOrigin?: string
  /** Over HTTPS: the emulator's sign-in host under another name (localhost:<port>). */
  readonly otherAuthorityHost?: string
}

export type Expectation =
  { readonly pass: true } | { readonly step: StepId; readonly diagnosis: CatalogId; readonly status?: 'fail' | 'warn' }

export interface CheckCase {
  readonly name: string
  readonly scenario: ScenarioName
  readonly conditions?: OrgConditions
  readonly change?: (settings: CaseSettings, mode: CheckMode) => Partial<CaseSettings>
  /** The local clock offset from real time, in ms (clock-skew case). */
  readonly clockOffsetMs?: number
  readonly expect: Expectation | ((mode: CheckMode) => Expectation)
  /** Modes the case applies to (default both). */
  readonly modes?: readonly CheckMode[]
}

function secretOf(scenario: ScenarioName): { secret: string; secretId: string } {
  const app = SCENARIO_APPS.find((candidate) => candidate.scenario === scenario)
  if (app?.credential.kind !== 'secret') throw new Error(`${scenario} has no secret`)
  return { secret: app.credential.secret, secretId: app.credential.secretId }
}

const EXPECTED_BY_SCENARIO: Readonly<Record<ScenarioName, Expectation>> = {
  healthy: { pass: true },
  'healthy-certificate': { pass: true },
  'expired-secret': { step: 'token', diagnosis: 'secret-expired' },
  'no-app-user': { step: 'whoami', diagnosis: 'app-user-missing' },
  'app-user-disabled': { step: 'whoami', diagnosis: 'app-user-disabled' },
  'no-roles': { step: 'roles', diagnosis: 'no-security-roles' },
  'missing-privilege': { step: 'privileges', diagnosis: 'missing-privilege' },
  'certificate-not-registered': { step: 'token', diagnosis: 'certificate-not-registered' },
  'conditional-access-blocked': { step: 'token', diagnosis: 'conditional-access-blocked' },
  'app-disabled': { step: 'token', diagnosis: 'app-disabled' },
  'service-principal-missing': { step: 'token', diagnosis: 'service-principal-missing' },
  'cross-cloud-app': { step: 'token', diagnosis: 'wrong-cloud-host' },
  'secret-blocked-by-policy': { step: 'token', diagnosis: 'secret-blocked-by-policy' },
  'federated-credential': { pass: true },
}

export const CHECK_CASES: readonly CheckCase[] = [
  ...SCENARIO_APPS.map((app): CheckCase => ({
    name: `scenario ${app.scenario}`,
    scenario: app.scenario,
    expect: EXPECTED_BY_SCENARIO[app.scenario],
  })),
  {
    name: 'condition throttled',
    scenario: 'healthy',
    conditions: { throttled: 30 },
    expect: { step: 'whoami', diagnosis: 'throttled' },
  },
  { name: 'condition slow', scenario: 'healthy', conditions: { slow: 150 }, expect: { pass: true } },
  {
    name: 'condition flaky, every other request',
    scenario: 'healthy',
    conditions: { flaky: 2 },
    expect: { step: 'whoami', diagnosis: 'service-unavailable', status: 'warn' },
  },
  {
    name: 'condition flaky, every request',
    scenario: 'healthy',
    conditions: { flaky: 1 },
    expect: { step: 'discovery', diagnosis: 'service-unavailable' },
  },
  {
    name: 'condition environment-disabled',
    scenario: 'healthy',
    conditions: { environmentDisabled: true },
    expect: { step: 'whoami', diagnosis: 'environment-disabled' },
  },
  {
    name: 'condition admin-mode, app user without an admin role',
    scenario: 'missing-privilege',
    conditions: { adminMode: true },
    expect: { step: 'whoami', diagnosis: 'admin-mode' },
  },
  {
    name: 'condition admin-mode, System Administrator app user',
    scenario: 'healthy',
    conditions: { adminMode: true },
    expect: { pass: true },
  },
  {
    name: 'condition ip-firewall',
    scenario: 'healthy',
    conditions: { ipFirewall: 'block' },
    expect: { step: 'whoami', diagnosis: 'ip-firewall-blocked' },
  },
  {
    name: 'condition ip-firewall, all application users allowed',
    scenario: 'healthy',
    conditions: { ipFirewall: 'allow-app-users' },
    expect: { pass: true },
  },
  {
    name: 'condition api-restricted',
    scenario: 'healthy',
    conditions: { apiRestricted: true },
    expect: { step: 'whoami', diagnosis: 'api-restricted' },
  },
  {
    name: 'condition tls-untrusted',
    scenario: 'healthy',
    conditions: { tlsUntrusted: true },
    expect: { step: 'tls', diagnosis: 'tls-untrusted' },
    modes: ['https'],
  },
  {
    name: 'input: the secret ID pasted as the secret',
    scenario: 'healthy',
    change: () => ({ secret: secretOf('healthy').secretId }),
    expect: { step: 'config', diagnosis: 'secret-looks-like-id' },
  },
  {
    name: 'input: a wrong secret value',
    scenario: 'healthy',
    change: () => ({ secret: 'Wrong8Q~NotTheRealSecretValue0000000000' }),
    expect: { step: 'token', diagnosis: 'secret-invalid' },
  },
  {
    name: 'input: no secret available',
    scenario: 'healthy',
    change: () => ({ secret: null }),
    expect: { step: 'config', diagnosis: 'secret-missing' },
  },
  {
    name: 'input: a malformed tenant',
    scenario: 'healthy',
    change: () => ({ tenantId: 'contoso tenant' }),
    expect: { step: 'config', diagnosis: 'tenant-id-malformed' },
  },
  {
    name: 'input: tenant "common"',
    scenario: 'healthy',
    change: () => ({ tenantId: 'common' }),
    expect: { step: 'config', diagnosis: 'tenant-missing' },
  },
  {
    name: 'input: another tenant ID',
    scenario: 'healthy',
    change: () => ({ tenantId: '0e9c6f53-3b36-4a6a-9d1c-1d4a8c9e2f10' }),
    expect: { step: 'discovery', diagnosis: 'tenant-mismatch' },
  },
  {
    name: 'input: a tenant domain Entra ID does not know',
    scenario: 'healthy',
    change: () => ({ tenantId: 'fabrikam-typo.onmicrosoft.com' }),
    expect: { step: 'token', diagnosis: 'tenant-not-found' },
  },
  {
    name: 'input: a malformed client ID',
    scenario: 'healthy',
    change: () => ({ clientId: 'my-dataverse-app' }),
    expect: { step: 'config', diagnosis: 'client-id-malformed' },
  },
  {
    name: 'input: a client ID not in the tenant',
    scenario: 'healthy',
    change: () => ({ clientId: '5b0e4c1a-0d7e-4f5e-9a43-2f1c6b8d9e70' }),
    expect: { step: 'token', diagnosis: 'app-not-in-tenant' },
  },
  {
    name: 'input: a maker portal link as the URL',
    scenario: 'healthy',
    change: () => ({
      url: 'https://make.powerapps.com/environments/Default-4c192492-e19d-4369-b4be-84470eb0844d/home',
    }),
    expect: { step: 'config', diagnosis: 'url-not-dataverse' },
  },
  {
    name: 'input: the Web API URL with its path',
    scenario: 'healthy',
    change: (settings) => ({ url: `${settings.url}/api/data/v9.2/accounts` }),
    expect: { step: 'config', diagnosis: 'url-has-path', status: 'warn' },
  },
  {
    name: 'input: a host that is not this environment',
    scenario: 'healthy',
    change: (settings, mode) => ({
      url: mode === 'https' ? (settings.closedOrigin ?? '') : 'https://contoso-typo.crm.dynamics.com',
    }),
    expect: (mode) =>
      mode === 'https'
        ? { step: 'discovery', diagnosis: 'connection-refused' }
        : { step: 'discovery', diagnosis: 'url-not-dataverse' },
  },
  {
    // Over HTTPS the other host must resolve without internet: the emulator's authority under the name localhost.
    name: 'input: a sign-in host the environment does not use (another cloud)',
    scenario: 'healthy',
    change: (settings, mode) => ({
      authorityHost: mode === 'https' ? (settings.otherAuthorityHost ?? null) : 'login.microsoftonline.us',
    }),
    expect: { step: 'discovery', diagnosis: 'tenant-wrong-cloud' },
  },
  {
    name: 'clock: this computer is 10 minutes ahead',
    scenario: 'healthy',
    clockOffsetMs: 10 * 60_000,
    expect: { step: 'token-claims', diagnosis: 'clock-skew' },
    modes: ['https'],
  },
]

export function expectationOf(entry: CheckCase, mode: CheckMode): Expectation {
  return typeof entry.expect === 'function' ? entry.expect(mode) : entry.expect
}

export function casesFor(mode: CheckMode): CheckCase[] {
  return CHECK_CASES.filter((entry) => !entry.modes || entry.modes.includes(mode))
}
