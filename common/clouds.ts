/**
 * The one table of Microsoft clouds: what the user sees, the Entra ID host tokens come from (and
 * the other names of that same Entra instance), the Dataverse org host names and the maker/admin
 * portal hosts. Every other cloud fact in the app is derived from it.
 *
 * Sources (wire §3.3):
 * - Sign-in hosts: Microsoft Learn, "National clouds" (entra/identity-platform/authentication-national-cloud),
 *   table "Microsoft Entra authentication endpoints": login.microsoftonline.com (global),
 *   login.microsoftonline.us (US Government), login.partner.microsoftonline.cn (21Vianet).
 *   GCC runs on the commercial Entra ID, DoD on the US Government one.
 * - Aliases: Entra ID's instance discovery answer
 *   (https://login.microsoftonline.com/common/discovery/instance?api-version=1.1), which MSAL also
 *   ships as its built-in metadata (msal-common AuthorityMetadata). Each entry lists the host names
 *   of one Entra instance, and a token from one of them is valid for all of them (MSAL docs,
 *   "Custom authority aliases"). Only the entries of the three clouds above are used.
 * - Org hosts: Microsoft Learn, "Discover the URL for your organization" and "Datacenter regions";
 *   crm9.dynamics.com is GCC.
 * - Power Platform API hosts: Microsoft's Copilot Studio client SDK (microsoft-agents-copilotstudio-client,
 *   PowerPlatformEnvironment.get_endpoint_suffix: PROD, GOV, HIGH, DOD, MOONCAKE), the same table
 *   Microsoft's Power Pages skills map pac's Cloud values to (Public, UsGov, UsGovHigh, UsGovDod, China).
 */
import { z } from 'zod'

export const CLOUDS = ['commercial', 'gcc', 'gcc-high', 'dod', 'china'] as const
export const CloudSchema = z.enum(CLOUDS)
export type Cloud = z.infer<typeof CloudSchema>

export interface CloudInfo {
  readonly id: Cloud
  readonly label: string
  /** The Entra ID host a connection of this cloud signs in at (the one the docs name). */
  readonly signInHost: string
  /** Other names of the same Entra ID instance, from its instance discovery metadata. */
  readonly signInAliases: readonly string[]
  /**
   * Dataverse org hosts: `<org>[.api].crm<N>.<suffix>`. Group 1 is the org name, group 2 "api."
   * when present, group 3 the crm number.
   */
  readonly orgHost: RegExp
  /** Maker and admin portals: links there carry an environment id, not an org URL. */
  readonly portalHosts: readonly string[]
  /** The Power Platform API (environment discovery); its token audience is `https://<host>`. */
  readonly powerPlatformApiHost: string
}

const ORG = '([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)'
const orgHost = (crm: string, suffix: string) =>
  new RegExp(`^${ORG}\\.(api\\.)?crm(${crm})\\.${suffix.replaceAll('.', '\\.')}$`)

const COMMERCIAL_ALIASES = ['login.windows.net', 'login.microsoft.com', 'sts.windows.net']
const US_GOVERNMENT_ALIASES = ['login.usgovcloudapi.net']

export const CLOUD_TABLE: Readonly<Record<Cloud, CloudInfo>> = {
  commercial: {
    id: 'commercial',
    label: 'Commercial',
    signInHost: 'login.microsoftonline.com',
    signInAliases: COMMERCIAL_ALIASES,
    // Any crm number but 9 (GCC, below).
    orgHost: orgHost('(?!9\\.)\\d*', 'dynamics.com'),
    portalHosts: [
      'make.powerapps.com',
      'make.preview.powerapps.com',
      'apps.powerapps.com',
      'make.powerautomate.com',
      'flow.microsoft.com',
      'copilotstudio.microsoft.com',
      'admin.powerplatform.microsoft.com',
    ],
    powerPlatformApiHost: 'api.powerplatform.com',
  },
  gcc: {
    id: 'gcc',
    label: 'US Government (GCC)',
    signInHost: 'login.microsoftonline.com',
    signInAliases: COMMERCIAL_ALIASES,
    orgHost: orgHost('9', 'dynamics.com'),
    portalHosts: ['make.gov.powerapps.us', 'apps.gov.powerapps.us', 'gcc.admin.powerplatform.microsoft.us'],
    powerPlatformApiHost: 'api.gov.powerplatform.microsoft.us',
  },
  'gcc-high': {
    id: 'gcc-high',
    label: 'US Government GCC High',
    signInHost: 'login.microsoftonline.us',
    signInAliases: US_GOVERNMENT_ALIASES,
    orgHost: orgHost('\\d*', 'microsoftdynamics.us'),
    portalHosts: ['make.high.powerapps.us', 'apps.high.powerapps.us', 'high.admin.powerplatform.microsoft.us'],
    powerPlatformApiHost: 'api.high.powerplatform.microsoft.us',
  },
  dod: {
    id: 'dod',
    label: 'US Government DoD',
    signInHost: 'login.microsoftonline.us',
    signInAliases: US_GOVERNMENT_ALIASES,
    orgHost: orgHost('\\d*', 'appsplatform.us'),
    portalHosts: ['make.apps.appsplatform.us', 'play.apps.appsplatform.us', 'admin.appsplatform.us'],
    powerPlatformApiHost: 'api.appsplatform.us',
  },
  china: {
    id: 'china',
    label: 'China (21Vianet)',
    signInHost: 'login.partner.microsoftonline.cn',
    signInAliases: ['login.chinacloudapi.cn'],
    orgHost: orgHost('\\d*', 'dynamics.cn'),
    portalHosts: ['make.powerapps.cn', 'apps.powerapps.cn', 'admin.powerplatform.azure.cn'],
    powerPlatformApiHost: 'api.powerplatform.partner.microsoftonline.cn',
  },
}

/** Microsoft Cloud Germany closed in 2021; its org hosts are recognised only to say so. */
export const RETIRED_GERMANY_ORG_HOST = orgHost('\\d*', 'microsoftdynamics.de')

export function cloudLabel(cloud: Cloud): string {
  return CLOUD_TABLE[cloud].label
}

export function signInHostOf(cloud: Cloud): string {
  return CLOUD_TABLE[cloud].signInHost
}

/** The Power Platform API host of a cloud: the only host a discovery token is sent to. */
export function powerPlatformApiHostOf(cloud: Cloud): string {
  return CLOUD_TABLE[cloud].powerPlatformApiHost
}

/** The cloud's sign-in host and its aliases. */
export function signInHostsOf(cloud: Cloud): readonly string[] {
  const info = CLOUD_TABLE[cloud]
  return [info.signInHost, ...info.signInAliases]
}

/** Every Entra ID sign-in host of every cloud (pasting one as an org URL is a mix-up of the two). */
export const ALL_SIGN_IN_HOSTS: readonly string[] = [...new Set(CLOUDS.flatMap(signInHostsOf))]

/** True when `host` (host[:port]) is Entra ID for this cloud: exactly its host or an alias, no port. */
export function isSignInHostOf(cloud: Cloud, host: string): boolean {
  return signInHostsOf(cloud).includes(host.trim().toLowerCase())
}

export interface OrgHostMatch {
  readonly cloud: Cloud
  readonly org: string
  readonly isApiHost: boolean
  readonly crmNumber: string
  /** The org host without the `api.` label: the token audience. */
  readonly orgHost: string
}

export function matchOrgHost(host: string): OrgHostMatch | null {
  for (const cloud of CLOUDS) {
    const match = host.match(CLOUD_TABLE[cloud].orgHost)
    if (!match) continue
    const org = match[1] ?? ''
    const isApiHost = Boolean(match[2])
    return {
      cloud,
      org,
      isApiHost,
      crmNumber: match[3] ?? '',
      orgHost: isApiHost ? host.replace(`${org}.api.`, `${org}.`) : host,
    }
  }
  return null
}

export function portalCloudOf(host: string): Cloud | null {
  return CLOUDS.find((cloud) => CLOUD_TABLE[cloud].portalHosts.includes(host)) ?? null
}

/**
 * The cloud a host name points to (org, sign-in or portal host), or null. A sign-in host shared
 * by two clouds names the first in table order (commercial for GCC, GCC High for DoD).
 */
export function cloudOfHost(host: string): Cloud | null {
  const lower = host.toLowerCase()
  return matchOrgHost(lower)?.cloud ?? CLOUDS.find((cloud) => isSignInHostOf(cloud, lower)) ?? portalCloudOf(lower)
}

/** What a connection says about where it signs in. */
export interface SignInHostChoice {
  readonly cloud: Cloud
  readonly authorityHost: string
  /** The user's explicit choice, in the editor, of a host that is not Entra ID (an emulator). */
  readonly customSignInHost?: boolean
}

export interface SignInHostProblem {
  readonly message: string
  readonly cause: string
  readonly next: string
}

/**
 * Null when a token may be asked for at this host: it is Entra ID for the connection's cloud, or
 * the user chose a custom host in the editor. Otherwise what happened, why it matters and what to do.
 */
export function signInHostProblem(choice: SignInHostChoice): SignInHostProblem | null {
  if (choice.customSignInHost === true || isSignInHostOf(choice.cloud, choice.authorityHost)) return null
  const host = choice.authorityHost.trim().toLowerCase()
  const label = cloudLabel(choice.cloud)
  return {
    message: `The sign-in host ${host} is not Entra ID for the ${label} cloud, so no token is asked for there.`,
    cause:
      `The client secret (or a signed certificate assertion) is sent to the sign-in host. A connection file can name a look-alike host to collect it; ` +
      `Entra ID for ${label} is ${signInHostsOf(choice.cloud).join(', ')}.`,
    next:
      `Check where the connection came from. Use ${signInHostOf(choice.cloud)} (or pick the right cloud); ` +
      `if you really use a custom authority (an emulator), tick "Custom sign-in host" in the connection editor.`,
  }
}
