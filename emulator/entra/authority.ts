/**
 * The Entra ID authority host: OpenID configuration (v2 and v1), instance discovery, JWKS and
 * the token endpoints, as one Hono app.
 */
import { Hono } from 'hono'
import { AadFailure, aadErrorResponse, ENTRA_HEADERS } from './errors'
import { isMultiTenantAlias, requireTenant } from './tenant'
import { stsIssuer } from './tokens'
import { handleTokenRequest, type TokenEndpointContext } from './token-endpoint'

const json = (body: unknown, status = 200): Response =>
  new Response(JSON.stringify(body), { status, headers: ENTRA_HEADERS })

/** The public cloud's alias table (wire §3.2), which MSAL reads from instance discovery. */
const PUBLIC_CLOUDS = [
  {
    preferred_network: 'login.microsoftonline.com',
    preferred_cache: 'login.windows.net',
    aliases: ['login.microsoftonline.com', 'login.windows.net', 'login.microsoft.com', 'sts.windows.net'],
  },
  {
    preferred_network: 'login.partner.microsoftonline.cn',
    preferred_cache: 'login.partner.microsoftonline.cn',
    aliases: ['login.partner.microsoftonline.cn', 'login.chinacloudapi.cn'],
  },
  {
    preferred_network: 'login.microsoftonline.de',
    preferred_cache: 'login.microsoftonline.de',
    aliases: ['login.microsoftonline.de'],
  },
  {
    preferred_network: 'login.microsoftonline.us',
    preferred_cache: 'login.microsoftonline.us',
    aliases: ['login.microsoftonline.us', 'login.usgovcloudapi.net'],
  },
  {
    preferred_network: 'login-us.microsoftonline.com',
    preferred_cache: 'login-us.microsoftonline.com',
    aliases: ['login-us.microsoftonline.com'],
  },
]

export function createAuthorityApp(context: TokenEndpointContext): Hono {
  const app = new Hono()
  const base = context.authorityUrl
  const host = new URL(base).host
  const tenant = context.tenant

  const guarded =
    (handler: (segment: string) => Response | Promise<Response>) => async (segment: string, request: Request) => {
      try {
        return await handler(segment)
      } catch (error) {
        if (error instanceof AadFailure) {
          const correlationId = new URL(request.url).searchParams.get('client-request-id') ?? undefined
          return aadErrorResponse(error.aad, { now: context.now(), ...(correlationId ? { correlationId } : {}) })
        }
        throw error
      }
    }

  /** Tenant-specific documents name the GUID; `/common` and `/organizations` keep a template MSAL fills in. */
  const openIdSegment = (segment: string): string => {
    if (isMultiTenantAlias(segment)) {
      if (segment.toLowerCase() === 'consumers') requireTenant(segment, tenant)
      return segment.toLowerCase()
    }
    requireTenant(segment, tenant)
    return tenant.id
  }

  const v2Config = guarded((segment) => {
    const t = openIdSegment(segment)
    const issuerTenant = t === tenant.id ? t : '{tenantid}'
    return json({
      token_endpoint: `${base}/${t}/oauth2/v2.0/token`,
      token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
      jwks_uri: `${base}/${t}/discovery/v2.0/keys`,
      response_modes_supported: ['query', 'fragment', 'form_post'],
      subject_types_supported: ['pairwise'],
      id_token_signing_alg_values_supported: ['RS256'],
      response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
      scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
      issuer: `${base}/${issuerTenant}/v2.0`,
      request_uri_parameter_supported: false,
      userinfo_endpoint: 'https://graph.microsoft.com/oidc/userinfo',
      authorization_endpoint: `${base}/${t}/oauth2/v2.0/authorize`,
      device_authorization_endpoint: `${base}/${t}/oauth2/v2.0/devicecode`,
      http_logout_supported: true,
      frontchannel_logout_supported: true,
      end_session_endpoint: `${base}/${t}/oauth2/v2.0/logout`,
      claims_supported: [
        'sub',
        'iss',
        'cloud_instance_name',
        'cloud_instance_host_name',
        'cloud_graph_host_name',
        'msgraph_host',
        'aud',
        'exp',
        'iat',
        'auth_time',
        'acr',
        'nonce',
        'preferred_username',
        'name',
        'tid',
        'ver',
        'at_hash',
        'c_hash',
        'email',
      ],
      kerberos_endpoint: `${base}/${t}/kerberos`,
      tenant_region_scope: 'EU',
      cloud_instance_name: 'microsoftonline.com',
      cloud_graph_host_name: 'graph.windows.net',
      msgraph_host: 'graph.microsoft.com',
      rbac_url: 'https://pas.windows.net',
    })
  })

  const v1Config = guarded((segment) => {
    const t = openIdSegment(segment)
    return json({
      token_endpoint: `${base}/${t}/oauth2/token`,
      token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
      jwks_uri: `${base}/common/discovery/keys`,
      response_modes_supported: ['query', 'fragment', 'form_post'],
      subject_types_supported: ['pairwise'],
      id_token_signing_alg_values_supported: ['RS256'],
      response_types_supported: ['code', 'id_token', 'code id_token', 'token id_token', 'token'],
      scopes_supported: ['openid'],
      issuer: t === tenant.id ? stsIssuer(t) : 'https://sts.windows.net/{tenantid}/',
      microsoft_multi_refresh_token: true,
      authorization_endpoint: `${base}/${t}/oauth2/authorize`,
      device_authorization_endpoint: `${base}/${t}/oauth2/devicecode`,
      http_logout_supported: true,
      frontchannel_logout_supported: true,
      end_session_endpoint: `${base}/${t}/oauth2/logout`,
      claims_supported: [
        'sub',
        'iss',
        'cloud_instance_name',
        'cloud_instance_host_name',
        'cloud_graph_host_name',
        'msgraph_host',
        'aud',
        'exp',
        'iat',
        'auth_time',
        'acr',
        'amr',
        'nonce',
        'email',
        'given_name',
        'family_name',
        'nickname',
      ],
      check_session_iframe: `${base}/${t}/oauth2/checksession`,
      userinfo_endpoint: `${base}/${t}/openid/userinfo`,
      kerberos_endpoint: `${base}/${t}/kerberos`,
      tenant_region_scope: 'EU',
      cloud_instance_name: 'microsoftonline.com',
      cloud_graph_host_name: 'graph.windows.net',
      msgraph_host: 'graph.microsoft.com',
      rbac_url: 'https://pas.windows.net',
    })
  })

  const keys = async (): Promise<Response> => {
    const key = await context.signingKey()
    return json({
      keys: [
        {
          kty: key.jwk.kty,
          use: 'sig',
          kid: key.kid,
          x5t: key.kid,
          n: key.jwk.n,
          e: key.jwk.e,
          issuer: `${base}/${tenant.id}/v2.0`,
        },
      ],
    })
  }

  const instanceDiscovery = (request: Request): Response => {
    const authorize = new URL(request.url).searchParams.get('authorization_endpoint')
    const discovery = authorize
      ? authorize.replace(/oauth2\/(v2\.0\/)?authorize\/?$/, 'v2.0/.well-known/openid-configuration')
      : `${base}/common/v2.0/.well-known/openid-configuration`
    // When the authority is not a public-cloud host (HTTPS mode on 127.0.0.1), it is its own alias group.
    const own = PUBLIC_CLOUDS.some((cloud) => cloud.aliases.includes(host))
      ? []
      : [{ preferred_network: host, preferred_cache: host, aliases: [host] }]
    return json({ tenant_discovery_endpoint: discovery, 'api-version': '1.1', metadata: [...own, ...PUBLIC_CLOUDS] })
  }

  const postOnly = (): Response =>
    aadErrorResponse(
      {
        code: 900561,
        error: 'invalid_request',
        text: 'The endpoint only accepts POST requests. Received a GET request.',
      },
      { now: context.now() },
    )

  app.get('/common/discovery/instance', (c) => instanceDiscovery(c.req.raw))
  app.get('/:tenant/discovery/instance', (c) => instanceDiscovery(c.req.raw))
  app.get('/:tenant/v2.0/.well-known/openid-configuration', (c) => v2Config(c.req.param('tenant'), c.req.raw))
  app.get('/:tenant/.well-known/openid-configuration', (c) => v1Config(c.req.param('tenant'), c.req.raw))
  app.get('/:tenant/discovery/v2.0/keys', keys)
  app.get('/:tenant/discovery/keys', keys)
  app.post('/:tenant/oauth2/v2.0/token', (c) => handleTokenRequest(c.req.raw, c.req.param('tenant'), 'v2', context))
  app.post('/:tenant/oauth2/token', (c) => handleTokenRequest(c.req.raw, c.req.param('tenant'), 'v1', context))
  app.get('/:tenant/oauth2/v2.0/token', postOnly)
  app.get('/:tenant/oauth2/token', postOnly)
  app.notFound(
    (c) =>
      new Response(
        `Not found: ${new URL(c.req.url).pathname}. This emulated Entra ID authority serves /{tenant}/v2.0/.well-known/openid-configuration, /{tenant}/oauth2/v2.0/token, /{tenant}/oauth2/token, /{tenant}/discovery/v2.0/keys and /common/discovery/instance.`,
        { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } },
      ),
  )
  return app
}
