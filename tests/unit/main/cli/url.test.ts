import { describe, expect, it } from 'vitest'
import { runDvw } from '../../../support/run-dvw'

describe('dvw url', () => {
  it('prints exactly the documented JSON fields for a pasted main.aspx link', async () => {
    const run = await runDvw([
      'url',
      ' "https://Contoso.crm4.dynamics.com/main.aspx?appid=1&pagetype=entitylist" ',
      '--json',
    ])
    expect(run.code).toBe(0)
    const json = JSON.parse(run.stdout) as Record<string, unknown>
    expect(Object.keys(json)).toEqual(['orgUrl', 'webApiUrl', 'scope', 'cloud', 'region', 'authorityHost', 'warnings'])
    expect(json).toMatchObject({
      orgUrl: 'https://contoso.crm4.dynamics.com',
      webApiUrl: 'https://contoso.crm4.dynamics.com/api/data/v9.2/',
      scope: 'https://contoso.crm4.dynamics.com/.default',
      cloud: 'commercial',
      region: { code: 'EUR', name: 'Europe', crm: 'crm4' },
      authorityHost: 'login.microsoftonline.com',
      warnings: [{ id: 'path-removed', message: expect.stringContaining('AADSTS500011') }],
    })
  })

  it('describes the URL for a person, and reads standard input with -', async () => {
    const run = await runDvw(['url', '-'], { stdin: 'https://gov.crm.microsoftdynamics.us/api/data/v9.1/\n' })
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/Org URL\s+https:\/\/gov\.crm\.microsoftdynamics\.us/)
    expect(run.stdout).toMatch(/Web API\s+https:\/\/gov\.crm\.microsoftdynamics\.us\/api\/data\/v9\.1\//)
    expect(run.stdout).toMatch(/Cloud\s+US Government GCC High/)
    expect(run.stdout).toMatch(/Authority\s+https:\/\/login\.microsoftonline\.us/)
  })

  it('accepts an unknown host with a warning and no cloud', async () => {
    const run = await runDvw(['url', 'https://127.0.0.1:8443', '--json'])
    expect(run.code).toBe(0)
    expect(JSON.parse(run.stdout)).toMatchObject({
      cloud: null,
      region: null,
      authorityHost: null,
      warnings: [{ id: 'unknown-host' }],
    })
  })

  it('exits 1 with a clear message on a link it cannot turn into an org URL', async () => {
    const run = await runDvw([
      'url',
      'https://make.powerapps.com/environments/Default-4c192492-e19d-4369-b4be-84470eb0844d/home',
      '--json',
    ])
    expect(run.code).toBe(1)
    expect(run.stdout).toBe('')
    expect(run.stderr).toMatch(/maker portal link/)
    expect(run.stderr).toMatch(/Session details/)
  })

  it('exits 1 on text that is not a URL, and 2 when no input is given', async () => {
    const bad = await runDvw(['url', 'not a url at all'])
    expect(bad.code).toBe(1)
    expect(bad.stderr).toMatch(/dvw: /)
    const none = await runDvw(['url'])
    expect(none.code).toBe(2)
    expect(none.stderr).toMatch(/give the URL/)
  })
})
