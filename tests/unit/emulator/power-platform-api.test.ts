import { describe, expect, it } from 'vitest'
import { createEmulator, scenarioApp } from '../../../emulator'
import { secretToken, type FetchFn } from '../../support/emulator-client'

const emulator = createEmulator({ rows: { accounts: 0, contacts: 0 } })
const fetch: FetchFn = (url, init) => emulator.fetch(url, init)
const API = 'https://api.powerplatform.com'
const LIST = `${API}/environmentmanagement/environments?api-version=2022-03-01-preview`

const tokenFor = (scenario: 'healthy' | 'no-roles', resource = API) =>
  secretToken(fetch, emulator.authorityUrl, emulator.tenantId, scenario, resource)

describe('the emulated Power Platform API', () => {
  it("lists the tenant's environments for a registered management app, with the documented fields", async () => {
    const response = await fetch(LIST, { headers: { Authorization: `Bearer ${await tokenFor('healthy')}` } })
    expect(response.status).toBe(200)
    const body = (await response.json()) as { value: Record<string, unknown>[] }
    expect(body.value.map((environment) => environment.type)).toEqual([
      'Production',
      'Sandbox',
      'Default',
      'Developer',
      'Trial',
    ])
    expect(body.value[1]).toMatchObject({
      displayName: 'Fabrikam',
      url: 'https://fabrikam.crm4.dynamics.com/',
      azureRegion: 'westeurope',
      geo: 'europe',
      state: 'Ready',
      tenantId: emulator.tenantId,
    })
  })

  it('answers 403 Forbidden with the service principal and application for an app that is not registered', async () => {
    const response = await fetch(LIST, { headers: { Authorization: `Bearer ${await tokenFor('no-roles')}` } })
    expect(response.status).toBe(403)
    const app = scenarioApp('no-roles')
    expect(await response.json()).toEqual({
      error: {
        code: 'Forbidden',
        message: `The service principal with id '${app.servicePrincipalId}' for application ${app.clientId} does not have permission to access the path '/environmentmanagement/environments?api-version=2022-03-01-preview' in tenant ${emulator.tenantId}.`,
      },
    })
  })

  it('refuses a missing or wrong-audience token (401) and answers 501 for what it does not emulate', async () => {
    expect((await fetch(LIST)).status).toBe(401)
    const dataverseToken = await tokenFor('healthy', 'https://contoso.crm.dynamics.com')
    const wrongAudience = await fetch(LIST, { headers: { Authorization: `Bearer ${dataverseToken}` } })
    expect(wrongAudience.status).toBe(401)
    expect(((await wrongAudience.json()) as { error: { message: string } }).error.message).toContain('audience')
    const other = await fetch(`${API}/licensing/billingPolicies?api-version=2022-03-01-preview`)
    expect(other.status).toBe(501)
  })
})
