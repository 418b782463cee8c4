import { describe, expect, it } from 'vitest'
import { cloudOfHost, isSignInHostOf, matchOrgHost, signInHostProblem } from '@common/clouds'

describe('cloud table', () => {
  it('H1 accepts only the documented Entra ID hosts of the cloud, never a look-alike or another cloud', () => {
    for (const host of ['login.microsoftonline.com', 'login.windows.net', 'login.microsoft.com', 'sts.windows.net'])
      expect(isSignInHostOf('commercial', host), host).toBe(true)
    expect(isSignInHostOf('gcc', 'login.microsoftonline.com')).toBe(true)
    expect(isSignInHostOf('dod', 'login.usgovcloudapi.net')).toBe(true)
    expect(isSignInHostOf('china', 'login.chinacloudapi.cn')).toBe(true)
    for (const host of [
      'login.microsoftonline.com.evil.example',
      'login.rnicrosoftonline.com',
      'login.microsoftonline.com:8443',
      'login.microsoftonline.us',
      '127.0.0.1:8443',
    ]) {
      expect(isSignInHostOf('commercial', host), host).toBe(false)
    }
    expect(isSignInHostOf('gcc-high', 'login.microsoftonline.com')).toBe(false)
  })

  it('H1 says what happened, why it is dangerous and what to do, unless the custom choice was made', () => {
    const problem = signInHostProblem({ cloud: 'commercial', authorityHost: 'login.microsoftonline.com.evil.example' })
    expect(problem?.message).toMatch(
      /login\.microsoftonline\.com\.evil\.example is not Entra ID for the Commercial cloud/,
    )
    expect(problem?.cause).toMatch(/look-alike host to collect it/)
    expect(problem?.next).toMatch(/Custom sign-in host/)
    expect(
      signInHostProblem({ cloud: 'commercial', authorityHost: '127.0.0.1:8443', customSignInHost: true }),
    ).toBeNull()
  })

  it('derives org host clouds, with crm9 as GCC', () => {
    expect(matchOrgHost('contoso.crm4.dynamics.com')?.cloud).toBe('commercial')
    expect(matchOrgHost('contoso.api.crm9.dynamics.com')).toMatchObject({
      cloud: 'gcc',
      orgHost: 'contoso.crm9.dynamics.com',
      isApiHost: true,
    })
    expect(matchOrgHost('contoso.crm91.dynamics.com')?.cloud).toBe('commercial')
    expect(matchOrgHost('gov.crm.microsoftdynamics.us')?.cloud).toBe('gcc-high')
    expect(matchOrgHost('x.crm.appsplatform.us')?.cloud).toBe('dod')
    expect(cloudOfHost('login.partner.microsoftonline.cn')).toBe('china')
    expect(cloudOfHost('make.high.powerapps.us')).toBe('gcc-high')
  })
})
