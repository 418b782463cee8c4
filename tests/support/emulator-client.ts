import { scenarioApp, type ScenarioName } from '../../emulator'

export type FetchFn = (
  url: string,
  init?: { method?: string; headers?: Record<string, string>; body?: string },
) => Promise<Response>

export interface Answer {
  readonly status: number
  readonly headers: Headers
  readonly text: string
  /** The body parsed as JSON (undefined when it is empty or not JSON). */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read arbitrary response shapes and assert on them
  readonly json: any
}

async function answer(response: Response): Promise<Answer> {
  const text = await response.text()
  let json: unknown
  try {
    json = text ? JSON.parse(text) : undefined
  } catch {
    json = undefined
  }
  return { status: response.status, headers: response.headers, text, json }
}

/** Form-posts to a token endpoint exactly as a client would. */
export async function postToken(
  fetch: FetchFn,
  url: string,
  form: Record<string, string>,
  headers: Record<string, string> = {},
): Promise<Answer> {
  return answer(
    await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
      body: new URLSearchParams(form).toString(),
    }),
  )
}

/** A v2 client-credentials token for a secret scenario app. */
export async function secretToken(
  fetch: FetchFn,
  authorityUrl: string,
  tenantId: string,
  scenario: ScenarioName,
  orgUrl: string,
): Promise<string> {
  const app = scenarioApp(scenario)
  if (app.credential.kind !== 'secret') throw new Error(`${scenario} has no secret`)
  const result = await postToken(fetch, `${authorityUrl}/${tenantId}/oauth2/v2.0/token`, {
    grant_type: 'client_credentials',
    client_id: app.clientId,
    client_secret: app.credential.secret,
    scope: `${orgUrl}/.default`,
  })
  if (result.status !== 200) throw new Error(`token for ${scenario}: ${result.text}`)
  return (result.json as { access_token: string }).access_token
}

/** Calls an org's Web API (`path` relative to /api/data/v9.2/). */
export function webApi(fetch: FetchFn, orgUrl: string, token: string | null) {
  return async (
    path: string,
    init: { method?: string; headers?: Record<string, string>; body?: unknown } = {},
  ): Promise<Answer> => {
    const headers: Record<string, string> = {
      Accept: 'application/json',
      'OData-MaxVersion': '4.0',
      'OData-Version': '4.0',
      ...init.headers,
    }
    if (token) headers.Authorization = `Bearer ${token}`
    if (init.body !== undefined) headers['Content-Type'] = 'application/json'
    return answer(
      await fetch(`${orgUrl}/api/data/v9.2/${path}`, {
        method: init.method ?? 'GET',
        headers,
        ...(init.body !== undefined
          ? { body: typeof init.body === 'string' ? init.body : JSON.stringify(init.body) }
          : {}),
      }),
    )
  }
}
