import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startHttpsEmulator, type RunningEmulator, type RunningEmulatorApp } from '../../../emulator'
import { runDvw } from '../../support/run-dvw'

const SUBJECT = 'repo:contoso/dataverse-pipeline:environment:Production'
let running: RunningEmulator
let app: RunningEmulatorApp
const dir = mkdtempSync(join(tmpdir(), 'dvw-federated-cli-'))

interface JsonReport {
  check: {
    outcome: string
    steps: { id: string; status: string; facts: { label: string; value: string }[]; diagnoses: { id: string }[] }[]
  }
}

beforeAll(async () => {
  running = await startHttpsEmulator({ rows: { accounts: 20, contacts: 20 } })
  const found = running.apps.find((candidate) => candidate.scenario === 'federated-credential')
  if (!found) throw new Error('no federated scenario')
  app = found
})
afterAll(async () => {
  await running?.close()
  rmSync(dir, { recursive: true, force: true })
})

const base = () => [
  'check',
  '--url',
  running.orgs[0]?.url ?? '',
  '--tenant',
  running.tenantId,
  '--client-id',
  app.clientId,
  '--ca-file',
  running.caCertPath,
]

describe('dvw check with a federated credential', () => {
  it('signs in with a GitHub-shaped token file and shows what Entra compares, never the token', async () => {
    const token = await running.emulator.federatedToken({ subject: SUBJECT })
    const file = join(dir, 'token.jwt')
    writeFileSync(file, `${token}\n`)
    const run = await runDvw([...base(), '--federated-token-file', file])
    expect(run.code, run.stdout + run.stderr).toBe(0)
    expect(run.stdout).toContain('issuer   https://token.actions.githubusercontent.com')
    expect(run.stdout).toContain(`subject  ${SUBJECT}`)
    expect(run.stdout).toContain('audience api://AzureADTokenExchange')
    expect(run.stdout).toContain('GitHub Actions environment: repo:OWNER/REPO:environment:NAME')
    expect(run.stdout).toContain('a signed assertion: a certificate or a federated credential (appidacr "2")')
    expect(run.stdout + run.stderr).not.toContain(token.split('.')[1])
  })

  it('reads the token from a variable and from a command; --json carries no token', async () => {
    const token = await running.emulator.federatedToken({ subject: SUBJECT })
    const fromEnv = await runDvw([...base(), '--federated-token-env', 'PIPELINE_OIDC', '--json'], {
      env: { PIPELINE_OIDC: token },
    })
    expect(fromEnv.code, fromEnv.stdout).toBe(0)
    expect(fromEnv.stdout).not.toContain(token.split('.')[1])
    // GitHub's token endpoint answers JSON with the token in "value"; the command prints that.
    const file = join(dir, 'github-answer.json')
    writeFileSync(file, JSON.stringify({ count: 1, value: token }))
    const command = `"${process.execPath}" -e "process.stdout.write(require('fs').readFileSync(process.argv[1],'utf8'))" "${file}"`
    const fromCommand = await runDvw([...base(), '--federated-token-command', command, '--json'])
    expect(fromCommand.code, fromCommand.stdout).toBe(0)
    const report = JSON.parse(fromCommand.stdout) as JsonReport
    expect(report.check.outcome).toBe('pass')
  })

  it('fails a case mismatch with AADSTS7002138 and prints the subject diff against --federated-subject', async () => {
    const presented = 'repo:Contoso/dataverse-pipeline:environment:production'
    const token = await running.emulator.federatedToken({ subject: presented })
    const run = await runDvw([...base(), '--federated-token-env', 'PIPELINE_OIDC', '--federated-subject', SUBJECT], {
      env: { PIPELINE_OIDC: token },
    })
    expect(run.code).toBe(1)
    expect(run.stdout).toMatch(/^✖ token +Entra ID refused the token request \(AADSTS7002138\)/m)
    expect(run.stdout).toContain(`presented: ${presented}`)
    expect(run.stdout).toContain(`expected:  ${SUBJECT}`)
    expect(run.stdout).toContain('owner: "Contoso" vs "contoso" (only the letter case differs)')
    expect(run.stdout).toContain('environment: "production" vs "Production" (only the letter case differs)')
  })

  it('says which variable is missing instead of signing in', async () => {
    const run = await runDvw([...base(), '--federated-token-env', 'NOT_SET_ANYWHERE', '--json'])
    expect(run.code).toBe(1)
    const report = JSON.parse(run.stdout) as JsonReport
    expect(report.check.steps[0]).toMatchObject({
      id: 'config',
      status: 'fail',
      diagnoses: [{ id: 'federated-token-unavailable' }],
    })
  })

  it('refuses two credentials and a token given where a variable name belongs', async () => {
    const both = await runDvw([...base(), '--federated-token-env', 'A', '--secret-env', 'B'])
    expect(both.code).toBe(2)
    expect(both.stderr).toContain('give only one of --secret-env, --secret-stdin, --cert and --federated-token')
    const pasted = await runDvw([...base(), '--federated-token-env', 'eyJhbGciOi.eyJpc3Mi.sig'])
    expect(pasted.code).toBe(2)
    expect(pasted.stderr).toContain('takes the NAME of an environment variable')
  })
})
