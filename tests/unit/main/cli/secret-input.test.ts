import { describe, expect, it } from 'vitest'
import type { CliIo } from '../../../../main/cli/io'
import { secretReader } from '../../../../main/cli/secret-input'

function io(env: Record<string, string | undefined> = {}, stdin = ''): CliIo {
  return { stdout: () => undefined, stderr: () => undefined, env, readStdin: async () => stdin, isTty: false }
}

describe('CLI secret input', () => {
  it('reads a named environment variable when asked', async () => {
    const read = await secretReader({ secretEnv: 'DVW_SECRET' }, io({ DVW_SECRET: ' Zx8Q~value\n' }))
    expect(await read?.()).toBe('Zx8Q~value')
  })

  it('reads standard input at once, without its trailing newline', async () => {
    const read = await secretReader({ secretStdin: true }, io({}, 'Zx8Q~value\n'))
    expect(await read?.()).toBe('Zx8Q~value')
  })

  it('returns null when no secret flag was given', async () => {
    expect(await secretReader({}, io())).toBeNull()
  })

  it('M2 refuses a secret value given where a variable name belongs, without echoing it', async () => {
    const attempt = secretReader({ secretEnv: 'Zx8Q~looks.like.a.secret' }, io())
    await expect(attempt).rejects.toThrow(/takes the NAME of an environment variable/)
    await expect(attempt).rejects.not.toThrow(/Zx8Q/)
  })

  it('M2 reports an unset variable as SECRET_UNAVAILABLE when signing in, without repeating the name', async () => {
    const read = await secretReader({ secretEnv: 'ALMOST_A_SECRET_123' }, io())
    await expect(read?.()).rejects.toMatchObject({
      code: 'SECRET_UNAVAILABLE',
      message: expect.not.stringContaining('ALMOST_A_SECRET_123'),
    })
  })

  it.each([
    [{ secretStdin: true }, io({}, '\n'), /standard input was empty/],
    [{ secretEnv: 'A', secretStdin: true }, io({ A: 'x' }), /not both/],
  ])('explains %j', async (flags, cliIo, message) => {
    await expect(secretReader(flags, cliIo)).rejects.toThrow(message)
  })
})
