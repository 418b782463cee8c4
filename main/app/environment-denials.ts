/**
 * What is missing when an app may not list environments, and how to grant it.
 *
 * Sources for the steps:
 * - Register as a management application: Microsoft Learn, "Creating a service principal application using API"
 *   (power-platform/admin/powerplatform-api-create-service-principal); pac CLI reference `pac admin application register`;
 *   PowerShell `New-PowerAppManagementApp -ApplicationId` (Microsoft.PowerApps.Administration.PowerShell).
 *   A service principal cannot register itself: an administrator signs in as a user to do it.
 * - Power Platform role instead: "Tutorial: Assign roles to service principals (preview)"
 *   (power-platform/admin/programmability-tutorial-rbac-role-assignment).
 * - The Power Platform API's own service principal (app id 8578e004-a5c6-46e7-913e-12f58912df43) must exist in the
 *   tenant for Entra ID to issue a token for it; AADSTS500011 says it does not.
 */
import type { EnvironmentDiscoveryResult, GrantStep } from '@common/contract/environments'
import { AppFailure } from '@common/result'
import type { ApiRefusal } from '../dataverse/environments'

const POWER_PLATFORM_API_APP_ID = '8578e004-a5c6-46e7-913e-12f58912df43'

type Denied = Extract<EnvironmentDiscoveryResult, { status: 'denied' }>

interface Facts {
  readonly clientId: string
  readonly tenantId: string
  readonly apiHost: string
}

function registrationSteps(clientId: string): GrantStep[] {
  return [
    {
      label: 'As a Power Platform administrator, register the app as a management application with the pac CLI:',
      command: `pac admin application register --application-id ${clientId}`,
    },
    {
      label: 'Or with PowerShell (Microsoft.PowerApps.Administration.PowerShell), signed in as an administrator:',
      command: `Add-PowerAppsAccount; New-PowerAppManagementApp -ApplicationId ${clientId}`,
    },
    {
      label:
        "Or give the app's service principal a Power Platform role (for example Reader at tenant scope) in the Power Platform admin center, Security > Role-based access, or with the Authorization API.",
      command: null,
    },
  ]
}

export function denialFromApi(refusal: ApiRefusal, facts: Facts): Denied {
  const base = { httpStatus: refusal.status, apiCode: refusal.code, apiHost: facts.apiHost }
  if (refusal.status === 401) {
    return {
      ...base,
      status: 'denied' as const,
      reason: 'token-refused',
      message: `The Power Platform API at ${facts.apiHost} did not accept the app's token (401).`,
      cause: refusal.message || 'The token was not accepted: wrong audience, tenant or an expired token.',
      steps: [
        {
          label: `Check that the token was asked for https://${facts.apiHost}/.default in the tenant ${facts.tenantId}, then try again.`,
          command: null,
        },
      ],
    }
  }
  return {
    ...base,
    status: 'denied' as const,
    reason: 'not-management-app',
    message: `The Power Platform API refused to list environments for the app ${facts.clientId} (${refusal.status}${refusal.code ? ` ${refusal.code}` : ''}).`,
    cause:
      `The app registration is neither registered as a Power Platform management application nor given a Power Platform role in the tenant ${facts.tenantId}. ` +
      `The API said: ${refusal.message || '(no message)'}`,
    steps: registrationSteps(facts.clientId),
  }
}

/** A token refusal that means "not set up for the Power Platform API"; null for any other failure (it is rethrown). */
export function denialFromToken(error: unknown, facts: Facts): Denied | null {
  if (!(error instanceof AppFailure) || error.code !== 'AUTH_FAILED') return null
  const aadsts = error.details?.aadsts ? Number(error.details.aadsts) : null
  const common = { apiHost: facts.apiHost, apiCode: aadsts ? `AADSTS${aadsts}` : null, httpStatus: null }
  if (aadsts === 500011) {
    return {
      ...common,
      status: 'denied' as const,
      reason: 'api-not-in-tenant',
      message: `Entra ID has no Power Platform API in the tenant ${facts.tenantId} to issue a token for (AADSTS500011).`,
      cause: `The Power Platform API's service principal (${POWER_PLATFORM_API_APP_ID}) has not been created in this tenant yet.`,
      steps: [
        {
          label: 'As a tenant administrator, create its service principal with the Azure CLI:',
          command: `az ad sp create --id ${POWER_PLATFORM_API_APP_ID}`,
        },
        {
          label: 'Or with Microsoft Graph PowerShell:',
          command: `New-MgServicePrincipal -AppId ${POWER_PLATFORM_API_APP_ID}`,
        },
        ...registrationSteps(facts.clientId),
      ],
    }
  }
  if (aadsts === 65001 || aadsts === 650057) {
    return {
      ...common,
      status: 'denied' as const,
      reason: 'consent-missing',
      message: `The app ${facts.clientId} has no consented permission for the Power Platform API (AADSTS${aadsts}).`,
      cause: 'The API permission was not added to the app registration, or an administrator has not granted consent.',
      steps: [
        {
          label:
            'In the app registration, API permissions > Add a permission > APIs my organization uses > Power Platform API, then grant admin consent; or with the Azure CLI:',
          command: `az ad app permission admin-consent --id ${facts.clientId}`,
        },
        ...registrationSteps(facts.clientId),
      ],
    }
  }
  return null
}
