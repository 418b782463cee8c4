/**
 * The connection model shared by main and the renderer.
 *
 * Two shapes exist on purpose: `Connection` is what main stores (no secret in it either: secrets
 * live in the vault, keyed by connection id) and `ConnectionView` is what the renderer receives.
 * The view's auth carries only `hasSecret`, a 3-character hint and dates; because the dispatcher
 * strips every field a response schema does not declare, no code path can add a secret to it.
 */
import { z } from 'zod'
import { CloudSchema } from './clouds'
import { CustomerIdSchema } from './customer'

export const ENVIRONMENT_KINDS = ['dev', 'test', 'uat', 'prod'] as const
export const EnvironmentKindSchema = z.enum(ENVIRONMENT_KINDS)
export type EnvironmentKind = z.infer<typeof EnvironmentKindSchema>

export const ENVIRONMENT_LABELS: Readonly<Record<EnvironmentKind, string>> = {
  dev: 'Development',
  test: 'Test',
  uat: 'UAT',
  prod: 'Production',
}

/** Default stripe colour per kind; production is red so it cannot be mistaken for anything else. */
export const DEFAULT_COLOURS: Readonly<Record<EnvironmentKind, string>> = {
  dev: '#0f7b0f',
  test: '#8764b8',
  uat: '#c19c00',
  prod: '#c50f1f',
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const DNS_NAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i
/** host or host:port, lower case; IPv4 allowed because the HTTPS emulator listens on 127.0.0.1. */
const HOST = /^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*(:\d{1,5})?$/

export function isGuid(value: string): boolean {
  return GUID.test(value)
}

export const GuidSchema = z.string().trim().regex(GUID, 'Must be a GUID like 11111111-2222-3333-4444-555555555555.')

export const ConnectionIdSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9-]+$/, 'A connection id is lower-case letters, digits and dashes.')

/** The tenant segment of the authority: a GUID or a verified domain, never common/organizations/consumers. */
export const TenantIdSchema = z
  .string()
  .trim()
  .max(253)
  .refine((value) => !['common', 'organizations', 'consumers'].includes(value.toLowerCase()), {
    message: 'The client-credentials grant needs your own tenant, not common/organizations/consumers (AADSTS50059).',
  })
  .refine((value) => GUID.test(value) || DNS_NAME.test(value), {
    message: 'Use the tenant ID (a GUID) or a verified domain such as contoso.onmicrosoft.com.',
  })

export const OrgUrlSchema = z
  .string()
  .max(300)
  .refine((value) => {
    try {
      const url = new URL(value)
      return url.protocol === 'https:' && url.pathname === '/' && !url.search && !url.hash && url.origin === value
    } catch {
      return false
    }
  }, 'The org URL is https://<org>.crm<N>.dynamics.com with no path (paste any URL and let the app clean it).')

const AuthorityHostSchema = z
  .string()
  .max(260)
  .regex(HOST, 'The authority host is a host name such as login.microsoftonline.com (optionally with :port).')

export const ApiVersionSchema = z.string().regex(/^9\.[0-2]$/, 'The Web API version is 9.0, 9.1 or 9.2.')
/** Dates a user enters (secret expiry) are calendar dates, not instants. */
export const IsoDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Use a date like 2027-03-01.')
export const IsoInstantSchema = z.iso.datetime({ offset: true })
const ColourSchema = z.string().regex(/^#[0-9a-f]{6}$/i, 'A colour is #rrggbb.')

export const LastTestSchema = z.object({
  at: IsoInstantSchema,
  status: z.enum(['pass', 'warn', 'fail']),
  summary: z.string().max(500),
})
export type LastTest = z.infer<typeof LastTestSchema>

export const CertificateFormatSchema = z.enum(['pem', 'pfx'])
export type CertificateFormat = z.infer<typeof CertificateFormatSchema>

/**
 * How the client assertion is signed: PS256 with the SHA-256 thumbprint in `x5t#S256` (absent: the
 * default, as Microsoft recommends), or RS256 with the SHA-1 thumbprint in `x5t` for setups that need it.
 */
export const CertificateAssertionSchema = z.enum(['PS256', 'RS256'])
export type CertificateAssertion = z.infer<typeof CertificateAssertionSchema>

const Sha1Hex = z.string().regex(/^[0-9A-F]{40}$/, 'SHA-1 thumbprint: 40 upper-case hex digits.')
const Sha256Hex = z.string().regex(/^[0-9A-F]{64}$/, 'SHA-256 thumbprint: 64 upper-case hex digits.')

/** How a certificate is stored and shown: the path and facts computed from it, never the key. */
const CertificateFactsShape = {
  kind: z.literal('certificate'),
  certificatePath: z.string().min(1).max(1024),
  /** A separate PEM key file, when the certificate file holds no key (e.g. cert.pem + key.pem). */
  keyPath: z.string().min(1).max(1024).optional(),
  format: CertificateFormatSchema,
  thumbprintSha1: Sha1Hex,
  thumbprintSha256: Sha256Hex,
  /** Send the public certificate chain (x5c) with the assertion, for subject-name/issuer auth. */
  sendX5c: z.boolean(),
  assertion: CertificateAssertionSchema.optional(),
  notAfter: IsoInstantSchema.optional(),
}

/** Where a federated credential's external token (the pipeline's OIDC token) is read from. */
const FEDERATED_TOKEN_SOURCES = ['file', 'env', 'command'] as const
export const FederatedTokenSourceSchema = z.enum(FEDERATED_TOKEN_SOURCES)
export type FederatedTokenSource = z.infer<typeof FederatedTokenSourceSchema>

/**
 * A federated credential (workload identity federation): no secret at all. The token is read
 * from the source each time a token is requested and is never stored; only where to read it is.
 */
const FederatedShape = {
  kind: z.literal('federated'),
  tokenSource: FederatedTokenSourceSchema,
  /** The file path, the environment variable's NAME, or the command line whose stdout is the token. */
  tokenReference: z.string().trim().min(1).max(2048),
  /** The Subject of the app's federated credential, as the portal shows it: compared with the presented token's. */
  expectedSubject: z.string().trim().max(600).optional(),
}

/** Stored in main. `hint` is the first three characters, as the Azure portal shows them. */
const StoredAuthSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('secret'),
    hint: z.string().max(3).optional(),
    expiresOn: IsoDateSchema.optional(),
  }),
  z.object(CertificateFactsShape),
  z.object(FederatedShape),
])
export type StoredAuth = z.infer<typeof StoredAuthSchema>

/** What the renderer sees of a credential: whether one is set, and facts safe to show. */
const AuthViewSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('secret'),
    hasSecret: z.boolean(),
    hint: z.string().max(3).optional(),
    expiresOn: IsoDateSchema.optional(),
  }),
  z.object({ ...CertificateFactsShape, hasPassword: z.boolean() }),
  z.object(FederatedShape),
])
export type AuthView = z.infer<typeof AuthViewSchema>

/** What a connection file carries from one machine to another: everything but identity, timestamps and credentials. */
export const PortableConnectionShape = {
  name: z.string().trim().min(1).max(80),
  orgUrl: OrgUrlSchema,
  apiVersion: ApiVersionSchema.default('9.2'),
  cloud: CloudSchema,
  authorityHost: AuthorityHostSchema,
  /** Empty only for an imported connection whose tenant is not known yet; it is discovered on first use. */
  tenantId: z.union([z.literal(''), TenantIdSchema]),
  clientId: GuidSchema,
  environment: EnvironmentKindSchema,
  colour: ColourSchema,
  readOnly: z.boolean(),
  notes: z.string().max(2000).default(''),
}

const ConnectionCoreShape = {
  id: ConnectionIdSchema,
  ...PortableConnectionShape,
  createdAt: IsoInstantSchema,
  updatedAt: IsoInstantSchema,
  lastTest: LastTestSchema.nullable().default(null),
  /** 'sample' for the built-in offline environment; null for the user's own connections. */
  builtIn: z.literal('sample').nullable().default(null),
  /** Built-in sample only: which emulator scenario app it signs in as (training mode switches it). */
  scenario: z.string().max(64).nullable().default(null),
  /**
   * The user chose, in the editor, a sign-in host that is not Entra ID for the cloud (an emulator).
   * Absent means no: only the cloud's own sign-in hosts get a token request. An import never sets it.
   */
  customSignInHost: z.boolean().optional(),
  /** The customer the connection belongs to (customer.ts); absent: ungrouped. */
  customerId: CustomerIdSchema.optional(),
  /**
   * The saved connection whose stored secret or certificate password this one signs in with: set by
   * "Duplicate into another environment", so the same app registration's secret is stored once.
   */
  credentialOf: z.string().min(1).max(200).optional(),
}

export const ConnectionSchema = z.object({ ...ConnectionCoreShape, auth: StoredAuthSchema })
export type Connection = z.infer<typeof ConnectionSchema>

export const ConnectionViewSchema = z.object({ ...ConnectionCoreShape, auth: AuthViewSchema })
export type ConnectionView = z.infer<typeof ConnectionViewSchema>

/**
 * A secret typed in the renderer, sealed there with main's session key (RSA-OAEP-256 wrapping an
 * AES-256-GCM key) so its plain value never travels over IPC or shows up in a message log.
 */
export const SealedSecretSchema = z.object({
  keyId: z.string().min(1).max(64),
  wrappedKey: z.string().min(1).max(2048),
  iv: z.string().min(1).max(64),
  ciphertext: z.string().min(1).max(65536),
})
export type SealedSecret = z.infer<typeof SealedSecretSchema>

export const SecretChangeSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('keep') }),
  z.object({ action: z.literal('clear') }),
  z.object({ action: z.literal('set'), sealed: SealedSecretSchema }),
])
export type SecretChange = z.infer<typeof SecretChangeSchema>

const AuthDraftSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('secret'),
    secret: SecretChangeSchema,
    expiresOn: IsoDateSchema.optional(),
  }),
  z.object({
    kind: z.literal('certificate'),
    certificatePath: z.string().min(1).max(1024),
    keyPath: z.string().min(1).max(1024).optional(),
    sendX5c: z.boolean().default(false),
    assertion: CertificateAssertionSchema.optional(),
    password: SecretChangeSchema,
  }),
  z.object({
    ...FederatedShape,
    /*
     * The app's editor takes a file (chosen in main's file dialog) or a variable, never a command:
     * a command would let whatever controls the window run programs in main. `dvw` takes commands.
     */
    tokenSource: z.enum(['file', 'env']),
  }),
])
export type AuthDraft = z.infer<typeof AuthDraftSchema>

/** What the editor sends to create or update a connection. Main fills ids, timestamps and facts. */
export const ConnectionDraftSchema = z.object({
  name: ConnectionCoreShape.name,
  orgUrl: OrgUrlSchema,
  apiVersion: ApiVersionSchema.default('9.2'),
  cloud: CloudSchema,
  authorityHost: AuthorityHostSchema,
  /** Needed for any authorityHost that is not Entra ID for the cloud; the editor shows it in red. */
  customSignInHost: z.boolean().default(false),
  tenantId: TenantIdSchema,
  clientId: GuidSchema,
  environment: EnvironmentKindSchema,
  colour: ColourSchema.optional(),
  /** Omitted: on for production, off otherwise. */
  readOnly: z.boolean().optional(),
  notes: z.string().max(2000).default(''),
  /** Omitted: a new connection is ungrouped and an edit keeps its customer; null: ungrouped. */
  customerId: CustomerIdSchema.nullable().optional(),
  auth: AuthDraftSchema,
})
export type ConnectionDraft = z.input<typeof ConnectionDraftSchema>

/** What the URL normaliser understood from a pasted URL (also the JSON of `dvw url`). */
const UrlWarningSchema = z.object({ id: z.string(), message: z.string() })
export type UrlWarning = z.infer<typeof UrlWarningSchema>

const RegionSchema = z.object({ code: z.string(), name: z.string(), crm: z.string() })
export type Region = z.infer<typeof RegionSchema>

const NormalizedUrlSchema = z.object({
  orgUrl: z.string(),
  webApiUrl: z.string(),
  scope: z.string(),
  cloud: CloudSchema.nullable(),
  region: RegionSchema.nullable(),
  authorityHost: z.string().nullable(),
  apiVersion: ApiVersionSchema,
  warnings: z.array(UrlWarningSchema),
})
export type NormalizedUrl = z.infer<typeof NormalizedUrlSchema>

const UrlProblemSchema = z.object({
  id: z.string(),
  message: z.string(),
  /** What to paste instead, in plain words. */
  next: z.string(),
  cloud: CloudSchema.nullable(),
  environmentId: z.string().nullable(),
})
export type UrlProblem = z.infer<typeof UrlProblemSchema>

export const NormalizeResultSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), value: NormalizedUrlSchema }),
  z.object({ ok: z.literal(false), problem: UrlProblemSchema }),
])
export type NormalizeResult = z.infer<typeof NormalizeResultSchema>

export function webApiBase(orgUrl: string, apiVersion: string): string {
  return `${orgUrl}/api/data/v${apiVersion}/`
}

export function defaultReadOnly(environment: EnvironmentKind): boolean {
  return environment === 'prod'
}

/** How the app reaches the network besides the OS defaults: a proxy and extra trusted root CAs. */
export const NetworkSettingsSchema = z.object({
  /** http(s)://host:port of the proxy; null: the system proxy (app) or HTTPS_PROXY (command line). */
  proxyUrl: z
    .string()
    .max(500)
    .refine((value) => {
      try {
        const url = new URL(value)
        return (
          (url.protocol === 'http:' || url.protocol === 'https:') &&
          Boolean(url.hostname) &&
          !url.username &&
          !url.password
        )
      } catch {
        return false
      }
    }, 'The proxy is http://host:port (no user name or password: those are never stored).')
    .nullable(),
  /** Hosts that bypass the proxy, comma-separated (NO_PROXY syntax). */
  noProxy: z.string().max(2000),
  /** PEM files of root CAs to trust in addition to the system's, e.g. a TLS-inspection proxy's. */
  extraCaFiles: z.array(z.string().min(1).max(1024)).max(20),
})
export type NetworkSettings = z.infer<typeof NetworkSettingsSchema>

export const DEFAULT_NETWORK_SETTINGS: NetworkSettings = { proxyUrl: null, noProxy: '', extraCaFiles: [] }
