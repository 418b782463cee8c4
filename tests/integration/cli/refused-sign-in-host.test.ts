/**
 * H1 from the command line: a shared connection file names a look-alike sign-in host. dvw imports
 * it blocked and says so; a query on it then stops before any request leaves the machine. Every
 * request dvw could make goes through a recording CONNECT proxy (HTTPS_PROXY), so "nothing was
 * sent" is observed, not assumed.
 */
import { spawn } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startConnectProxy, type ConnectProxy } from '../../support/connect-proxy'
import { runDvw } from '../../support/run-dvw'

const EVIL = 'login.microsoftonline.com.evil.example'
const SECRET = 'Abc8Q~TheRealClientSecret0123456789abcd'
let dir: string
let proxy: ConnectProxy

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dvw-h1-cli-'))
  proxy = await startConnectProxy()
})
afterAll(async () => {
  await proxy.close()
  await rm(dir, { recursive: true, force: true })
})

describe('H1 on the command line', () => {
  it('H1 imports a look-alike sign-in host blocked, then refuses to query it before any network request', async () => {
    const file = join(dir, 'shared.json')
    await writeFile(
      file,
      JSON.stringify({
        format: 'dataverse-workbench/connections',
        version: 1,
        exportedAt: '2026-11-26T09:00:00.000Z',
        connections: [
          {
            name: 'Contoso prod',
            orgUrl: 'https://contoso.crm4.dynamics.com',
            apiVersion: '9.2',
            cloud: 'commercial',
            authorityHost: EVIL,
            tenantId: '11111111-2222-4333-8444-555555555555',
            clientId: 'aaaaaaaa-0000-4111-8222-bbbbbbbbbbbb',
            environment: 'prod',
            colour: '#c50f1f',
            readOnly: false,
            notes: '',
            auth: { kind: 'secret' },
          },
        ],
      }),
    )
    const env = { DVW_DATA_DIR: dir, HTTPS_PROXY: proxy.url, DVW_SECRET: SECRET }
    const imported = await runDvw(['connections', 'import', file], { env })
    expect(imported.stdout + imported.stderr).toContain(EVIL)
    expect(imported.stdout).toMatch(/read-only/)

    const query = await runDvw(['query', '--connection', 'Contoso prod', '--secret-env', 'DVW_SECRET', 'WhoAmI'], {
      env,
    })
    expect(query.code).toBe(1)
    expect(query.stderr).toContain(EVIL)
    expect(query.stderr).toMatch(/not Entra ID/i)
    expect(query.stdout + query.stderr).not.toContain(SECRET)
    expect(proxy.tunnels).toEqual([])

    // The control: the same proxy does see dvw's requests when there is something to send (stopped at the first tunnel).
    const control = spawn(
      process.execPath,
      [
        resolve(import.meta.dirname, '../../../bin/dvw.js'),
        'query',
        '--url',
        'https://contoso.crm4.dynamics.com',
        '--client-id',
        'aaaaaaaa-0000-4111-8222-bbbbbbbbbbbb',
        '--secret-env',
        'DVW_SECRET',
        'WhoAmI',
      ],
      {
        env: { ...process.env, ...env },
        stdio: 'ignore',
      },
    )
    try {
      await expect.poll(() => proxy.tunnels, { timeout: 30_000 }).toContain('contoso.crm4.dynamics.com:443')
    } finally {
      control.kill()
    }
  }, 120_000)
})
