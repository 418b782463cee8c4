/**
 * createEmulator(): the in-process emulator (no socket). It serves an Entra ID authority and one
 * or more Dataverse organizations through one `fetch`-compatible function.
 */
import { createEmulatorApp } from './app'
import { sharedClientCertificate, sharedSigningKey, type CertificateMaterial } from './certificates'
import { generateOrgData, type Row } from './dataverse/data-generator'
import { createOrgApp, type OrgRuntime } from './dataverse/org-app'
import { SCHEMA } from './dataverse/schema'
import { SecurityModel } from './dataverse/security'
import { ServiceProtection } from './dataverse/service-protection'
import { OrgStore } from './dataverse/store'
import type { RegisteredCertificate } from './entra/assertion'
import { createAuthorityApp } from './entra/authority'
import { issueFederatedToken, type FederatedTokenRequest } from './entra/federated'
import {
  DEFAULT_LIMITS,
  DEFAULT_ROWS,
  DEFAULT_SEED,
  OrgConditionsSchema,
  type EmulatorOptions,
  type OrgConditions,
  type OrgOptions,
} from './options'
import { createPowerPlatformApiApp } from './powerplatform/api-app'
import { guidFor } from './random'
import {
  DEFAULT_AUTHORITY_URL,
  DEFAULT_ORGS,
  SCENARIO_APPS,
  scenarioApp,
  TENANT_DISPLAY_NAME,
  TENANT_DOMAIN,
  TENANT_ID,
  TOKEN_EXCHANGE_AUDIENCE,
  type ScenarioApp,
  type ScenarioName,
} from './scenarios'

export interface EmulatorOrg {
  readonly name: string
  /** Org root URL without trailing slash; the token audience. */
  readonly url: string
  readonly conditions: OrgConditions
}

export interface Emulator {
  /** The emulator as a `fetch`: pass it wherever a fetch function is expected. */
  readonly fetch: (input: Request | string | URL, init?: RequestInit) => Promise<Response>
  readonly tenantId: string
  readonly tenantDomain: string
  /** Authority root without trailing slash, e.g. `https://login.microsoftonline.com`. */
  readonly authorityUrl: string
  /** The tenant's Power Platform API root, e.g. `https://api.powerplatform.com`. */
  readonly powerPlatformApiUrl: string
  /** The organizations with their current conditions. */
  readonly orgs: readonly EmulatorOrg[]
  /** The scenario registry (app registrations with fixed ids and credentials). */
  readonly apps: readonly ScenarioApp[]
  /** Replaces an organization's conditions (validated); HTTPS mode swaps certificates for tls-untrusted. */
  setConditions(orgName: string, conditions: OrgConditions): void
  /** Listens to setConditions; returns the unsubscribe function. */
  onConditionsChange(listener: (orgName: string, conditions: OrgConditions) => void): () => void
  /** Read-only view of a table's rows (default org unless named), in primary-key order. */
  table(logicalName: string, orgName?: string): readonly Readonly<Row>[]
  /** Key, certificate and thumbprints of a certificate scenario's client certificate (made at first use). */
  certificate(scenario: ScenarioName): Promise<CertificateMaterial>
  /**
   * An OIDC token as GitHub Actions or Azure DevOps would hand a pipeline, signed with the key the
   * emulator holds for those issuers (default issuer GitHub, audience api://AzureADTokenExchange).
   */
  federatedToken(request: FederatedTokenRequest): Promise<string>
}

const DEFAULT_POWER_PLATFORM_API_URL = 'https://api.powerplatform.com'

/** Graph is a resource principal in every tenant; a Graph token sent to Dataverse is the classic wrong-audience mistake. */
const OTHER_RESOURCES = ['https://graph.microsoft.com']

function normalizeUrl(url: string, what: string): string {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    throw new Error(`${what} '${url}' is not a URL.`)
  }
  if (parsed.protocol !== 'https:') throw new Error(`${what} '${url}' must use https.`)
  if (parsed.pathname !== '/' || parsed.search || parsed.hash)
    throw new Error(`${what} '${url}' must be an origin only, without a path.`)
  return parsed.origin.toLowerCase()
}

function positive(value: number | undefined, fallback: number, what: string, min = 1): number {
  if (value === undefined) return fallback
  if (!Number.isInteger(value) || value < min)
    throw new Error(`${what} must be a whole number of at least ${min}, not ${String(value)}.`)
  return value
}

/** A registration that exists on the app but whose key the emulator never had. */
function foreignCertificate(app: ScenarioApp): RegisteredCertificate {
  const hex = (label: string, length: number): string =>
    guidFor(`${app.clientId}:${label}`).replace(/-/g, '').repeat(3).slice(0, length).toUpperCase()
  return {
    thumbprint: hex('sha1', 40),
    thumbprintSha256: hex('sha256', 64),
    notBefore: new Date('2025-01-01T00:00:00Z'),
    notAfter: new Date('2027-01-01T00:00:00Z'),
  }
}

async function registeredCertificates(app: ScenarioApp): Promise<readonly RegisteredCertificate[]> {
  if (app.credential.kind !== 'certificate') return []
  if (!app.credential.registered) return [foreignCertificate(app)]
  const material = await sharedClientCertificate(app.credential.subject)
  return [material]
}

export function createEmulator(options: EmulatorOptions = {}): Emulator {
  const now = options.clock ?? Date.now
  const authorityUrl = normalizeUrl(options.authorityUrl ?? DEFAULT_AUTHORITY_URL, 'authorityUrl')
  const seed = options.seed ?? DEFAULT_SEED
  const rows = {
    accounts: positive(options.rows?.accounts, DEFAULT_ROWS.accounts, 'rows.accounts', 0),
    contacts: positive(options.rows?.contacts, DEFAULT_ROWS.contacts, 'rows.contacts', 0),
  }
  const limits = {
    windowRequests: positive(options.limits?.windowRequests, DEFAULT_LIMITS.windowRequests, 'limits.windowRequests'),
    windowSeconds: positive(options.limits?.windowSeconds, DEFAULT_LIMITS.windowSeconds, 'limits.windowSeconds'),
    concurrent: positive(options.limits?.concurrent, DEFAULT_LIMITS.concurrent, 'limits.concurrent'),
    executionMs: positive(options.limits?.executionMs, DEFAULT_LIMITS.executionMs, 'limits.executionMs'),
  }
  const latencyMs = positive(options.latencyMs, 0, 'latencyMs', 0)
  const orgOptions: readonly OrgOptions[] = options.orgs ?? DEFAULT_ORGS
  if (orgOptions.length === 0) throw new Error('An emulator needs at least one organization.')

  const runtimes: OrgRuntime[] = []
  const powerPlatformApiUrl = normalizeUrl(
    options.powerPlatformApiUrl ?? DEFAULT_POWER_PLATFORM_API_URL,
    'powerPlatformApiUrl',
  )
  const seen = new Set<string>([new URL(authorityUrl).host, new URL(powerPlatformApiUrl).host])
  for (const org of orgOptions) {
    const url = normalizeUrl(org.url, `The URL of org '${org.name}'`)
    const host = new URL(url).host
    if (seen.has(host))
      throw new Error(
        `The host ${host} is used twice: the authority and every organization need their own host (or port).`,
      )
    seen.add(host)
    if (runtimes.some((r) => r.name === org.name)) throw new Error(`Two organizations are named '${org.name}'.`)
    const conditions = OrgConditionsSchema.parse(org.conditions ?? {})
    let state: { store: OrgStore; security: SecurityModel } | undefined
    runtimes.push({
      name: org.name,
      url,
      conditions,
      requests: 0,
      protection: new ServiceProtection(limits, now),
      state: () => {
        if (!state) {
          const store = new OrgStore(
            SCHEMA,
            generateOrgData({
              orgName: org.name,
              seed,
              accounts: rows.accounts,
              contacts: rows.contacts,
              keys: options.keys ?? 'random',
              anchor: now(),
            }),
          )
          state = { store, security: new SecurityModel(store) }
        }
        return state
      },
    })
  }

  // The RSA key that signs tokens is made on the thread pool while the caller starts up, not when
  // the first token is asked for (a CLI `check --sample` would wait for it at its token step).
  sharedSigningKey().catch(() => undefined)
  const tenant = { id: TENANT_ID, domain: TENANT_DOMAIN, displayName: TENANT_DISPLAY_NAME }
  const authority = createAuthorityApp({
    tenant,
    authorityUrl,
    now,
    resources: () => [...runtimes.map((r) => r.url), powerPlatformApiUrl, ...OTHER_RESOURCES],
    signingKey: sharedSigningKey,
    registeredCertificates,
    federatedCredentials: (app) => [
      ...(app.credential.kind === 'federated' ? app.credential.credentials : []),
      ...(options.federation?.credentials ?? [])
        .filter((added) => added.clientId.toLowerCase() === app.clientId)
        .map((added, index) => ({
          name: added.name ?? `added-${index + 1}`,
          issuer: added.issuer,
          subject: added.subject,
          audiences: added.audiences ?? [TOKEN_EXCHANGE_AUDIENCE],
        })),
    ],
    federation: options.federation ?? {},
  })
  const environment = { tenantId: TENANT_ID, authorityUrl, now, latencyMs, signingKey: sharedSigningKey }
  const app = createEmulatorApp({
    authorityHost: new URL(authorityUrl).host,
    authority,
    orgs: new Map(runtimes.map((runtime) => [new URL(runtime.url).host, createOrgApp(runtime, environment)])),
    powerPlatform: {
      host: new URL(powerPlatformApiUrl).host,
      app: createPowerPlatformApiApp({
        apiUrl: powerPlatformApiUrl,
        tenantId: TENANT_ID,
        now,
        signingKey: sharedSigningKey,
        orgs: () => runtimes,
      }),
    },
  })
  const listeners = new Set<(orgName: string, conditions: OrgConditions) => void>()
  const runtime = (orgName?: string): OrgRuntime => {
    const found = orgName === undefined ? runtimes[0] : runtimes.find((r) => r.name === orgName)
    if (!found)
      throw new Error(`No organization named '${orgName ?? ''}'. Known: ${runtimes.map((r) => r.name).join(', ')}.`)
    return found
  }

  return {
    fetch: async (input, init) =>
      app.fetch(input instanceof Request && init === undefined ? input : new Request(input, init)),
    tenantId: TENANT_ID,
    tenantDomain: TENANT_DOMAIN,
    authorityUrl,
    powerPlatformApiUrl,
    get orgs() {
      return runtimes.map((r) => ({ name: r.name, url: r.url, conditions: r.conditions }))
    },
    apps: SCENARIO_APPS,
    setConditions(orgName, conditions) {
      const target = runtime(orgName)
      target.conditions = OrgConditionsSchema.parse(conditions)
      for (const listener of listeners) listener(target.name, target.conditions)
    },
    onConditionsChange(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    table(logicalName, orgName) {
      const { store } = runtime(orgName).state()
      if (!store.index.table(logicalName)) throw new Error(`No table '${logicalName}'.`)
      return store.table(logicalName).rows
    },
    certificate(scenario) {
      const app = scenarioApp(scenario)
      if (app.credential.kind !== 'certificate')
        return Promise.reject(
          new Error(
            `The scenario '${scenario}' uses a ${app.credential.kind === 'secret' ? 'client secret' : 'federated credential'}, not a certificate.`,
          ),
        )
      return sharedClientCertificate(app.credential.subject)
    },
    federatedToken: (request) => issueFederatedToken({ now: now(), ...request }),
  }
}
