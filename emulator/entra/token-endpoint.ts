/**
 * The client-credentials token endpoint, v2 (`scope=<org>/.default`) and v1 (`resource=<org>`).
 * Checks run in the order a diagnosis walks them (wire §6): request shape → app exists →
 * credential → service principal enabled → resource → Conditional Access.
 */
import { findAppByClientId, type FederatedIdentityCredential, type ScenarioApp } from '../scenarios'
import type { SigningKey } from '../certificates'
import { verifyClientAssertion, type RegisteredCertificate } from './assertion'
import { isExternalAssertion, verifyFederatedAssertion, type FederationOptions } from './federated'
import { AadFailure, aadErrorResponse, ENTRA_HEADERS, fail } from './errors'
import { isGuid, requireTenant, type Tenant } from './tenant'
import { issueAccessToken, TOKEN_LIFETIME_SECONDS } from './tokens'

export interface TokenEndpointContext {
  readonly tenant: Tenant
  /** Authority root without trailing slash, e.g. `https://login.microsoftonline.com`. */
  readonly authorityUrl: string
  readonly now: () => number
  /** Resource URLs this tenant has a service principal for (org URLs without trailing slash). */
  readonly resources: () => readonly string[]
  readonly signingKey: () => Promise<SigningKey>
  readonly registeredCertificates: (app: ScenarioApp) => Promise<readonly RegisteredCertificate[]>
  /** The app's federated identity credentials: the scenario's own plus those the options add. */
  readonly federatedCredentials: (app: ScenarioApp) => readonly FederatedIdentityCredential[]
  readonly federation: FederationOptions
}

const JWT_BEARER = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer'
/** OIDC scopes MSAL may add; they are not resources. */
const OIDC_SCOPES = new Set(['openid', 'profile', 'offline_access', 'email'])

interface BasicCredentials {
  readonly clientId: string
  readonly secret: string
}

function basicCredentials(header: string | null): BasicCredentials | undefined {
  const match = header?.match(/^Basic\s+(.+)$/i)
  if (!match?.[1]) return undefined
  const decoded = Buffer.from(match[1], 'base64').toString('utf8')
  const colon = decoded.indexOf(':')
  if (colon < 0) return undefined
  // RFC 6749 §2.3.1: both parts are form-urlencoded before base64.
  const decode = (text: string): string => {
    try {
      return decodeURIComponent(text.replace(/\+/g, ' '))
    } catch {
      return text
    }
  }
  return { clientId: decode(decoded.slice(0, colon)), secret: decode(decoded.slice(colon + 1)) }
}

const missing = (name: string): never =>
  fail(900144, 'invalid_request', `The request body must contain the following parameter: '${name}'.`)

function requestedResource(form: URLSearchParams, version: 'v1' | 'v2'): string {
  if (version === 'v1') return form.get('resource') || missing('resource')
  const scope = form.get('scope')
  if (!scope) {
    if (form.get('resource')) fail(901002, 'invalid_request', "The 'resource' request parameter is not supported.")
    return missing('scope')
  }
  const scopes = scope.split(/\s+/).filter((s) => s && !OIDC_SCOPES.has(s.toLowerCase()))
  if (scopes.length === 0) return missing('scope')
  for (const s of scopes) {
    if (!s.endsWith('/.default')) {
      fail(
        1002012,
        'invalid_scope',
        `The provided value for scope ${s} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`,
      )
    }
  }
  const resources = [...new Set(scopes.map((s) => s.slice(0, -'/.default'.length)))]
  if (resources.length > 1) {
    fail(
      700022,
      'invalid_scope',
      `The provided value for the input parameter scope is not valid because it contains more than one resource. Scope ${scope} is not valid.`,
    )
  }
  return resources[0] as string
}

/** The audience for a requested resource, or undefined when the tenant has no such resource principal. */
function audienceFor(resource: string, known: readonly string[]): string | undefined {
  let url: URL
  try {
    url = new URL(resource)
  } catch {
    return undefined
  }
  if (url.protocol !== 'https:' || url.search || url.hash || url.username || url.pathname !== '/') return undefined
  const origin = url.origin.toLowerCase()
  return known.some((candidate) => candidate.toLowerCase() === origin) ? resource : undefined
}

async function checkCredential(
  app: ScenarioApp,
  form: URLSearchParams,
  basic: BasicCredentials | undefined,
  context: TokenEndpointContext,
  tenantSegment: string,
): Promise<'1' | '2'> {
  const now = context.now()
  const assertion = form.get('client_assertion')
  const secret = form.get('client_secret') ?? basic?.secret ?? null
  if (assertion) {
    const type = form.get('client_assertion_type')
    if (!type) missing('client_assertion_type')
    if (type !== JWT_BEARER) {
      fail(
        50027,
        'invalid_request',
        `JWT token is invalid or malformed. [Reason - client_assertion_type must be '${JWT_BEARER}'.]`,
      )
    }
    // appidacr "2": a signed assertion, the same value as a certificate ([unsure] Entra documents only 0/1/2).
    if (isExternalAssertion(assertion, app.clientId)) {
      await verifyFederatedAssertion({
        assertion,
        credentials: context.federatedCredentials(app),
        options: context.federation,
        now,
      })
      return '2'
    }
    const base = context.authorityUrl
    const tenants = [tenantSegment, context.tenant.id, context.tenant.domain]
    await verifyClientAssertion({
      assertion,
      clientId: app.clientId,
      registered: await context.registeredCertificates(app),
      audiences: tenants.flatMap((t) => [`${base}/${t}/oauth2/v2.0/token`, `${base}/${t}/oauth2/token`]),
      now,
    })
    return '2'
  }
  if (!secret) {
    return fail(
      7000218,
      'invalid_client',
      "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.",
    )
  }
  // Entra sends the same 7000215 whether the secret is wrong or is the secret's ID; its text names the mix-up.
  const invalid = (): never =>
    fail(
      7000215,
      'invalid_client',
      `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${app.clientId}'.`,
    )
  if (app.credential.kind !== 'secret' || secret !== app.credential.secret) return invalid()
  if (now > Date.parse(app.credential.expiresOn)) {
    fail(
      7000222,
      'invalid_client',
      `The provided client secret keys for app '${app.clientId}' are expired. Visit the Azure portal to create new keys for your app: https://aka.ms/NewClientSecret, or consider using certificate credentials for added security: https://aka.ms/certCreds.`,
    )
  }
  return '1'
}

export async function handleTokenRequest(
  request: Request,
  tenantSegment: string,
  version: 'v1' | 'v2',
  context: TokenEndpointContext,
): Promise<Response> {
  const url = new URL(request.url)
  let correlationId = url.searchParams.get('client-request-id') ?? request.headers.get('client-request-id') ?? undefined
  try {
    requireTenant(tenantSegment, context.tenant)
    const contentType = request.headers.get('content-type') ?? ''
    const text = await request.text()
    // JSON or multipart bodies are not read at all: Entra reports the first required field as missing.
    const form = contentType.toLowerCase().includes('application/x-www-form-urlencoded')
      ? new URLSearchParams(text)
      : new URLSearchParams()
    correlationId = form.get('client-request-id') ?? correlationId
    const basic = basicCredentials(request.headers.get('authorization'))
    const grantType = form.get('grant_type') ?? missing('grant_type')
    if (grantType !== 'client_credentials') {
      fail(70003, 'unsupported_grant_type', `The app requested an unsupported grant type '${grantType}'.`)
    }
    const clientId = form.get('client_id') ?? basic?.clientId ?? missing('client_id')
    const resource = requestedResource(form, version)
    const app = isGuid(clientId) ? findAppByClientId(clientId) : undefined
    if (!app) {
      fail(
        700016,
        'unauthorized_client',
        `Application with identifier '${clientId}' was not found in the directory '${context.tenant.displayName}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`,
      )
    }
    const found = app as ScenarioApp
    const acr = await checkCredential(found, form, basic, context, tenantSegment)
    if (!found.enabled)
      fail(7000112, 'unauthorized_client', `Application '${found.clientId}'(${found.displayName}) is disabled.`)
    if (found.tokenRefusal === 'service-principal-missing') {
      fail(
        7000229,
        'invalid_client',
        `The client application ${found.clientId} is missing service principal in the tenant ${context.tenant.id}. See instructions here: https://go.microsoft.com/fwlink/?linkid=2225119`,
      )
    }
    if (found.tokenRefusal === 'cross-cloud')
      fail(900382, 'invalid_request', 'Confidential Client is not supported in Cross Cloud request.')
    const audience = audienceFor(resource, context.resources())
    if (!audience) {
      fail(
        500011,
        'invalid_resource',
        `The resource principal named ${resource} was not found in the tenant named ${context.tenant.displayName}. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You might have sent your authentication request to the wrong tenant.`,
      )
    }
    if (found.conditionalAccessBlocked) {
      fail(
        53003,
        'invalid_grant',
        'Access has been blocked by Conditional Access policies. The access policy does not allow token issuance.',
      )
    }
    const now = context.now()
    const issued = await issueAccessToken({
      signingKey: await context.signingKey(),
      tenantId: context.tenant.id,
      audience: audience as string,
      clientId: found.clientId,
      servicePrincipalId: found.servicePrincipalId,
      acr,
      now,
    })
    // v2 answers numbers; v1 answers strings and also echoes the resource (wire §1.3).
    const body =
      version === 'v2'
        ? {
            token_type: 'Bearer',
            expires_in: TOKEN_LIFETIME_SECONDS,
            ext_expires_in: TOKEN_LIFETIME_SECONDS,
            access_token: issued.accessToken,
          }
        : {
            token_type: 'Bearer',
            expires_in: String(TOKEN_LIFETIME_SECONDS),
            ext_expires_in: String(TOKEN_LIFETIME_SECONDS),
            expires_on: String(issued.claims.exp),
            not_before: String(issued.claims.nbf),
            resource,
            access_token: issued.accessToken,
          }
    return new Response(JSON.stringify(body), { status: 200, headers: ENTRA_HEADERS })
  } catch (error) {
    if (error instanceof AadFailure)
      return aadErrorResponse(error.aad, { now: context.now(), ...(correlationId ? { correlationId } : {}) })
    throw error
  }
}
