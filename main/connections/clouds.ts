/**
 * The cloud and region table (wire §3.3): which host suffix belongs to which cloud, which Entra ID
 * authority signs its tokens, and what each commercial `crmN` number means.
 */
import { CLOUD_INFO, type Cloud, type Region } from '../../common/connection'

interface OrgHostPattern {
  readonly cloud: Cloud | 'germany'
  /** Matches `<org>[.api].<suffix>`; group 1 is the org name, group 2 "api." when present, group 3 the crm number. */
  readonly pattern: RegExp
}

const ORG = '([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)'

export const ORG_HOST_PATTERNS: readonly OrgHostPattern[] = [
  { cloud: 'commercial', pattern: new RegExp(`^${ORG}\\.(api\\.)?crm(\\d*)\\.dynamics\\.com$`) },
  { cloud: 'gcc-high', pattern: new RegExp(`^${ORG}\\.(api\\.)?crm(\\d*)\\.microsoftdynamics\\.us$`) },
  { cloud: 'dod', pattern: new RegExp(`^${ORG}\\.(api\\.)?crm(\\d*)\\.appsplatform\\.us$`) },
  { cloud: 'china', pattern: new RegExp(`^${ORG}\\.(api\\.)?crm(\\d*)\\.dynamics\\.cn$`) },
  { cloud: 'germany', pattern: new RegExp(`^${ORG}\\.(api\\.)?crm(\\d*)\\.microsoftdynamics\\.de$`) },
]

/** Commercial regions by crm number ('' = plain crm). crm10 is Microsoft pre-production; crm9 is GCC. */
export const COMMERCIAL_REGIONS: Readonly<Record<string, { code: string; name: string }>> = {
  '': { code: 'NAM', name: 'North America' },
  '2': { code: 'SAM', name: 'South America' },
  '3': { code: 'CAN', name: 'Canada' },
  '4': { code: 'EUR', name: 'Europe' },
  '5': { code: 'APJ', name: 'Asia Pacific' },
  '6': { code: 'OCE', name: 'Australia' },
  '7': { code: 'JPN', name: 'Japan' },
  '8': { code: 'IND', name: 'India' },
  '9': { code: 'GCC', name: 'US Government Community Cloud' },
  '11': { code: 'GBR', name: 'United Kingdom' },
  '12': { code: 'FRA', name: 'France' },
  '14': { code: 'ZAF', name: 'South Africa' },
  '15': { code: 'UAE', name: 'United Arab Emirates' },
  '16': { code: 'GER', name: 'Germany' },
  '17': { code: 'CHE', name: 'Switzerland' },
  // Later additions; the wire sheet marks these [unsure] (third-party lists that agree with Microsoft's enum).
  '19': { code: 'NOR', name: 'Norway' },
  '20': { code: 'SGP', name: 'Singapore' },
  '21': { code: 'KOR', name: 'Korea' },
  '22': { code: 'SWE', name: 'Sweden' },
}

export function commercialRegion(crmNumber: string): Region | null {
  const entry = COMMERCIAL_REGIONS[crmNumber]
  return entry ? { ...entry, crm: `crm${crmNumber}` } : null
}

export interface OrgHostMatch {
  readonly cloud: Cloud | 'germany'
  readonly org: string
  readonly isApiHost: boolean
  readonly crmNumber: string
  /** The org host without the `api.` label: the token audience. */
  readonly orgHost: string
}

export function matchOrgHost(host: string): OrgHostMatch | null {
  for (const { cloud, pattern } of ORG_HOST_PATTERNS) {
    const match = host.match(pattern)
    if (!match) continue
    const org = match[1] ?? ''
    const isApiHost = Boolean(match[2])
    const crmNumber = match[3] ?? ''
    const orgHost = isApiHost ? host.replace(`${org}.api.`, `${org}.`) : host
    // crm9.dynamics.com is the US Government Community Cloud: commercial Entra ID, its own region.
    const resolved = cloud === 'commercial' && crmNumber === '9' ? 'gcc' : cloud
    return { cloud: resolved, org, isApiHost, crmNumber, orgHost }
  }
  return null
}

export function authorityHostFor(cloud: Cloud): string {
  return CLOUD_INFO[cloud].authorityHost
}

/** Maker and admin portals per cloud: links there carry an environment id, not an org URL. */
export const PORTAL_HOSTS: Readonly<Record<string, Cloud>> = {
  'make.powerapps.com': 'commercial',
  'make.preview.powerapps.com': 'commercial',
  'apps.powerapps.com': 'commercial',
  'make.powerautomate.com': 'commercial',
  'flow.microsoft.com': 'commercial',
  'copilotstudio.microsoft.com': 'commercial',
  'admin.powerplatform.microsoft.com': 'commercial',
  'make.gov.powerapps.us': 'gcc',
  'apps.gov.powerapps.us': 'gcc',
  'gcc.admin.powerplatform.microsoft.us': 'gcc',
  'make.high.powerapps.us': 'gcc-high',
  'apps.high.powerapps.us': 'gcc-high',
  'high.admin.powerplatform.microsoft.us': 'gcc-high',
  'make.apps.appsplatform.us': 'dod',
  'play.apps.appsplatform.us': 'dod',
  'admin.appsplatform.us': 'dod',
  'make.powerapps.cn': 'china',
  'apps.powerapps.cn': 'china',
  'admin.powerplatform.azure.cn': 'china',
}

/** Entra ID sign-in hosts: pasting one of these is a mix-up of the two URLs a connection needs. */
export const SIGN_IN_HOSTS: readonly string[] = [
  'login.microsoftonline.com',
  'login.windows.net',
  'login.microsoft.com',
  'sts.windows.net',
  'login.microsoftonline.us',
  'login.usgovcloudapi.net',
  'login.partner.microsoftonline.cn',
  'login.chinacloudapi.cn',
]
