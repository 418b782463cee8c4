/**
 * Golden inputs for explain(): one row per pasted text, in every shape users paste, with the
 * diagnosis we expect on top. All inputs are written from the formats in the wire reference;
 * ids and GUIDs are made up.
 */
import { describe, expect, it } from 'vitest'
import type { CatalogId } from '@common/diagnostics'
import { explain } from '../../../../main/diagnostics/explain'

const T = '11111111-2222-3333-4444-555555555555' // tenant
const A = 'aaaaaaaa-0000-1111-2222-bbbbbbbbbbbb' // app
const G1 = '0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0' // trace
const G2 = '9a8b7c6d-5e4f-3a2b-1c0d-e9f8a7b6c5d4' // correlation
const U = 'cccccccc-1111-2222-3333-dddddddddddd' // app user

type Shape =
  | 'token-json'
  | 'msal'
  | 'msal-1x'
  | 'dotnet'
  | 'powershell'
  | 'dataverse-json'
  | 'dataverse-message'
  | 'http'
  | 'node'
  | 'log'
  | 'none'

interface Golden {
  readonly shape: Shape
  readonly name: string
  readonly input: string
  /** The expected top diagnosis; null when nothing should match. */
  readonly top: CatalogId | null
}

const tokenJson = (code: number, error: string, text: string) =>
  JSON.stringify({
    error,
    error_description: `AADSTS${code}: ${text}\r\nTrace ID: ${G1}\r\nCorrelation ID: ${G2}\r\nTimestamp: 2026-11-26 09:00:00Z`,
    error_codes: [code],
    timestamp: '2026-11-26 09:00:00Z',
    trace_id: G1,
    correlation_id: G2,
    error_uri: `https://login.microsoftonline.com/error?code=${code}`,
  })

const msal = (code: number, error: string, text: string) =>
  `${error}: Error(s): ${code} - Timestamp: 2026-11-26 09:00:00Z - Description: AADSTS${code}: ${text} Trace ID: ${G1} Correlation ID: ${G2} Timestamp: 2026-11-26 09:00:00Z - Correlation ID: ${G2} - Trace ID: ${G1}`

const msal1 = (code: number, error: string, text: string) =>
  `ServerError: ${error}: ${code} - [2026-11-26 09:00:00Z]: AADSTS${code}: ${text}\r\nTrace ID: ${G1}\r\nCorrelation ID: ${G2}\r\nTimestamp: 2026-11-26 09:00:00Z - Correlation ID: ${G2} - Trace ID: ${G1}`

const dataverse = (code: string, message: string) => JSON.stringify({ error: { code, message } })

const GOLDEN: readonly Golden[] = [
  // ── Token endpoint JSON bodies ──────────────────────────────────────────────────────────
  {
    shape: 'token-json',
    name: 'invalid secret',
    top: 'secret-invalid',
    input: tokenJson(
      7000215,
      'invalid_client',
      `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${A}'.`,
    ),
  },
  {
    shape: 'token-json',
    name: 'expired secret',
    top: 'secret-expired',
    input: tokenJson(
      7000222,
      'invalid_client',
      `The provided client secret keys for app '${A}' are expired. Visit the Azure portal to create new keys for your app.`,
    ),
  },
  {
    shape: 'token-json',
    name: 'app not in tenant',
    top: 'app-not-in-tenant',
    input: tokenJson(
      700016,
      'unauthorized_client',
      `Application with identifier '${A}' was not found in the directory 'Contoso'.`,
    ),
  },
  {
    shape: 'token-json',
    name: 'tenant not found',
    top: 'tenant-not-found',
    input: tokenJson(
      90002,
      'invalid_tenant',
      `Tenant '${T}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`,
    ),
  },
  {
    shape: 'token-json',
    name: 'tenant malformed',
    top: 'tenant-id-malformed',
    input: tokenJson(
      900023,
      'invalid_request',
      "Specified tenant identifier '{tenant-id}' is neither a valid DNS name, nor a valid external domain.",
    ),
  },
  {
    shape: 'token-json',
    name: 'resource not found',
    top: 'resource-not-found',
    input: tokenJson(
      500011,
      'invalid_resource',
      'The resource principal named https://contoso.crm.dynamics.com/api/data/v9.2 was not found in the tenant named Contoso.',
    ),
  },
  {
    shape: 'token-json',
    name: 'certificate not registered',
    top: 'certificate-not-registered',
    input: tokenJson(
      700027,
      'invalid_client',
      "Client assertion failed signature validation. (Reason - The key was not found., Thumbprint of key used by client: '0123456789ABCDEF0123456789ABCDEF01234567')",
    ),
  },
  {
    shape: 'token-json',
    name: 'assertion time',
    top: 'assertion-time-invalid',
    input: tokenJson(
      700024,
      'invalid_client',
      'Client assertion is not within its valid time range. Current time: 2026-11-26T09:00:00Z, assertion valid from 2026-11-26T09:20:00Z, expiry time of assertion 2026-11-26T09:30:00Z.',
    ),
  },
  {
    shape: 'token-json',
    name: 'conditional access',
    top: 'conditional-access-blocked',
    input: tokenJson(
      53003,
      'invalid_grant',
      'Access has been blocked by Conditional Access policies. The access policy does not allow token issuance.',
    ),
  },
  {
    shape: 'token-json',
    name: 'app disabled',
    top: 'app-disabled',
    input: tokenJson(7000112, 'unauthorized_client', `Application '${A}'(Contoso Integration) is disabled.`),
  },
  {
    shape: 'token-json',
    name: 'scope invalid',
    top: 'scope-invalid',
    input: tokenJson(
      1002012,
      'invalid_scope',
      'The provided value for scope https://contoso.crm.dynamics.com/user_impersonation is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).',
    ),
  },
  {
    shape: 'token-json',
    name: 'grant_type in query string',
    top: 'request-malformed',
    input: tokenJson(900144, 'invalid_request', "The request body must contain the following parameter: 'grant_type'."),
  },
  {
    shape: 'token-json',
    name: 'no credential',
    top: 'secret-missing',
    input: tokenJson(
      7000218,
      'invalid_client',
      "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.",
    ),
  },
  {
    shape: 'token-json',
    name: '/common authority',
    top: 'tenant-missing',
    input: tokenJson(
      50059,
      'invalid_request',
      'No tenant-identifying information found in either the request or implied by any provided credentials.',
    ),
  },
  {
    shape: 'token-json',
    name: 'CRM SP disabled',
    top: 'sp-disabled-resource',
    input: tokenJson(
      500014,
      'invalid_request',
      "The service principal for resource '00000007-0000-0000-c000-000000000000' is disabled.",
    ),
  },
  {
    shape: 'token-json',
    name: 'no service principal',
    top: 'service-principal-missing',
    input: tokenJson(
      7000229,
      'invalid_client',
      `The client application ${A} is missing service principal in the tenant ${T}.`,
    ),
  },
  {
    shape: 'token-json',
    name: 'public client',
    top: 'public-client',
    input: tokenJson(
      700025,
      'invalid_client',
      'Client is public so neither client_assertion nor client_secret should be presented.',
    ),
  },
  {
    shape: 'token-json',
    name: 'other cloud',
    top: 'wrong-cloud-host',
    input: tokenJson(
      90038,
      'invalid_request',
      'Tenant is in a different national cloud. Use the national cloud host for this tenant.',
    ),
  },
  {
    shape: 'token-json',
    name: 'two resources',
    top: 'multiple-resources',
    input: tokenJson(
      700022,
      'invalid_scope',
      'The provided value for the input parameter scope is not valid because it contains more than one resource.',
    ),
  },
  {
    shape: 'token-json',
    name: 'user password flow',
    top: 'user-credentials-used',
    input: tokenJson(50126, 'invalid_grant', 'Error validating credentials due to invalid username or password.'),
  },
  {
    shape: 'token-json',
    name: 'no subscription',
    top: 'no-dataverse-subscription',
    input: tokenJson(
      650052,
      'invalid_request',
      "The app is trying to access a service '00000007-0000-0000-c000-000000000000'(Dynamics CRM) that your organization lacks a service principal for.",
    ),
  },

  // ── MSAL Node messages ──────────────────────────────────────────────────────────────────
  {
    shape: 'msal',
    name: 'invalid secret (MSAL 2+)',
    top: 'secret-invalid',
    input: msal(
      7000215,
      'invalid_client',
      `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${A}'.`,
    ),
  },
  {
    shape: 'msal',
    name: 'expired secret (MSAL 2+)',
    top: 'secret-expired',
    input: msal(7000222, 'invalid_client', `The provided client secret keys for app '${A}' are expired.`),
  },
  {
    shape: 'msal',
    name: 'app not found (MSAL 2+)',
    top: 'app-not-in-tenant',
    input: msal(
      700016,
      'unauthorized_client',
      `Application with identifier '${A}' was not found in the directory 'Contoso'.`,
    ),
  },
  {
    shape: 'msal',
    name: 'resource (MSAL 2+)',
    top: 'resource-not-found',
    input: msal(
      500011,
      'invalid_resource',
      'The resource principal named https://contoso.crm4.dynamics.com/XRMServices/2011/Organization.svc was not found in the tenant named Contoso.',
    ),
  },
  {
    shape: 'msal',
    name: 'missing tenant (client-side)',
    top: 'tenant-missing',
    input:
      'ClientAuthError: missing_tenant_id_error: A tenant id - not common, organizations, or consumers - must be specified when using the client_credentials flow.',
  },
  {
    shape: 'msal',
    name: 'endpoints resolution',
    top: 'authority-unreachable',
    input: 'ClientAuthError: endpoints_resolution_error: Endpoints cannot be resolved',
  },
  {
    shape: 'msal',
    name: 'no credential configured',
    top: 'secret-missing',
    input:
      'ClientAuthError: invalid_client_credential: Client credential (secret, certificate, or assertion) must not be empty when creating a confidential client. An application should at most have one credential',
  },
  {
    shape: 'msal-1x',
    name: 'invalid secret (MSAL 1.x)',
    top: 'secret-invalid',
    input: msal1(7000215, 'invalid_client', 'Invalid client secret is provided.'),
  },
  {
    shape: 'msal-1x',
    name: 'tenant (MSAL 1.x)',
    top: 'tenant-not-found',
    input: msal1(90002, 'invalid_tenant', `Tenant '${T}' not found.`),
  },
  {
    shape: 'msal-1x',
    name: 'certificate (MSAL 1.x)',
    top: 'certificate-not-registered',
    input: msal1(700027, 'invalid_client', 'Client assertion failed signature validation.'),
  },

  // ── .NET ServiceClient / SDK exceptions ────────────────────────────────────────────────
  {
    shape: 'dotnet',
    name: 'ServiceClient with inner AADSTS',
    top: 'secret-invalid',
    input: `Microsoft.PowerPlatform.Dataverse.Client.Utils.DataverseConnectionException: Failed to connect to Dataverse\r\n ---> Microsoft.Identity.Client.MsalServiceException: AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${A}'. Trace ID: ${G1} Correlation ID: ${G2} Timestamp: 2026-11-26 09:00:00Z\r\n   at Microsoft.Identity.Client.Internal.Requests.RequestBase.HandleTokenRefreshErrorAsync`,
  },
  {
    shape: 'dotnet',
    name: 'Anonymous 403 (no app user)',
    top: 'app-user-missing',
    input:
      "System.ServiceModel.Security.MessageSecurityException: The HTTP request is forbidden with client authentication scheme 'Anonymous'. ---> System.Net.WebException: The remote server returned an error: (403) Forbidden.",
  },
  {
    shape: 'dotnet',
    name: 'OrganizationServiceFault missing privilege',
    top: 'missing-privilege',
    input: `System.ServiceModel.FaultException\`1[Microsoft.Xrm.Sdk.OrganizationServiceFault]: Principal user (Id=${U}, type=8, roleCount=1, privilegeCount=120, accessMode=4), is missing prvReadContact privilege (Id=${G1}) on OTC=2 for entity 'contact'. context.Caller=${U} (Fault Detail is equal to Exception details: \r\nErrorCode: 0x80040220\r\nMessage: Principal user is missing prvReadContact privilege`,
  },
  {
    shape: 'dotnet',
    name: 'decimal error code',
    top: 'no-security-roles',
    input: `Microsoft.PowerPlatform.Dataverse.Client: Exception: ErrorCode: -2147209463 Message: SecLib::RetrievePrivilegeForUser failed - no roles are assigned to user. Returned hr = -2147209463, User: ${U}`,
  },
  {
    shape: 'dotnet',
    name: 'remote name not resolved',
    top: 'dns-not-found',
    input:
      "System.Net.WebException: The remote name could not be resolved: 'contoso.crm4.dynamics.com'\r\n   at System.Net.HttpWebRequest.GetResponse()",
  },
  {
    shape: 'dotnet',
    name: 'TLS validation (.NET)',
    top: 'tls-untrusted',
    input:
      'System.Net.Http.HttpRequestException: The SSL connection could not be established, see inner exception. ---> System.Security.Authentication.AuthenticationException: The remote certificate is invalid according to the validation procedure: RemoteCertificateChainErrors',
  },

  // ── PowerShell error records ────────────────────────────────────────────────────────────
  {
    shape: 'powershell',
    name: 'Invoke-RestMethod no app user',
    top: 'app-user-missing',
    input: `Invoke-RestMethod : {"error":{"code":"0x80072560","message":"The user is not a member of the organization."}}\r\nAt line:1 char:1\r\n+ Invoke-RestMethod -Uri $url -Headers $headers\r\n+ ~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~\r\n    + CategoryInfo          : InvalidOperation: (System.Net.HttpWebRequest:HttpWebRequest) [Invoke-RestMethod], WebException\r\n    + FullyQualifiedErrorId : WebCmdletWebResponseException,Microsoft.PowerShell.Commands.InvokeRestMethodCommand`,
  },
  {
    shape: 'powershell',
    name: 'token request bad secret',
    top: 'secret-invalid',
    input: `Invoke-RestMethod : {"error":"invalid_client","error_description":"AADSTS7000215: Invalid client secret provided. Trace ID: ${G1} Correlation ID: ${G2} Timestamp: 2026-11-26 09:00:00Z","error_codes":[7000215],"timestamp":"2026-11-26 09:00:00Z","trace_id":"${G1}","correlation_id":"${G2}"}\r\nAt C:\\scripts\\token.ps1:12 char:10\r\n    + CategoryInfo          : InvalidOperation: (System.Net.HttpWebRequest:HttpWebRequest) [Invoke-RestMethod], WebException`,
  },
  {
    shape: 'powershell',
    name: 'PowerShell 7 throttled',
    top: 'throttled',
    input: `Invoke-RestMethod: \r\n{"error":{"code":"0x80072321","message":"Combined execution time of incoming requests exceeded limit of 1,200,000 milliseconds over time window of 300 seconds. Decrease number of concurrent requests or reduce the duration of requests and try again later."}}`,
  },
  {
    shape: 'powershell',
    name: 'proxy 407',
    top: 'proxy-auth-required',
    input:
      'Invoke-WebRequest : The remote server returned an error: (407) Proxy Authentication Required.\r\nAt line:1 char:1\r\n    + CategoryInfo          : InvalidOperation: (System.Net.HttpWebRequest:HttpWebRequest) [Invoke-WebRequest], WebException',
  },
  {
    shape: 'powershell',
    name: 'Get-CrmConnection environment disabled',
    top: 'environment-disabled',
    input:
      'Get-CrmConnection : Failed to connect to CRM: The Dynamics 365 organization you are attempting to access is currently disabled. Please contact your system administrator\r\n    + CategoryInfo          : ConnectionError: (:) [Get-CrmConnection], Exception',
  },

  // ── Dataverse error JSON and messages ───────────────────────────────────────────────────
  {
    shape: 'dataverse-json',
    name: 'missing prvReadAccount',
    top: 'missing-privilege',
    input: dataverse(
      '0x80040220',
      `Principal user (Id=${U}, type=8, roleCount=1, privilegeCount=120, accessMode=4), is missing prvReadAccount privilege (Id=${G1}) on OTC=1 for entity 'account'. context.Caller=${U}`,
    ),
  },
  {
    shape: 'dataverse-json',
    name: 'no app user',
    top: 'app-user-missing',
    input: dataverse('0x80072560', 'The user is not a member of the organization.'),
  },
  {
    shape: 'dataverse-json',
    name: 'no roles',
    top: 'no-security-roles',
    input: dataverse(
      '0x80042F09',
      `SecLib::RetrievePrivilegeForUser failed - no roles are assigned to user. Returned hr = -2147209463, User: ${U}`,
    ),
  },
  {
    shape: 'dataverse-json',
    name: 'app user disabled',
    top: 'app-user-disabled',
    input: dataverse('0x80040225', 'The specified user is either disabled or is not a member of any business unit.'),
  },
  {
    shape: 'dataverse-json',
    name: 'API restricted',
    top: 'api-restricted',
    input: dataverse(
      '0x80095ffc',
      `Access to Dataverse API is restricted for this application Id : '${A}'. Please contact your administrator.`,
    ),
  },
  {
    shape: 'dataverse-json',
    name: 'environment disabled',
    top: 'environment-disabled',
    input: dataverse(
      '0x8004a104',
      'The Dynamics 365 organization you are attempting to access is currently disabled. Please contact your system administrator',
    ),
  },
  {
    shape: 'dataverse-json',
    name: 'request-count limit',
    top: 'throttled',
    input: dataverse('0x80072322', 'Number of requests exceeded the limit of 6000 over time window of 300 seconds.'),
  },
  {
    shape: 'dataverse-json',
    name: 'concurrency limit',
    top: 'throttled',
    input: dataverse('0x80072326', 'Number of concurrent requests exceeded the limit of 52.'),
  },
  {
    shape: 'dataverse-json',
    name: 'invalid property',
    top: 'query-invalid-property',
    input: dataverse(
      '0x80060888',
      "Could not find a property named 'primarycontactname' on type 'Microsoft.Dynamics.CRM.account'.",
    ),
  },
  {
    shape: 'dataverse-json',
    name: 'unknown segment',
    top: 'query-unknown-segment',
    input: dataverse('0x8006088a', "Resource not found for the segment 'account'."),
  },
  {
    shape: 'dataverse-json',
    name: 'syntax error',
    top: 'query-syntax-error',
    input: dataverse('0x80060888', "Syntax error: character '*' is not valid at position 7 in 'name eq *'."),
  },
  {
    shape: 'dataverse-json',
    name: 'record not found',
    top: 'record-not-found',
    input: dataverse('0x80040217', `account With Id = ${U} Does Not Exist`),
  },
  {
    shape: 'dataverse-message',
    name: 'admin mode (message only)',
    top: 'admin-mode',
    input:
      'User does not have required privileges (or role membership) to access the org when it is in Admin Only mode.',
  },
  {
    shape: 'dataverse-message',
    name: 'not a member (message only)',
    top: 'app-user-missing',
    input: 'The user is not a member of the organization.',
  },
  {
    shape: 'dataverse-message',
    name: 'missing privilege (message only)',
    top: 'missing-privilege',
    input: `Principal user (Id=${U}, type=8, roleCount=2, privilegeCount=300, accessMode=4), is missing prvReadincident privilege (Id=${G1}) on OTC=112 for entity 'incident'.`,
  },
  {
    shape: 'dataverse-message',
    name: 'disabled user (plug-in context)',
    top: 'app-user-disabled',
    input: `The user with SystemUserId=${U} in OrganizationContext=${G2} is disabled. Disabled users cannot access the system. Consider enabling this user.`,
  },

  // ── HTTP status lines with headers ──────────────────────────────────────────────────────
  {
    shape: 'http',
    name: '401 challenge',
    top: 'token-rejected',
    input: `HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Bearer authorization_uri=https://login.microsoftonline.com/${T}/oauth2/authorize, resource_id=https://contoso.crm.dynamics.com/\r\nContent-Length: 0`,
  },
  {
    shape: 'http',
    name: '401 expired token',
    top: 'token-expired',
    input: `HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Bearer error="invalid_token", error_description="The access token expired", authorization_uri=https://login.microsoftonline.com/${T}/oauth2/authorize`,
  },
  {
    shape: 'http',
    name: '429 with Retry-After',
    top: 'throttled',
    input:
      'HTTP/1.1 429 Too Many Requests\r\nRetry-After: 42\r\nContent-Type: application/json; odata.metadata=minimal\r\n\r\n{"error":{"code":"0x80072322","message":"Number of requests exceeded the limit of 6000 over time window of 300 seconds."}}',
  },
  {
    shape: 'http',
    name: '407 from the proxy',
    top: 'proxy-auth-required',
    input: 'HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Negotiate\r\nProxy-Authenticate: NTLM',
  },
  {
    shape: 'http',
    name: '503',
    top: 'service-unavailable',
    input: `HTTP/1.1 503 Service Unavailable\r\nx-ms-service-request-id: ${G1}\r\nRetry-After: 30`,
  },
  {
    shape: 'http',
    name: '500 with request id',
    top: 'server-error',
    input: `HTTP/2 500\r\nx-ms-service-request-id: ${G1}, ${G2}\r\ncontent-type: application/json\r\n\r\n{"error":{"message":"An unexpected error occurred."}}`,
  },
  {
    shape: 'http',
    name: '403 with Dataverse body',
    top: 'no-security-roles',
    input: `HTTP/1.1 403 Forbidden\r\nREQ_ID: ${G1}\r\n\r\n{"error":{"code":"0x80042f09","message":"SecLib::CheckPrivilegeForUser failed - no roles are assigned to user."}}`,
  },

  // ── Node / TLS errors ───────────────────────────────────────────────────────────────────
  {
    shape: 'node',
    name: 'ENOTFOUND',
    top: 'dns-not-found',
    input:
      'Error: getaddrinfo ENOTFOUND contoso.crm4.dynamics.com\n    at GetAddrInfoReqWrap.onlookup [as oncomplete] (node:dns:107:26)',
  },
  {
    shape: 'node',
    name: 'ECONNREFUSED',
    top: 'connection-refused',
    input:
      "TypeError: fetch failed\n  [cause]: Error: connect ECONNREFUSED 10.0.0.8:443\n      at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1611:16) { errno: -111, code: 'ECONNREFUSED', syscall: 'connect' }",
  },
  { shape: 'node', name: 'ETIMEDOUT', top: 'network-timeout', input: 'Error: connect ETIMEDOUT 20.50.2.1:443' },
  {
    shape: 'node',
    name: 'undici connect timeout',
    top: 'network-timeout',
    input:
      "TypeError: fetch failed\n  [cause]: ConnectTimeoutError: Connect Timeout Error (attempted address: login.microsoftonline.com:443, timeout: 10000ms) { code: 'UND_ERR_CONNECT_TIMEOUT' }",
  },
  {
    shape: 'node',
    name: 'SELF_SIGNED_CERT_IN_CHAIN code',
    top: 'tls-untrusted',
    input:
      "Error: self-signed certificate in certificate chain\n    at TLSSocket.onConnectSecure (node:_tls_wrap:1677:34) {\n  code: 'SELF_SIGNED_CERT_IN_CHAIN'\n}",
  },
  {
    shape: 'node',
    name: 'self signed phrase only',
    top: 'tls-untrusted',
    input:
      'request to https://contoso.crm.dynamics.com/api/data/v9.2/WhoAmI failed, reason: self signed certificate in certificate chain',
  },
  {
    shape: 'node',
    name: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
    top: 'tls-untrusted',
    input: "Error: unable to verify the first certificate { code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' }",
  },
  {
    shape: 'node',
    name: 'CERT_HAS_EXPIRED',
    top: 'tls-expired',
    input:
      "Error: certificate has expired\n    at TLSSocket.onConnectSecure (node:_tls_wrap:1677:34) { code: 'CERT_HAS_EXPIRED' }",
  },
  {
    shape: 'node',
    name: 'altname mismatch',
    top: 'tls-hostname-mismatch',
    input:
      "Error [ERR_TLS_CERT_ALTNAME_INVALID]: Hostname/IP does not match certificate's altnames: Host: contoso.crm.dynamics.com. is not in the cert's altnames: DNS:*.proxy.corp.example",
  },
  {
    shape: 'node',
    name: 'ECONNRESET',
    top: 'connection-reset',
    input:
      "Error: read ECONNRESET\n    at TLSWrap.onStreamRead (node:internal/stream_base_commons:218:20) { errno: -104, code: 'ECONNRESET', syscall: 'read' }",
  },
  {
    shape: 'node',
    name: 'EAI_AGAIN',
    top: 'dns-not-found',
    input: 'Error: getaddrinfo EAI_AGAIN login.microsoftonline.com',
  },

  // ── Log lines with the code buried in them ──────────────────────────────────────────────
  {
    shape: 'log',
    name: 'ADF pipeline log',
    top: 'secret-expired',
    input: `2026-11-26T09:00:01.123Z ERROR [DataverseSink] Copy activity failed: ErrorCode=UserErrorFailedToGetAccessToken, 'Type=Microsoft.Identity.Client.MsalServiceException,Message=AADSTS7000222: The provided client secret keys for app '${A}' are expired. Trace ID: ${G1}'`,
  },
  {
    shape: 'log',
    name: 'pipeline log with privilege',
    top: 'missing-privilege',
    input: `[2026-11-26 09:12:44] WARN sync: POST /api/data/v9.2/contacts -> 403 body={"error":{"code":"0x80040220","message":"Principal user (Id=${U}, type=8, roleCount=1, privilegeCount=12, accessMode=4), is missing prvCreateContact privilege (Id=${G1}) on OTC=2 for entity 'contact'."}}`,
  },
  {
    shape: 'log',
    name: 'json log line',
    top: 'tenant-not-found',
    input: `{"level":"error","time":"2026-11-26T09:00:00Z","msg":"token acquisition failed","err":"invalid_tenant: Error(s): 90002 - Timestamp: 2026-11-26 09:00:00Z - Description: AADSTS90002: Tenant 'contoso.onmicrosoft.us' not found. - Correlation ID: ${G2} - Trace ID: ${G1}"}`,
  },
  {
    shape: 'log',
    name: 'syslog with decimal code',
    top: 'missing-privilege',
    input: `Nov 26 09:00:00 worker42 sync[311]: Dataverse fault -2147220960: Principal user is missing prvWriteAccount privilege on entity 'account'`,
  },
  {
    shape: 'log',
    name: 'conditional access in a log',
    top: 'conditional-access-blocked',
    input: `level=error component=auth msg="AADSTS53003: Access has been blocked by Conditional Access policies." correlation_id=${G2}`,
  },

  // ── Wordings and causes added for diagnosis depth ───────────────────────────────────────
  {
    shape: 'dataverse-message',
    name: 'CheckPrivilege with required depth',
    top: 'missing-privilege',
    input: `SecLib::CheckPrivilege failed. User: ${U}, PrivilegeName: prvReadcontoso_project, PrivilegeId: ${G1}, Required Depth: Basic, BusinessUnitId: ${G2}, MetadataCache Privileges Count: 4210, User Privileges Count: 310`,
  },
  {
    shape: 'dataverse-json',
    name: 'record-level access check',
    top: 'record-access-denied',
    input: dataverse(
      '0x80048306',
      `SecLib::AccessCheckEx failed. Returned hr = -2147187962, ObjectID: ${U}, OwnerId: ${G1}, OwnerIdType: 8 and CallingUser: ${U}. ObjectTypeCode: 2, objectBusinessUnitId: ${G2}, AccessRights: WriteAccess`,
    ),
  },
  {
    shape: 'dotnet',
    name: 'access check wrapped in a plug-in fault',
    top: 'record-access-denied',
    input: `FaultException\`1: SecLib::AccessCheckEx failed. Returned hr = -2147187962, AccessRights: ShareAccess\r\n<ErrorCode>-2147220891</ErrorCode>\r\n<TraceText>[Contoso.Plugins: Contoso.Plugins.ShareOnCreate]</TraceText>`,
  },
  {
    shape: 'dataverse-json',
    name: 'undeclared navigation property',
    top: 'undeclared-property',
    input: dataverse(
      '0x0',
      "An error occurred while validating input parameters: Microsoft.OData.ODataException: An undeclared property 'parentcustomerid' which only has property annotations in the payload but no property value was found in the payload.",
    ),
  },
  {
    shape: 'dataverse-json',
    name: 'duplicate record',
    top: 'duplicate-record',
    input: dataverse('0x80040237', 'A record with matching key values already exists.'),
  },
  {
    shape: 'http',
    name: 'duplicate record inside a $batch response',
    top: 'duplicate-record',
    input: `--batchresponse_${G1}\r\nContent-Type: multipart/mixed; boundary=changesetresponse_${G2}\r\n\r\n--changesetresponse_${G2}\r\nContent-Type: application/http\r\nContent-ID: 2\r\n\r\nHTTP/1.1 412 Precondition Failed\r\nREQ_ID: ${U}\r\n\r\n{"error":{"code":"0x80040237","message":"A record with matching key values already exists."}}\r\n--changesetresponse_${G2}--`,
  },
  {
    shape: 'dataverse-json',
    name: 'plug-in error with trace',
    top: 'plugin-error',
    input: dataverse(
      '0x80040265',
      'Invoice lines cannot be added to a paid invoice. [Contoso.Plugins: Contoso.Plugins.InvoiceLineGuard]',
    ),
  },
  {
    shape: 'dataverse-message',
    name: 'plug-in wrapping a missing privilege',
    top: 'missing-privilege',
    input: `An error occurred in the Contoso.Plugins.SyncOwner plug-in. Exception: Principal user (Id=${U}, type=8) is missing prvReadcontoso_region privilege (Id=${G1})`,
  },
  {
    shape: 'dotnet',
    name: 'disabled user without a code',
    top: 'app-user-disabled',
    input: `CdsClientOperationException: The user with SystemUserId=${U} in OrganizationContext=${G2} is disabled\r\n ---> Microsoft.Rest.HttpOperationException: Operation returned an invalid status code 'BadRequest'`,
  },
  {
    shape: 'dotnet',
    name: 'Anonymous 401',
    top: 'token-rejected',
    input:
      "System.ServiceModel.Security.MessageSecurityException: The HTTP request is unauthorized with client authentication scheme 'Anonymous'. The authentication header received from the server was ''.",
  },
  {
    shape: 'token-json',
    name: 'assertion without thumbprint',
    top: 'assertion-malformed',
    input: tokenJson(
      50027,
      'invalid_request',
      'Invalid JWT token. No certificate thumbprint specified in token header.',
    ),
  },
  {
    shape: 'msal',
    name: 'federated subject case mismatch',
    top: 'federated-credential-mismatch',
    input: msal(
      7002138,
      'invalid_client',
      "No matching federated identity record found for presented assertion subject 'repo:Contoso/app:environment:prod'. The subject matches with case-insensitive comparison, but not with case-sensitive comparison.",
    ),
  },
  {
    shape: 'token-json',
    name: 'federated no match',
    top: 'federated-credential-mismatch',
    input: tokenJson(
      700213,
      'invalid_client',
      "No matching federated identity record found for presented assertion subject 'sc://contoso/crm/dataverse-dev'.",
    ),
  },
  {
    shape: 'token-json',
    name: 'federated (older code)',
    top: 'federated-credential-mismatch',
    input: tokenJson(
      70021,
      'invalid_request',
      "No matching federated identity record found for presented assertion. Assertion Issuer: 'https://token.actions.githubusercontent.com'.",
    ),
  },
  {
    shape: 'token-json',
    name: 'cross-cloud confidential client',
    top: 'wrong-cloud-host',
    input: tokenJson(900382, 'invalid_request', 'Confidential Client is not supported in Cross Cloud request.'),
  },
  {
    shape: 'token-json',
    name: 'US Gov client on the public endpoint',
    top: 'wrong-cloud-host',
    input: tokenJson(
      900439,
      'invalid_request',
      'USGClientNotSupportedOnPublicEndpoint - The app is registered in the US Government cloud and cannot sign in on the public endpoint.',
    ),
  },
  {
    shape: 'powershell',
    name: 'pac cannot resolve the authority',
    top: 'url-not-dataverse',
    input:
      "PS> pac auth create --environment https://crm.contoso.local\r\nError: Can't resolve AAD/OAuth authority for https://crm.contoso.local/api/data/v9",
  },
  {
    shape: 'dataverse-message',
    name: 'segment without quotes',
    top: 'query-unknown-segment',
    input: 'Error: Resource not found for the segment account.',
  },
  {
    shape: 'dataverse-json',
    name: 'segment message beats 0x80060888',
    top: 'query-unknown-segment',
    input: dataverse('0x80060888', "Resource not found for the segment 'contoso_projectss'."),
  },
  {
    shape: 'dataverse-json',
    name: 'unterminated literal',
    top: 'query-syntax-error',
    input: dataverse('0x80060888', "There is an unterminated literal at position 17 in 'name eq 'O'Neil''."),
  },
  {
    shape: 'dataverse-json',
    name: 'not with a named condition',
    top: 'query-syntax-error',
    input: dataverse('0x80060888', 'Not operator along with the Custom Named Condition operators is not allowed.'),
  },
  {
    shape: 'dataverse-json',
    name: 'invalid JSON body',
    top: 'query-syntax-error',
    input: dataverse(
      '0x80048d19',
      "Invalid JSON. A comma character ',' was expected in scope 'Object'. Every two elements in an array and properties of an object must be separated by commas.",
    ),
  },
  {
    shape: 'dataverse-message',
    name: 'IP firewall',
    top: 'ip-firewall-blocked',
    input:
      'The request you are trying to make is rejected as access to your IP is blocked. Please contact your administrator.',
  },
  {
    shape: 'msal',
    name: 'service principal missing (phrase)',
    top: 'service-principal-missing',
    input: `MsalServiceException: Original exception: The client application ${A} is missing service principal in the tenant ${T}.`,
  },
  {
    shape: 'dataverse-message',
    name: 'secret blocked by policy',
    top: 'secret-blocked-by-policy',
    input:
      "Failed to add password credential: adding a client secret is not allowed by the app management policy 'Block new secrets' (restriction passwordAddition).",
  },
  {
    shape: 'log',
    name: 'secret blocked by policy (az CLI, Entra wording)',
    top: 'secret-blocked-by-policy',
    input: 'ERROR: Credential type not allowed as per assigned policy',
  },
  {
    shape: 'powershell',
    name: 'secret lifetime capped by policy (Microsoft.Graph PowerShell)',
    top: 'secret-blocked-by-policy',
    input: `Add-MgApplicationPassword_AddExpanded: Credential lifetime exceeds the max value allowed as per assigned policy '${G1}'.\r\n\r\nStatus: 400 (BadRequest)`,
  },
  {
    shape: 'node',
    name: 'secret blocked by policy inside a tool message',
    top: 'secret-blocked-by-policy',
    input:
      'Failed to setup API access: Could not create a client secret. Error: Credential type not allowed as per assigned policy',
  },
  {
    shape: 'log',
    name: 'pipeline log split over lines',
    top: 'secret-invalid',
    input: `2026-11-26T09:00:00.1234567Z ##[error]Invalid client secret\n2026-11-26T09:00:00.1234568Z ##[error]provided. Ensure the secret being sent is the client secret value.`,
  },
  {
    shape: 'log',
    name: 'HTML-escaped body in an issue page',
    top: 'missing-privilege',
    input:
      '&lt;Message&gt;Principal user is missing prvReadAccount privilege on entity &#39;account&#39;&lt;/Message&gt;',
  },
  {
    shape: 'log',
    name: 'body escaped twice in a log',
    top: 'app-user-missing',
    input:
      'err="{\\"error\\":{\\"code\\":\\"0x0\\",\\"message\\":\\"The user is not a member of the\\r\\norganization.\\"}}"',
  },

  // ── Nothing to match: recognised ids only, no guessing ──────────────────────────────────
  { shape: 'none', name: 'bare 403', top: null, input: `HTTP/1.1 403 Forbidden\r\nx-ms-service-request-id: ${G1}` },
  { shape: 'none', name: 'unknown AADSTS', top: null, input: 'AADSTS9999999: Something new Microsoft added.' },
  { shape: 'none', name: 'prose', top: null, input: 'It does not work since Monday, please help.' },
  { shape: 'none', name: 'empty', top: null, input: '' },
]

describe('explain() golden inputs', () => {
  it(`covers at least 60 inputs in every shape`, () => {
    expect(GOLDEN.length).toBeGreaterThanOrEqual(60)
    const shapes = new Set(GOLDEN.map((row) => row.shape))
    for (const shape of [
      'token-json',
      'msal',
      'msal-1x',
      'dotnet',
      'powershell',
      'dataverse-json',
      'dataverse-message',
      'http',
      'node',
      'log',
      'none',
    ] as const) {
      expect(shapes.has(shape), shape).toBe(true)
    }
  })

  it.each(GOLDEN.map((row) => [`${row.shape}: ${row.name}`, row] as const))('%s', (_label, row) => {
    const result = explain(row.input)
    expect(result.diagnoses[0]?.id ?? null).toBe(row.top)
    expect(result.matched).toBe(row.top !== null)
    for (const diagnosis of result.diagnoses) {
      expect(diagnosis.fix.length).toBeGreaterThan(0)
      expect(diagnosis.matched).toBeTruthy()
    }
  })
})
