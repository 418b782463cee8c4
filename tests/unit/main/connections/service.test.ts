import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { ConnectionDraft } from '@common/connection'
import { sealSecret } from '@common/seal'
import type { SampleApp, SampleDefinition } from '../../../../main/connections/sample'
import { vaultKeys } from '../../../../main/connections/vault'
import { createServices, type Services } from '../../../../main/app/create-services'
import { createFakeCloud, type FakeCloud } from '../../../support/fake-cloud'
import { createClientCertificate, thumbprints, type KeyAndCert } from '../../../support/pki'
import { createTestHost, type TestHost } from '../../../support/test-host'
import { failureOf } from '../../../support/failure-of'

const ORG = 'https://contoso.crm4.dynamics.com'
const SECRET = 'Zx8Q~theRealSecretValueForTests.0123456789'

let dir: string
let cloud: FakeCloud
let host: TestHost
let services: Services
let certificate: KeyAndCert

beforeAll(async () => {
  certificate = await createClientCertificate('dvw-service-test')
})

function secretApp(scenario: string, label: string, clientId: string, secret: string): SampleApp {
  return {
    scenario,
    label,
    clientId,
    prepare: async () => undefined,
    credential: async () => ({ kind: 'secret', secret }),
    auth: () => ({ kind: 'secret', hint: secret.slice(0, 3) }),
  }
}

const sample: SampleDefinition = {
  name: 'Sample environment (offline)',
  orgUrl: 'https://sample.crm.dynamics.com',
  tenantId: '4c192492-e19d-4369-b4be-84470eb0844d',
  authorityHost: 'login.microsoftonline.com',
  cloud: 'commercial',
  defaultScenario: 'healthy',
  apps: [
    secretApp('healthy', 'Healthy', '11111111-1111-4111-8111-111111111111', 'public-sample-secret'),
    secretApp('no-roles', 'No roles', '22222222-2222-4222-8222-222222222222', 'public-sample-secret-2'),
  ],
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'dvw-service-'))
  cloud = createFakeCloud({
    authorityOrigin: 'https://login.microsoftonline.com',
    orgOrigin: ORG,
    secret: SECRET,
    certificates: [certificate.cert],
  })
  host = createTestHost(dir, 'harness', { fetch: (request) => cloud.handle(request) })
  services = createServices(host, { sample: { definition: sample, fetch: () => (request) => cloud.handle(request) } })
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

async function sealed(value: string) {
  const jwk = services.secrets.publicJwk()
  return sealSecret(
    { keyId: services.secrets.keyId, jwk: { kty: 'RSA', n: String(jwk.n), e: String(jwk.e), alg: 'RSA-OAEP-256' } },
    value,
  )
}

async function draft(overrides: Partial<ConnectionDraft> = {}): Promise<ConnectionDraft> {
  return {
    name: 'Contoso dev',
    orgUrl: ORG,
    cloud: 'commercial',
    authorityHost: 'login.microsoftonline.com',
    tenantId: cloud.tenantId,
    clientId: cloud.clientId,
    environment: 'dev',
    auth: { kind: 'secret', secret: { action: 'set', sealed: await sealed(SECRET) }, expiresOn: '2027-03-01' },
    ...overrides,
  }
}

function everythingWritten(): string {
  return readdirSync(dir)
    .map((name) => readFileSync(join(dir, name), 'utf8'))
    .join('\n')
}

describe('connection service', () => {
  it('saves a connection with a sealed secret: the vault has it, the view and the file only know it is set', async () => {
    const view = await services.connections.save(null, await draft())
    expect(view.auth).toEqual({ kind: 'secret', hasSecret: true, hint: 'Zx8', expiresOn: '2027-03-01' })
    expect(view).toMatchObject({
      name: 'Contoso dev',
      readOnly: false,
      colour: '#0f7b0f',
      builtIn: null,
      apiVersion: '9.2',
    })
    expect(await host.vault.get(vaultKeys.secret(view.id))).toBe(SECRET)
    expect(JSON.stringify(view)).not.toContain(SECRET)
    expect(everythingWritten()).not.toContain(SECRET)
    expect(JSON.parse(readFileSync(join(dir, 'connections.json'), 'utf8')).connections[0].auth).toEqual({
      kind: 'secret',
      hint: 'Zx8',
      expiresOn: '2027-03-01',
    })
  })

  it('makes production read-only and red unless told otherwise', async () => {
    const prod = await services.connections.save(null, await draft({ name: 'Contoso prod', environment: 'prod' }))
    expect(prod).toMatchObject({ readOnly: true, colour: '#c50f1f' })
    const writableProd = await services.connections.save(
      null,
      await draft({ name: 'Contoso prod 2', environment: 'prod', readOnly: false }),
    )
    expect(writableProd.readOnly).toBe(false)
  })

  it('keeps, replaces or clears the secret on edit', async () => {
    const created = await services.connections.save(null, await draft())
    const kept = await services.connections.save(
      created.id,
      await draft({ name: 'Renamed', auth: { kind: 'secret', secret: { action: 'keep' } } }),
    )
    expect(kept).toMatchObject({
      name: 'Renamed',
      createdAt: created.createdAt,
      auth: { hasSecret: true, hint: 'Zx8' },
    })
    await services.connections.save(
      created.id,
      await draft({ auth: { kind: 'secret', secret: { action: 'set', sealed: await sealed('New~Secret') } } }),
    )
    expect(await host.vault.get(vaultKeys.secret(created.id))).toBe('New~Secret')
    const cleared = await services.connections.save(
      created.id,
      await draft({ auth: { kind: 'secret', secret: { action: 'clear' } } }),
    )
    expect(cleared.auth).toEqual({ kind: 'secret', hasSecret: false })
    expect(await host.vault.has(vaultKeys.secret(created.id))).toBe(false)
  })

  it('refuses a secret sealed for another session, or tampered with', async () => {
    const good = await sealed(SECRET)
    const stale = { ...good, keyId: 'old-session' }
    const staleFailure = await failureOf(
      services.connections.save(
        null,
        await draft({ auth: { kind: 'secret', secret: { action: 'set', sealed: stale } } }),
      ),
    )
    // The window retries on this code alone (ConnectionEditor), never on the wording.
    expect(staleFailure.code).toBe('SECRET_KEY_STALE')
    expect(staleFailure.message).toMatch(/earlier session/)
    const tampered = { ...good, ciphertext: Buffer.from('x'.repeat(40)).toString('base64') }
    expect(
      (
        await failureOf(
          services.connections.save(
            null,
            await draft({ auth: { kind: 'secret', secret: { action: 'set', sealed: tampered } } }),
          ),
        )
      ).code,
    ).toBe('INVALID_INPUT')
  })

  it('reads a certificate only from a file picked in the dialog, and stores its facts', async () => {
    const path = join(dir, 'app.pem')
    writeFileSync(path, certificate.key + certificate.cert)
    const certDraft = await draft({
      auth: { kind: 'certificate', certificatePath: path, sendX5c: true, password: { action: 'clear' } },
    })
    const refused = await failureOf(services.connections.save(null, certDraft))
    expect(refused.message).toMatch(/not chosen in the file dialog/)
    services.connections.allowPath(path)
    const view = await services.connections.save(null, certDraft)
    const expected = thumbprints(certificate.cert)
    expect(view.auth).toMatchObject({
      kind: 'certificate',
      certificatePath: path,
      format: 'pem',
      thumbprintSha1: expected.sha1,
      thumbprintSha256: expected.sha256,
      sendX5c: true,
      hasPassword: false,
    })
    const token = await services.sessions.open(view.id).getToken()
    expect(cloud.issuedTokens).toContain(token.accessToken)
  })

  it('duplicates with the secret (inside main) and deletes with the vault entries', async () => {
    const original = await services.connections.save(null, await draft())
    const copy = await services.connections.duplicate(original.id)
    expect(copy).toMatchObject({ name: 'Contoso dev (copy)', lastTest: null, auth: { hasSecret: true } })
    expect(copy.id).not.toBe(original.id)
    expect(await host.vault.get(vaultKeys.secret(copy.id))).toBe(SECRET)
    await services.connections.remove(original.id)
    expect(await host.vault.has(vaultKeys.secret(original.id))).toBe(false)
    expect((await services.connections.list()).map((c) => c.id)).toEqual(['sample', copy.id])
    expect((await failureOf(() => services.connections.get(original.id))).code).toBe('NOT_FOUND')
  })

  it('pins the read-only sample first, signs in with its public credential, and switches scenario', async () => {
    await services.connections.save(null, await draft({ name: 'Aardvark' }))
    const list = await services.connections.list()
    expect(list[0]).toMatchObject({
      id: 'sample',
      builtIn: 'sample',
      readOnly: true,
      scenario: 'healthy',
      clientId: sample.apps[0]!.clientId,
    })
    expect(list[1]?.name).toBe('Aardvark')
    for (const action of [
      () => services.connections.remove('sample'),
      () => services.connections.duplicate('sample'),
      async () => services.connections.save('sample', await draft()),
    ]) {
      expect((await failureOf(action())).code).toBe('UNSUPPORTED')
    }
    expect(await services.connections.credential('sample')).toEqual({ kind: 'secret', secret: 'public-sample-secret' })
    const switched = await services.connections.setSampleScenario('no-roles')
    expect(switched).toMatchObject({ scenario: 'no-roles', clientId: sample.apps[1]!.clientId })
    expect((await failureOf(services.connections.setSampleScenario('nope'))).message).toMatch(/no sample scenario/)
  })

  it('gets data through a session and rebuilds it (dropping the old MSAL client) when the secret changes', async () => {
    const view = await services.connections.save(null, await draft())
    const session = services.sessions.open(view.id)
    expect(services.sessions.open(view.id)).toBe(session)
    expect((await session.client.request<{ UserId: string }>({ path: 'WhoAmI' })).status).toBe(200)
    expect(services.tokens.size).toBe(1)
    await services.connections.save(
      view.id,
      await draft({ auth: { kind: 'secret', secret: { action: 'set', sealed: await sealed('wrong-now') } } }),
    )
    expect(services.tokens.size).toBe(0)
    const fresh = services.sessions.open(view.id)
    expect(fresh).not.toBe(session)
    expect((await failureOf(fresh.client.request({ path: 'WhoAmI' }))).details?.aadsts).toBe('7000215')
  })

  it('discovers an empty tenant on first use and saves it', async () => {
    const [imported] = await services.connections.importConnections([
      {
        connection: {
          name: 'Imported',
          orgUrl: ORG,
          apiVersion: '9.2',
          cloud: 'commercial',
          authorityHost: 'login.microsoftonline.com',
          tenantId: '',
          clientId: cloud.clientId,
          auth: { kind: 'secret' },
          environment: 'dev',
          colour: '#0f7b0f',
          readOnly: true,
          notes: '',
        },
        secret: SECRET,
      },
    ])
    expect(imported?.tenantId).toBe('')
    const token = await services.sessions.open(imported!.id).getToken()
    expect(cloud.issuedTokens).toContain(token.accessToken)
    expect(services.connections.get(imported!.id).tenantId).toBe(cloud.tenantId)
  })

  it('keeps working with the sample and reports the problem when the saved file is damaged', async () => {
    writeFileSync(join(dir, 'connections.json'), '{"schemaVersion":1,"connections":[{"name":')
    const overview = await services.connections.overview()
    expect(overview.connections.map((c) => c.id)).toEqual(['sample'])
    expect(overview.problem).toMatchObject({ reason: 'unreadable', file: join(dir, 'connections.json') })
    expect((await failureOf(services.connections.list())).code).toBe('STORE_CORRUPT')
    expect((await failureOf(services.connections.save(null, await draft()))).code).toBe('STORE_CORRUPT')
    const sampleSession = services.sessions.open('sample')
    expect(sampleSession.connection.builtIn).toBe('sample')
    // This fake authority does not know the sample app: the 700016 proves the sign-in went out.
    expect((await failureOf(sampleSession.getToken())).details?.aadsts).toBe('700016')
    expect(readFileSync(join(dir, 'connections.json'), 'utf8')).toBe('{"schemaVersion":1,"connections":[{"name":')
    services.connections.startFresh()
    expect((await services.connections.overview()).problem).toBeNull()
  })

  it('H1 refuses to save a sign-in host that is not Entra ID for the cloud unless the custom choice is made', async () => {
    const refused = await failureOf(
      services.connections.save(null, await draft({ authorityHost: 'login.microsoftonline.com.evil.example' })),
    )
    expect(refused).toMatchObject({ code: 'HOST_NOT_ALLOWED', details: { field: 'authorityHost' } })
    expect(refused.next).toMatch(/Custom sign-in host/)
    expect(await services.connections.list()).toHaveLength(1)
    const custom = await services.connections.save(
      null,
      await draft({ authorityHost: '127.0.0.1:8443', customSignInHost: true }),
    )
    expect(custom).toMatchObject({ authorityHost: '127.0.0.1:8443', customSignInHost: true })
  })

  it(
    'H1 never imports the custom choice, forces production read-only (M4) and refuses a discovered host of another cloud',
    { timeout: 60_000 },
    async () => {
      const [imported] = await services.connections.importConnections([
        {
          connection: {
            name: 'Imported',
            orgUrl: ORG,
            apiVersion: '9.2',
            cloud: 'commercial',
            authorityHost: 'evil.example',
            customSignInHost: true,
            tenantId: '',
            clientId: cloud.clientId,
            auth: { kind: 'secret' },
            environment: 'prod',
            colour: '#c50f1f',
            readOnly: false,
            notes: '',
          },
          secret: SECRET,
        },
      ])
      expect(imported).toMatchObject({ customSignInHost: false, readOnly: true })
      expect(
        (await failureOf(services.connections.setTenant(imported!.id, cloud.tenantId, 'login.microsoftonline.us')))
          .code,
      ).toBe('HOST_NOT_ALLOWED')
      expect(services.connections.get(imported!.id)).toMatchObject({ tenantId: '', authorityHost: 'evil.example' })
      // First use discovers the tenant from the org itself, whose challenge names Entra ID: that host replaces the blocked one.
      await services.sessions.open(imported!.id).getToken()
      expect(services.connections.get(imported!.id)).toMatchObject({
        tenantId: cloud.tenantId,
        authorityHost: 'login.microsoftonline.com',
      })
      expect(cloud.requests.filter((request) => request.host === 'evil.example')).toEqual([])
    },
  )
})

describe('connection service: federated credentials', () => {
  const TOKEN_VALUE = 'eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiJodHRwczovL3Rva2VuIn0.c2ln'

  it('stores where the token is read and the expected subject, nothing secret; the view shows the same', async () => {
    const view = await services.connections.save(
      null,
      await draft({
        auth: {
          kind: 'federated',
          tokenSource: 'env',
          tokenReference: 'DVW_TEST_OIDC',
          expectedSubject: 'repo:contoso/app:environment:Production',
        },
      }),
    )
    expect(view.auth).toEqual({
      kind: 'federated',
      tokenSource: 'env',
      tokenReference: 'DVW_TEST_OIDC',
      expectedSubject: 'repo:contoso/app:environment:Production',
    })
    expect(await host.vault.has(vaultKeys.secret(view.id))).toBe(false)
    process.env.DVW_TEST_OIDC = TOKEN_VALUE
    try {
      const credential = await services.connections.credential(view.id)
      expect(credential.kind).toBe('federated')
      if (credential.kind !== 'federated') throw new Error('not federated')
      expect(await credential.assertion()).toBe(TOKEN_VALUE)
    } finally {
      delete process.env.DVW_TEST_OIDC
    }
    expect(everythingWritten()).not.toContain(TOKEN_VALUE)
  })

  it('takes a token file only when it was chosen in the file dialog, like a certificate', async () => {
    const file = join(dir, 'oidc.jwt')
    writeFileSync(file, TOKEN_VALUE)
    const federated = await draft({ auth: { kind: 'federated', tokenSource: 'file', tokenReference: file } })
    expect((await failureOf(services.connections.save(null, federated))).message).toContain('was not chosen')
    services.connections.allowPath(file)
    const view = await services.connections.save(null, federated)
    expect(view.auth).toMatchObject({ kind: 'federated', tokenSource: 'file', tokenReference: file })
  })

  it('never accepts a command from the editor: a window must not be able to run programs', async () => {
    const command = await draft({
      auth: {
        kind: 'federated',
        tokenSource: 'command',
        tokenReference: 'echo hi',
      } as unknown as ConnectionDraft['auth'],
    })
    await expect(services.connections.save(null, command)).rejects.toThrow()
  })
})
