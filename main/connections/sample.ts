/**
 * The built-in "Sample environment (offline)": a pinned, read-only connection to the in-process
 * emulator. Its credentials are public sample data, so they come from the definition, not the vault.
 * Which emulator scenario app it signs in as is a property of the connection (training mode).
 */
import type { Cloud } from '@common/clouds'
import type { Connection, LastTest, StoredAuth } from '@common/connection'
import { AppFailure } from '@common/result'
import type { ClientCredential } from '../auth/token-provider'

export const SAMPLE_CONNECTION_ID = 'sample'

export interface SampleApp {
  readonly scenario: string
  readonly label: string
  readonly clientId: string
  /** Certificate scenarios make their key pair on first use; secret scenarios resolve at once. */
  prepare(): Promise<void>
  credential(): Promise<ClientCredential>
  /** How the credential is shown (hint, thumbprints), never the credential itself; null until prepared. */
  auth(): StoredAuth | null
}

export interface SampleDefinition {
  readonly name: string
  readonly orgUrl: string
  readonly tenantId: string
  readonly authorityHost: string
  readonly cloud: Cloud
  readonly apps: readonly SampleApp[]
  readonly defaultScenario: string
}

/** A fixed instant: the sample is not something the user created. */
const SAMPLE_CREATED = '2026-01-01T00:00:00.000Z'

export function sampleApp(definition: SampleDefinition, scenario: string | null): SampleApp {
  const wanted = scenario ?? definition.defaultScenario
  const app =
    definition.apps.find((candidate) => candidate.scenario === wanted) ??
    definition.apps.find((candidate) => candidate.scenario === definition.defaultScenario)
  if (!app) throw new Error(`the sample definition has no app for its default scenario ${definition.defaultScenario}`)
  return app
}

export function sampleConnection(
  definition: SampleDefinition,
  state: { scenario: string; lastTest: LastTest | null } | null,
): Connection {
  const app = sampleApp(definition, state?.scenario ?? null)
  const auth = app.auth()
  if (!auth) {
    throw new AppFailure({
      code: 'SECRET_UNAVAILABLE',
      message: `The sample's certificate for "${app.label}" is still being made.`,
      cause: 'Certificate scenarios generate their key pair the first time they are used.',
      next: 'Try again in a moment.',
    })
  }
  return {
    id: SAMPLE_CONNECTION_ID,
    name: definition.name,
    orgUrl: definition.orgUrl,
    apiVersion: '9.2',
    cloud: definition.cloud,
    authorityHost: definition.authorityHost,
    // The in-process emulator answers as login.microsoftonline.com itself, so no custom host is needed.
    customSignInHost: false,
    tenantId: definition.tenantId,
    clientId: app.clientId,
    auth,
    environment: 'dev',
    colour: '#038387',
    readOnly: true,
    notes: `Runs offline against the built-in emulator. Signed in as the "${app.label}" sample app.`,
    createdAt: SAMPLE_CREATED,
    updatedAt: SAMPLE_CREATED,
    lastTest: state?.lastTest ?? null,
    builtIn: 'sample',
    scenario: app.scenario,
  }
}
