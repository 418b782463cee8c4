import { describe, expect, it } from 'vitest'
import type { CliIo } from '../../../../main/cli/io'
import { readSecret } from '../../../../main/cli/secret-input'

function io(env: Record<string, string | undefined> = {}, stdin = ''): CliIo {
  return { stdout: () => undefined, stderr: () => undefined, env, readStdin: async () => stdin, isTty: false }
}

describe('CLI secret input', () => {
  it('reads a named environment variable', async () => {
    expect(await readSecret({ secretEnv: 'DVW_SECRET' }, io({ DVW_SECRET: ' Zx8Q~value\n' }))).toBe('Zx8Q~value')
  })

  it('reads standard input, without its trailing newline', async () => {
    expect(await readSecret({ secretStdin: true }, io({}, 'Zx8Q~value\n'))).toBe('Zx8Q~value')
  })

  it('returns null when no secret flag was given', async () => {
    expect(await readSecret({}, io())).toBeNull()
  })

  it('refuses a secret value given where a variable name belongs, without echoing it', async () => {
    const attempt = readSecret({ secretEnv: 'Zx8Q~looks.like.a.secret' }, io())
    await expect(attempt).rejects.toThrow(/takes the NAME of an environment variable/)
    await expect(attempt).rejects.not.toThrow(/Zx8Q/)
  })

  it.each([
    [{ secretEnv: 'MISSING' }, io(), /MISSING is not set or is empty/],
    [{ secretStdin: true }, io({}, '\n'), /standard input was empty/],
    [{ secretEnv: 'A', secretStdin: true }, io({ A: 'x' }), /not both/],
  ])('explains %j', async (flags, cliIo, message) => {
    await expect(readSecret(flags, cliIo)).rejects.toThrow(message)
  })
})
