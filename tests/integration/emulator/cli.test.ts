/** `dvw emulator` as a user runs it: spawned from the built CLI, used over HTTPS, stopped with SIGTERM. */
import { spawn } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { loopbackFetch } from '../../support/loopback-fetch'
import { runDvw } from '../../support/run-dvw'
import { secretToken, webApi } from '../../support/emulator-client'

const bin = resolve(import.meta.dirname, '../../../bin/dvw.js')

interface Ready {
  authority: string
  tenantId: string
  orgs: { name: string; url: string; conditions: Record<string, unknown> }[]
  apps: {
    scenario: string
    clientId: string
    clientSecret?: string
    certificate?: { certPath: string; keyPath: string; pfxPath: string; pfxPassword: string; thumbprint: string }
  }[]
  caCertPath: string
}

function start(args: string[]) {
  const child = spawn(process.execPath, [bin, 'emulator', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NO_COLOR: '1' },
  })
  let stdout = ''
  let stderr = ''
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
  const firstLine = new Promise<string>((resolveLine, reject) => {
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk
      const end = stdout.indexOf('\n')
      if (end >= 0) resolveLine(stdout.slice(0, end))
    })
    child.on('exit', (code) =>
      reject(new Error(`dvw emulator exited with ${String(code)} before it was ready: ${stderr}`)),
    )
  })
  const exited = new Promise<number | null>((resolveExit) => child.on('exit', (code) => resolveExit(code)))
  return { child, firstLine, exited, output: () => ({ stdout, stderr }) }
}

describe('dvw emulator', () => {
  it('prints one JSON line when ready, serves the seed query, and deletes its files on SIGTERM', async () => {
    const run = start([
      '--json',
      '--rows',
      '300',
      '--condition',
      'fabrikam=slow:50',
      '--condition',
      'fabrikam=admin-mode',
    ])
    const line = await run.firstLine
    const ready = JSON.parse(line) as Ready
    expect(ready.tenantId).toMatch(/^[0-9a-f-]{36}$/)
    expect(ready.authority).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/)
    expect(ready.orgs.map((o) => o.name)).toEqual(['contoso', 'fabrikam'])
    expect(ready.orgs[1]?.conditions).toEqual({ slow: 50, adminMode: true })
    expect(ready.apps.map((a) => a.scenario)).toContain('healthy-certificate')
    const certificate = ready.apps.find((a) => a.scenario === 'healthy-certificate')?.certificate
    expect(certificate && existsSync(certificate.pfxPath) && certificate.pfxPassword.length > 0).toBe(true)
    expect(readFileSync(ready.caCertPath, 'utf8')).toMatch(/^-----BEGIN CERTIFICATE-----/)

    const { fetch, close } = loopbackFetch(readFileSync(ready.caCertPath, 'utf8'))
    try {
      const contoso = ready.orgs[0]?.url as string
      const token = await secretToken(fetch, ready.authority, ready.tenantId, 'healthy', contoso)
      const answer = await webApi(fetch, contoso, token)('contacts?$top=3')
      expect(answer.status).toBe(200)
      expect(answer.json.value).toHaveLength(3)
    } finally {
      await close()
    }

    run.child.kill('SIGTERM')
    expect(await run.exited).toBe(0)
    expect(existsSync(dirname(ready.caCertPath))).toBe(false)
    expect(run.output().stdout.trim().split('\n')).toHaveLength(1)
  })

  it('prints a readable summary with the curl example', async () => {
    const run = start(['--rows', '50'])
    await run.firstLine
    await new Promise((r) => setTimeout(r, 200))
    run.child.kill('SIGINT')
    expect(await run.exited).toBe(0)
    const { stdout } = run.output()
    expect(stdout).toContain('Dataverse Workbench emulator is running')
    expect(stdout).toMatch(/Authority {2}https:\/\/127\.0\.0\.1:\d+ {3}tenant /)
    expect(stdout).toContain('healthy-certificate')
    expect(stdout).toMatch(
      /curl -s --cacert \S+ca\.pem -H "Authorization: Bearer \$TOKEN" 'https:\/\/127\.0\.0\.1:\d+\/api\/data\/v9\.2\/contacts\?\$top=3'/,
    )
  })

  it('exits 2 with a clear message on a bad option', async () => {
    const badOrg = await runDvw(['emulator', '--condition', 'nowhere=slow:3'])
    expect(badOrg.code).toBe(2)
    expect(badOrg.stderr).toContain('--condition is written <org>=<condition>')
    const badCondition = await runDvw(['emulator', '--condition', 'contoso=sleepy'])
    expect(badCondition.code).toBe(2)
    expect(badCondition.stderr).toContain("Unknown condition 'sleepy'")
    const badRows = await runDvw(['emulator', '--rows', 'lots'])
    expect(badRows.code).toBe(2)
    expect(badRows.stderr).toContain('--rows takes a number of contacts')
  })
})
