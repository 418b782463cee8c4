/**
 * One organization's host as a Hono app: the 401 challenge, org conditions (slow, flaky,
 * throttled, environment-disabled, admin-mode), service protection, the application-user
 * checks, then the Web API router — and the headers every Dataverse response carries.
 */
import { randomUUID } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import { Hono } from 'hono'
import type { SigningKey } from '../certificates'
import { verifyAccessToken } from '../entra/tokens'
import type { OrgConditions } from '../options'
import { CODES, DataverseFailure } from './errors'
import { parsePrefer } from './prefer'
import { decodePart, splitQuery } from './request-url'
import type { SecurityModel } from './security'
import type { Admission, ServiceProtection } from './service-protection'
import type { OrgStore } from './store'
import { handleApi, type ApiResponse } from './web-api'

export interface OrgRuntime {
  readonly name: string
  /** Origin without trailing slash: the token audience. */
  readonly url: string
  conditions: OrgConditions
  /** Built on first use: generating 55,000 rows is deferred until someone asks. */
  readonly state: () => { readonly store: OrgStore; readonly security: SecurityModel }
  readonly protection: ServiceProtection
  /** Requests seen, for the `flaky` condition. */
  requests: number
}

export interface OrgEnvironment {
  readonly tenantId: string
  readonly authorityUrl: string
  readonly now: () => number
  readonly latencyMs: number
  readonly signingKey: () => Promise<SigningKey>
}

const API_PATH = /^\/api\/data\/(v9\.[0-2])(?:\/(.*))?$/
/** Handing Response the bytes is about twice as fast as handing it a multi-megabyte string. */
const utf8 = new TextEncoder()
const JSON_TYPE = 'application/json; odata.metadata=minimal'
/** Dataverse's refusal when the environment allows only listed application IDs (wire §5). */
const API_RESTRICTED = '0x80095ffc'

/** The 429 an org condition forces on every authenticated call, with the documented code and wording. */
function forcedThrottle(conditions: OrgConditions, protection: ServiceProtection): DataverseFailure | null {
  const { windowRequests, windowSeconds, concurrent } = protection.limits
  if (conditions.throttledConcurrency)
    return new DataverseFailure(
      429,
      CODES.throttledConcurrency,
      `Number of concurrent requests exceeded the limit of ${concurrent}.`,
      { 'Retry-After': String(conditions.throttledConcurrency) },
    )
  if (conditions.throttledExecutionTime)
    return new DataverseFailure(429, CODES.throttledExecutionTime, protection.executionTimeMessage(), {
      'Retry-After': String(conditions.throttledExecutionTime),
    })
  if (conditions.throttled)
    return new DataverseFailure(
      429,
      CODES.throttledRequests,
      `Number of requests exceeded the limit of ${windowRequests} over time window of ${windowSeconds} seconds.`,
      { 'Retry-After': String(conditions.throttled) },
    )
  return null
}

/**
 * [unsure] Whether Dataverse sends the x-ms-ratelimit-* headers on a 429 is not documented; a
 * refused request does not report a budget here, rather than a full one it does not have.
 */
function withoutBudget(headers: Record<string, string>): Record<string, string> {
  const kept = { ...headers }
  for (const name of Object.keys(kept)) if (name.startsWith('x-ms-ratelimit-')) delete kept[name]
  return kept
}

/** What the emulator recommends when no `dop-hint` condition says otherwise. */
const DEFAULT_DOP_HINT = 4

export function createOrgApp(org: OrgRuntime, environment: OrgEnvironment): Hono {
  const app = new Hono()
  const challenge = `authorization_uri=${environment.authorityUrl}/${environment.tenantId}/oauth2/authorize, resource_id=${org.url}/`

  app.all('*', async (c) => {
    const request = c.req.raw
    const url = new URL(request.url)
    const requestId = randomUUID()
    const headers: Record<string, string> = {
      'OData-Version': '4.0',
      'x-ms-service-request-id': requestId,
      REQ_ID: requestId,
      'x-ms-dop-hint': String(org.conditions.dopHint ?? DEFAULT_DOP_HINT),
      'Cache-Control': 'no-cache',
      'Strict-Transport-Security': 'max-age=31536000; includeSubDomains',
      'X-Content-Type-Options': 'nosniff',
      ...org.protection.idleHeaders(),
    }
    const conditions = org.conditions
    const delay = environment.latencyMs + (conditions.slow ?? 0)
    let slept = false
    const pause = async (): Promise<void> => {
      if (!slept && delay > 0) {
        slept = true
        await sleep(delay)
      }
    }
    let admission: Admission | undefined
    const error = (failure: DataverseFailure): Response =>
      new Response(JSON.stringify({ error: { code: failure.code, message: failure.message } }), {
        status: failure.status,
        headers: {
          ...(failure.status === 429 ? withoutBudget(headers) : headers),
          ...failure.headers,
          'Content-Type': JSON_TYPE,
        },
      })
    try {
      org.requests++
      const match = API_PATH.exec(url.pathname)
      if (!match) {
        await pause()
        return new Response(
          `Not found: ${url.pathname}. This emulated organization serves the Web API under /api/data/v9.2/.`,
          {
            status: 404,
            headers: { ...headers, 'Content-Type': 'text/plain; charset=utf-8' },
          },
        )
      }
      if (conditions.flaky && org.requests % conditions.flaky === 0) {
        await pause()
        return error(new DataverseFailure(503, CODES.unexpected, 'An unexpected error occurred.'))
      }
      const authorization = request.headers.get('authorization') ?? ''
      const bearer = /^Bearer\s+(\S+)\s*$/i.exec(authorization)?.[1]
      if (!bearer) {
        await pause()
        return new Response(null, { status: 401, headers: { ...headers, 'WWW-Authenticate': `Bearer ${challenge}` } })
      }
      const check = await verifyAccessToken(bearer, {
        signingKey: await environment.signingKey(),
        tenantId: environment.tenantId,
        orgUrl: org.url,
        now: environment.now(),
      })
      if (!check.ok) {
        await pause()
        // [unsure] The exact challenge for a rejected token is not documented; this mirrors what live orgs are reported to send.
        return new Response(null, {
          status: 401,
          headers: {
            ...headers,
            'WWW-Authenticate': `Bearer error=invalid_token, error_description="Error during token validation!", ${challenge}`,
          },
        })
      }
      // [unsure] The firewall runs before authentication, but the "all application users" exemption needs the
      // token, so the emulator applies it once the token is verified; the refusal's code is not documented and none is sent.
      if (conditions.ipFirewall === 'block') {
        throw new DataverseFailure(
          403,
          '',
          'The request you are trying to make is rejected as access to your IP is blocked. Please contact your administrator.',
        )
      }
      if (conditions.apiRestricted) {
        throw new DataverseFailure(
          403,
          API_RESTRICTED,
          `Access to Dataverse API is restricted for this application Id : '${check.claims.appid}'. Please contact your administrator for more information.`,
        )
      }
      if (conditions.environmentDisabled) {
        // [unsure] The HTTP status for a disabled environment is not documented; 403 is our choice.
        throw new DataverseFailure(
          403,
          CODES.environmentDisabled,
          'The Dynamics 365 organization you are attempting to access is currently disabled. Please contact your system administrator',
        )
      }
      const forced = forcedThrottle(conditions, org.protection)
      if (forced) throw forced
      admission = org.protection.admit(check.claims.oid)
      Object.assign(headers, admission.headers)
      await pause()
      const { store, security } = org.state()
      const appUser = security.callerForApp(check.claims.appid)
      if (conditions.adminMode) security.requireAdminModeAccess(appUser)
      const caller = security.impersonate(appUser, request.headers)
      const path = match[2] ?? ''
      const split = splitQuery(url.search.slice(1))
      const organization = store.table('organization').rows[0]
      const result: ApiResponse = await handleApi(
        {
          method: request.method,
          headers: request.headers,
          path: decodePart(path),
          rawPath: path,
          rawQuery: url.search.slice(1),
          query: split.query,
          ...(split.fetchXml !== undefined ? { fetchXml: split.fetchXml } : {}),
          body: async () => JSON.parse(await request.text()) as unknown,
          text: () => request.text(),
        },
        {
          store,
          security,
          caller,
          now: environment.now(),
          prefer: parsePrefer(request.headers),
          apiBase: `${org.url}/api/data/${match[1] ?? 'v9.2'}`,
          currencySymbol: typeof organization?.currencysymbol === 'string' ? organization.currencysymbol : '$',
        },
      )
      const status = result.status
      if (status === 204 || status === 304)
        return new Response(null, { status, headers: { ...headers, ...result.headers } })
      const body = utf8.encode(result.text ?? JSON.stringify(result.body))
      return new Response(body, {
        status,
        headers: { ...headers, 'Content-Type': result.contentType ?? JSON_TYPE, ...result.headers },
      })
    } catch (failure) {
      if (failure instanceof DataverseFailure) {
        await pause()
        return error(failure)
      }
      throw failure
    } finally {
      admission?.release()
    }
  })
  return app
}
