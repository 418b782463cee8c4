import { DOCS } from './links'
import { APP_REGISTRATION, CERTS_AND_SECRETS, ENVIRONMENT, TENANT_OVERVIEW } from './portals'
import type { CatalogEntry } from './types'

export const inputEntries: readonly CatalogEntry[] = [
  {
    id: 'url-has-path',
    title: 'The environment URL has a path after the host',
    cause:
      'The URL includes a path such as /api/data/v9.2, /main.aspx or /XRMServices/2011/Organization.svc. The token is requested for the URL as written, so Entra ID looks for a resource with that path, does not find it and answers AADSTS500011.',
    fix: [
      'Use only the scheme and host of the environment, for example https://contoso.crm.dynamics.com.',
      `Copy it from ${ENVIRONMENT} → Details → Environment URL if unsure.`,
      'Save the connection and run the check again.',
    ],
    docs: DOCS.discoverUrl,
  },
  {
    id: 'url-not-dataverse',
    title: 'The URL is not a Dataverse environment',
    cause:
      'The host does not end in a Dataverse domain (crm*.dynamics.com, crm.microsoftdynamics.us, crm.appsplatform.us or crm.dynamics.cn). A maker portal or admin center link (make.powerapps.com, admin.powerplatform.microsoft.com), a SharePoint or Power Pages address is often pasted by mistake. pac says "Can\'t resolve AAD/OAuth authority for <url>" when the URL answers no Entra ID challenge: not a Dataverse online URL, or an on-premises server (which app users and client credentials do not support).',
    fix: [
      `Open ${ENVIRONMENT} → Details and copy the Environment URL (it looks like https://<org>.crm<N>.dynamics.com).`,
      'Paste it as the environment URL of the connection.',
    ],
    docs: DOCS.discoverUrl,
  },
  {
    id: 'url-not-https',
    title: 'The environment URL does not use https',
    cause:
      'Dataverse only answers over https, and a token requested for an http:// resource is not valid for the environment.',
    fix: ['Change the URL to start with https://.', 'Run the check again.'],
    docs: DOCS.discoverUrl,
  },
  {
    id: 'tenant-id-malformed',
    title: 'The tenant is not a valid tenant ID or domain',
    cause:
      'The tenant must be a GUID (the Directory (tenant) ID) or a verified domain such as contoso.onmicrosoft.com. Placeholders, braces, quotes or a whole authority URL in the tenant field make Entra ID answer AADSTS900023.',
    fix: [
      `Open ${TENANT_OVERVIEW} and copy the Tenant ID.`,
      'Paste only the GUID (no braces, no https://login.microsoftonline.com/ prefix) as the tenant of the connection.',
    ],
    docs: DOCS.appIds,
  },
  {
    id: 'client-id-malformed',
    title: 'The client ID is not a GUID',
    cause:
      'The client ID must be the Application (client) ID of the app registration, a GUID. An app name, the Object ID with extra characters or a placeholder was entered.',
    fix: [
      `Open ${APP_REGISTRATION} → Overview.`,
      'Copy "Application (client) ID" (not "Object ID") and paste it as the client ID of the connection.',
    ],
    docs: DOCS.appIds,
  },
  {
    id: 'secret-looks-like-id',
    title: 'The secret looks like a secret ID, not a secret value',
    cause:
      'Entra ID shows two columns for each client secret: "Value" (shown only once, right after creation) and "Secret ID" (a GUID). A secret shaped like a GUID is almost always the Secret ID copied by mistake, and Entra ID rejects it with AADSTS7000215.',
    fix: [
      `Open ${CERTS_AND_SECRETS} → Client secrets.`,
      'Choose "New client secret", give it a description and an expiry, then Add.',
      'Copy the "Value" column immediately (it is hidden once you leave the page) — not the "Secret ID".',
      'Paste the value as the secret of the connection and run the check again.',
    ],
    docs: DOCS.clientCredentials,
  },
  {
    id: 'secret-missing',
    title: 'No secret or certificate was sent',
    cause:
      'The token request carried neither a client secret nor a certificate assertion (AADSTS7000218). Usually an environment variable was empty, the secret was never saved, or the certificate file could not be loaded.',
    fix: [
      'Check that the connection has a secret or a certificate; for the CLI, check that the variable named by --secret-env is set in this shell.',
      `If the secret is lost, create a new one in ${CERTS_AND_SECRETS} and copy its Value.`,
    ],
    docs: DOCS.clientCredentials,
  },
]
