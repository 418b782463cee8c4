import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { STEP_IDS } from '@common/diagnostics'
import { SAMPLE_CONNECTION, scenarioApp } from '../../../../emulator'
import { commands } from '../../../../main/cli/commands'
import type { CliIo } from '../../../../main/cli/io'
import { runCli } from '../../../../main/cli/program'
import { runDvw } from '../../../support/run-dvw'

const dir = mkdtempSync(join(tmpdir(), 'dvw-check-cli-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

interface JsonReport {
  format: string
  check: { outcome: string; steps: { id: string; status: string; diagnoses: { id: string }[] }[] }
}

const healthySecretId = (() => {
  const credential = scenarioApp('healthy').credential
  if (credential.kind !== 'secret') throw new Error('healthy uses a secret')
  return credential.secretId
})()

describe('dvw check', () => {
  it('checks the offline sample: every step passes or is skipped offline, exit 0, plain text off a TTY', async () => {
    const run = await runDvw(['check', '--sample'])
    expect(run.code, run.stderr).toBe(0)
    for (const id of STEP_IDS) expect(run.stdout).toMatch(new RegExp(`^[✔–] ${id} `, 'm'))
    expect(run.stdout).toMatch(/^– dns +Skipped: offline sample environment/m)
    expect(run.stdout).toContain('PASS: every step passed')
    expect(run.stdout).not.toContain('\u001b[')
  })

  it('names every step and each diagnosis id in --json, and exits 1 on a failing scenario', async () => {
    const run = await runDvw(['check', '--sample', '--scenario', 'no-roles', '--json'])
    expect(run.code).toBe(1)
    const report = JSON.parse(run.stdout) as JsonReport
    expect(report.format).toBe('dataverse-workbench/check-report')
    expect(report.check.steps.map((step) => step.id)).toEqual([...STEP_IDS])
    const roles = report.check.steps.find((step) => step.id === 'roles')
    expect(roles).toMatchObject({ status: 'fail', diagnoses: [{ id: 'no-security-roles' }] })
  })

  it('lets explicit flags override the sample: a pasted secret ID is caught before sign-in', async () => {
    const run = await runDvw(['check', '--sample', '--secret-env', 'DVW_TEST_SECRET', '--json'], {
      env: { DVW_TEST_SECRET: healthySecretId },
    })
    expect(run.code).toBe(1)
    const report = JSON.parse(run.stdout) as JsonReport
    expect(report.check.steps[0]).toMatchObject({
      id: 'config',
      status: 'fail',
      diagnoses: [{ id: 'secret-looks-like-id' }],
    })
    expect(report.check.steps.find((step) => step.id === 'token')?.status).toBe('skip')
  })

  it('reads a secret from standard input and reports a wrong one at the token step', async () => {
    const run = await runDvw(['check', '--sample', '--secret-stdin'], {
      stdin: 'Wrong8Q~NotTheRealSecretValue0000000000\n',
    })
    expect(run.code).toBe(1)
    expect(run.stdout).toMatch(/^✖ token .*AADSTS7000215/m)
    expect(run.stdout).toContain('[secret-invalid · high confidence]')
    expect(run.stdout).not.toContain('Wrong8Q~NotTheRealSecretValue')
  })

  it('says the variable is missing when --secret-env names an unset one (exit 1, secret-missing)', async () => {
    const run = await runDvw(['check', '--sample', '--secret-env', 'DVW_SURELY_UNSET', '--json'])
    expect(run.code).toBe(1)
    const report = JSON.parse(run.stdout) as JsonReport
    expect(report.check.steps[0]?.diagnoses.map((d) => d.id)).toContain('secret-missing')
  })

  it('checks the certificate scenario of the sample', async () => {
    const run = await runDvw(['check', '--sample', '--scenario', 'healthy-certificate', '--tables', 'account'])
    expect(run.code, run.stdout).toBe(0)
    expect(run.stdout).toContain('signed with a certificate')
  })

  it('writes an HTML report with the waterfall and no secret', async () => {
    const file = join(dir, 'report.html')
    const run = await runDvw(['check', '--sample', '--report', 'html', file])
    expect(run.code).toBe(0)
    expect(run.stdout).toContain(`Report written to ${file}`)
    const html = readFileSync(file, 'utf8')
    expect(html).toContain('<svg')
    expect(html).toContain('Where the time went')
    expect(html).not.toContain(SAMPLE_CONNECTION.clientSecret)
    expect(html).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}\./)
  })

  it.each([
    [['check'], /--url/],
    [['check', '--url', 'https://contoso.crm.dynamics.com', '--secret-env', 'X'], /--client-id/],
    [
      ['check', '--url', 'https://contoso.crm.dynamics.com', '--client-id', 'd2c764a5-f446-4c69-a646-7d74e7ea5973'],
      /credential/,
    ],
    [['check', '--sample', '--secret-env', 'A', '--secret-stdin'], /only one of/],
    [['check', '--scenario', 'no-roles'], /--scenario goes with --sample/],
    [['check', '--sample', '--scenario', 'nope'], /Allowed choices/],
    [['check', '--sample', '--json', '--report', 'md', 'x.md'], /--json or --report/],
    [['check', '--sample', '--report', 'pdf', 'x.pdf'], /--report md FILE/],
    [['check', '--sample', '--tables', 'Account Table'], /logical names/],
    [['check', '--sample', '--cert-password-env', 'P'], /goes with --cert/],
  ])('exits 2 on a usage error: %j', async (args, message) => {
    // In process: the same program and commands as the built CLI, without a process per case.
    let stderr = ''
    const io: CliIo = {
      stdout: () => undefined,
      stderr: (text) => (stderr += text),
      env: {},
      readStdin: async () => '',
      isTty: false,
    }
    expect(await runCli(args, io, commands)).toBe(2)
    expect(stderr).toMatch(message)
  })
})
