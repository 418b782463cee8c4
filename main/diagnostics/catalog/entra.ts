import { aadstsLookupUrl, DOCS, loginHost } from './links'
import {
  APP_REGISTRATION,
  CERTS_AND_SECRETS,
  CONDITIONAL_ACCESS,
  ENTERPRISE_APP,
  SIGN_IN_LOGS,
  TENANT_OVERVIEW,
} from './portals'
import type { CatalogEntry, DiagnosisContext } from './types'

/** AADSTS diagnoses link to the lookup page for the code that matched, on the user's cloud. */
const lookup = (defaultCode: string) => (ctx: DiagnosisContext) => aadstsLookupUrl(ctx.aadsts ?? defaultCode, ctx.cloud)

export const entraEntries: readonly CatalogEntry[] = [
  {
    id: 'tenant-not-found',
    title: 'Entra ID does not know this tenant',
    cause: (ctx) =>
      `The tenant (AADSTS90002) does not exist on ${loginHost(ctx.cloud)}: a typo in the tenant ID, a domain that is not verified in the tenant, or a tenant that lives in another cloud.`,
    fix: [
      `Open ${TENANT_OVERVIEW} in the tenant that owns the app registration and copy the Tenant ID.`,
      'Paste it as the tenant of the connection.',
      "If the tenant is in US Government or China, set the connection's cloud to match (the login host differs per cloud).",
    ],
    docs: lookup('90002'),
  },
  {
    id: 'tenant-wrong-cloud',
    title: 'The tenant is in another Microsoft cloud',
    cause:
      'The tenant was looked up on a login host of a different cloud. A US Government (GCC High, DoD) tenant is only known to login.microsoftonline.us, a China tenant only to login.partner.microsoftonline.cn.',
    fix: [
      'Check which cloud the environment URL belongs to: crm.microsoftdynamics.us is GCC High, crm.appsplatform.us is DoD, crm.dynamics.cn is China, crm9.dynamics.com is GCC on the commercial login host.',
      "Set the connection's cloud to match and run the check again.",
    ],
    docs: lookup('90002'),
  },
  {
    id: 'wrong-cloud-host',
    title: 'The login host and the tenant are in different clouds',
    cause:
      'Entra ID refused the request because the app, the tenant or the resource belong to different national clouds (AADSTS90038 / AADSTS900432 / AADSTS900382 "Confidential Client is not supported in Cross Cloud request" / AADSTS900439 for a US Government client on the public endpoint). Confidential clients cannot sign in across clouds: an app registered in the commercial cloud cannot get tokens for a GCC High or DoD tenant, and the reverse.',
    fix: [
      "Use the login host of the tenant's cloud: login.microsoftonline.us for US Government (GCC High, DoD), login.partner.microsoftonline.cn for China; GCC uses login.microsoftonline.com.",
      "Register the app in the same cloud as the environment's tenant (portal.azure.us for US Government) and create its application user there.",
      "Set the connection's cloud accordingly.",
    ],
    docs: lookup('90038'),
  },
  {
    id: 'tenant-missing',
    title: 'The request did not name a tenant',
    cause:
      'Client credentials need a specific tenant. The authority was /common, /organizations or /consumers (AADSTS50059 / MSAL missing_tenant_id_error), so Entra ID cannot tell which directory the app lives in.',
    fix: [
      `Copy the Tenant ID from ${TENANT_OVERVIEW}.`,
      'Use it as the tenant of the connection (the authority becomes https://login.microsoftonline.com/<tenant-id>).',
    ],
    docs: lookup('50059'),
  },
  {
    id: 'app-not-in-tenant',
    title: 'The app registration is not in this tenant',
    cause:
      'Entra ID found no application with this client ID in the tenant (AADSTS700016). Usually the client ID has a typo or is the tenant ID, the app was registered in another tenant, or a multi-tenant app was never consented in this one.',
    fix: [
      `Open ${APP_REGISTRATION} → Overview and compare "Application (client) ID" and "Directory (tenant) ID" with the connection.`,
      'If the app lives in another tenant, either use that tenant or have an admin of this tenant consent the app (which creates its enterprise application).',
    ],
    docs: lookup('700016'),
  },
  {
    id: 'app-disabled',
    title: 'The application is disabled in this tenant',
    cause:
      "The app's service principal has sign-in disabled (AADSTS7000112), by an admin or by Microsoft (for example after suspicious activity).",
    fix: [
      `Open ${ENTERPRISE_APP} → Properties.`,
      'Set "Enabled for users to sign-in?" to Yes and Save (needs an Application Administrator).',
      'If Microsoft disabled it, the enterprise application page says so; follow the instructions there.',
    ],
    docs: lookup('7000112'),
  },
  {
    id: 'service-principal-missing',
    title: 'The app has no service principal in this tenant',
    cause:
      'The app registration exists, but this tenant has no enterprise application (service principal) for it (AADSTS7000229). Multi-tenant apps need one in every tenant that uses them: since March 2026 Entra ID no longer issues tokens to an app without a service principal in the resource tenant (such sign-ins showed service principal ID 00000000-0000-0000-0000-000000000000 in the sign-in logs).',
    fix: [
      'Have an admin of this tenant grant consent to the app, or create the service principal (for example New-MgServicePrincipal -AppId <client id>).',
      `Check that it appears in ${ENTERPRISE_APP}.`,
    ],
    docs: lookup('7000229'),
  },
  {
    id: 'sp-disabled-resource',
    title: 'Dynamics CRM is disabled in this tenant',
    cause:
      'The service principal of the resource (Dynamics CRM / Dataverse) is disabled in the tenant (AADSTS500014), usually because the subscription lapsed or an admin disabled it.',
    fix: [
      'In Entra admin center → Identity → Applications → Enterprise applications, remove the filter and find "Dynamics CRM" (application ID 00000007-0000-0000-c000-000000000000).',
      'Check Properties → "Enabled for users to sign-in?"; if it is disabled, ask a Global Administrator why before enabling it.',
      'Check in Microsoft 365 admin center → Billing that the Dynamics 365 / Power Platform subscription is active.',
    ],
    docs: lookup('500014'),
  },
  {
    id: 'no-dataverse-subscription',
    title: 'The tenant is not subscribed to Dataverse',
    cause:
      'The organization has no subscription for the requested service (AADSTS650052): no Dataverse environment was ever provisioned in this tenant.',
    fix: [
      'Check that the environment URL belongs to this tenant.',
      "If it does, check the tenant's Power Platform / Dynamics 365 licences in Microsoft 365 admin center → Billing.",
    ],
    docs: lookup('650052'),
  },
  {
    id: 'secret-invalid',
    title: 'Entra ID rejected the client secret',
    cause:
      'The secret sent is not a valid secret of this app (AADSTS7000215). In an app-user setup the usual cause is the Secret ID pasted instead of the secret Value; also a secret that was rotated or deleted, a secret from another app registration, or quotes or spaces copied with it.',
    fix: [
      `Open ${CERTS_AND_SECRETS} → Client secrets and check that a secret is listed and not expired.`,
      'Choose "New client secret" and copy the "Value" column right away — not the "Secret ID" (a GUID).',
      'Paste the value into the connection (no quotes, no spaces) and run the check again.',
      'Delete the old secret once nothing uses it any more.',
    ],
    docs: lookup('7000215'),
  },
  {
    id: 'secret-expired',
    title: 'The client secret has expired',
    cause:
      'Every secret of this app has passed its expiry date (AADSTS7000222). The connection worked until that day and then failed without any change on your side.',
    fix: [
      `Open ${CERTS_AND_SECRETS} → Client secrets: the Expires column shows the date.`,
      'Choose "New client secret", pick an expiry, and copy the "Value" immediately.',
      'Update every connection and pipeline that uses it, then delete the expired secret.',
      'Consider a certificate instead of a secret, and note the new expiry date in the connection so the app can warn you.',
    ],
    docs: lookup('7000222'),
  },
  {
    id: 'credential-expiring',
    title: 'The credential expires soon',
    cause:
      "The expiry date noted for this secret, or the certificate's NotAfter, is less than 30 days away. On that day every sign-in fails (AADSTS7000222 for a secret, AADSTS700027 for a certificate), with no change on your side.",
    fix: [
      `Open ${CERTS_AND_SECRETS} and add a new client secret or upload a new certificate before the old one expires.`,
      'Put the new value or certificate file in this connection (and in every pipeline that uses the app), then run the check again.',
      'Note the new expiry date in the connection, and delete the old credential once nothing uses it.',
    ],
    docs: lookup('7000222'),
  },
  {
    id: 'certificate-expired',
    title: 'The certificate has expired',
    cause:
      'The certificate file of this connection is past its NotAfter date. Entra ID refuses an assertion signed with an expired certificate (AADSTS700027), even when it is still listed on the app.',
    fix: [
      `Create a new certificate (or get one from your PKI) and upload its public part (.cer/.pem) to ${CERTS_AND_SECRETS} → Certificates.`,
      'Choose the new certificate file (.pfx, or .pem with its key) in this connection and run the check again.',
      'Remove the expired certificate from the app registration.',
    ],
    docs: lookup('700027'),
  },
  {
    id: 'certificate-not-registered',
    title: 'The certificate is not registered on the app',
    cause:
      'Entra ID could not match the certificate that signed the client assertion (AADSTS700027: "the key was not found" / signature validation failed). The public certificate was not uploaded to this app, it expired, the private key does not belong to it, or the thumbprint type (SHA-1 x5t vs SHA-256 x5t#S256) does not match.',
    fix: [
      `Open ${CERTS_AND_SECRETS} → Certificates and compare the thumbprint with the certificate you use.`,
      'If it is missing, upload the public part (.cer/.pem, never the private key) with "Upload certificate".',
      "Check the certificate's end date and that the private key file belongs to the same certificate.",
    ],
    docs: lookup('700027'),
  },
  {
    id: 'assertion-time-invalid',
    title: 'The client assertion is outside its valid time',
    cause:
      "The signed assertion's nbf/exp did not contain Entra ID's current time (AADSTS700024). The clock of this machine is off, local time was used instead of UTC, or an old assertion was reused.",
    fix: [
      "Synchronise this computer's clock (Windows: Settings → Time & language → Sync now; Linux: timedatectl / chrony).",
      'Let the library build a fresh assertion for every token request instead of caching one.',
    ],
    docs: lookup('700024'),
  },
  {
    id: 'public-client',
    title: 'The app is a public client, so it cannot use a secret',
    cause: 'The app registration is configured as a public client (AADSTS700025), which forbids client credentials.',
    fix: [`Open ${APP_REGISTRATION} → Authentication.`, 'Set "Allow public client flows" to No and Save.'],
    docs: lookup('700025'),
  },
  {
    id: 'assertion-malformed',
    title: 'Entra ID could not read the client assertion',
    cause:
      "The signed JWT sent instead of a secret is malformed (AADSTS50027): most often its header carries no certificate thumbprint (x5t or x5t#S256), or the assertion was built by hand with the wrong encoding or signed with a key that is not the certificate's.",
    fix: [
      'Let MSAL build the assertion from the certificate (with its private key) instead of building it by hand.',
      'If you must build it, put the certificate thumbprint in the header as x5t (base64url of the SHA-1 thumbprint bytes, not of the hex string) or x5t#S256, sign it with RS256/PS256, and set aud to the token endpoint.',
      'Paste the assertion into the token inspector to see its header and claims.',
    ],
    docs: lookup('50027'),
  },
  {
    id: 'federated-credential-mismatch',
    title: 'No federated credential of the app matches the presented token',
    cause:
      "The app signs in with a federated credential (workload identity federation, for example from GitHub Actions or Azure DevOps), and none of its federated credentials matches the external token's issuer, subject and audience exactly (AADSTS700213 / AADSTS7002138 / AADSTS70021). Matching is case-sensitive, and GitHub subjects may now carry owner and repository IDs.",
    fix: [
      `Open ${CERTS_AND_SECRETS} → Federated credentials and compare Issuer, Subject identifier and Audience (api://AzureADTokenExchange) character by character with the values in the error.`,
      'Fix the case of organisation, repository, environment or service-connection names (sc://<org>/<project>/<connection> for Azure DevOps), or add a credential for the branch, tag or environment the pipeline actually runs from.',
      'Run the pipeline again; the change applies within a minute.',
    ],
    docs: (ctx) => (ctx.aadsts ? aadstsLookupUrl(ctx.aadsts, ctx.cloud) : DOCS.workloadIdentityFederation),
  },
  {
    id: 'federated-token-unavailable',
    title: 'The federated token could not be read',
    cause:
      'The connection signs in with a federated credential, and its token source (a file, an environment variable or a command) gave no token: the pipeline step that provides the OIDC token did not run here, the variable or file has another name, or the command failed.',
    fix: [
      'GitHub Actions: give the job `permissions: id-token: write` and fetch the token from ACTIONS_ID_TOKEN_REQUEST_URL with `&audience=api://AzureADTokenExchange` (or let azure/login write it).',
      'Azure Pipelines: use a workload identity federation service connection; the AzureCLI task with addSpnToEnvironment exposes idToken, and AZURE_FEDERATED_TOKEN_FILE names the token file on AKS.',
      'Run the check again in the same job, right after the token is fetched: the tokens live about 5–10 minutes.',
    ],
    docs: DOCS.workloadIdentityFederation,
  },
  {
    id: 'secret-blocked-by-policy',
    title: 'An app management policy blocks or limits client secrets for this app',
    cause:
      "The tenant (or this app) has an app management policy that forbids adding client secrets (passwordAddition) or caps their lifetime (passwordLifetime), so a new secret cannot be created or must expire sooner than asked. Entra checks the policy when a secret is added (portal, Graph addPassword, az ad app credential reset, New-MgApplicationPassword), not at sign-in, so it bites when an expired secret has to be renewed: the refusal reads 'Credential type not allowed as per assigned policy' (secrets blocked) or 'Credential lifetime exceeds the max value allowed as per assigned policy <policy id>' (lifetime capped). Such policies are how tenants push apps towards certificates and federated credentials.",
    fix: [
      `Use a certificate instead: upload its public part to ${CERTS_AND_SECRETS} → Certificates and choose the certificate in this connection.`,
      'For pipelines, prefer a federated credential (workload identity federation): no secret to store or rotate.',
      'If a secret is really needed, ask the Entra administrator which lifetime the policy allows (Entra admin center → Identity → Applications → App management policies) and create one within it.',
      'Only an administrator can make an exception: an app management policy assigned to this one app with the passwordAddition restriction disabled (Graph: POST /policies/appManagementPolicies, then assign it to the application) overrides the tenant default.',
    ],
    docs: DOCS.appManagementPolicies,
  },
  {
    id: 'resource-not-found',
    title: 'Entra ID does not know the requested resource',
    cause:
      'The resource (scope) named in the token request was not found in the tenant (AADSTS500011). The environment URL had a path (/api/data/v9.2, /XRMServices/…), was URL-encoded twice, is not a Dataverse URL, or the tenant has never had Dataverse.',
    fix: [
      'Use the bare environment URL, for example https://contoso.crm.dynamics.com — the scope is then https://contoso.crm.dynamics.com/.default.',
      'Check that the environment belongs to the tenant of the connection.',
    ],
    docs: lookup('500011'),
  },
  {
    id: 'scope-invalid',
    title: 'The scope is not valid for client credentials',
    cause:
      'Client credentials only accept <resource>/.default (AADSTS1002012 / AADSTS70011). A delegated scope such as user_impersonation, openid or the bare URL was sent.',
    fix: [
      'Request the scope https://<org>.crm.dynamics.com/.default (the environment URL followed by /.default).',
      "Application permissions are not used by Dataverse: access comes from the application user's security roles.",
    ],
    docs: lookup('1002012'),
  },
  {
    id: 'multiple-resources',
    title: 'The scope names more than one resource',
    cause: 'One token request asked for two resources (AADSTS700022). A token is always for one resource.',
    fix: ['Request one token per resource, each with a single <resource>/.default scope.'],
    docs: lookup('700022'),
  },
  {
    id: 'request-malformed',
    title: 'The token request was not formed the way Entra ID expects',
    cause:
      'A required field was missing or in the wrong place (AADSTS900144 / AADSTS90014 / AADSTS901002): parameters sent in the query string or as JSON instead of a form-urlencoded body, or the v1 resource= parameter sent to the v2 endpoint.',
    fix: [
      'Send grant_type, client_id, scope and the credential in an application/x-www-form-urlencoded body.',
      'Use scope=<resource>/.default on /oauth2/v2.0/token, or resource=<resource> on the v1 /oauth2/token endpoint — not both.',
    ],
    docs: lookup('900144'),
  },
  {
    id: 'conditional-access-blocked',
    title: 'A Conditional Access policy blocked the app',
    cause:
      'Entra ID checked the credential but a Conditional Access policy for workload identities blocked the token (AADSTS53003 on the token request), usually because the call comes from a location or IP range the policy does not allow — a pipeline agent or cloud host whose outbound address changed is the typical case — or because the service principal was rated risky. Such policies need Workload Identities Premium.',
    fix: [
      `Look the request up in ${SIGN_IN_LOGS} by its correlation ID; the Conditional Access tab names the policy.`,
      `Ask the policy owner to allow this location, or exclude the service principal, in ${CONDITIONAL_ACCESS}.`,
    ],
    docs: lookup('53003'),
  },
  {
    id: 'user-credentials-used',
    title: "A user name and password were used instead of the app's credentials",
    cause:
      'The error comes from a user sign-in (AADSTS50034 / AADSTS50126: user not found or wrong password). The tool is using a user account (resource owner password flow), not client credentials with an application user.',
    fix: [
      "Configure the connection with the app's client ID and a secret or certificate (client credentials), not a user name and password.",
      'Make sure an application user exists for that app in the environment.',
    ],
    docs: lookup('50126'),
  },
  {
    id: 'entra-throttled',
    title: 'Entra ID is throttling or temporarily unavailable',
    cause:
      'Entra ID answered with a throttling or transient error (AADSTS90055 / AADSTS90024 / AADSTS50196): too many token requests, usually because tokens are not cached.',
    fix: [
      'Wait a minute and try again.',
      'Cache tokens and reuse them until shortly before they expire instead of requesting one per call.',
    ],
    docs: lookup('90055'),
  },
]
