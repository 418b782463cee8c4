import { execFile, spawnSync } from 'node:child_process'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generateSnippet, type SnippetTarget } from '@common/query/snippets'
import { startHttpsEmulator, type RunningEmulator } from '../../../emulator'

const run = promisify(execFile)
const repoRoot = resolve(import.meta.dirname, '../../..')
const has = (tool: string, args: string[]) => spawnSync(tool, args, { stdio: 'ignore' }).status === 0
const request = { method: 'GET', path: 'contacts?$select=fullname&$top=2', headers: {} }

/**
 * The generated snippets are run as a user would, against the HTTPS emulator. Only the
 * environment is prepared (the CA and the credential variables); the snippet text is not edited.
 */
describe('copy-as-code snippets run against the HTTPS emulator', () => {
  let emulator: RunningEmulator
  let dir: string
  let target: SnippetTarget
  let secret: string

  beforeAll(async () => {
    emulator = await startHttpsEmulator({ orgs: [{ name: 'contoso' }], rows: { accounts: 5, contacts: 10 } })
    dir = await mkdtemp(join(tmpdir(), 'dvw-snippets-run-'))
    const healthy = emulator.apps.find((app) => app.scenario === 'healthy')!
    secret = healthy.clientSecret!
    target = {
      orgUrl: emulator.orgs[0]!.url,
      apiVersion: '9.2',
      authorityHost: emulator.authorityUrl,
      tenantId: emulator.tenantId,
      clientId: healthy.clientId,
      credential: 'secret',
    }
  })

  afterAll(async () => {
    await emulator.close()
    await rm(dir, { recursive: true, force: true })
  })

  it.runIf(has('curl', ['--version']))(
    'curl: gets a token with the secret from the environment and two rows',
    async () => {
      const file = join(dir, 'query.sh')
      await writeFile(file, generateSnippet('curl', target, request))
      const { stdout } = await run('bash', [file], {
        env: { ...process.env, DATAVERSE_CLIENT_SECRET: secret, CURL_CA_BUNDLE: emulator.caCertPath },
      })
      expect((JSON.parse(stdout) as { value: unknown[] }).value).toHaveLength(2)
    },
  )

  it.runIf(has('curl', ['--version']) && has('openssl', ['version']))(
    'curl: signs a client assertion with the certificate (openssl) and gets two rows',
    async () => {
      const app = emulator.apps.find((candidate) => candidate.scenario === 'healthy-certificate')!
      const pem = join(dir, 'cert-and-key.pem')
      await writeFile(
        pem,
        (await readFile(app.certificate!.certPath, 'utf8')) + (await readFile(app.certificate!.keyPath, 'utf8')),
      )
      const file = join(dir, 'query-cert.sh')
      await writeFile(
        file,
        generateSnippet('curl', { ...target, clientId: app.clientId, credential: 'certificate' }, request),
      )
      const { stdout } = await run('bash', [file], {
        env: { ...process.env, DATAVERSE_CERT_PEM: pem, CURL_CA_BUNDLE: emulator.caCertPath },
      })
      expect((JSON.parse(stdout) as { value: unknown[] }).value).toHaveLength(2)
    },
  )

  it('JavaScript: msal-node + fetch get two rows (NODE_EXTRA_CA_CERTS trusts the emulator)', async () => {
    // Inside the repository, so `@azure/msal-node` resolves from its node_modules.
    const scratch = await mkdtemp(join(repoRoot, '.snippet-'))
    try {
      const file = join(scratch, 'query.mjs')
      await writeFile(file, generateSnippet('javascript', target, request))
      const { stdout } = await run(process.execPath, [file], {
        env: { ...process.env, DATAVERSE_CLIENT_SECRET: secret, NODE_EXTRA_CA_CERTS: emulator.caCertPath },
      })
      expect((JSON.parse(stdout) as { value: unknown[] }).value).toHaveLength(2)
    } finally {
      await rm(scratch, { recursive: true, force: true })
    }
  })

  it('fails loudly, without a secret in sight, when the variable is not set', async () => {
    const file = join(dir, 'unset.sh')
    await writeFile(file, generateSnippet('curl', target, request))
    const env: NodeJS.ProcessEnv = { ...process.env, CURL_CA_BUNDLE: emulator.caCertPath }
    delete env.DATAVERSE_CLIENT_SECRET
    const result = await run('bash', [file], { env }).catch((error: { code: number; stderr: string }) => error)
    expect(result).toMatchObject({
      code: expect.any(Number),
      stderr: expect.stringContaining('set DATAVERSE_CLIENT_SECRET'),
    })
  })
})
