import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { readFederatedToken, tokenFromOutput } from '../../../../main/auth/federated-token'
import { failureOf } from '../../../support/failure-of'

const TOKEN = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJyZXBvOmEvYjpwdWxsX3JlcXVlc3QifQ.c2lnbmF0dXJl'
const dir = mkdtempSync(join(tmpdir(), 'dvw-federated-token-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('reading a federated token', () => {
  it('takes a bare JWT, GitHub JSON ("value") and Azure DevOps JSON ("oidcToken")', () => {
    expect(tokenFromOutput(`  ${TOKEN}\n`)).toBe(TOKEN)
    expect(tokenFromOutput(JSON.stringify({ count: 1, value: TOKEN }))).toBe(TOKEN)
    expect(tokenFromOutput(JSON.stringify({ oidcToken: TOKEN }))).toBe(TOKEN)
    expect(tokenFromOutput('not a token')).toBeNull()
    expect(tokenFromOutput('{"value": 3}')).toBeNull()
  })

  it('reads a file and a variable each time, and says which source is empty or missing', async () => {
    const file = join(dir, 'token')
    writeFileSync(file, TOKEN)
    expect(await readFederatedToken({ tokenSource: 'file', tokenReference: file }, { env: {} })).toBe(TOKEN)
    writeFileSync(file, '')
    const empty = await failureOf(readFederatedToken({ tokenSource: 'file', tokenReference: file }, { env: {} }))
    expect(empty).toMatchObject({ code: 'SECRET_UNAVAILABLE', message: `the file ${file} does not hold a token.` })
    const unset = await failureOf(readFederatedToken({ tokenSource: 'env', tokenReference: 'OIDC' }, { env: {} }))
    expect(unset.message).toBe('The environment variable OIDC is not set.')
    expect(await readFederatedToken({ tokenSource: 'env', tokenReference: 'OIDC' }, { env: { OIDC: TOKEN } })).toBe(
      TOKEN,
    )
  })

  it('refuses a token given where the variable name belongs, without repeating it', async () => {
    const failure = await failureOf(readFederatedToken({ tokenSource: 'env', tokenReference: TOKEN }, { env: {} }))
    expect(failure.message).toContain('is not the name of an environment variable')
    expect(`${failure.message} ${failure.explanation}`).not.toContain(TOKEN)
  })

  it('runs a command, and reports its failure with stderr minus anything token-shaped', async () => {
    const ok = `"${process.execPath}" -e "process.stdout.write(JSON.stringify({value: '${TOKEN}'}))"`
    expect(await readFederatedToken({ tokenSource: 'command', tokenReference: ok }, { env: process.env })).toBe(TOKEN)
    const failing = `"${process.execPath}" -e "console.error('denied ${TOKEN}'); process.exit(3)"`
    const failure = await failureOf(
      readFederatedToken({ tokenSource: 'command', tokenReference: failing }, { env: process.env }),
    )
    expect(failure.message).toBe('The token command failed (exit code 3).')
    expect(failure.explanation).toContain('denied [token removed]')
    expect(failure.explanation).not.toContain(TOKEN)
  })

  it('stops a command that does not finish', async () => {
    const slow = `"${process.execPath}" -e "setTimeout(() => {}, 10000)"`
    const failure = await failureOf(
      readFederatedToken({ tokenSource: 'command', tokenReference: slow }, { env: process.env, commandTimeoutMs: 300 }),
    )
    expect(failure.message).toBe('The token command did not finish within 0.3 s.')
  })
})
