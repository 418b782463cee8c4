/**
 * A small Entra ID authority + Dataverse org as one fetch-style handler, routed by host. It is the
 * wire counterpart for transport, sign-in and client tests (the full emulator lives in emulator/);
 * it verifies what matters here for real: the client secret, the client-assertion signature
 * against a registered certificate (jose), the scope, and the bearer token on every Dataverse call.
 */
import { randomBytes, randomUUID } from 'node:crypto'
import { decodeProtectedHeader, importX509, jwtVerify } from 'jose'
import { serveHttps, type TestServer } from './https-server'
import { thumbprints, type KeyAndCert } from './pki'

export interface FakeCloudOptions {
  /** https://host:port of the authority. */
  readonly authorityOrigin: string
  /** https://host:port of the org. */
  readonly orgOrigin: string
  readonly tenantId?: string
  readonly clientId?: string
  readonly secret?: string
  /** PEM certificates registered on the app (their keys may sign client assertions). */
  readonly certificates?: readonly string[]
}

export interface RecordedRequest {
  readonly host: string
  readonly method: string
  readonly path: string
  readonly authorization: string | null
}

export type Route = (request: Request, url: URL) => Response | Promise<Response>

export interface FakeCloud {
  readonly tenantId: string
  readonly clientId: string
  readonly requests: RecordedRequest[]
  readonly issuedTokens: string[]
  /** Token endpoint calls only. */
  tokenRequests(): number
  /** Adds or replaces an org route: key 'METHOD /path' (path after /api/data/v9.2/). */
  route(key: string, route: Route): void
  handle(request: Request): Promise<Response>
}

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url')

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
  })
}

function entraError(status: number, error: string, code: number, text: string): Response {
  const trace = randomUUID()
  const correlation = randomUUID()
  return json(status, {
    error,
    error_description: `AADSTS${code}: ${text} Trace ID: ${trace} Correlation ID: ${correlation} Timestamp: 2026-11-26 09:00:00Z`,
    error_codes: [code],
    timestamp: '2026-11-26 09:00:00Z',
    trace_id: trace,
    correlation_id: correlation,
  })
}

export function createFakeCloud(options: FakeCloudOptions): FakeCloud {
  const tenantId = options.tenantId ?? '4c192492-e19d-4369-b4be-84470eb0844d'
  const clientId = options.clientId ?? '11111111-2222-4333-8444-555555555555'
  const authority = new URL(options.authorityOrigin)
  const org = new URL(options.orgOrigin)
  const requests: RecordedRequest[] = []
  const issuedTokens: string[] = []
  const routes = new Map<string, Route>()
  let tokenCalls = 0

  const registered = (options.certificates ?? []).map((pem) => ({ pem, ...thumbprints(pem) }))

  const issue = (): string => {
    const now = Math.floor(Date.now() / 1000)
    const token = [
      base64url({ typ: 'JWT', alg: 'RS256', kid: 'fake' }),
      base64url({
        aud: options.orgOrigin,
        iss: `https://sts.windows.net/${tenantId}/`,
        appid: clientId,
        tid: tenantId,
        iat: now,
        nbf: now,
        exp: now + 3599,
        ver: '1.0',
      }),
      randomBytes(32).toString('base64url'),
    ].join('.')
    issuedTokens.push(token)
    return token
  }

  const verifyAssertion = async (assertion: string, tokenEndpoint: string): Promise<boolean> => {
    let header: ReturnType<typeof decodeProtectedHeader>
    try {
      header = decodeProtectedHeader(assertion)
    } catch {
      return false
    }
    const sha256 =
      typeof header['x5t#S256'] === 'string'
        ? Buffer.from(header['x5t#S256'], 'base64url').toString('hex').toUpperCase()
        : null
    const sha1 =
      typeof header.x5t === 'string' ? Buffer.from(header.x5t, 'base64url').toString('hex').toUpperCase() : null
    const certificate = registered.find((entry) => entry.sha256 === sha256 || entry.sha1 === sha1)
    if (!certificate) return false
    try {
      const key = await importX509(certificate.pem, String(header.alg))
      // MSAL rounds nbf to the nearest second, so it can be up to half a second ahead; Entra allows skew too.
      const { payload } = await jwtVerify(assertion, key, {
        audience: tokenEndpoint,
        issuer: clientId,
        subject: clientId,
        clockTolerance: 300,
      })
      return Boolean(payload.jti)
    } catch {
      return false
    }
  }

  const handleAuthority = async (request: Request, url: URL): Promise<Response> => {
    const [tenant, ...rest] = url.pathname.split('/').filter(Boolean)
    const path = rest.join('/')
    const tenantOrigin = `${options.authorityOrigin}/${tenant}`
    if (request.method === 'GET' && path === 'v2.0/.well-known/openid-configuration') {
      return json(200, {
        issuer: `${tenantOrigin}/v2.0`,
        token_endpoint: `${tenantOrigin}/oauth2/v2.0/token`,
        authorization_endpoint: `${tenantOrigin}/oauth2/v2.0/authorize`,
        end_session_endpoint: `${tenantOrigin}/oauth2/v2.0/logout`,
        jwks_uri: `${tenantOrigin}/discovery/v2.0/keys`,
      })
    }
    if (request.method === 'POST' && path === 'oauth2/v2.0/token') {
      tokenCalls++
      const form = new URLSearchParams(await request.text())
      if (tenant !== tenantId) return entraError(400, 'invalid_tenant', 90002, `Tenant '${tenant}' not found.`)
      if (form.get('client_id') !== clientId)
        return entraError(
          400,
          'unauthorized_client',
          700016,
          `Application with identifier '${form.get('client_id')}' was not found in the directory.`,
        )
      if (form.get('scope') !== `${options.orgOrigin}/.default`)
        return entraError(400, 'invalid_resource', 500011, 'The resource principal was not found in the tenant.')
      const secret = form.get('client_secret')
      const assertion = form.get('client_assertion')
      if (secret !== null) {
        if (secret !== options.secret)
          return entraError(401, 'invalid_client', 7000215, 'Invalid client secret provided.')
      } else if (assertion !== null) {
        if (!(await verifyAssertion(assertion, `${tenantOrigin}/oauth2/v2.0/token`))) {
          return entraError(401, 'invalid_client', 700027, 'Client assertion failed signature validation.')
        }
      } else {
        return entraError(
          401,
          'invalid_client',
          7000218,
          "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.",
        )
      }
      return json(
        200,
        { token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599, access_token: issue() },
        { 'cache-control': 'no-store, no-cache' },
      )
    }
    return new Response('not found', { status: 404 })
  }

  const handleOrg = async (request: Request, url: URL): Promise<Response> => {
    const bearer = request.headers.get('authorization')?.replace(/^Bearer\s+/i, '') ?? null
    if (!bearer || !issuedTokens.includes(bearer)) {
      return new Response(null, {
        status: 401,
        headers: {
          'www-authenticate': `Bearer authorization_uri=${options.authorityOrigin}/${tenantId}/oauth2/authorize, resource_id=${options.orgOrigin}/`,
        },
      })
    }
    const path = url.pathname.replace(/^\/api\/data\/v9\.\d\//, '')
    const custom = routes.get(`${request.method} /${path}`)
    if (custom) return custom(request, url)
    const headers = { 'odata-version': '4.0', 'x-ms-service-request-id': randomUUID() }
    if (request.method === 'GET' && path === 'WhoAmI') {
      return json(
        200,
        { BusinessUnitId: randomUUID(), UserId: '00000000-0000-4000-8000-000000000001', OrganizationId: randomUUID() },
        headers,
      )
    }
    if (request.method === 'GET' && path === 'accounts') {
      return json(200, { value: [{ accountid: randomUUID(), name: 'Fourth Coffee' }] }, headers)
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') return new Response(null, { status: 204, headers })
    return json(
      404,
      { error: { code: '0x8006088a', message: `Resource not found for the segment '${path}'.` } },
      headers,
    )
  }

  return {
    tenantId,
    clientId,
    requests,
    issuedTokens,
    tokenRequests: () => tokenCalls,
    route: (key, route) => void routes.set(key, route),
    async handle(request) {
      const url = new URL(request.url)
      requests.push({
        host: url.host,
        method: request.method,
        path: url.pathname + url.search,
        authorization: request.headers.get('authorization'),
      })
      if (url.host === authority.host) return handleAuthority(request, url)
      if (url.host === org.host) return handleOrg(request, url)
      return new Response(`unknown host ${url.host}`, { status: 421 })
    },
  }
}

export interface HttpsFakeCloud {
  readonly cloud: FakeCloud
  readonly authority: TestServer
  readonly org: TestServer
  close(): Promise<void>
}

/** The fake cloud over real HTTPS: the authority and the org each on their own 127.0.0.1 port. */
export async function serveFakeCloud(
  tls: KeyAndCert,
  options: Omit<FakeCloudOptions, 'authorityOrigin' | 'orgOrigin'> = {},
): Promise<HttpsFakeCloud> {
  // The handler needs the ports, and the ports exist only once the servers listen.
  const ready: { cloud?: FakeCloud } = {}
  const handler = (request: Request) =>
    ready.cloud ? ready.cloud.handle(request) : new Response('starting', { status: 503 })
  const [authority, org] = await Promise.all([serveHttps(handler, tls), serveHttps(handler, tls)])
  const cloud = createFakeCloud({ ...options, authorityOrigin: authority.origin, orgOrigin: org.origin })
  ready.cloud = cloud
  return { cloud, authority, org, close: async () => void (await Promise.all([authority.close(), org.close()])) }
}
