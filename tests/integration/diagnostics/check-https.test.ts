import { createServer } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startHttpsEmulator, type RunningEmulator } from '../../../emulator'
import { createTokenProvider } from '../../../main/auth/token-provider'
import { createNodeFetch, type NodeFetch } from '../../../main/http/node-fetch'
import { casesFor } from '../../support/check-cases'
import { expectCase, runCase, type CheckTarget } from '../../support/check-runner'

let running: RunningEmulator
let base: NodeFetch
let target: CheckTarget

/** A loopback port that was free a moment ago and has nothing listening now. */
async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  await new Promise<void>((resolve) => server.close(() => resolve()))
  if (!address || typeof address === 'string') throw new Error('no port')
  return address.port
}

beforeAll(async () => {
  running = await startHttpsEmulator({ rows: { accounts: 30, contacts: 60 } })
  base = createNodeFetch({ ca: [running.caPem], proxyUrl: null })
  const org = running.orgs[0]
  if (!org) throw new Error('the emulator has no organization')
  target = {
    mode: 'https',
    emulator: running.emulator,
    orgName: org.name,
    orgUrl: org.url,
    authorityHost: new URL(running.authorityUrl).host,
    base,
    trustedCa: [running.caPem],
    tokens: createTokenProvider(),
    closedOrigin: `https://127.0.0.1:${await closedPort()}`,
    setConditions: (orgName, conditions) => running.setConditions(orgName, conditions),
  }
})

afterAll(async () => {
  await base?.close()
  await running?.close()
})

describe('the preflight check over real HTTPS on 127.0.0.1', () => {
  for (const entry of casesFor('https')) {
    it(entry.name, async () => {
      expectCase(entry, 'https', await runCase(entry, target))
    })
  }

  it('reports real DNS and TLS facts: the loopback address and the emulator CA as issuer', async () => {
    const healthy = casesFor('https').find((entry) => entry.name === 'scenario healthy')
    if (!healthy) throw new Error('no healthy case')
    const result = await runCase(healthy, target)
    const tls = result.steps.find((step) => step.id === 'tls')
    expect(tls?.facts.map((fact) => fact.value).join(' ')).toContain('Dataverse Workbench Emulator CA')
    const dns = result.steps.find((step) => step.id === 'dns')
    expect(dns?.facts.map((fact) => fact.value).join(' ')).toContain('IP address')
    const claims = result.steps.find((step) => step.id === 'token-claims')
    expect(claims?.facts.find((fact) => fact.label === 'Clock difference with the server')?.value).toMatch(
      /^[+-]\d+\.\d s$/,
    )
    expect(result.requests.map((request) => request.stepId)).toEqual(
      expect.arrayContaining(['discovery', 'token', 'whoami', 'app-user', 'roles', 'privileges']),
    )
  })
})
