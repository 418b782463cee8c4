import { describe, expect, it } from 'vitest'
import { createStyle } from '../../../../main/cli/style'
import { dataverseAppToken } from '../../../support/jwt'
import { runDvw } from '../../../support/run-dvw'

const MSAL =
  'invalid_client: Error(s): 7000215 - Timestamp: 2026-11-26 09:00:00Z - Description: AADSTS7000215: Invalid client secret provided. - Correlation ID: 9a8b7c6d-5e4f-3a2b-1c0d-e9f8a7b6c5d4 - Trace ID: 0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0'

describe('dvw explain', () => {
  it('explains an MSAL message with the fix first and exits 0', async () => {
    const run = await runDvw(['explain', MSAL])
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(
      /^Most likely: Entra ID rejected the client secret {2}\[secret-invalid · high confidence\]/,
    )
    expect(run.stdout).toContain(
      '    1. Open Entra admin center → Identity → Applications → App registrations → <your app> → Certificates & secrets',
    )
    expect(run.stdout).toContain('Docs: https://login.microsoftonline.com/error?code=7000215')
    expect(run.stdout).toContain('Recognised: AADSTS7000215 · trace 0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0')
    expect(run.stdout).not.toContain('\u001b[')
  })

  it('reads standard input with - and prints JSON with --json', async () => {
    const run = await runDvw(['explain', '-', '--json', '--cloud', 'china'], {
      stdin: '{"error":{"code":"0x80072560","message":"The user is not a member of the organization."}}',
    })
    expect(run.code).toBe(0)
    const result = JSON.parse(run.stdout)
    expect(result.diagnoses[0].id).toBe('app-user-missing')
    expect(result.cloud).toBe('china')
    expect(result.recognised.dataverseCodes).toEqual(['0x80072560'])
  })

  it('exits 1 and says what it recognised when nothing matches', async () => {
    const run = await runDvw(['explain', 'HTTP/1.1 403 Forbidden'])
    expect(run.code).toBe(1)
    expect(run.stdout).toContain('No known error matched, so we will not guess')
    expect(run.stdout).toContain('Recognised: HTTP 403')
  })

  it('exits 2 on usage errors', async () => {
    expect((await runDvw(['explain'])).code).toBe(2)
    expect((await runDvw(['explain', '-'], { stdin: '  \n' })).code).toBe(2)
    const badCloud = await runDvw(['explain', 'x', '--cloud', 'mars'])
    expect(badCloud.code).toBe(2)
    expect(badCloud.stderr).toMatch(/commercial, gcc, gcc-high, dod, china/)
  })
})

describe('dvw token decode', () => {
  const token = dataverseAppToken(Math.floor(Date.now() / 1000))

  it('decodes and explains a token, compared with the expected connection', async () => {
    const run = await runDvw(['token', 'decode', `Bearer ${token}`, '--url', 'https://fabrikam.crm.dynamics.com'])
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/^Token: app token, version 1\.0/)
    expect(run.stdout).toMatch(/expires in (59|58) min/)
    expect(run.stdout).toContain(
      "ERROR token-audience-mismatch: The audience is https://contoso.crm.dynamics.com, but the connection's environment is https://fabrikam.crm.dynamics.com.",
    )
    expect(run.stdout).toMatch(/appidacr\s+1\n\s+How the app proved itself/)
  })

  it('L8 warns on stderr that a token given as an argument lands in shell history and ps, and shows the - alternative', async () => {
    const run = await runDvw(['token', 'decode', token])
    expect(run.code).toBe(0)
    expect(run.stderr).toContain('saved in your shell history and visible to other users of this machine (ps)')
    expect(run.stderr).toContain('dvw token decode - < token.txt')
    expect(run.stderr).not.toContain(token.split('.')[1]!)
    const piped = await runDvw(['token', 'decode', '-'], { stdin: token + '\n' })
    expect(piped.code).toBe(0)
    expect(piped.stderr).toBe('')
    const help = await runDvw(['token', 'decode', '--help'])
    expect(help.stdout).toMatch(/jwt\s+- to read the token from standard input \(safer\)/)
  })

  it('reads the token from standard input and prints JSON without the token', async () => {
    const run = await runDvw(['token', 'decode', '-', '--json'], { stdin: token + '\n' })
    expect(run.code).toBe(0)
    const inspection = JSON.parse(run.stdout)
    expect(inspection.kind).toBe('app')
    for (const part of token.split('.')) expect(run.stdout).not.toContain(part)
  })

  it('exits 1 with a plain reason for something that is not a token, 2 without any', async () => {
    const run = await runDvw(['token', 'decode', 'abc.def'])
    expect(run.code).toBe(1)
    expect(run.stderr).toMatch(/^dvw: This is not a JWT: a JWT has three parts/)
    expect((await runDvw(['token', 'decode'])).code).toBe(2)
  })
})

describe('CLI colour', () => {
  const io = (isTty: boolean, env: Record<string, string> = {}) => ({
    isTty,
    env,
    stdout: () => {},
    stderr: () => {},
    readStdin: async () => '',
  })
  it('colours only on a terminal and never with NO_COLOR', () => {
    expect(createStyle(io(true)).red('x')).toBe('\u001b[31mx\u001b[39m')
    expect(createStyle(io(true, { NO_COLOR: '1' })).red('x')).toBe('x')
    expect(createStyle(io(false)).red('x')).toBe('x')
  })
})
