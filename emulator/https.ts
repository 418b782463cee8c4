/**
 * The HTTPS adapter: the same emulator on 127.0.0.1 behind a CA and a server certificate made
 * at start. The authority binds one port and each organization its own port, so every org URL
 * is `https://127.0.0.1:<port>` and that exact URL is the token audience. The CA's PEM is
 * written to a temporary folder for clients to trust; nothing touches the system trust store.
 * `tls-untrusted` makes an org's port present a certificate from a second CA that is never
 * advertised.
 */
import { randomBytes } from 'node:crypto'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { createServer, type Server } from 'node:https'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  createRsaKeyPair,
  issueCertificate,
  sharedClientCertificate,
  toPfx,
  type CertificateMaterial,
} from './certificates'
import { createEmulator, type Emulator, type EmulatorOrg } from './emulator'
import {
  DEFAULT_ORGS,
  SCENARIO_APPS,
  TENANT_DOMAIN,
  TENANT_ID,
  type FederatedIdentityCredential,
  type ScenarioName,
} from './scenarios'
import type { EmulatorOptions, OrgConditions } from './options'

export interface HttpsEmulatorOptions extends Omit<EmulatorOptions, 'authorityUrl' | 'orgs' | 'powerPlatformApiUrl'> {
  /** First port: the authority binds it and the orgs the next ones. Default 0: any free ports. */
  readonly port?: number
  /** Default: contoso and fabrikam. Their URLs are assigned from the ports. */
  readonly orgs?: readonly { readonly name: string; readonly conditions?: OrgConditions }[]
}

export interface RunningEmulatorApp {
  readonly scenario: ScenarioName
  readonly clientId: string
  readonly displayName: string
  readonly clientSecret?: string
  readonly secretId?: string
  readonly secretExpiresOn?: string
  /** A federated scenario's credentials; mint a matching token with `emulator.federatedToken`. */
  readonly federatedCredentials?: readonly FederatedIdentityCredential[]
  readonly certificate?: {
    readonly certPath: string
    readonly keyPath: string
    readonly pfxPath: string
    readonly pfxPassword: string
    /** SHA-1, upper-case hex. */
    readonly thumbprint: string
    /** SHA-256, upper-case hex. */
    readonly thumbprintSha256: string
  }
}

export interface RunningEmulator {
  readonly emulator: Emulator
  readonly authorityUrl: string
  /** The tenant's Power Platform API, on a port of its own after the orgs'. */
  readonly powerPlatformApiUrl: string
  readonly tenantId: string
  readonly tenantDomain: string
  readonly orgs: readonly EmulatorOrg[]
  readonly apps: readonly RunningEmulatorApp[]
  readonly caCertPath: string
  readonly caPem: string
  /** The temporary folder holding the CA and the client certificates; deleted by close(). */
  readonly directory: string
  /** Resolves once the conditions are live, including a tls-untrusted certificate swap. */
  setConditions(orgName: string, conditions: OrgConditions): Promise<void>
  close(): Promise<void>
}

const LOOPBACK = '127.0.0.1'

interface TlsPair {
  readonly ca: CertificateMaterial
  readonly server: CertificateMaterial
}

async function tlsPair(name: string): Promise<TlsPair> {
  const [caKeys, serverKeys] = await Promise.all([createRsaKeyPair(), createRsaKeyPair()])
  const now = new Date()
  const ca = issueCertificate({
    commonName: name,
    organization: 'Dataverse Workbench emulator',
    keys: caKeys,
    isCa: true,
    validDays: 30,
    now,
  })
  const server = issueCertificate({
    commonName: 'localhost',
    organization: 'Dataverse Workbench emulator',
    keys: serverKeys,
    issuer: ca,
    dnsNames: ['localhost'],
    ipAddresses: [LOOPBACK],
    validDays: 30,
    now,
  })
  return { ca, server }
}

const secureContext = (pair: TlsPair) => ({
  key: pair.server.privateKeyPem,
  cert: pair.server.certPem + pair.ca.certPem,
})

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, LOOPBACK, () => {
      server.off('error', reject)
      resolve((server.address() as AddressInfo).port)
    })
  })
}

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => resolve(Buffer.concat(chunks)))
    request.on('error', reject)
  })
}

/** Bridges Node's request/response to the emulator's fetch handler. */
function bridge(origin: string, handler: () => Emulator | undefined) {
  return async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    try {
      const emulator = handler()
      if (!emulator) throw new Error('The emulator is still starting.')
      const method = request.method ?? 'GET'
      const headers = new Headers()
      for (const [name, value] of Object.entries(request.headers)) {
        if (value === undefined) continue
        for (const item of Array.isArray(value) ? value : [value]) headers.append(name, item)
      }
      const body = method === 'GET' || method === 'HEAD' ? undefined : await readBody(request)
      const answer = await emulator.fetch(
        new Request(`${origin}${request.url ?? '/'}`, {
          method,
          headers,
          ...(body ? { body: new Uint8Array(body) } : {}),
        }),
      )
      const out: Record<string, string> = {}
      answer.headers.forEach((value, name) => {
        out[name] = value
      })
      const payload = Buffer.from(await answer.arrayBuffer())
      response.writeHead(answer.status, out)
      response.end(payload)
    } catch (error) {
      response.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' })
      response.end(`Emulator failure: ${error instanceof Error ? error.message : String(error)}`)
    }
  }
}

export async function startHttpsEmulator(options: HttpsEmulatorOptions = {}): Promise<RunningEmulator> {
  const orgs: readonly { readonly name: string; readonly conditions?: OrgConditions }[] =
    options.orgs ?? DEFAULT_ORGS.map((org) => ({ name: org.name }))
  const firstPort = options.port ?? 0
  if (!Number.isInteger(firstPort) || firstPort < 0 || firstPort + orgs.length + 1 > 65535)
    throw new Error(`--port must be between 0 and ${65535 - orgs.length - 1}.`)
  const directory = await mkdtemp(join(tmpdir(), 'dvw-emulator-'))
  const servers: Server[] = []
  try {
    const certificateApps = SCENARIO_APPS.filter((app) => app.credential.kind === 'certificate')
    const [trusted, ...clientCertificates] = await Promise.all([
      tlsPair('Dataverse Workbench Emulator CA'),
      ...certificateApps.map((app) =>
        sharedClientCertificate(app.credential.kind === 'certificate' ? app.credential.subject : ''),
      ),
    ])
    // The second CA is only needed once an org is tls-untrusted: made on first use.
    let untrusted: Promise<TlsPair> | undefined
    const untrustedPair = (): Promise<TlsPair> => (untrusted ??= tlsPair('Untrusted Emulator CA (not advertised)'))
    const ready: { emulator?: Emulator } = {}
    const start = async (index: number): Promise<string> => {
      const server = createServer(secureContext(trusted))
      // Node's 5 s default closes idle connections sooner than the services this stands in for, which keep them for minutes.
      server.keepAliveTimeout = 60_000
      servers.push(server)
      const port = await listen(server, firstPort === 0 ? 0 : firstPort + index)
      const origin = `https://${LOOPBACK}:${port}`
      server.on(
        'request',
        bridge(origin, () => ready.emulator),
      )
      return origin
    }
    const authorityUrl = await start(0)
    const orgUrls: string[] = []
    for (let i = 0; i < orgs.length; i++) orgUrls.push(await start(i + 1))
    const powerPlatformApiUrl = await start(orgs.length + 1)
    const { port: _port, orgs: _orgs, ...rest } = options
    const emulator = createEmulator({
      ...rest,
      authorityUrl,
      powerPlatformApiUrl,
      orgs: orgs.map((org, i) => ({
        name: org.name,
        url: orgUrls[i] as string,
        ...(org.conditions ? { conditions: org.conditions } : {}),
      })),
    })
    const pendingTls = new Map<string, Promise<void>>()
    const applyTls = (orgName: string, conditions: OrgConditions): void => {
      const server = servers[orgs.findIndex((org) => org.name === orgName) + 1]
      if (!server) return
      if (!conditions.tlsUntrusted) {
        server.setSecureContext(secureContext(trusted))
        pendingTls.delete(orgName)
        return
      }
      const swap = untrustedPair().then((pair) => {
        // A later setConditions may have made the org trusted again meanwhile.
        if (emulator.orgs.find((org) => org.name === orgName)?.conditions.tlsUntrusted)
          server.setSecureContext(secureContext(pair))
      })
      pendingTls.set(orgName, swap)
    }
    ready.emulator = emulator
    for (const org of emulator.orgs) applyTls(org.name, org.conditions)
    emulator.onConditionsChange(applyTls)
    await Promise.all(pendingTls.values())

    const caCertPath = join(directory, 'ca.pem')
    await writeFile(caCertPath, trusted.ca.certPem, { mode: 0o644 })
    const apps: RunningEmulatorApp[] = []
    for (const app of SCENARIO_APPS) {
      const base = { scenario: app.scenario, clientId: app.clientId, displayName: app.displayName }
      if (app.credential.kind === 'secret') {
        apps.push({
          ...base,
          clientSecret: app.credential.secret,
          secretId: app.credential.secretId,
          secretExpiresOn: app.credential.expiresOn,
        })
        continue
      }
      if (app.credential.kind === 'federated') {
        apps.push({ ...base, federatedCredentials: app.credential.credentials })
        continue
      }
      const material = clientCertificates[certificateApps.indexOf(app)] as CertificateMaterial
      const password = randomBytes(9).toString('base64url')
      const certPath = join(directory, `${app.scenario}.cert.pem`)
      const keyPath = join(directory, `${app.scenario}.key.pem`)
      const pfxPath = join(directory, `${app.scenario}.pfx`)
      await writeFile(certPath, material.certPem, { mode: 0o644 })
      await writeFile(keyPath, material.privateKeyPem, { mode: 0o600 })
      await writeFile(pfxPath, toPfx(material, password), { mode: 0o600 })
      apps.push({
        ...base,
        certificate: {
          certPath,
          keyPath,
          pfxPath,
          pfxPassword: password,
          thumbprint: material.thumbprint,
          thumbprintSha256: material.thumbprintSha256,
        },
      })
    }
    const running = emulator
    let closed: Promise<void> | undefined
    return {
      emulator: running,
      authorityUrl,
      powerPlatformApiUrl,
      tenantId: TENANT_ID,
      tenantDomain: TENANT_DOMAIN,
      get orgs() {
        return running.orgs
      },
      apps,
      caCertPath,
      caPem: trusted.ca.certPem,
      directory,
      setConditions: async (orgName, conditions) => {
        running.setConditions(orgName, conditions)
        await pendingTls.get(orgName)
      },
      close: () => {
        closed ??= closeAll(servers, directory)
        return closed
      },
    }
  } catch (error) {
    await closeAll(servers, directory)
    throw error
  }
}

async function closeAll(servers: readonly Server[], directory: string): Promise<void> {
  await Promise.all(
    servers.map(
      (server) =>
        new Promise<void>((resolve) => {
          if (!server.listening) return resolve()
          server.close(() => resolve())
          server.closeAllConnections()
        }),
    ),
  )
  await rm(directory, { recursive: true, force: true })
}
