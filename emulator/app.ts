/**
 * The emulator's single fetch-standard handler: one Hono app that routes by the request URL's
 * host (hostname:port) to the Entra ID authority or to one organization.
 */
import { Hono } from 'hono'

export interface HostRoutes {
  readonly authorityHost: string
  readonly authority: Hono
  /** Org host → that org's app. */
  readonly orgs: ReadonlyMap<string, Hono>
  /** The tenant's Power Platform API (environment discovery). */
  readonly powerPlatform?: { readonly host: string; readonly app: Hono }
}

export function createEmulatorApp(routes: HostRoutes): Hono {
  const app = new Hono()
  const served = [
    routes.authorityHost,
    ...routes.orgs.keys(),
    ...(routes.powerPlatform ? [routes.powerPlatform.host] : []),
  ]
  app.all('*', (c) => {
    const host = new URL(c.req.url).host.toLowerCase()
    if (host === routes.authorityHost) return routes.authority.fetch(c.req.raw)
    const org = routes.orgs.get(host)
    if (org) return org.fetch(c.req.raw)
    if (host === routes.powerPlatform?.host) return routes.powerPlatform.app.fetch(c.req.raw)
    return new Response(`Misdirected request: this emulator does not serve ${host}. It serves ${served.join(', ')}.`, {
      status: 421,
      headers: { 'Content-Type': 'text/plain; charset=utf-8' },
    })
  })
  app.onError(
    (error) =>
      new Response(
        JSON.stringify({
          error: { code: '0x80040216', message: `An unexpected error occurred. (emulator: ${error.message})` },
        }),
        {
          status: 500,
          headers: { 'Content-Type': 'application/json; odata.metadata=minimal', 'OData-Version': '4.0' },
        },
      ),
  )
  return app
}
