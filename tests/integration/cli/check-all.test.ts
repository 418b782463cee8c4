import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startHttpsEmulator, type RunningEmulator } from '../../../emulator'
import { createServices } from '../../../main/app/create-services'
import { secretVariableOf } from '../../../main/cli/commands/check-all'
import { createTestHost } from '../../support/test-host'
import { runDvw } from '../../support/run-dvw'

let running: RunningEmulator
const folders: string[] = []

function app(scenario: string) {
  const found = running.apps.find((candidate) => candidate.scenario === scenario)
  if (!found?.clientSecret) throw new Error(`no secret app for ${scenario}`)
  return found
}

/** A data folder with these connections saved the way the app saves them (no secret stored). */
async function dataDirWith(connections: ReadonlyArray<{ name: string; scenario: string }>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'dvw-check-all-cli-'))
  folders.push(dir)
  const services = createServices(createTestHost(dir), { sample: null })
  const org = running.orgs[0]
  if (!org) throw new Error('no org')
  for (const { name, scenario } of connections) {
    await services.connections.save(null, {
      name,
      orgUrl: org.url,
      cloud: 'commercial',
      authorityHost: new URL(running.authorityUrl).host,
      customSignInHost: true,
      tenantId: running.tenantId,
      clientId: app(scenario).clientId,
      environment: 'dev',
      auth: { kind: 'secret', secret: { action: 'clear' } },
    })
  }
  return dir
}

/** Each connection's own secret, in the variable dvw reads for it. */
function secretsFor(connections: ReadonlyArray<{ name: string; scenario: string }>): Record<string, string> {
  return Object.fromEntries(
    connections.map(({ name, scenario }) => [secretVariableOf(name), app(scenario).clientSecret ?? '']),
  )
}

interface MatrixJson {
  format: string
  version: number
  runId: string
  steps: string[]
  failed: boolean
  connections: Array<{
    name: string
    outcome: string
    failedSteps: string[]
    previousRunId: string | null
    cells: Record<string, { status: string; diagnosisId: string | null; summary: string; change: string | null }>
  }>
}

const THREE = [
  { name: 'Contoso dev', scenario: 'healthy' },
  { name: 'Contoso UAT', scenario: 'healthy' },
  { name: 'Contoso no roles', scenario: 'no-roles' },
]

beforeAll(async () => {
  running = await startHttpsEmulator({ rows: { accounts: 30, contacts: 60 } })
})
afterAll(async () => {
  await running?.close()
  for (const dir of folders) await rm(dir, { recursive: true, force: true })
})

describe('dvw check --all', () => {
  it('over three saved connections, one failing: exits 1, and --json names the failing step', async () => {
    const dir = await dataDirWith(THREE)
    const env = { DVW_DATA_DIR: dir, ...secretsFor(THREE) }
    const run = await runDvw(['check', '--all', '--json', '--ca-file', running.caCertPath], { env })
    expect(run.code, run.stderr).toBe(1)
    const json = JSON.parse(run.stdout) as MatrixJson
    expect(json).toMatchObject({ format: 'dataverse-workbench/check-all', version: 1, failed: true })
    expect(json.steps).toEqual([
      'config',
      'dns',
      'tls',
      'discovery',
      'token',
      'token-claims',
      'whoami',
      'app-user',
      'roles',
      'privileges',
      'limits',
    ])
    const byName = Object.fromEntries(json.connections.map((row) => [row.name, row]))
    expect(byName['Contoso dev']).toMatchObject({ outcome: 'pass', failedSteps: [], previousRunId: null })
    expect(byName['Contoso UAT']).toMatchObject({ outcome: 'pass', failedSteps: [] })
    expect(byName['Contoso no roles']).toMatchObject({ outcome: 'fail', failedSteps: ['roles'] })
    expect(byName['Contoso no roles']?.cells.roles).toMatchObject({ status: 'fail', diagnosisId: 'no-security-roles' })
    expect(byName['Contoso no roles']?.cells.privileges?.status).toBe('skipped')
    for (const secret of Object.values(secretsFor(THREE))) expect(run.stdout).not.toContain(secret)

    // The run was saved next to the app's connections: the next one says what changed since.
    const saved = await readFile(join(dir, 'check-all-runs.json'), 'utf8')
    for (const secret of Object.values(secretsFor(THREE))) expect(saved).not.toContain(secret)
    const again = await runDvw(['check', '--all', '--json', '--ca-file', running.caCertPath], { env })
    const second = JSON.parse(again.stdout) as MatrixJson
    expect(second.connections.map((row) => row.previousRunId)).toEqual([json.runId, json.runId, json.runId])
    expect(second.connections[0]?.cells.roles?.change).toBe('same')
  })

  it('prints a compact table, and exits 0 when no connection fails', async () => {
    const healthy = THREE.slice(0, 2)
    const dir = await dataDirWith(healthy)
    const run = await runDvw(['check', '--all', '--ca-file', running.caCertPath], {
      env: { DVW_DATA_DIR: dir, ...secretsFor(healthy) },
    })
    expect(run.code, run.stderr).toBe(0)
    const lines = run.stdout.split('\n')
    expect(lines[0]).toMatch(/^connection\s+config dns tls discovery token token-claims whoami app-user roles/)
    expect(lines[1]).toMatch(/^Contoso dev\s+✓\s+✓\s+✓\s+✓\s+✓\s+✓\s+✓\s+✓\s+✓\s+✓\s+✓\s+pass$/)
    expect(run.stdout).toContain('2 connections: 2 without failure, 0 failed')
  })

  it('one secret for all with --secret-env; a connection without any secret fails at config', async () => {
    const dir = await dataDirWith(THREE.slice(0, 2))
    const shared = await runDvw(
      ['check', '--all', '--json', '--secret-env', 'SHARED', '--ca-file', running.caCertPath],
      {
        env: { DVW_DATA_DIR: dir, SHARED: app('healthy').clientSecret ?? '' },
      },
    )
    expect(shared.code, shared.stderr).toBe(0)

    const none = await runDvw(['check', '--all', '--json', '--ca-file', running.caCertPath], {
      env: { DVW_DATA_DIR: dir },
    })
    expect(none.code).toBe(1)
    const json = JSON.parse(none.stdout) as MatrixJson
    expect(json.connections[0]).toMatchObject({ failedSteps: ['config'] })
    expect(json.connections[0]?.cells.config?.diagnosisId).toBe('secret-missing')
  })

  it('refuses flags of a single check, --customer without --all and an unknown customer (exit 2)', async () => {
    const dir = await dataDirWith(THREE.slice(0, 1))
    const env = { DVW_DATA_DIR: dir }
    const single = await runDvw(['check', '--all', '--connection', 'Contoso dev'], { env })
    expect(single.code).toBe(2)
    expect(single.stderr).toMatch(/leave out --connection/)
    const alone = await runDvw(['check', '--customer', 'Contoso'], { env })
    expect(alone.code).toBe(2)
    expect(alone.stderr).toMatch(/--customer goes with --all/)
    const unknown = await runDvw(['check', '--all', '--customer', 'Nobody'], { env })
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toMatch(/no customer called "Nobody"/)
  })

  it('says there is nothing to check in an empty store (exit 2)', async () => {
    const dir = await dataDirWith([])
    const run = await runDvw(['check', '--all'], { env: { DVW_DATA_DIR: dir } })
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(/no saved connections to check/)
  })
})
