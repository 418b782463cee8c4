/**
 * The tenant's environments, from the Power Platform API, as an application (client credentials).
 *
 * Endpoint chosen: `GET https://api.powerplatform.com/environmentmanagement/environments?api-version=2022-03-01-preview`,
 * token scope `https://api.powerplatform.com/.default` (per cloud: CLOUD_TABLE.powerPlatformApiHost).
 * Source: Microsoft Learn, REST API reference "Environments - List Environments For User"
 * (learn.microsoft.com/rest/api/power-platform/environmentmanagement/environments/list-environments-for-user):
 * the response is `{ value: EnvironmentResponse[] }` with id, displayName, url, type, azureRegion, geo, state.
 *
 * Why this one and not the older BAP admin route (`api.bap.microsoft.com/providers/Microsoft.BusinessAppPlatform/
 * scopes/admin/environments?api-version=2020-10-01`, "List environments (preview)" under "Authentication - legacy"):
 * the Power Platform API is the documented successor, it takes the `.default` scope of one audience per cloud, and a
 * service principal is allowed in either way the brief asks us to explain: registered as a management application
 * (learn.microsoft.com/power-platform/admin/powerplatform-api-create-service-principal; `pac admin application register`,
 * `New-PowerAppManagementApp`) or given a Power Platform role (programmability-tutorial-rbac-role-assignment).
 * A service principal that is neither gets 403 with code "Forbidden" and "The service principal with id '…' for
 * application … does not have permission to access the path '…' in tenant …" (the error shape reported in
 * microsoft/terraform-provider-power-platform#665 and microsoft/powerplatform-build-tools#531).
 */
import { z } from 'zod'
import type { DiscoveredEnvironment, EnvironmentType } from '@common/contract/environments'
import { ENVIRONMENT_TYPES } from '@common/contract/environments'
import { AppFailure } from '@common/result'
import type { Transport } from '../http/types'

const ENVIRONMENTS_PATH = '/environmentmanagement/environments'
const ENVIRONMENTS_API_VERSION = '2022-03-01-preview'

const EnvironmentResponseSchema = z
  .object({
    id: z.string(),
    displayName: z.string().nullish(),
    url: z.string().nullish(),
    type: z.string().nullish(),
    azureRegion: z.string().nullish(),
    geo: z.string().nullish(),
    state: z.string().nullish(),
  })
  .loose()

const EnvironmentListSchema = z.object({
  value: z.array(EnvironmentResponseSchema),
  '@odata.nextLink': z.string().nullish(),
})

/** The error body the Power Platform API (and BAP behind it) answers with. */
const ApiErrorSchema = z.object({ error: z.object({ code: z.string().optional(), message: z.string().optional() }) })

type RawEnvironment = Omit<DiscoveredEnvironment, 'existingConnectionId'>

/** The API's answer when it refuses: what the status and body said. */
export interface ApiRefusal {
  readonly status: number
  readonly code: string | null
  readonly message: string
}

export type EnvironmentListing =
  | { readonly ok: true; readonly environments: readonly RawEnvironment[] }
  | { readonly ok: false; readonly refusal: ApiRefusal }

const MAX_PAGES = 20
/** A tenant with thousands of environments lists in well under this per page. */
const MAX_LIST_BYTES = 16 * 1024 * 1024

function environmentType(raw: string): EnvironmentType {
  const known = ENVIRONMENT_TYPES.find((type) => type.toLowerCase() === raw.toLowerCase())
  return known && known !== 'Other' ? known : 'Other'
}

function orgUrlOf(raw: string | null | undefined): string | null {
  if (!raw) return null
  try {
    const url = new URL(raw)
    return url.protocol === 'https:' ? url.origin : null
  } catch {
    return null
  }
}

function toEnvironment(entry: z.infer<typeof EnvironmentResponseSchema>): RawEnvironment {
  const rawType = entry.type ?? ''
  return {
    id: entry.id.slice(0, 100),
    displayName: (entry.displayName ?? entry.id).slice(0, 200),
    url: orgUrlOf(entry.url),
    type: environmentType(rawType),
    rawType: rawType.slice(0, 100),
    region: (entry.azureRegion || entry.geo || '').slice(0, 100),
    state: (entry.state ?? '').slice(0, 100),
  }
}

async function refusalOf(response: Response): Promise<ApiRefusal> {
  const text = await response.text()
  let parsed: z.infer<typeof ApiErrorSchema> | null = null
  try {
    const json = ApiErrorSchema.safeParse(JSON.parse(text))
    parsed = json.success ? json.data : null
  } catch {
    parsed = null
  }
  return {
    status: response.status,
    code: parsed?.error.code ?? null,
    message: (parsed?.error.message ?? text).slice(0, 1000),
  }
}

/**
 * Every page of the environment list. `apiBaseUrl` is https://<Power Platform API host>; the
 * transport's allow-list holds exactly that host and the sign-in host, so the token goes nowhere else.
 */
export async function listEnvironments(input: {
  readonly apiBaseUrl: string
  readonly transport: Transport
  readonly accessToken: string
  readonly signal?: AbortSignal
}): Promise<EnvironmentListing> {
  const environments: RawEnvironment[] = []
  let next: string | null = `${input.apiBaseUrl}${ENVIRONMENTS_PATH}?api-version=${ENVIRONMENTS_API_VERSION}`
  for (let page = 0; next && page < MAX_PAGES; page++) {
    const response = await input.transport(
      new Request(next, {
        headers: { Authorization: `Bearer ${input.accessToken}`, Accept: 'application/json' },
        ...(input.signal ? { signal: input.signal } : {}),
      }),
      { maxResponseBytes: MAX_LIST_BYTES },
    )
    if (!response.ok) return { ok: false, refusal: await refusalOf(response) }
    let body: unknown
    try {
      body = await response.json()
    } catch (error) {
      throw unreadable(input.apiBaseUrl, 'the body is not JSON', error)
    }
    const parsed = EnvironmentListSchema.safeParse(body)
    if (!parsed.success) throw unreadable(input.apiBaseUrl, parsed.error.issues[0]?.message ?? 'unexpected shape')
    environments.push(...parsed.data.value.map(toEnvironment))
    next = parsed.data['@odata.nextLink'] ?? null
  }
  return { ok: true, environments }
}

function unreadable(apiBaseUrl: string, why: string, cause?: unknown): AppFailure {
  return new AppFailure(
    {
      code: 'DATAVERSE_ERROR',
      message: `The Power Platform API at ${new URL(apiBaseUrl).host} answered with a list the app cannot read (${why}).`,
      cause: 'The API version may have changed its response, or something between you and the API rewrote it.',
      next: 'Try again; if it keeps happening, export the request list (Requests) for a support ticket.',
    },
    { cause },
  )
}
