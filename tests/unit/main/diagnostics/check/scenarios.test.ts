import { describe, it } from 'vitest'
import { createEmulator, SAMPLE_CONNECTION } from '../../../../../emulator'
import { createTokenProvider } from '../../../../../main/auth/token-provider'
import { casesFor, CHECK_CASES } from '../../../../support/check-cases'
import { expectCase, runCase, type CheckTarget } from '../../../../support/check-runner'
import { expect } from 'vitest'

const emulator = createEmulator({ rows: { accounts: 30, contacts: 60 } })
const target: CheckTarget = {
  mode: 'in-process',
  emulator,
  orgName: 'contoso',
  orgUrl: SAMPLE_CONNECTION.orgUrl,
  authorityHost: 'login.microsoftonline.com',
  base: (request) => emulator.fetch(request),
  trustedCa: [],
  tokens: createTokenProvider(),
  setConditions: (orgName, conditions) => emulator.setConditions(orgName, conditions),
}

describe('the preflight check against the in-process emulator', () => {
  it('covers every emulator scenario', () => {
    const names = CHECK_CASES.map((entry) => entry.name)
    for (const app of emulator.apps) expect(names).toContain(`scenario ${app.scenario}`)
  })

  for (const entry of casesFor('in-process')) {
    it(entry.name, async () => {
      expectCase(entry, 'in-process', await runCase(entry, target))
    })
  }
})
