/**
 * Failures the app saw itself are diagnosed from their facts (failure-facts.ts), not by writing
 * them back out as text for explain(). Each case is a failure built by the code that builds it in
 * the app; the oracle is what the old route (the failure re-serialised, then explain()) produced,
 * so the direct mapping is shown to give the same diagnoses for the same failures.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Cloud } from '@common/clouds'
import { AppFailure } from '@common/result'
import { authFailure } from '../../../../main/auth/token-provider'
import { dataverseFailure } from '../../../../main/dataverse/client'
import { failedMetadataRequest } from '../../../../main/dataverse/metadata/source'
import { explainFailure } from '../../../../main/diagnostics/check/failure'
import { explain } from '../../../../main/diagnostics/explain'
import { diagnoseFailure, factsOf, withDiagnoses } from '../../../../main/diagnostics/failure-facts'
import { networkFailure, tlsFailure } from '../../../../main/http/failures'

const TARGET = {
  authorityHost: 'login.microsoftonline.com',
  tenantId: '4c192492-e19d-4369-b4be-84470eb0844d',
  clientId: 'aaaaaaaa-0000-4111-8222-bbbbbbbbbbbb',
}
const URL_ = 'https://contoso.crm4.dynamics.com/api/data/v9.2/accounts'
const REQ = '5b0e7f0a-1111-4222-8333-444455556666'
const dv = (status: number, code: string, message: string, retryAfter: string | null = null) =>
  dataverseFailure(status, { error: { code, message } }, REQ, URL_, retryAfter)

const CASES: readonly (readonly [string, AppFailure])[] = [
  [
    'a missing privilege (0x80040220)',
    dv(
      403,
      '0x80040220',
      "Principal user (Id=11111111-2222-4333-8444-555555555555, type=8, roleCount=1, privilegeCount=590, accessMode=4), is missing prvReadaccount privilege (Id=886b280c-6396-4d56-a0a3-2c1b0a50ceb0) on OTC=1 for entity 'account'.",
    ),
  ],
  [
    'an app user that is not in the environment',
    dv(403, '0x80072560', 'The user is not a member of the organization.'),
  ],
  ['an app user with no roles', dv(403, '0x80042f09', 'No roles are assigned to user.')],
  ['the API restricted', dv(403, '0x80095ffc', 'Access to Dataverse API is restricted for this application user.')],
  [
    'a throttled app user, with Retry-After',
    dataverseFailure(
      429,
      {
        error: {
          code: '0x80072322',
          message: 'Number of requests exceeded the limit of 6000 over time window of 300 seconds.',
        },
      },
      REQ,
      URL_,
      '20',
    ),
  ],
  ['an unknown entity set', dv(404, '0x80060888', "Resource not found for the segment 'accountz'.")],
  [
    'an unknown property',
    dv(400, '0x80060888', "Could not find a property named 'nme' on type 'Microsoft.Dynamics.CRM.account'."),
  ],
  ['a query syntax error', dv(400, '0x80060888', "Syntax error at position 9 in 'name eq'.")],
  [
    'a plug-in that threw',
    dv(
      500,
      '0x80040265',
      'An error occurred in the Contoso.Plugins.AccountCheck plug-in. ISV code aborted the operation.',
    ),
  ],
  [
    'a record that does not exist',
    dv(404, '0x80040217', 'account With Id = 9b0e7f0a-1111-4222-8333-444455556666 Does Not Exist'),
  ],
  ['a server fault without a code', dataverseFailure(500, 'Internal Server Error', REQ, URL_)],
  ['a service that is unavailable', dataverseFailure(503, 'Service Unavailable', REQ, URL_)],
  [
    'an invalid secret (AADSTS7000215)',
    authFailure(
      {
        name: 'ServerError',
        errorCode: 'invalid_client',
        errorNo: 7000215,
        status: 401,
        errorMessage:
          "AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app 'aaaaaaaa-0000-4111-8222-bbbbbbbbbbbb'. Trace ID: 0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0 Correlation ID: 1a2b3c4d-5e6f-4a0b-9c8d-7e6f5a4b3c2d Timestamp: 2026-11-20 10:00:00Z",
      },
      TARGET,
    ),
  ],
  [
    'an app not in the tenant (AADSTS700016)',
    authFailure(
      {
        name: 'ServerError',
        errorCode: 'unauthorized_client',
        errorMessage:
          "AADSTS700016: Application with identifier 'aaaaaaaa-0000-4111-8222-bbbbbbbbbbbb' was not found in the directory 'Contoso'.",
      },
      TARGET,
    ),
  ],
  [
    'an expired secret (AADSTS7000222)',
    authFailure(
      {
        errorCode: 'invalid_client',
        errorNo: '7000222',
        errorMessage: "AADSTS7000222: The provided client secret keys for app 'x' are expired.",
      },
      TARGET,
    ),
  ],
  [
    'a tenant without a tenant id',
    authFailure({ name: 'ClientConfigurationError', errorCode: 'missing_tenant_id_error', errorMessage: 'x' }, TARGET),
  ],
  [
    'endpoints that could not be resolved',
    authFailure(
      {
        name: 'ClientAuthError',
        errorCode: 'endpoints_resolution_error',
        errorMessage: 'Endpoints cannot be resolved',
      },
      TARGET,
    ),
  ],
  ['a host that does not resolve', networkFailure('contoso.crm4.dynamics.com', ['ENOTFOUND'])],
  ['a refused connection', networkFailure('contoso.crm4.dynamics.com', ['ECONNREFUSED'])],
  ['a proxy asking for credentials', networkFailure('contoso.crm4.dynamics.com', ['PROXY_407'])],
  ['TLS inspection', tlsFailure('contoso.crm4.dynamics.com', 'SELF_SIGNED_CERT_IN_CHAIN')],
  ['an expired certificate', tlsFailure('contoso.crm4.dynamics.com', 'CERT_HAS_EXPIRED')],
]

/** How query-service.ts wrote a failure out for explain() before the facts were typed. */
function oldQueryText(failure: AppFailure): string {
  const details = (failure.details ?? {}) as Record<string, unknown>
  return [
    failure.message,
    typeof details.status === 'number' ? `HTTP ${details.status}` : '',
    typeof details.code === 'string' ? details.code : '',
    typeof details.message === 'string' ? details.message : '',
  ]
    .filter(Boolean)
    .join('\n')
}

/** How check/failure.ts wrote a failure out for explain() before; null where it mapped codes itself. */
function oldCheckText(failure: AppFailure): string | null {
  const details = (failure.details ?? {}) as Record<string, unknown>
  const text = (value: unknown) => (typeof value === 'string' && value ? value : undefined)
  if (failure.code === 'AUTH_FAILED') {
    const message = text(details.errorMessage) ?? failure.explanation
    const code = text(details.errorCode)
    return [code ? `${code}: ${message}` : message, details.aadsts ? `AADSTS${String(details.aadsts)}` : ''].join('\n')
  }
  if (failure.code === 'DATAVERSE_ERROR' || failure.code === 'THROTTLED') {
    const body = JSON.stringify({ error: { code: text(details.code) ?? '', message: text(details.message) ?? '' } })
    const retry = text(details.retryAfter)
    return [`HTTP ${String(details.status ?? '?')}`, ...(retry ? [`Retry-After: ${retry}`] : []), body].join('\n')
  }
  return null
}

const ids = (diagnoses: readonly { id: string }[]) => diagnoses.map((diagnosis) => diagnosis.id)

describe('failure facts → diagnoses', () => {
  const cloud: Cloud = 'commercial'

  it.each(CASES)('a query failure (%s) gets the diagnoses explain() found in its old text', (name, failure) => {
    const direct = diagnoseFailure(failure, cloud)
    expect(direct.length).toBeGreaterThan(0)
    // The one the old route missed: the proxy's 407 is a network code, which the check always mapped and the query's text lost.
    const before = name.startsWith('a proxy')
      ? ['proxy-auth-required']
      : ids(explain(oldQueryText(failure), { cloud }).diagnoses)
    expect(ids(direct)).toEqual(before)
  })

  it.each(CASES)('a check step (%s) gets the diagnoses it got before', (_name, failure) => {
    const text = oldCheckText(failure)
    if (text === null) return // network and TLS codes were mapped directly before too; the query case covers them
    const report = explainFailure(failure, cloud)
    const before = explain(text, { cloud }).diagnoses.filter((diagnosis) => diagnosis.confidence !== 'low')
    const expected = before.length ? ids(before.slice(0, 3)) : ids(report.diagnoses)
    expect(ids(report.diagnoses)).toEqual(expected)
  })

  it('names what the diagnosis quotes from the server’s own words and headers', () => {
    const [privilege] = diagnoseFailure(CASES[0]![1], cloud)
    expect(privilege).toMatchObject({ id: 'missing-privilege', confidence: 'high' })
    expect(privilege?.title).toMatch(/prvReadaccount/)
    const throttled = CASES.find(([name]) => name.startsWith('a throttled'))![1]
    expect(factsOf(throttled)).toMatchObject({ status: 429, dataverseCode: '0x80072322', retryAfterSeconds: 20 })
    expect(diagnoseFailure(throttled, cloud)[0]?.matched).toBe('Dataverse error 0x80072322')
    const dns = diagnoseFailure(networkFailure('contoso.crm4.dynamics.com', ['ENOTFOUND']), cloud)[0]
    expect(`${dns?.cause} ${dns?.fix.join(' ')}`).toMatch(/contoso\.crm4\.dynamics\.com/)
  })

  it('reads a metadata failure’s Dataverse code, which the old keys (dataverseCode) hid', async () => {
    const failure = await failedMetadataRequest(
      '$metadata',
      new Response(
        JSON.stringify({ error: { code: '0x80072560', message: 'The user is not a member of the organization.' } }),
        { status: 403 },
      ),
    )
    expect(factsOf(failure)).toMatchObject({ status: 403, dataverseCode: '0x80072560' })
    expect(diagnoseFailure(failure, cloud)[0]).toMatchObject({ id: 'app-user-missing', confidence: 'high' })
  })

  it('links AADSTS codes to the sign-in host of the connection’s cloud', () => {
    const [first] = diagnoseFailure(CASES.find(([name]) => name.includes('7000215'))![1], 'gcc-high')
    expect(first).toMatchObject({
      id: 'secret-invalid',
      docsUrl: 'https://login.microsoftonline.us/error?code=7000215',
    })
  })

  it('attaches the diagnoses only to codes whose details carry them', () => {
    const diagnoses = diagnoseFailure(CASES[0]![1], cloud)
    const attached = withDiagnoses(CASES[0]![1], diagnoses)
    expect(attached.toAppError()).toMatchObject({ code: 'DATAVERSE_ERROR', details: { status: 403, diagnoses } })
    const plain = new AppFailure({ code: 'INTERNAL', message: 'm', cause: 'c', next: 'n' })
    expect(withDiagnoses(plain, diagnoses)).toBe(plain)
  })

  it('leaves explain() to the paste box: no module that handles the app’s own failures imports it', () => {
    const root = join(__dirname, '../../../../main')
    const explainModule = join(root, 'diagnostics/explain')
    const files = (dir: string): string[] =>
      readdirSync(dir).flatMap((name) => {
        const path = join(dir, name)
        return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : []
      })
    const importers = files(root)
      .filter((path) =>
        [...readFileSync(path, 'utf8').matchAll(/from '(\.[^']*)'/g)].some(
          ([, specifier]) => join(dirname(path), specifier!) === explainModule,
        ),
      )
      .map((path) => relative(root, path))
      .sort()
    expect(importers).toEqual(['app/explain-service.ts'])
  })
})
