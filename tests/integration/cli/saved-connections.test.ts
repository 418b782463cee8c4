import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startHttpsEmulator, type RunningEmulator } from '../../../emulator'
import { createServices } from '../../../main/app/create-services'
import { createTestHost } from '../../support/test-host'
import { runDvw } from '../../support/run-dvw'

let running: RunningEmulator
let dataDir: string

const healthy = () => {
  const app = running.apps.find((candidate) => candidate.scenario === 'healthy')
  if (!app?.clientSecret) throw new Error('no healthy secret app')
  return app
}

/** Saves a connection to the HTTPS emulator the way the app does, in the folder dvw reads (DVW_DATA_DIR). */
async function saveEmulatorConnection(name: string): Promise<string> {
  const services = createServices(createTestHost(dataDir), { sample: null })
  const org = running.orgs[0]
  if (!org) throw new Error('no org')
  const view = await services.connections.save(null, {
    name,
    orgUrl: org.url,
    cloud: 'commercial',
    authorityHost: new URL(running.authorityUrl).host,
    customSignInHost: true,
    tenantId: running.tenantId,
    clientId: healthy().clientId,
    environment: 'dev',
    auth: { kind: 'secret', secret: { action: 'clear' } },
  })
  return view.id
}

const dvw = (args: string[], env: Record<string, string> = {}) =>
  runDvw(args, { env: { DVW_DATA_DIR: dataDir, ...env } })

beforeAll(async () => {
  running = await startHttpsEmulator({ rows: { accounts: 30, contacts: 60 } })
  dataDir = await mkdtemp(join(tmpdir(), 'dvw-cli-store-'))
})
afterAll(async () => {
  await running?.close()
  await rm(dataDir, { recursive: true, force: true })
})

describe('dvw on the app’s saved connections', () => {
  it('lists, queries and checks a saved connection by name, with the secret from --secret-env only', async () => {
    const id = await saveEmulatorConnection('Contoso Emulator')
    const listed = await dvw(['connections', 'list', '--json'])
    expect(listed.code, listed.stderr).toBe(0)
    expect(JSON.parse(listed.stdout)).toEqual([
      expect.objectContaining({ id, name: 'Contoso Emulator', credential: 'secret' }),
    ])

    const secret = { DVW_SECRET: healthy().clientSecret ?? '' }
    const query = await dvw(
      [
        'query',
        '--connection',
        'contoso emulator',
        '--secret-env',
        'DVW_SECRET',
        '--ca-file',
        running.caCertPath,
        'contacts?$select=fullname&$top=2',
      ],
      secret,
    )
    expect(query.code, query.stderr).toBe(0)
    expect(JSON.parse(query.stdout)).toHaveLength(2)

    const check = await dvw(
      ['check', '--connection', id, '--secret-env', 'DVW_SECRET', '--ca-file', running.caCertPath, '--json'],
      secret,
    )
    expect(check.code, check.stderr).toBe(0)
    expect((JSON.parse(check.stdout) as { subject: { connectionName: string } }).subject.connectionName).toBe(
      'Contoso Emulator',
    )
    // The CLI records its check as the connection's last test, where the app shows it; the secret is never written.
    const stored = await readFile(join(dataDir, 'connections.json'), 'utf8')
    expect(JSON.parse(stored).connections[0].lastTest).toMatchObject({ status: 'pass' })
    expect(stored).not.toContain(secret.DVW_SECRET)
  })

  it('says which names exist when --connection matches none, and exits 2 before any request', async () => {
    const run = await dvw(['query', '--connection', 'Nope', 'accounts'])
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(/no saved connection called "Nope"/)
  })

  it('refuses --connection together with --url', async () => {
    const run = await dvw(['check', '--connection', 'x', '--url', 'https://contoso.crm.dynamics.com'])
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(/--connection names a saved connection/)
  })

  it('imports connection strings without keeping their secret, and exports without secrets (mode 0600)', async () => {
    const file = join(dataDir, 'strings.txt')
    const secretValue = 'Qw8Q~ImportedSecretValue0123456789abcdefg'
    await writeFile(
      file,
      `AuthType=ClientSecret;Url=https://fabrikam.crm4.dynamics.com;ClientId=d2c764a5-f446-4c69-a646-7d74e7ea5973;ClientSecret=${secretValue}\n`,
    )
    const imported = await dvw(['connections', 'import', file])
    expect(imported.code, imported.stderr).toBe(0)
    expect(imported.stdout).toMatch(/Imported .*fabrikam/i)
    expect(imported.stderr).toMatch(/carried a client secret; it was not kept/)
    expect(imported.stdout + imported.stderr).not.toContain(secretValue)

    const out = join(dataDir, 'export.json')
    const exported = await dvw(['connections', 'export', out])
    expect(exported.code, exported.stderr).toBe(0)
    const text = await readFile(out, 'utf8')
    expect(JSON.parse(text).format).toBe('dataverse-workbench/connections')
    expect(text).not.toContain(secretValue)
    if (process.platform !== 'win32') expect((await stat(out)).mode & 0o777).toBe(0o600)
  })
})
