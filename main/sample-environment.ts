/**
 * The built-in "Sample environment (offline)": the sample connection's definition (one app per
 * emulator scenario, so training mode can switch between them) and the in-process emulator that
 * answers it. Async because the certificate scenarios' key pairs are made once, at start.
 */
import { createEmulator, SAMPLE_CONNECTION, SCENARIO_APPS, type Emulator, type EmulatorOptions, type ScenarioApp, type ScenarioName } from '../emulator'
import type { SampleApp, SampleDefinition } from './connections/sample'
import type { SampleEnvironment } from './services'

/** What the training-mode picker shows for each scenario. */
const LABELS: Readonly<Record<ScenarioName, string>> = {
  healthy: 'Healthy (client secret)',
  'healthy-certificate': 'Healthy (certificate)',
  'expired-secret': 'Expired client secret',
  'no-app-user': 'No application user',
  'app-user-disabled': 'Application user disabled',
  'no-roles': 'No security role',
  'missing-privilege': 'Missing a table privilege',
  'certificate-not-registered': 'Certificate not registered',
  'conditional-access-blocked': 'Blocked by Conditional Access',
  'app-disabled': 'App disabled in the tenant',
}

async function sampleApp(emulator: Emulator, app: ScenarioApp): Promise<SampleApp> {
  const base = { scenario: app.scenario, label: LABELS[app.scenario], clientId: app.clientId }
  if (app.credential.kind === 'secret') {
    return {
      ...base,
      credential: { kind: 'secret', secret: app.credential.secret },
      auth: { kind: 'secret', hint: app.credential.secret.slice(0, 3), expiresOn: app.credential.expiresOn.slice(0, 10) },
    }
  }
  const material = await emulator.certificate(app.scenario)
  return {
    ...base,
    credential: { kind: 'certificate', privateKeyPem: material.privateKeyPem, thumbprintSha256: material.thumbprintSha256 },
    auth: {
      kind: 'certificate',
      certificatePath: `built-in sample certificate (${app.credential.subject})`,
      format: 'pem',
      thumbprintSha1: material.thumbprint,
      thumbprintSha256: material.thumbprintSha256,
      sendX5c: false,
      notAfter: material.notAfter.toISOString(),
    },
  }
}

export async function createSampleEnvironment(options: Pick<EmulatorOptions, 'rows' | 'seed'> = {}): Promise<SampleEnvironment> {
  let emulator: Emulator | undefined
  const get = (): Emulator => (emulator ??= createEmulator(options))
  const definition: SampleDefinition = {
    name: SAMPLE_CONNECTION.name,
    orgUrl: SAMPLE_CONNECTION.orgUrl,
    tenantId: SAMPLE_CONNECTION.tenantId,
    authorityHost: new URL(SAMPLE_CONNECTION.authorityUrl).host,
    cloud: 'commercial',
    defaultScenario: 'healthy',
    apps: await Promise.all(SCENARIO_APPS.map((app) => sampleApp(get(), app))),
  }
  const fetch = (request: Request) => get().fetch(request)
  return { definition, fetch: () => fetch }
}
