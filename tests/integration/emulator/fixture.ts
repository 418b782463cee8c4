import {
  startHttpsEmulator,
  type HttpsEmulatorOptions,
  type RunningEmulator,
  type ScenarioName,
} from '../../../emulator'
import { secretToken, webApi, type FetchFn } from '../../support/emulator-client'
import { loopbackFetch } from '../../support/loopback-fetch'

export interface HttpsFixture {
  readonly running: RunningEmulator
  readonly fetch: FetchFn
  readonly contoso: string
  readonly fabrikam: string
  token(scenario: ScenarioName, org?: string): Promise<string>
  /** Web API client for a scenario app (default: healthy) on an org (default: contoso). */
  api(scenario?: ScenarioName, org?: string): Promise<ReturnType<typeof webApi>>
  close(): Promise<void>
}

/** The HTTPS emulator on 127.0.0.1 and a fetch that trusts only its CA. */
export async function startFixture(options: HttpsEmulatorOptions = {}): Promise<HttpsFixture> {
  const running = await startHttpsEmulator(options)
  const client = loopbackFetch(running.caPem)
  const [contoso, fabrikam] = running.orgs.map((org) => org.url) as [string, string]
  const tokens = new Map<string, Promise<string>>()
  const token = (scenario: ScenarioName, org = contoso): Promise<string> => {
    const key = `${scenario}@${org}`
    let pending = tokens.get(key)
    if (!pending) {
      pending = secretToken(client.fetch, running.authorityUrl, running.tenantId, scenario, org)
      tokens.set(key, pending)
    }
    return pending
  }
  return {
    running,
    fetch: client.fetch,
    contoso,
    fabrikam,
    token,
    api: async (scenario = 'healthy', org = contoso) => webApi(client.fetch, org, await token(scenario, org)),
    close: async () => {
      await client.close()
      await running.close()
    },
  }
}
