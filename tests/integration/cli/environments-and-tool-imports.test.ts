/**
 * The CLI side of issue 14's discovery and imports, run as a user would (the built dvw):
 * `dvw environments` on the sample (granted, and a scenario app that is not), `dvw connections
 * import --from …` on files built from the tools' documented formats, and `dvw connections
 * command`, whose output never holds a secret even when one is in the environment.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { startHttpsEmulator } from '../../../emulator'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runDvw } from '../../support/run-dvw'

const fixtures = resolve(import.meta.dirname, '../../fixtures/tool-imports')
const SECRET = 'Qv8Q~SecretValueInTheEnvironment0123456'
let dir: string

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dvw-cli-interop-'))
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

async function storeText(): Promise<string> {
  const names = await readdir(dir, { recursive: true })
  const texts = await Promise.all(
    names.filter((name) => name.endsWith('.json')).map((name) => readFile(join(dir, name), 'utf8')),
  )
  return texts.join('\n')
}

describe('dvw environments', () => {
  it('lists the sample tenant environments as JSON and exits 0', async () => {
    const run = await runDvw(['environments', '--sample', '--json'], { env: { DVW_DATA_DIR: dir } })
    expect(run.code).toBe(0)
    const result = JSON.parse(run.stdout) as { status: string; apiHost: string; environments: { type: string }[] }
    expect(result.status).toBe('listed')
    expect(result.apiHost).toBe('api.powerplatform.com')
    expect(result.environments.map((environment) => environment.type)).toEqual([
      'Production',
      'Sandbox',
      'Default',
      'Developer',
      'Trial',
    ])
  })

  it('prints what is missing and the commands that grant it for an app that is not registered, exit 1', async () => {
    const run = await runDvw(['environments', '--sample', '--scenario', 'no-roles'], { env: { DVW_DATA_DIR: dir } })
    expect(run.code).toBe(1)
    expect(run.stdout).toContain('Not allowed')
    expect(run.stdout).toContain('pac admin application register --application-id 950f20b4-e09e-4cfd-b708-3ba5dc7240e8')
    expect(run.stdout).toContain('New-PowerAppManagementApp -ApplicationId 950f20b4-e09e-4cfd-b708-3ba5dc7240e8')
  })
})

describe('dvw environments against the HTTPS emulator', () => {
  it('signs in with --url/--client-id/--secret-env and asks the --api-url given for a loopback (custom sign-in host) URL', async () => {
    const running = await startHttpsEmulator({ rows: { accounts: 0, contacts: 0 } })
    try {
      const healthy = running.apps.find((app) => app.scenario === 'healthy')
      const args = [
        'environments',
        '--url',
        running.orgs[0]?.url ?? '',
        '--tenant',
        running.tenantId,
        '--client-id',
        healthy?.clientId ?? '',
        '--secret-env',
        'EMULATOR_SECRET',
        '--ca-file',
        running.caCertPath,
        '--api-url',
        running.powerPlatformApiUrl,
        '--json',
      ]
      const run = await runDvw(args, { env: { DVW_DATA_DIR: dir, EMULATOR_SECRET: healthy?.clientSecret ?? '' } })
      expect(run.stderr).toBe('')
      expect(run.code).toBe(0)
      const result = JSON.parse(run.stdout) as { apiHost: string; environments: { url: string | null }[] }
      expect(result.apiHost).toBe(new URL(running.powerPlatformApiUrl).host)
      expect(result.environments[0]?.url).toBe(running.orgs[0]?.url)
      expect(run.stdout).not.toContain(healthy?.clientSecret ?? 'no secret')
    } finally {
      await running.close()
    }
  })
})

describe('dvw connections import --from and connections command', () => {
  it('imports an XrmToolBox file: what it took, what it skipped and why, and no encrypted secret anywhere', async () => {
    const run = await runDvw(
      ['connections', 'import', '--from', 'xrmtoolbox', join(fixtures, 'xrmtoolbox-connections.xml')],
      { env: { DVW_DATA_DIR: dir } },
    )
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(
      /Imported Northwind Test \(S2S\) \([a-z0-9-]+\): https:\/\/northwindtest\.crm4\.dynamics\.com/,
    )
    expect(run.stdout).toMatch(/Imported Northwind Prod \(certificate\)/)
    expect(run.stdout).toMatch(/Skipped {2}Northwind Dev \(my account\): it signs in as a user/)
    expect(run.stdout).toMatch(/not decrypted or imported/)
    const everything = run.stdout + run.stderr + (await storeText())
    expect(everything).not.toContain('XTBENCRYPTED')
  })

  it('imports pac profiles and writes one as pac and az commands with the secret as a variable reference', async () => {
    const imported = await runDvw(
      ['connections', 'import', '--from', 'pac', join(fixtures, 'pac-authprofiles_v2.json')],
      { env: { DVW_DATA_DIR: dir } },
    )
    expect(imported.code).toBe(0)
    expect(imported.stdout).toContain('Imported Fabrikam UAT (app)')
    expect(imported.stdout).toContain('Skipped  Tenant admin app: no environment is selected')

    const env = { DVW_DATA_DIR: dir, DVW_SECRET: SECRET }
    const pac = await runDvw(['connections', 'command', 'Fabrikam UAT (app)', '--for', 'pac'], { env })
    expect(pac.code).toBe(0)
    expect(pac.stdout).toContain('--applicationId 7d3f1c2a-5b6e-4f80-9a1b-2c3d4e5f6a7b')
    expect(pac.stdout).toContain('--clientSecret "$DVW_SECRET"')
    const az = await runDvw(['connections', 'command', 'Fabrikam UAT (app)', '--for', 'az', '--shell', 'powershell'], {
      env,
    })
    expect(az.stdout).toContain('--password $env:DVW_SECRET')
    expect(az.stdout).toContain('az account get-access-token --resource https://fabrikamuat.crm4.dynamics.com')
    const dataverse = await runDvw(['connections', 'command', 'Fabrikam UAT (app)', '--for', 'dataverse-cli'], { env })
    expect(dataverse.code).toBe(1)
    expect(dataverse.stderr).toMatch(/could not be verified/)
    for (const run of [pac, az, dataverse]) expect(run.stdout + run.stderr).not.toContain(SECRET)
  })

  it('refuses a file that is not of the named tool with what it was read as (exit 1)', async () => {
    const run = await runDvw(['connections', 'import', '--from', 'pptb', join(fixtures, 'pac-authprofiles_v2.json')], {
      env: { DVW_DATA_DIR: dir },
    })
    expect(run.code).toBe(1)
    expect(run.stderr).toContain('no "connections" list')
    expect(run.stderr).toContain('Power Platform ToolBox')
  })
})
