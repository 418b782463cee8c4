/**
 * The built-in "Sample environment (offline)": the in-process emulator behind a read-only, pinned
 * connection. The emulator (and its generated data) is created the first time the sample is used;
 * a certificate scenario's key pair the first time that scenario is chosen.
 */
import type { StoredAuth } from '@common/connection'
import {
  createEmulator,
  SAMPLE_CONNECTION,
  SCENARIO_APPS,
  type CertificateMaterial,
  type Emulator,
  type EmulatorOptions,
} from '../../emulator'
import type { ClientCredential } from '../auth/token-provider'
import type { SampleApp, SampleDefinition } from '../connections/sample'
import type { FetchLike } from '../http/types'

/** The sample as the services see it: its connection definition and the emulator behind it. */
export interface SampleEnvironment {
  readonly definition: SampleDefinition
  /** The in-process emulator's fetch, created on first use. */
  readonly fetch: () => FetchLike
}

/** `rows`, `latencyMs` and `limits` let tests make a smaller, slower or tighter sample; the app uses the emulator's defaults. */
export function createSampleEnvironment(
  options: Pick<EmulatorOptions, 'rows' | 'latencyMs' | 'limits'> = {},
): SampleEnvironment {
  let emulator: Emulator | null = null
  const instance = () => (emulator ??= createEmulator(options))
  const certificates = new Map<string, CertificateMaterial>()

  const apps: SampleApp[] = SCENARIO_APPS.map((app) => {
    const credential = app.credential
    if (credential.kind === 'secret') {
      const resolved: ClientCredential = { kind: 'secret', secret: credential.secret }
      const auth: StoredAuth = {
        kind: 'secret',
        hint: credential.secret.slice(0, 3),
        expiresOn: credential.expiresOn.slice(0, 10),
      }
      return {
        scenario: app.scenario,
        label: app.displayName,
        clientId: app.clientId,
        prepare: async () => undefined,
        credential: async () => resolved,
        auth: () => auth,
      }
    }
    if (credential.kind === 'federated') {
      // The sample's pipeline token: what GitHub Actions would hand the workflow its first credential trusts.
      const trusted = credential.credentials[0]
      const auth: StoredAuth = {
        kind: 'federated',
        tokenSource: 'command',
        tokenReference: '(built into the sample: a GitHub Actions OIDC token)',
        ...(trusted ? { expectedSubject: trusted.subject } : {}),
      }
      return {
        scenario: app.scenario,
        label: app.displayName,
        clientId: app.clientId,
        prepare: async () => undefined,
        credential: async (): Promise<ClientCredential> => ({
          kind: 'federated',
          sourceId: `sample\0${app.scenario}`,
          source: 'the sample (a GitHub Actions OIDC token the emulator signs)',
          assertion: () =>
            instance().federatedToken({
              ...(trusted ? { issuer: trusted.issuer, subject: trusted.subject } : { subject: app.clientId }),
            }),
        }),
        auth: () => auth,
      }
    }
    const prepare = async () => {
      if (!certificates.has(app.scenario)) certificates.set(app.scenario, await instance().certificate(app.scenario))
    }
    return {
      scenario: app.scenario,
      label: app.displayName,
      clientId: app.clientId,
      prepare,
      credential: async () => {
        await prepare()
        const material = certificates.get(app.scenario) as CertificateMaterial
        return {
          kind: 'certificate',
          privateKeyPem: material.privateKeyPem,
          thumbprintSha256: material.thumbprintSha256,
        }
      },
      auth: () => {
        const material = certificates.get(app.scenario)
        return material
          ? {
              kind: 'certificate',
              certificatePath: `(built into the sample: ${credential.subject})`,
              format: 'pem',
              thumbprintSha1: material.thumbprint,
              thumbprintSha256: material.thumbprintSha256,
              sendX5c: false,
              notAfter: material.notAfter.toISOString(),
            }
          : null
      },
    }
  })

  const definition: SampleDefinition = {
    name: SAMPLE_CONNECTION.name,
    orgUrl: SAMPLE_CONNECTION.orgUrl,
    tenantId: SAMPLE_CONNECTION.tenantId,
    authorityHost: new URL(SAMPLE_CONNECTION.authorityUrl).host,
    // The emulator answers as the commercial cloud (login.microsoftonline.com, *.crm.dynamics.com).
    cloud: 'commercial',
    apps,
    defaultScenario: 'healthy',
  }
  return { definition, fetch: () => instance().fetch }
}
