import { describe, expect, it } from 'vitest'
import { AppFailure } from '@common/result'
import { denialFromApi, denialFromToken } from '../../../../main/app/environment-denials'

const facts = {
  clientId: 'd2c764a5-f446-4c69-a646-7d74e7ea5973',
  tenantId: '4c192492-e19d-4369-b4be-84470eb0844d',
  apiHost: 'api.powerplatform.com',
}

const authFailed = (aadsts: number) =>
  new AppFailure({
    code: 'AUTH_FAILED',
    message: `Entra ID refused the token request (AADSTS${aadsts}).`,
    cause: 'x',
    next: 'y',
    details: { aadsts: String(aadsts) },
  })

describe('what is missing for environment discovery', () => {
  it('maps a 403 from the API to "not a management app" with the three ways to grant it', () => {
    const denial = denialFromApi({ status: 403, code: 'Forbidden', message: 'The service principal …' }, facts)
    expect(denial).toMatchObject({
      status: 'denied',
      reason: 'not-management-app',
      httpStatus: 403,
      apiCode: 'Forbidden',
    })
    expect(denial.steps.map((step) => step.command)).toEqual([
      `pac admin application register --application-id ${facts.clientId}`,
      `Add-PowerAppsAccount; New-PowerAppManagementApp -ApplicationId ${facts.clientId}`,
      null,
    ])
    expect(denial.steps[2]?.label).toMatch(/Power Platform role/)
  })

  it('maps a 401 to a refused token, naming the scope to ask for', () => {
    const denial = denialFromApi({ status: 401, code: null, message: '' }, facts)
    expect(denial.reason).toBe('token-refused')
    expect(denial.steps[0]?.label).toContain('https://api.powerplatform.com/.default')
  })

  it('maps AADSTS500011 to the Power Platform API missing from the tenant, with the command that adds it', () => {
    const denial = denialFromToken(authFailed(500011), facts)
    expect(denial?.reason).toBe('api-not-in-tenant')
    expect(denial?.steps[0]?.command).toBe('az ad sp create --id 8578e004-a5c6-46e7-913e-12f58912df43')
  })

  it('maps AADSTS65001 to missing consent, and leaves any other sign-in failure to be rethrown', () => {
    expect(denialFromToken(authFailed(65001), facts)?.reason).toBe('consent-missing')
    expect(denialFromToken(authFailed(7000215), facts)).toBeNull()
    expect(denialFromToken(new Error('network down'), facts)).toBeNull()
  })
})
