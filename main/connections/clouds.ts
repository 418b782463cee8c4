/**
 * Dataverse org hosts read against the cloud table (common/clouds.ts, wire §3.3): which cloud a
 * host belongs to, and what each commercial `crmN` number means.
 */
import {
  matchOrgHost as matchCloudOrgHost,
  RETIRED_GERMANY_ORG_HOST,
  type Cloud,
  type OrgHostMatch as CloudOrgHostMatch,
} from '@common/clouds'
import type { Region } from '@common/connection'

/** Commercial regions by crm number ('' = plain crm). crm10 is Microsoft pre-production; crm9 is GCC. */
const COMMERCIAL_REGIONS: Readonly<Record<string, { code: string; name: string }>> = {
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

export interface OrgHostMatch extends Omit<CloudOrgHostMatch, 'cloud'> {
  readonly cloud: Cloud | 'germany'
}

/** A current cloud's org host, or Microsoft Cloud Germany's (closed), which the normaliser names as such. */
export function matchOrgHost(host: string): OrgHostMatch | null {
  const current = matchCloudOrgHost(host)
  if (current) return current
  const germany = host.match(RETIRED_GERMANY_ORG_HOST)
  if (!germany) return null
  const org = germany[1] ?? ''
  return {
    cloud: 'germany',
    org,
    isApiHost: Boolean(germany[2]),
    crmNumber: germany[3] ?? '',
    orgHost: host.replace(`${org}.api.`, `${org}.`),
  }
}
