import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startHttpsEmulator, type RunningEmulator, type RunningEmulatorApp } from '../../../emulator'
import { runDvw } from '../../support/run-dvw'

let running: RunningEmulator
let orgUrl: string

const app = (scenario: string): RunningEmulatorApp => {
  const found = running.apps.find((candidate) => candidate.scenario === scenario)
  if (!found) throw new Error(`no ${scenario} app`)
  return found
}

interface JsonReport {
  check: {
    outcome: string
    steps: { id: string; status: string; facts: { label: string; value: string }[]; diagnoses: { id: string }[] }[]
  }
}

beforeAll(async () => {
  running = await startHttpsEmulator({ rows: { accounts: 30, contacts: 60 } })
  orgUrl = running.orgs[0]?.url ?? ''
})
afterAll(() => running?.close())

describe('dvw check against the emulator over HTTPS', () => {
  it('passes every step, DNS and TLS included, with the emulator CA from --ca-file', async () => {
    const healthy = app('healthy')
    const run = await runDvw(
      [
        'check',
        '--url',
        orgUrl,
        '--tenant',
        running.tenantId,
        '--client-id',
        healthy.clientId,
        '--secret-env',
        'DVW_SECRET',
        '--ca-file',
        running.caCertPath,
        '--json',
      ],
      { env: { DVW_SECRET: healthy.clientSecret ?? '' } },
    )
    expect(run.code, run.stderr).toBe(0)
    const report = JSON.parse(run.stdout) as JsonReport
    expect(report.check.steps.map((step) => `${step.id}=${step.status}`)).toEqual(
      report.check.steps.map((step) => `${step.id}=pass`),
    )
    const tls = report.check.steps.find((step) => step.id === 'tls')
    expect(tls?.facts.some((fact) => fact.value.includes('Dataverse Workbench Emulator CA'))).toBe(true)
  })

  it('discovers the tenant when --tenant is left out, and signs in with a PFX certificate and its password', async () => {
    const certificate = app('healthy-certificate')
    const run = await runDvw(
      [
        'check',
        '--url',
        orgUrl,
        '--client-id',
        certificate.clientId,
        '--cert',
        certificate.certificate?.pfxPath ?? '',
        '--cert-password-env',
        'DVW_PFX',
        '--ca-file',
        running.caCertPath,
        '--json',
      ],
      { env: { DVW_PFX: certificate.certificate?.pfxPassword ?? '' } },
    )
    expect(run.code, run.stdout).toBe(0)
    const report = JSON.parse(run.stdout) as JsonReport
    expect(report.check.outcome).toBe('pass')
    expect(
      report.check.steps.find((step) => step.id === 'discovery')?.facts.find((f) => f.label === "Environment's tenant")
        ?.value,
    ).toBe(running.tenantId)
  })

  it('without the CA the certificate does not verify: tls fails with tls-untrusted, exit 1', async () => {
    const healthy = app('healthy')
    const run = await runDvw(
      ['check', '--url', orgUrl, '--client-id', healthy.clientId, '--secret-env', 'DVW_SECRET'],
      { env: { DVW_SECRET: healthy.clientSecret ?? '' } },
    )
    expect(run.code).toBe(1)
    expect(run.stdout).toMatch(/^✖ tls .*could not be verified/m)
    expect(run.stdout).toContain('[tls-untrusted · high confidence]')
  })
})
