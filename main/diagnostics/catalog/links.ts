import { signInHostOf, type Cloud } from '@common/clouds'

/** The Entra login host of each cloud, from the cloud table. GCC runs on the commercial Entra host. */
export function loginHost(cloud: Cloud): string {
  return signInHostOf(cloud)
}

/** Microsoft's own AADSTS lookup page on the login host of the user's cloud: codes and texts change, this page follows. */
export function aadstsLookupUrl(code: string, cloud: Cloud): string {
  return `https://${loginHost(cloud)}/error?code=${encodeURIComponent(code)}`
}

const LEARN = 'https://learn.microsoft.com'

export const DOCS = {
  appUsers: `${LEARN}/power-platform/admin/manage-application-users`,
  s2s: `${LEARN}/power-apps/developer/data-platform/use-single-tenant-server-server-authentication`,
  discoverUrl: `${LEARN}/power-apps/developer/data-platform/webapi/discover-url-organization-web-api`,
  apiLimits: `${LEARN}/power-apps/developer/data-platform/api-limits`,
  webApiErrors: `${LEARN}/power-apps/developer/data-platform/webapi/compose-http-requests-handle-errors`,
  securityRoles: `${LEARN}/power-platform/admin/security-roles-privileges`,
  adminMode: `${LEARN}/power-platform/admin/admin-mode`,
  environments: `${LEARN}/power-platform/admin/environments-overview`,
  queryData: `${LEARN}/power-apps/developer/data-platform/webapi/query-data-web-api`,
  retrieveRecord: `${LEARN}/power-apps/developer/data-platform/webapi/retrieve-entity-using-web-api`,
  onlineRequirements: `${LEARN}/power-platform/admin/online-requirements`,
  tokenClaims: `${LEARN}/entra/identity-platform/access-token-claims-reference`,
  clientCredentials: `${LEARN}/entra/identity-platform/v2-oauth2-client-creds-grant-flow`,
  certificateCredentials: `${LEARN}/entra/identity-platform/certificate-credentials`,
  nationalClouds: `${LEARN}/entra/identity-platform/authentication-national-cloud`,
  workloadConditionalAccess: `${LEARN}/entra/identity/conditional-access/workload-identity`,
  appIds: `${LEARN}/entra/identity-platform/howto-create-service-principal-portal`,
  nodeTls: `${LEARN}/power-platform/admin/online-requirements`,
  ipFirewall: `${LEARN}/power-platform/admin/ip-firewall`,
  recordAccess: `${LEARN}/power-platform/admin/how-record-access-determined`,
  associateOnCreate: `${LEARN}/power-apps/developer/data-platform/webapi/create-entity-web-api`,
  duplicateDetection: `${LEARN}/power-apps/developer/data-platform/define-alternate-keys-entity`,
  pluginErrors: `${LEARN}/power-apps/developer/data-platform/troubleshoot-plug-in`,
  workloadIdentityFederation: `${LEARN}/entra/workload-id/workload-identity-federation`,
  appManagementPolicies: `${LEARN}/graph/api/resources/passwordcredentialconfiguration`,
} as const
