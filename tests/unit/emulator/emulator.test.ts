import { describe, expect, it } from 'vitest'
import { createEmulator, DEFAULT_ORGS, SAMPLE_CONNECTION, SCENARIO_APPS, TENANT_ID } from '../../../emulator'
import { secretToken, webApi, type FetchFn } from '../../support/emulator-client'

describe('createEmulator (in-process)', () => {
  const emulator = createEmulator({ rows: { accounts: 20, contacts: 60 } })
  const fetch = emulator.fetch as FetchFn

  it('serves the production-like hosts by default and the fixed registry', () => {
    expect(emulator.authorityUrl).toBe('https://login.microsoftonline.com')
    expect(emulator.orgs.map((o) => [o.name, o.url])).toEqual(DEFAULT_ORGS.map((o) => [o.name, o.url]))
    expect(emulator.tenantId).toBe(TENANT_ID)
    expect(emulator.apps).toBe(SCENARIO_APPS)
    expect(new Set(SCENARIO_APPS.map((a) => a.clientId)).size).toBe(SCENARIO_APPS.length)
  })

  it('is usable as a fetch function, with the sample connection end to end', async () => {
    const token = await secretToken(
      fetch,
      SAMPLE_CONNECTION.authorityUrl,
      SAMPLE_CONNECTION.tenantId,
      'healthy',
      SAMPLE_CONNECTION.orgUrl,
    )
    const answer = await webApi(fetch, SAMPLE_CONNECTION.orgUrl, token)('contacts?$top=3&$select=fullname')
    expect(answer.status).toBe(200)
    expect(answer.json.value).toHaveLength(3)
    const request = new Request(`${SAMPLE_CONNECTION.orgUrl}/api/data/v9.2/WhoAmI`, {
      headers: { Authorization: `Bearer ${token}` },
    })
    expect((await emulator.fetch(request)).status).toBe(200)
  })

  it('routes by host and answers 421 for a host it does not serve', async () => {
    const answer = await emulator.fetch('https://nowhere.crm.dynamics.com/api/data/v9.2/')
    expect(answer.status).toBe(421)
    expect(await answer.text()).toContain('does not serve nowhere.crm.dynamics.com')
    expect((await emulator.fetch('https://fabrikam.crm4.dynamics.com/api/data/v9.2/')).status).toBe(401)
  })

  it('keeps each organization apart: a token for one is refused by the other', async () => {
    const token = await secretToken(
      fetch,
      emulator.authorityUrl,
      TENANT_ID,
      'healthy',
      'https://contoso.crm.dynamics.com',
    )
    expect((await webApi(fetch, 'https://fabrikam.crm4.dynamics.com', token)('WhoAmI')).status).toBe(401)
    expect(emulator.table('account', 'fabrikam')[0]?.accountid).not.toBe(emulator.table('account')[0]?.accountid)
  })

  it('validates setConditions and tells listeners', () => {
    const seen: string[] = []
    const stop = emulator.onConditionsChange((org, conditions) => seen.push(`${org}:${JSON.stringify(conditions)}`))
    emulator.setConditions('fabrikam', { slow: 10 })
    stop()
    emulator.setConditions('fabrikam', {})
    expect(seen).toEqual(['fabrikam:{"slow":10}'])
    expect(emulator.orgs[1]?.conditions).toEqual({})
    expect(() => emulator.setConditions('fabrikam', { slow: -1 })).toThrow()
    expect(() => emulator.setConditions('nobody', {})).toThrow(/No organization named 'nobody'/)
  })

  it('refuses options that cannot work, with a reason', () => {
    expect(() => createEmulator({ authorityUrl: 'http://login.example' })).toThrow(/must use https/)
    expect(() => createEmulator({ orgs: [{ name: 'a', url: 'https://a.example/api' }] })).toThrow(/origin only/)
    expect(() => createEmulator({ orgs: [{ name: 'a', url: 'https://login.microsoftonline.com' }] })).toThrow(
      /used twice/,
    )
    expect(() => createEmulator({ rows: { contacts: -5 } })).toThrow(/rows.contacts/)
  })

  it('hands out certificate material only for certificate scenarios', async () => {
    const material = await emulator.certificate('healthy-certificate')
    expect(material.thumbprint).toMatch(/^[0-9A-F]{40}$/)
    expect(material.thumbprintSha256).toMatch(/^[0-9A-F]{64}$/)
    await expect(emulator.certificate('healthy')).rejects.toThrow(/client secret/)
  })
})
