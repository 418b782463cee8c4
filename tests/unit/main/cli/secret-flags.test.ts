import { mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runDvw } from '../../../support/run-dvw'

const SECRET = 'Abc8Q~VerySecretValue.123'
let dir: string

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dvw-m2-'))
})
afterAll(() => rm(dir, { recursive: true, force: true }))

describe('secrets on the command line', () => {
  it.each([
    ['check', '--json'],
    ['check', '--report', 'md', 'REPORT'],
    ['query', 'accounts'],
    ['metadata', '--json'],
  ])(
    'M2 refuses a secret passed as the --secret-env NAME (%s %s) and never prints or writes it',
    async (command, ...rest) => {
      const report = join(dir, `${command}-${rest.length}.md`)
      const args = [
        command,
        '--url',
        'https://contoso.crm4.dynamics.com',
        '--client-id',
        '11111111-2222-3333-4444-555555555555',
        '--secret-env',
        SECRET,
        ...rest.map((arg) => (arg === 'REPORT' ? report : arg)),
      ]
      const run = await runDvw(args, { env: { DVW_DATA_DIR: dir } })
      expect(run.code).toBe(2)
      expect(run.stderr).toMatch(/--secret-env takes the NAME of an environment variable/)
      expect(run.stdout + run.stderr).not.toContain(SECRET)
      expect(run.stdout + run.stderr).not.toContain('VerySecret')
      expect((await readdir(dir)).filter((name) => name.endsWith('.md'))).toEqual([])
    },
  )

  it('M2 names neither the variable nor a value when the variable is unset, in the check, its JSON and its report', async () => {
    const report = join(dir, 'unset.md')
    const run = await runDvw(
      ['check', '--sample', '--secret-env', 'DVW_UNSET_SECRET_VARIABLE', '--report', 'md', report],
      { env: { DVW_DATA_DIR: dir } },
    )
    expect(run.code).toBe(1)
    expect(run.stdout).toMatch(/✖ config/)
    expect(run.stdout).toMatch(/environment variable named by --secret-env is not set/)
  })
})
