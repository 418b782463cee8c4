import { describe, expect, it } from 'vitest'
import { connectionCommand, type CommandConnection } from '@common/connection-commands'

const SECRET = 'Zq8Q~ThisIsTheRealSecretValue0123456789'

const secretConnection: CommandConnection = {
  name: "Contoso UAT (Alex's)",
  orgUrl: 'https://contosouat.crm4.dynamics.com',
  tenantId: '4c192492-e19d-4369-b4be-84470eb0844d',
  clientId: 'd2c764a5-f446-4c69-a646-7d74e7ea5973',
  cloud: 'commercial',
  auth: { kind: 'secret' },
}

describe('copy as command', () => {
  it('writes pac auth create with the secret as a variable reference in both shells', () => {
    const text = connectionCommand(secretConnection, 'pac')
    expect(text.powershell).toBe(
      [
        'pac auth create',
        "--name 'Contoso UAT (Alex''s)'",
        '--environment https://contosouat.crm4.dynamics.com',
        '--tenant 4c192492-e19d-4369-b4be-84470eb0844d',
        '--applicationId d2c764a5-f446-4c69-a646-7d74e7ea5973',
        '--clientSecret $env:DVW_SECRET',
      ].join(' `\n  '),
    )
    expect(text.bash).toContain('--clientSecret "$DVW_SECRET"')
    expect(text.bash).toContain(`--name 'Contoso UAT (Alex'\\''s)'`)
    expect(text.notes.join(' ')).toMatch(/Set DVW_SECRET/)
  })

  it('writes az login plus get-access-token for the org, and the cloud for GCC High', () => {
    const text = connectionCommand(
      { ...secretConnection, cloud: 'gcc-high', orgUrl: 'https://x.crm.microsoftdynamics.us' },
      'az',
    )
    const lines = (text.bash ?? '').split('\n')
    expect(lines[0]).toBe('az cloud set --name AzureUSGovernment')
    expect(text.bash).toContain('--username d2c764a5-f446-4c69-a646-7d74e7ea5973 \\\n  --password "$DVW_SECRET"')
    expect(lines.at(-1)).toBe(
      'az account get-access-token --resource https://x.crm.microsoftdynamics.us --query accessToken --output tsv',
    )
    expect(text.powershell).toContain('--password $env:DVW_SECRET')
  })

  it('uses the certificate path and a password variable for a PFX, and pac --cloud outside commercial', () => {
    const text = connectionCommand(
      {
        ...secretConnection,
        cloud: 'gcc',
        auth: { kind: 'certificate', certificatePath: 'C:\\certs\\app one.pfx', format: 'pfx' },
      },
      'pac',
    )
    expect(text.powershell).toContain("--certificateDiskPath 'C:\\certs\\app one.pfx'")
    expect(text.powershell).toContain('--certificatePassword $env:DVW_CERT_PASSWORD')
    expect(text.powershell).toContain('--cloud UsGov')
    const az = connectionCommand(
      { ...secretConnection, auth: { kind: 'certificate', certificatePath: '/c/app.pfx', format: 'pfx' } },
      'az',
    )
    expect(az.bash).toContain('--password /c/app.pfx')
    expect(az.notes.join(' ')).toMatch(/convert the \.pfx/)
  })

  it('writes no Dataverse CLI command, because its flags are not verified, and says so', () => {
    const text = connectionCommand(secretConnection, 'dataverse-cli')
    expect(text.powershell).toBeNull()
    expect(text.bash).toBeNull()
    expect(text.notes.join(' ')).toMatch(/could not be verified/)
  })

  it('never contains a secret value: the writer is given none and every output is a reference', () => {
    for (const target of ['pac', 'az', 'dataverse-cli'] as const) {
      const all = JSON.stringify(connectionCommand({ ...secretConnection, notes: SECRET } as CommandConnection, target))
      expect(all).not.toContain(SECRET)
    }
  })

  it('marks an unknown tenant as a placeholder', () => {
    const text = connectionCommand({ ...secretConnection, tenantId: '' }, 'az')
    expect(text.bash).toContain('--tenant <tenant-id>')
    expect(text.notes[0]).toMatch(/tenant is not known/)
  })
})
