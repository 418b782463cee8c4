/**
 * The Power Platform API host (api.powerplatform.com) of the emulated tenant: environment listing only.
 *
 * GET /environmentmanagement/environments?api-version=… answers `{ value: [...] }` with the fields
 * of "Environments - List Environments For User" (id, displayName, url, type, azureRegion, geo,
 * state, tenantId, dataverseId, domainName). A token whose app is not a registered management
 * application gets 403 `{ error: { code: 'Forbidden', message: 'The service principal with id … for
 * application … does not have permission to access the path … in tenant ….' } }`, the shape reported
 * from the real service (microsoft/terraform-provider-power-platform#665). Anything else is 501.
 */
import { Hono } from 'hono'
import type { SigningKey } from '../certificates'
import { verifyAccessToken } from '../entra/tokens'
import { MANAGEMENT_APP_IDS, tenantEnvironments } from './tenant-environments'

export interface PowerPlatformApiContext {
  /** https://host[:port] of this API: the token audience it accepts. */
  readonly apiUrl: string
  readonly tenantId: string
  readonly now: () => number
  readonly signingKey: () => Promise<SigningKey>
  readonly orgs: () => readonly { readonly name: string; readonly url: string }[]
}

const JSON_TYPE = 'application/json; charset=utf-8'

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': JSON_TYPE } })
}

const apiError = (status: number, code: string, message: string) => json(status, { error: { code, message } })

export function createPowerPlatformApiApp(context: PowerPlatformApiContext): Hono {
  const app = new Hono()
  app.get('/environmentmanagement/environments', async (c) => {
    const url = new URL(c.req.url)
    const bearer = /^Bearer\s+(\S+)\s*$/i.exec(c.req.header('authorization') ?? '')?.[1]
    // [unsure] The exact 401 body is not documented; the status and the challenge scheme are.
    if (!bearer) return new Response(null, { status: 401, headers: { 'WWW-Authenticate': 'Bearer' } })
    const check = await verifyAccessToken(bearer, {
      signingKey: await context.signingKey(),
      tenantId: context.tenantId,
      orgUrl: context.apiUrl,
      now: context.now(),
    })
    if (!check.ok) return apiError(401, 'InvalidAuthenticationToken', `The access token is invalid (${check.reason}).`)
    // [unsure] The message for a missing api-version is not documented; the parameter is required.
    if (!url.searchParams.get('api-version'))
      return apiError(400, 'MissingApiVersionParameter', 'The api-version query parameter (?api-version=) is required.')
    if (!MANAGEMENT_APP_IDS.has(check.claims.appid)) {
      return apiError(
        403,
        'Forbidden',
        `The service principal with id '${check.claims.oid}' for application ${check.claims.appid} does not have permission to access the path '${url.pathname}${url.search}' in tenant ${context.tenantId}.`,
      )
    }
    return json(200, {
      value: tenantEnvironments(context.orgs()).map((environment) => ({
        ...environment,
        tenantId: context.tenantId,
        createdDateTime: '2025-01-15T09:00:00Z',
      })),
    })
  })
  app.all(
    '*',
    () =>
      new Response('Not supported by this emulator: it serves only GET /environmentmanagement/environments.', {
        status: 501,
        headers: { 'Content-Type': 'text/plain; charset=utf-8' },
      }),
  )
  return app
}
