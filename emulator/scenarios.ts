/**
 * The fixed scenario registry: one tenant and one Entra app registration per scenario, with
 * FIXED ids and secrets so tests, docs and the diagnostics engine can name them. This is data,
 * not behaviour: the Entra side (entra/) and the organizations (dataverse/) read it.
 *
 * Every secret here is a public, made-up value that only this emulator accepts.
 */
import type { RoleName } from './dataverse/roles'

export const TENANT_ID = '4c192492-e19d-4369-b4be-84470eb0844d'
export const TENANT_DOMAIN = 'contoso.onmicrosoft.com'
export const TENANT_DISPLAY_NAME = 'Contoso'

export const SCENARIO_NAMES = [
  'healthy',
  'healthy-certificate',
  'expired-secret',
  'no-app-user',
  'app-user-disabled',
  'no-roles',
  'missing-privilege',
  'certificate-not-registered',
  'conditional-access-blocked',
  'app-disabled',
  'service-principal-missing',
  'cross-cloud-app',
  'secret-blocked-by-policy',
  'federated-credential',
] as const
export type ScenarioName = (typeof SCENARIO_NAMES)[number]

export interface SecretCredential {
  readonly kind: 'secret'
  /** The secret's value: what a client must send. */
  readonly secret: string
  /** The secret's id (the "Secret ID" column in the portal): what people paste by mistake. */
  readonly secretId: string
  /** ISO date-time after which Entra answers AADSTS7000222. */
  readonly expiresOn: string
}

export interface CertificateCredential {
  readonly kind: 'certificate'
  /** Subject of the certificate the scenario hands out (the emulator generates it at first use). */
  readonly subject: string
  /**
   * Whether the certificate handed out is the one registered on the app. When false the app has a
   * different certificate registered, so a correctly signed assertion still fails with AADSTS700027.
   */
  readonly registered: boolean
}

/** One federated identity credential on the app registration: Entra compares all three exactly (case-sensitively). */
export interface FederatedIdentityCredential {
  readonly name: string
  readonly issuer: string
  readonly subject: string
  readonly audiences: readonly string[]
}

export interface FederatedCredential {
  readonly kind: 'federated'
  readonly credentials: readonly FederatedIdentityCredential[]
}

/** The audience Entra expects in a federated token from any external issuer. */
export const TOKEN_EXCHANGE_AUDIENCE = 'api://AzureADTokenExchange'
/** GitHub Actions' OIDC issuer, and the Azure DevOps organization id the federated scenario trusts. */
export const GITHUB_ISSUER = 'https://token.actions.githubusercontent.com'
export const AZURE_DEVOPS_ORG_ID = '6f0c42b9-4d4e-4a8c-9b0f-2c1e5d7a3b18'
export const AZURE_DEVOPS_ISSUER = `https://vstoken.dev.azure.com/${AZURE_DEVOPS_ORG_ID}`

/** Where the scenario is expected to fail, so a preflight check can be tested against each one. */
export type ScenarioOutcome =
  | { readonly stage: 'none' }
  | { readonly stage: 'token'; readonly aadsts: number; readonly error: string }
  | { readonly stage: 'dataverse'; readonly status: number; readonly code: string; readonly when: string }

export interface ScenarioAppUser {
  /** `systemuserid` of the application user in every organization. */
  readonly systemUserId: string
  readonly isDisabled: boolean
  /** Roles assigned directly to the app user. */
  readonly roles: readonly RoleName[]
  /** Owner teams the app user belongs to; their roles count too (reported at Basic depth). */
  readonly teams: readonly string[]
}

export interface ScenarioApp {
  readonly scenario: ScenarioName
  /** Application (client) id. */
  readonly clientId: string
  readonly displayName: string
  /** Object id of the app's service principal in the tenant: the token's `oid`/`sub`. */
  readonly servicePrincipalId: string
  readonly credential: SecretCredential | CertificateCredential | FederatedCredential
  /** False: Entra answers AADSTS7000112 (the service principal is disabled). */
  readonly enabled: boolean
  /** True: a Conditional Access policy blocks this workload identity (AADSTS53003). */
  readonly conditionalAccessBlocked: boolean
  /**
   * Why Entra refuses a token although the credential is right: the tenant has no service principal
   * for this (multitenant) app (AADSTS7000229), or the app is registered in another national cloud
   * (AADSTS900382).
   */
  readonly tokenRefusal?: 'service-principal-missing' | 'cross-cloud'
  /**
   * The tenant's app management policy on this app's password credentials (Graph
   * passwordCredentialConfiguration). Entra checks it when a secret is added, not at sign-in: what a
   * client sees is the secret running out with no way to add another.
   */
  readonly appManagementPolicy?: {
    readonly restrictionType: 'passwordAddition' | 'passwordLifetime'
    /** ISO 8601 duration, for passwordLifetime. */
    readonly maxLifetime?: string
    /** What adding a secret answers (portal, Graph addPassword, az ad app credential reset). */
    readonly additionRefusal: string
  }
  /** The application user in each organization, or null when the org has none (0x80072560). */
  readonly appUser: ScenarioAppUser | null
  readonly description: string
  readonly expected: ScenarioOutcome
}

const FUTURE = '2099-12-31T23:59:59Z'

export const SCENARIO_APPS: readonly ScenarioApp[] = [
  {
    scenario: 'healthy',
    clientId: 'd2c764a5-f446-4c69-a646-7d74e7ea5973',
    displayName: 'Workbench Healthy App',
    servicePrincipalId: 'e629022c-4b1b-4621-8a23-0ad2514a540a',
    credential: {
      kind: 'secret',
      secret: '8xx8Q~OY0T4CbuH9E1PVULahxO4wWevakdke6Eb8',
      secretId: '723e3ab9-ef51-4a0f-8c1f-08c7c6aee334',
      expiresOn: FUTURE,
    },
    enabled: true,
    conditionalAccessBlocked: false,
    appUser: {
      systemUserId: '4999d93b-f02c-41b1-bb3a-12f0a020dfbd',
      isDisabled: false,
      roles: ['System Administrator'],
      teams: [],
    },
    description: 'Client secret; the application user has the System Administrator role. Everything works.',
    expected: { stage: 'none' },
  },
  {
    scenario: 'healthy-certificate',
    clientId: '1cfcafa9-97c7-42c5-bd7f-008eeeddfd27',
    displayName: 'Workbench Certificate App',
    servicePrincipalId: 'cd8f0fa2-2ba3-461c-8479-0f5e1304c9ae',
    credential: { kind: 'certificate', subject: 'CN=Workbench Certificate App', registered: true },
    enabled: true,
    conditionalAccessBlocked: false,
    appUser: {
      systemUserId: 'ce929544-3782-4c13-b38c-6e1403a8b442',
      isDisabled: false,
      roles: ['System Administrator'],
      teams: [],
    },
    description: 'Certificate credential (SHA-1 or SHA-256 thumbprint); System Administrator. Everything works.',
    expected: { stage: 'none' },
  },
  {
    scenario: 'expired-secret',
    clientId: '1fe35e9f-8841-4787-8b6e-58d10639adb9',
    displayName: 'Workbench Expired Secret App',
    servicePrincipalId: '208a1d36-7e2e-410a-8d0e-9a03667ef1e7',
    credential: {
      kind: 'secret',
      secret: 'iJ08Q~zerGEyl8TgAfcWshBwoCealYg84KkTLabS',
      secretId: 'cc70c436-0d93-4d5c-b757-81823e2f4cbb',
      expiresOn: '2024-03-31T00:00:00Z',
    },
    enabled: true,
    conditionalAccessBlocked: false,
    appUser: {
      systemUserId: '38d4ed49-5821-4d00-8c9f-a5e316d03268',
      isDisabled: false,
      roles: ['System Administrator'],
      teams: [],
    },
    description: 'The only client secret passed its end date.',
    expected: { stage: 'token', aadsts: 7000222, error: 'invalid_client' },
  },
  {
    scenario: 'no-app-user',
    clientId: 'd56df86e-2d22-49e4-81cd-cf86865d52c0',
    displayName: 'Workbench No App User App',
    servicePrincipalId: 'f328624e-0a49-4a69-948f-139f6d714384',
    credential: {
      kind: 'secret',
      secret: '0lj8Q~ylMSSutL1ph2JGHJXJsi9PwgR67jKFYwYH',
      secretId: '8aff7df5-5dc3-469a-8df4-de9ff5ee86e6',
      expiresOn: FUTURE,
    },
    enabled: true,
    conditionalAccessBlocked: false,
    appUser: null,
    description: 'The token is fine, but no organization has an application user for this app.',
    expected: {
      stage: 'dataverse',
      status: 403,
      code: '0x80072560',
      when: 'any authenticated Web API call (WhoAmI included)',
    },
  },
  {
    scenario: 'app-user-disabled',
    clientId: '9d131f3f-59d3-46b2-8b14-45698fd43575',
    displayName: 'Workbench Disabled User App',
    servicePrincipalId: '0ccf9747-8ce6-4af1-99fc-810fd69ee434',
    credential: {
      kind: 'secret',
      secret: 'WrR8Q~3bxXhRRJP5Qsuy8lsR7Zt2ngoMnTItseio',
      secretId: 'af2bd1d5-d70a-4d22-a0d1-a10f22178ebd',
      expiresOn: FUTURE,
    },
    enabled: true,
    conditionalAccessBlocked: false,
    appUser: {
      systemUserId: '3b25ddea-02a5-4e61-9ca2-298f19d214ad',
      isDisabled: true,
      roles: ['System Administrator'],
      teams: [],
    },
    description: 'The application user exists but is deactivated.',
    expected: {
      stage: 'dataverse',
      status: 403,
      code: '0x80040225',
      when: 'any authenticated Web API call (WhoAmI included)',
    },
  },
  {
    scenario: 'no-roles',
    clientId: '950f20b4-e09e-4cfd-b708-3ba5dc7240e8',
    displayName: 'Workbench No Roles App',
    servicePrincipalId: '7a31fd3b-eba3-4fcb-985d-06bc5eb073b2',
    credential: {
      kind: 'secret',
      secret: 'MKs8Q~pWbFUPeZewYR5Wx0o8zTG7vlLKANdPfsQQ',
      secretId: 'af341c27-7c9b-4c9d-a673-0d2377a6e734',
      expiresOn: FUTURE,
    },
    enabled: true,
    conditionalAccessBlocked: false,
    appUser: { systemUserId: 'f9dd247e-c09a-4975-ab40-16e7ccc38b47', isDisabled: false, roles: [], teams: [] },
    description: 'The application user exists and is enabled but has no security role. WhoAmI still works.',
    expected: { stage: 'dataverse', status: 403, code: '0x80042F09', when: 'any table query (WhoAmI succeeds)' },
  },
  {
    scenario: 'missing-privilege',
    clientId: 'a79ce9ab-df90-4c49-86c7-e9d01916967a',
    displayName: 'Workbench Missing Privilege App',
    servicePrincipalId: '810fd365-4c88-4d86-93ff-b93302fa572f',
    credential: {
      kind: 'secret',
      secret: 'Iac8Q~dtOgmIRi7Px3BZ8AwnETUPIBgbAyaJFMR8',
      secretId: '97e81977-bcc9-4b6d-90c5-bea96e2b634d',
      expiresOn: FUTURE,
    },
    enabled: true,
    conditionalAccessBlocked: false,
    appUser: {
      systemUserId: '94b722a7-7ec8-4fb4-af2c-3c71cad4eb9b',
      isDisabled: false,
      roles: ['Workbench Reader'],
      teams: ['Project Team'],
    },
    description:
      'The application user has the "Workbench Reader" role, which reads accounts but has no read privilege on contact. ' +
      'It is also in the "Project Team" owner team, whose role grants Basic access to projects.',
    expected: { stage: 'dataverse', status: 403, code: '0x80040220', when: 'reading contacts (prvReadContact)' },
  },
  {
    scenario: 'certificate-not-registered',
    clientId: 'aa52729f-998b-4b40-b998-563f36b86cd3',
    displayName: 'Workbench Wrong Certificate App',
    servicePrincipalId: '047b9deb-af60-4a63-814c-c79c0d650ac9',
    credential: { kind: 'certificate', subject: 'CN=Workbench Wrong Certificate App', registered: false },
    enabled: true,
    conditionalAccessBlocked: false,
    appUser: {
      systemUserId: '53c4f1cb-2bcc-489c-9f38-a5b36af883b1',
      isDisabled: false,
      roles: ['System Administrator'],
      teams: [],
    },
    description: 'The certificate handed out is not the one uploaded to the app registration.',
    expected: { stage: 'token', aadsts: 700027, error: 'invalid_client' },
  },
  {
    scenario: 'conditional-access-blocked',
    clientId: 'c96cf06a-c9cf-441a-8fe6-00745967a628',
    displayName: 'Workbench Blocked App',
    servicePrincipalId: 'bd8310d3-0f07-4887-b57b-6d846736a159',
    credential: {
      kind: 'secret',
      secret: 'sSP8Q~vy6zg4hh5bKxSnK9zep7Py86NSUF6VFimE',
      secretId: 'd56691cb-7bad-429e-a73c-6b8d37e46598',
      expiresOn: FUTURE,
    },
    enabled: true,
    conditionalAccessBlocked: true,
    appUser: {
      systemUserId: '82eded54-e52a-4dc5-9c7a-bcca98071e79',
      isDisabled: false,
      roles: ['System Administrator'],
      teams: [],
    },
    description: 'A Conditional Access policy for workload identities blocks token issuance.',
    expected: { stage: 'token', aadsts: 53003, error: 'invalid_grant' },
  },
  {
    scenario: 'app-disabled',
    clientId: '3d007b43-3947-4a63-8080-e089c086ddd6',
    displayName: 'Workbench Disabled App',
    servicePrincipalId: '813c6d0f-1029-44b2-a459-f077de364f1d',
    credential: {
      kind: 'secret',
      secret: 'W0B8Q~8Rm13WAKQjLyEcYKVwygqaA96UQJDKgjtd',
      secretId: 'f1986c75-d1cf-40d8-a138-a1e097911cce',
      expiresOn: FUTURE,
    },
    enabled: false,
    conditionalAccessBlocked: false,
    appUser: {
      systemUserId: '2dad0670-7291-4e42-833f-f2b9f40c08cc',
      isDisabled: false,
      roles: ['System Administrator'],
      teams: [],
    },
    description: "The app's service principal (enterprise application) is disabled in the tenant.",
    expected: { stage: 'token', aadsts: 7000112, error: 'unauthorized_client' },
  },
  {
    scenario: 'service-principal-missing',
    clientId: '24d20046-8b6c-41af-9e9d-920f7e767078',
    displayName: 'Workbench Partner App',
    servicePrincipalId: '00000000-0000-0000-0000-000000000000',
    credential: {
      kind: 'secret',
      secret: 'aeP8Q~5WJfwMMMrJXyhqhtl4txna5sZgNmU2QPu3',
      secretId: 'd33d3b3e-7831-43a1-8a31-06ce0d4aba37',
      expiresOn: FUTURE,
    },
    enabled: true,
    conditionalAccessBlocked: false,
    tokenRefusal: 'service-principal-missing',
    appUser: {
      systemUserId: '58b4c098-1037-4214-b93d-9546233e6ded',
      isDisabled: false,
      roles: ['System Administrator'],
      teams: [],
    },
    description:
      'A multitenant app registered in a partner tenant, never consented here: this tenant has no enterprise application for it. ' +
      'Sign-ins without a service principal are blocked since March 2026.',
    expected: { stage: 'token', aadsts: 7000229, error: 'invalid_client' },
  },
  {
    scenario: 'cross-cloud-app',
    clientId: '46f65f7a-c3f0-4a6c-99bb-3dabe712d7fa',
    displayName: 'Workbench Gov Cloud App',
    servicePrincipalId: '1f4b1157-4c89-477d-9845-23ea2605af75',
    credential: {
      kind: 'secret',
      secret: '4jj8Q~XukZqtAbABSzK4HfYGC3qkKeFQku2u4sBD',
      secretId: 'b7c9bdd9-0f9d-49a9-9b06-1dd61e7ad067',
      expiresOn: FUTURE,
    },
    enabled: true,
    conditionalAccessBlocked: false,
    tokenRefusal: 'cross-cloud',
    appUser: {
      systemUserId: '4f145ef0-9830-4414-a229-b8a89002285d',
      isDisabled: false,
      roles: ['System Administrator'],
      teams: [],
    },
    description:
      'The app is registered in another national cloud (US Government) than the tenant and environment it signs in to.',
    expected: { stage: 'token', aadsts: 900382, error: 'invalid_request' },
  },
  {
    scenario: 'secret-blocked-by-policy',
    clientId: '8154a3f5-00ef-423a-a9f5-e7d3065e690a',
    displayName: 'Workbench Policy Blocked Secret App',
    servicePrincipalId: '23b8a311-bdaa-4f3c-b6e9-889f0b451021',
    credential: {
      kind: 'secret',
      secret: 'yBy8Q~pOfwWuELAM8it4U0dTLD4Sq85jI3HpGw1O',
      secretId: 'ea35bdc3-e051-4ee7-bda6-3a0bbeee9445',
      expiresOn: '2025-06-30T00:00:00Z',
    },
    enabled: true,
    conditionalAccessBlocked: false,
    appManagementPolicy: {
      restrictionType: 'passwordAddition',
      additionRefusal: 'Credential type not allowed as per assigned policy',
    },
    appUser: {
      systemUserId: '59b5805f-f23c-4cbf-bfc8-3135a9133255',
      isDisabled: false,
      roles: ['System Administrator'],
      teams: [],
    },
    description:
      "The app's only client secret ran out, and the tenant's default app management policy blocks adding client secrets (passwordAddition), so it cannot be renewed: the app has to move to a certificate or a federated credential.",
    expected: { stage: 'token', aadsts: 7000222, error: 'invalid_client' },
  },
  {
    scenario: 'federated-credential',
    clientId: '5b3e0f7c-2a41-4d8e-9c6b-7e1f0a2d4c93',
    displayName: 'Workbench Pipeline App',
    servicePrincipalId: 'a3d9e2c1-6b4f-4e0a-8d7c-1f2e3b4a5c6d',
    credential: {
      kind: 'federated',
      credentials: [
        {
          name: 'github-production',
          issuer: GITHUB_ISSUER,
          subject: 'repo:contoso/dataverse-pipeline:environment:Production',
          audiences: [TOKEN_EXCHANGE_AUDIENCE],
        },
        {
          name: 'azure-devops-dataverse',
          issuer: AZURE_DEVOPS_ISSUER,
          subject: 'sc://contoso/Dataverse/dataverse-prod',
          audiences: [TOKEN_EXCHANGE_AUDIENCE],
        },
      ],
    },
    enabled: true,
    conditionalAccessBlocked: false,
    appUser: {
      systemUserId: '7c1d5e9a-3f2b-4a6c-8e0d-9b4f2a1c7e35',
      isDisabled: false,
      roles: ['System Administrator'],
      teams: [],
    },
    description:
      'No secret: the app trusts GitHub Actions (environment Production of contoso/dataverse-pipeline) and an Azure DevOps service connection through federated identity credentials.',
    expected: { stage: 'none' },
  },
]

export function scenarioApp(scenario: ScenarioName): ScenarioApp {
  const app = SCENARIO_APPS.find((candidate) => candidate.scenario === scenario)
  if (!app) throw new Error(`Unknown emulator scenario '${scenario}'.`)
  return app
}

export function findAppByClientId(clientId: string): ScenarioApp | undefined {
  const wanted = clientId.toLowerCase()
  return SCENARIO_APPS.find((app) => app.clientId === wanted)
}

const healthy = scenarioApp('healthy')
const healthySecret = healthy.credential as SecretCredential

/** The organizations every emulator serves unless told otherwise. */
export const DEFAULT_AUTHORITY_URL = 'https://login.microsoftonline.com'
export const DEFAULT_ORGS = [
  { name: 'contoso', url: 'https://contoso.crm.dynamics.com' },
  { name: 'fabrikam', url: 'https://fabrikam.crm4.dynamics.com' },
] as const

/**
 * What the app uses for its built-in "Sample environment (offline)" connection: the default
 * organization reached through the in-process emulator with the healthy app's secret.
 */
export const SAMPLE_CONNECTION = {
  name: 'Sample environment (offline)',
  orgName: 'contoso',
  orgUrl: DEFAULT_ORGS[0].url,
  webApiVersion: 'v9.2',
  authorityUrl: DEFAULT_AUTHORITY_URL,
  tenantId: TENANT_ID,
  tenantDomain: TENANT_DOMAIN,
  clientId: healthy.clientId,
  clientSecret: healthySecret.secret,
  secretId: healthySecret.secretId,
  secretExpiresOn: healthySecret.expiresOn,
  scope: `${DEFAULT_ORGS[0].url}/.default`,
} as const
