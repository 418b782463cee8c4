import { describe, expect, it } from 'vitest'
import pkg from '../../../../package.json' with { type: 'json' }
import { runDvw } from '../../../support/run-dvw'

describe('dvw', () => {
  it('prints help and exits 0', async () => {
    const run = await runDvw(['--help'])
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/^Usage: dvw/m)
    expect(run.stdout).toContain('application user'.slice(0, 3))
  })

  it('prints its version', async () => {
    const run = await runDvw(['--version'])
    expect(run.code).toBe(0)
    expect(run.stdout.trim()).toBe(pkg.version)
  })

  it('exits 2 with a pointer to help on an unknown command', async () => {
    const run = await runDvw(['no-such-command'])
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(/dvw --help/)
  })
})
