import type { CheckResult, ReportInput, StepId, StepResult } from '@common/diagnostics'
import { diagnose } from '../../main/diagnostics/catalog'

export const FIXTURE_TENANT = '11111111-2222-3333-4444-555555555555'
export const FIXTURE_CLIENT = 'aaaaaaaa-0000-1111-2222-bbbbbbbbbbbb'
export const FIXTURE_URL = 'https://contoso.crm4.dynamics.com'

const START = Date.parse('2026-11-26T09:00:00.000Z')

function at(ms: number): string {
  return new Date(START + ms).toISOString()
}

function step(
  id: StepId,
  status: StepResult['status'],
  startMs: number,
  durationMs: number,
  summary: string,
  extra: Partial<StepResult> = {},
): StepResult {
  return { id, status, startedAt: at(startMs), durationMs, summary, facts: [], diagnoses: [], ...extra }
}

/** A check that failed at the token step with AADSTS7000215, shaped as the real check produces it. */
export function failedCheck(overrides: { excerpt?: string } = {}): CheckResult {
  return {
    checkId: 'chk-1',
    startedAt: at(0),
    durationMs: 420,
    outcome: 'fail',
    cancelled: false,
    steps: [
      step('config', 'pass', 0, 2, 'URL, tenant and client ID look right.', {
        facts: [
          { label: 'Environment', value: FIXTURE_URL, sensitive: true },
          { label: 'Tenant', value: FIXTURE_TENANT, sensitive: true },
          { label: 'Client ID', value: FIXTURE_CLIENT, sensitive: true },
        ],
      }),
      step('dns', 'pass', 2, 30, 'Both hosts resolve.', {
        facts: [{ label: 'contoso.crm4.dynamics.com', value: '20.50.2.1' }],
      }),
      step('discovery', 'pass', 2, 120, `The environment's tenant is ${FIXTURE_TENANT}.`),
      step('tls', 'pass', 32, 80, 'Certificates verify.', {
        facts: [{ label: 'Issuer', value: 'Microsoft Azure RSA TLS Issuing CA 03' }],
      }),
      step('token', 'fail', 122, 290, 'Entra ID refused the token request: AADSTS7000215.', {
        diagnoses: [diagnose('secret-invalid', { confidence: 'high', matched: 'AADSTS7000215', aadsts: '7000215' })],
        evidence: {
          excerpt:
            overrides.excerpt ??
            `{"error":"invalid_client","error_description":"AADSTS7000215: Invalid client secret provided … for a secret added to app '${FIXTURE_CLIENT}'."}`,
          requestIds: ['0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0'],
          traceId: '0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0',
          correlationId: '9a8b7c6d-5e4f-3a2b-1c0d-e9f8a7b6c5d4',
          timestamp: '2026-11-26 09:00:00Z',
        },
      }),
      ...(['token-claims', 'whoami', 'app-user', 'roles', 'privileges', 'limits'] as const).map((id) => ({
        id,
        status: 'skip' as const,
        durationMs: 0,
        summary: 'Skipped because token failed.',
        facts: [],
        diagnoses: [],
      })),
    ],
    requests: [
      {
        stepId: 'discovery',
        method: 'GET',
        url: `${FIXTURE_URL}/api/data/v9.2/`,
        status: 401,
        startMs: 2,
        durationMs: 118,
      },
      {
        stepId: 'token',
        method: 'POST',
        url: `https://login.microsoftonline.com/${FIXTURE_TENANT}/oauth2/v2.0/token`,
        status: 401,
        startMs: 124,
        durationMs: 286,
        requestId: '0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0',
      },
    ],
  }
}

export function reportInput(
  check: CheckResult = failedCheck(),
  mask = { environment: false, tenant: false, app: false },
): ReportInput {
  return {
    subject: {
      connectionName: 'Contoso UAT',
      environmentUrl: FIXTURE_URL,
      cloud: 'commercial',
      tenantId: FIXTURE_TENANT,
      clientId: FIXTURE_CLIENT,
      credentialKind: 'secret',
    },
    check,
    appVersion: '0.1.0',
    generatedAt: '2026-11-26T09:01:00.000Z',
    mask,
  }
}
