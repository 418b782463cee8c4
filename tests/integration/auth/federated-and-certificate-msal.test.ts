/**
 * Real MSAL (through the app's token provider and guarded transport) against the HTTPS emulator:
 * federated credentials read from a file, a variable and a command, the AADSTS answers for a
 * subject that matches no credential, one that differs only in case, and an expired token; and
 * certificates signing PS256 + x5t#S256 (default) or RS256 + x5t. The body MSAL posts is read on
 * its way out to confirm what was sent; nothing is answered in the emulator's place.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { decodeProtectedHeader } from 'jose'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startHttpsEmulator, type RunningEmulator, type RunningEmulatorApp } from '../../../emulator'
import { loadCertificate } from '../../../main/auth/certificate'
import { federatedCredential } from '../../../main/auth/federated-token'
import { createTokenProvider, type ClientCredential } from '../../../main/auth/token-provider'
import { createNodeFetch, type NodeFetch } from '../../../main/http/node-fetch'
import { createTransport } from '../../../main/http/transport'
import { failureOf } from '../../support/failure-of'

const SUBJECT = 'repo:contoso/dataverse-pipeline:environment:Production'
let running: RunningEmulator
let base: NodeFetch
let dir: string
const assertions: string[] = []

const app = (scenario: string): RunningEmulatorApp => {
  const found = running.apps.find((candidate) => candidate.scenario === scenario)
  if (!found) throw new Error(`no ${scenario}`)
  return found
}

beforeAll(async () => {
  running = await startHttpsEmulator({ rows: { accounts: 5, contacts: 5 } })
  base = createNodeFetch({ ca: [running.caPem], proxyUrl: null })
  dir = mkdtempSync(join(tmpdir(), 'dvw-federated-msal-'))
})
afterAll(async () => {
  await base?.close()
  await running?.close()
  rmSync(dir, { recursive: true, force: true })
})

const tokens = createTokenProvider()

function signIn(clientId: string, credential: ClientCredential, forceRefresh = false) {
  const authorityHost = new URL(running.authorityUrl).host
  const orgUrl = running.orgs[0]?.url ?? ''
  // Reads the client_assertion MSAL sends, then lets the request go to the emulator unchanged.
  const tapped = async (request: Request): Promise<Response> => {
    if (request.method === 'POST') {
      const assertion = new URLSearchParams(await request.clone().text()).get('client_assertion')
      if (assertion) assertions.push(assertion)
    }
    return base(request)
  }
  const transport = createTransport(tapped, {
    connectionId: 'federated-int',
    orgHost: new URL(orgUrl).host,
    authorityHost,
    readOnly: true,
  })
  return tokens.getToken(
    {
      authorityHost,
      cloud: 'commercial',
      customSignInHost: true,
      tenantId: running.tenantId,
      clientId,
      resource: orgUrl,
      credential,
      transport,
    },
    { forceRefresh },
  )
}

const claimsOf = (token: string) =>
  JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>

describe('federated credentials with real MSAL over HTTPS', () => {
  it('gets a token with a GitHub-shaped OIDC token file, re-reading the file for every request', async () => {
    const file = join(dir, 'oidc-token')
    writeFileSync(file, await running.emulator.federatedToken({ subject: SUBJECT }))
    const credential = federatedCredential({ tokenSource: 'file', tokenReference: file }, { env: {} })
    const first = await signIn(app('federated-credential').clientId, credential)
    expect(claimsOf(first.accessToken)).toMatchObject({
      appid: app('federated-credential').clientId,
      appidacr: '2',
    })
    // A fresh token in the same file is what MSAL presents next: the callback reads it again.
    const refreshed = await running.emulator.federatedToken({ subject: SUBJECT, lifetimeSeconds: 240 })
    writeFileSync(file, refreshed)
    const before = assertions.length
    // The same MSAL client (one provider), asked again past its cache: the callback reads the file anew.
    await signIn(app('federated-credential').clientId, credential, true)
    expect(assertions.slice(before)).toEqual([refreshed])
  })

  it('gets a token from an environment variable and from a command printing GitHub JSON', async () => {
    const token = await running.emulator.federatedToken({ subject: SUBJECT })
    const fromEnv = federatedCredential(
      { tokenSource: 'env', tokenReference: 'ACTIONS_OIDC' },
      { env: { ACTIONS_OIDC: token } },
    )
    expect((await signIn(app('federated-credential').clientId, fromEnv)).accessToken).toBeTruthy()
    const answer = join(dir, 'answer.json')
    writeFileSync(answer, JSON.stringify({ count: 1, value: token }))
    const command = `"${process.execPath}" -e "process.stdout.write(require('fs').readFileSync(process.argv[1],'utf8'))" "${answer}"`
    const fromCommand = federatedCredential({ tokenSource: 'command', tokenReference: command }, { env: process.env })
    const issued = await signIn(app('federated-credential').clientId, fromCommand)
    expect(claimsOf(issued.accessToken).appidacr).toBe('2')
  })

  it('AADSTS700213 for a subject no federated credential has', async () => {
    const token = await running.emulator.federatedToken({ subject: 'repo:contoso/dataverse-pipeline:pull_request' })
    const failure = await failureOf(
      signIn(
        app('federated-credential').clientId,
        federatedCredential({ tokenSource: 'env', tokenReference: 'T' }, { env: { T: token } }),
      ),
    )
    expect(failure.details?.aadsts).toBe('700213')
    expect(failure.explanation).toContain("presented assertion subject 'repo:contoso/dataverse-pipeline:pull_request'")
  })

  it('AADSTS7002138 for a subject that differs only in letter case', async () => {
    const token = await running.emulator.federatedToken({ subject: SUBJECT.replace('Production', 'production') })
    const failure = await failureOf(
      signIn(
        app('federated-credential').clientId,
        federatedCredential({ tokenSource: 'env', tokenReference: 'T' }, { env: { T: token } }),
      ),
    )
    expect(failure.details?.aadsts).toBe('7002138')
  })

  it('AADSTS700024 for an expired OIDC token', async () => {
    const token = await running.emulator.federatedToken({ subject: SUBJECT, lifetimeSeconds: -900 })
    const failure = await failureOf(
      signIn(
        app('federated-credential').clientId,
        federatedCredential({ tokenSource: 'env', tokenReference: 'T' }, { env: { T: token } }),
      ),
    )
    expect(failure.details?.aadsts).toBe('700024')
  })

  it('an unreadable token file is reported as such, before any request', async () => {
    const before = assertions.length
    const failure = await failureOf(
      signIn(
        app('federated-credential').clientId,
        federatedCredential({ tokenSource: 'file', tokenReference: join(dir, 'missing') }, { env: {} }),
      ),
    )
    expect(failure.code).toBe('SECRET_UNAVAILABLE')
    expect(failure.message).toContain('cannot be read (ENOENT)')
    expect(assertions.length).toBe(before)
  })
})

describe('certificate assertions with real MSAL over HTTPS', () => {
  const certificate = (assertion?: 'PS256' | 'RS256'): ClientCredential => {
    const files = app('healthy-certificate').certificate
    if (!files) throw new Error('no certificate')
    const loaded = loadCertificate({ path: files.certPath, keyPath: files.keyPath })
    return {
      kind: 'certificate',
      privateKeyPem: loaded.privateKeyPem,
      thumbprintSha256: loaded.thumbprintSha256,
      thumbprintSha1: loaded.thumbprintSha1,
      ...(assertion ? { assertion } : {}),
    }
  }

  it('signs PS256 with x5t#S256 by default and Entra records a certificate (appidacr 2)', async () => {
    const before = assertions.length
    const token = await signIn(app('healthy-certificate').clientId, certificate())
    const header = decodeProtectedHeader(assertions[before] ?? '')
    expect(header.alg).toBe('PS256')
    expect(header['x5t#S256']).toBeTruthy()
    expect(header.x5t).toBeUndefined()
    expect(claimsOf(token.accessToken).appidacr).toBe('2')
  })

  it('signs RS256 with x5t (SHA-1) when the connection asks for it', async () => {
    const before = assertions.length
    await signIn(app('healthy-certificate').clientId, certificate('RS256'))
    const header = decodeProtectedHeader(assertions[before] ?? '')
    expect(header.alg).toBe('RS256')
    expect(header.x5t).toBeTruthy()
    expect(header['x5t#S256']).toBeUndefined()
  })

  it('a secret sign-in is recorded as appidacr 1', async () => {
    const healthy = app('healthy')
    const token = await signIn(healthy.clientId, { kind: 'secret', secret: healthy.clientSecret ?? '' })
    expect(claimsOf(token.accessToken).appidacr).toBe('1')
  })
})
