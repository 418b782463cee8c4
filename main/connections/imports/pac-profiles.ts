/**
 * pac CLI auth profiles: `authprofiles_v2.json` in pac's data folder (%LOCALAPPDATA%\Microsoft\PowerAppsCLI on
 * Windows, ~/.local/share/Microsoft/PowerAppsCli elsewhere).
 *
 * Format, as read by public tools that parse it (DynamicsCrm.DevKit FromPacConnectionBuilder,
 * Rnwood.Dataverse.Data.PowerShell PacProfileParser): `{ "Profiles": [...], "Current": { "UNIVERSAL": {...} } }`.
 * A profile has Name, Kind, User, Resource (the environment URL; https://service.powerapps.com/ when none is
 * selected), TenantId, Authority, Cloud and ProfileType (1 = an application profile, whose User is the
 * application id). pac keeps an application's client secret apart, encrypted, in pac.spn.cache.dat; that file
 * is never read here, so the secret is never imported.
 */
import type { Cloud } from '@common/clouds'
import { z } from 'zod'
import { collect, toEntry, type ToolParse } from './entry'

const ProfileSchema = z
  .object({
    Name: z.string().nullish(),
    Kind: z.string().nullish(),
    User: z.string().nullish(),
    ApplicationId: z.string().nullish(),
    Resource: z.string().nullish(),
    TenantId: z.string().nullish(),
    Authority: z.string().nullish(),
    Cloud: z.string().nullish(),
    ProfileType: z.number().nullish(),
    FriendlyName: z.string().nullish(),
  })
  .loose()

const ProfilesFileSchema = z.object({ Profiles: z.array(ProfileSchema) }).loose()

const PAC_CLOUDS: Readonly<Record<string, Cloud>> = {
  public: 'commercial',
  usgov: 'gcc',
  usgovhigh: 'gcc-high',
  usgovdod: 'dod',
  china: 'china',
}

/** The service host pac records when no environment is selected. */
const NO_ENVIRONMENT = 'service.powerapps.com'

function hostOf(url: string | null | undefined): string | null {
  if (!url) return null
  try {
    return new URL(url).host.toLowerCase()
  } catch {
    return null
  }
}

export function parsePacProfiles(text: string, tool = 'pac'): ToolParse {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    throw new Error(`The file is not JSON, so it is not ${tool}'s authprofiles_v2.json.`)
  }
  const parsed = ProfilesFileSchema.safeParse(json)
  if (!parsed.success) throw new Error(`The file has no "Profiles" list, so it is not ${tool}'s authprofiles_v2.json.`)
  const result: ToolParse = {
    entries: [],
    skipped: [],
    notes: [
      `${tool} keeps an application's client secret apart, encrypted (pac.spn.cache.dat); it was not read, so enter each secret in the editor.`,
    ],
  }
  parsed.data.Profiles.forEach((profile, index) => {
    const name = profile.Name || profile.FriendlyName || `Profile ${index + 1}`
    const isApplication = profile.ProfileType === 1 || Boolean(profile.ApplicationId)
    if (!isApplication) {
      result.skipped.push({
        name,
        reason: `a user profile (${profile.User || 'interactive sign-in'}); the workbench signs in as an application user only.`,
      })
      return
    }
    if (hostOf(profile.Resource) === NO_ENVIRONMENT) {
      result.skipped.push({ name, reason: 'no environment is selected in it (pac env select sets one).' })
      return
    }
    collect(
      result,
      name,
      toEntry({
        name,
        url: profile.Resource,
        clientId: profile.ApplicationId || profile.User,
        tenantId: profile.TenantId,
        cloud: PAC_CLOUDS[(profile.Cloud ?? '').toLowerCase()] ?? null,
        authorityHost: hostOf(profile.Authority),
        notes: [`Imported from ${tool} auth profile "${name}".`],
      }),
    )
  })
  return result
}
