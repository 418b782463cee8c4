/**
 * The emulated tenant's Power Platform environments and which scenario apps may list them.
 *
 * Every organization the emulator serves is an environment (the first one Production, the others
 * Sandbox), plus three it does not serve, so a list shows every type: the tenant's Default
 * environment, a Developer environment and a Trial without a Dataverse database.
 *
 * Only the two healthy apps are registered as Power Platform management applications; every other
 * scenario app is not, and the API answers it 403 Forbidden. That is the "not granted" scenario:
 * sign in as any other scenario (e.g. `no-roles`) to see it.
 */
import { guidFor } from '../random'
import { scenarioApp, TENANT_ID } from '../scenarios'

interface EmulatedEnvironment {
  readonly id: string
  readonly displayName: string
  readonly url: string | null
  readonly type: 'Production' | 'Sandbox' | 'Developer' | 'Trial' | 'Default'
  readonly azureRegion: string
  readonly geo: string
  readonly state: 'Ready' | 'Disabled'
  readonly dataverseId: string | null
  readonly domainName: string | null
}

export const MANAGEMENT_APP_IDS: ReadonlySet<string> = new Set([
  scenarioApp('healthy').clientId,
  scenarioApp('healthy-certificate').clientId,
])

const REGIONS: Readonly<Record<string, { azureRegion: string; geo: string }>> = {
  '': { azureRegion: 'westus', geo: 'unitedstates' },
  '4': { azureRegion: 'westeurope', geo: 'europe' },
  '11': { azureRegion: 'uksouth', geo: 'unitedkingdom' },
}

function regionOf(url: string): { azureRegion: string; geo: string } {
  const crm = /\.crm(\d*)\./.exec(new URL(url).hostname)?.[1] ?? ''
  return REGIONS[crm] ?? { azureRegion: 'westus', geo: 'unitedstates' }
}

function titleCase(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1)
}

export function tenantEnvironments(orgs: readonly { readonly name: string; readonly url: string }[]) {
  const served: EmulatedEnvironment[] = orgs.map((org, index) => ({
    id: guidFor(`environment:${org.name}`),
    displayName: titleCase(org.name),
    url: `${org.url}/`,
    type: index === 0 ? 'Production' : 'Sandbox',
    ...regionOf(org.url),
    state: 'Ready',
    dataverseId: guidFor(`organization:${org.name}`),
    domainName: org.name,
  }))
  const others: EmulatedEnvironment[] = [
    {
      id: `Default-${TENANT_ID}`,
      displayName: 'Contoso (default)',
      url: 'https://orgcontosodefault.crm.dynamics.com/',
      type: 'Default',
      azureRegion: 'westus',
      geo: 'unitedstates',
      state: 'Ready',
      dataverseId: guidFor('organization:default'),
      domainName: 'orgcontosodefault',
    },
    {
      id: guidFor('environment:contoso-dev'),
      displayName: 'Contoso Dev (Alex)',
      url: 'https://contosodev.crm11.dynamics.com/',
      type: 'Developer',
      azureRegion: 'uksouth',
      geo: 'unitedkingdom',
      state: 'Ready',
      dataverseId: guidFor('organization:contoso-dev'),
      domainName: 'contosodev',
    },
    {
      id: guidFor('environment:contoso-trial'),
      displayName: 'Contoso Trial (no database)',
      url: null,
      type: 'Trial',
      azureRegion: 'westus',
      geo: 'unitedstates',
      state: 'Disabled',
      dataverseId: null,
      domainName: null,
    },
  ]
  return [...served, ...others]
}
