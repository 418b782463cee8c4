/** Connections, secrets and authentication (issue 4). */
import { z } from 'zod'
import {
  ApiVersionSchema,
  ConnectionDraftSchema,
  ConnectionIdSchema,
  ConnectionViewSchema,
  EnvironmentKindSchema,
  NetworkSettingsSchema,
  NormalizeResultSchema,
  OrgUrlSchema,
  SealedSecretSchema,
  SecretChangeSchema,
} from '../connection'
import { CustomerIdSchema, CustomerSchema } from '../customer'
import { defineChannel, defineEvent } from './define'

export type { Customer } from '../customer'

const StoreProblemSchema = z.object({
  file: z.string(),
  copiedTo: z.string().nullable(),
  reason: z.enum(['unreadable', 'invalid', 'newer-version']),
  detail: z.string(),
})
export type StoreProblemView = z.infer<typeof StoreProblemSchema>

const ConnectionListSchema = z.object({
  connections: z.array(ConnectionViewSchema),
  /** The saved-connections file is damaged (or from a newer app): show a banner, keep the file. */
  problem: StoreProblemSchema.nullable(),
  /** False when secrets last only for this session (no OS encryption). */
  secretsPersistent: z.boolean(),
  /** Scenarios the built-in sample can sign in as (training mode). */
  sampleScenarios: z.array(z.object({ scenario: z.string(), label: z.string() })),
  /** The customers connections are grouped by, by name (empty while the file is damaged). */
  customers: z.array(CustomerSchema),
})
export type ConnectionList = z.infer<typeof ConnectionListSchema>

/** Public RSA key for sealing a secret in the renderer (never a private part: d, p, q… are not declared). */
const SecretKeySchema = z.object({
  keyId: z.string(),
  jwk: z.object({ kty: z.literal('RSA'), n: z.string(), e: z.string(), alg: z.literal('RSA-OAEP-256') }),
})

const CertificateInfoSchema = z.object({
  certificatePath: z.string(),
  keyPath: z.string().nullable(),
  format: z.enum(['pem', 'pfx']),
  thumbprintSha1: z.string(),
  thumbprintSha256: z.string(),
  notBefore: z.string(),
  notAfter: z.string(),
  subject: z.string(),
  issuer: z.string(),
})
export type CertificateInfo = z.infer<typeof CertificateInfoSchema>

const PickedCertificateSchema = z.object({
  /** null when the dialog was cancelled. */
  certificatePath: z.string().nullable(),
  keyPath: z.string().nullable(),
  /** Filled when the file opened without a password. */
  certificate: CertificateInfoSchema.nullable(),
  /** The file is a PFX or an encrypted key: ask for the password, then call inspect-certificate. */
  needsPassword: z.boolean(),
  /** Why it could not be read (other than a password), in plain words. */
  problem: z.string().nullable(),
})

const DiscoveryResultSchema = z.object({
  tenantId: z.string(),
  authorityHost: z.string(),
  authorityUrl: z.string(),
  resourceId: z.string().nullable(),
  /** Against the tenant the caller sent: 'empty' means it was blank and may be filled. */
  comparison: z.enum(['same', 'different', 'not-comparable', 'empty']),
})
export type DiscoveryResult = z.infer<typeof DiscoveryResultSchema>

const CaTrustSchema = z.object({
  /** What the extra CA files are trusted in addition to, e.g. "the operating system's certificate store". */
  base: z.string(),
  /** What changes while extra CA files are set, or null when nothing does. */
  caveat: z.string().nullable(),
})
export type CaTrust = z.infer<typeof CaTrustSchema>

const NetworkViewSchema = z.object({
  settings: NetworkSettingsSchema,
  caFiles: z.array(
    z.object({
      path: z.string(),
      subject: z.string().nullable(),
      notAfter: z.string().nullable(),
      problem: z.string().nullable(),
    }),
  ),
  applyProblem: z.string().nullable(),
  caTrust: CaTrustSchema,
})
export type NetworkView = z.infer<typeof NetworkViewSchema>

const IdInput = z.object({ id: ConnectionIdSchema })

export const connectionChannels = {
  'connections:list': defineChannel({
    summary:
      'Every connection (the sample pinned first) as the renderer may see it, plus any problem with the saved file.',
    request: z.undefined(),
    response: ConnectionListSchema,
  }),
  'connections:save': defineChannel({
    summary: 'Create (id null) or update a connection from the editor; secrets arrive sealed and go to the vault.',
    request: z.object({ id: ConnectionIdSchema.nullable(), draft: ConnectionDraftSchema }),
    response: ConnectionViewSchema,
  }),
  'connections:duplicate': defineChannel({
    summary: 'Copy a connection, its secret included (the secret stays in main).',
    request: IdInput,
    response: ConnectionViewSchema,
  }),
  'connections:duplicate-into': defineChannel({
    summary:
      "Copy a connection into another environment of its customer: same app registration, tenant and credential (the copy signs in with the original's stored secret, never copied), a new URL and name.",
    request: z.object({
      id: ConnectionIdSchema,
      url: z.string().trim().min(1, 'Paste the other environment\u2019s URL.').max(4096),
      name: z.string().trim().min(1, 'The copy needs a name.').max(80),
      environment: EnvironmentKindSchema.optional(),
    }),
    response: ConnectionViewSchema,
  }),
  'connections:delete': defineChannel({
    summary: 'Delete a connection and its stored secrets.',
    request: IdInput,
    response: z.object({ deleted: z.literal(true) }),
  }),
  'connections:normalize-url': defineChannel({
    summary: 'What the URL normaliser understands from pasted text (live preview in the editor).',
    request: z.object({ input: z.string().max(4096) }),
    response: NormalizeResultSchema,
  }),
  'connections:discover-tenant': defineChannel({
    summary: 'Anonymous request to the environment: read the tenant and authority from its 401 challenge.',
    request: z.object({
      orgUrl: OrgUrlSchema,
      apiVersion: ApiVersionSchema.default('9.2'),
      tenantId: z.string().max(253).default(''),
    }),
    response: DiscoveryResultSchema,
  }),
  'connections:secret-key': defineChannel({
    summary: "Main's public key for sealing a secret before it leaves the window.",
    request: z.undefined(),
    response: SecretKeySchema,
  }),
  'connections:pick-certificate': defineChannel({
    summary: 'Open the file dialog in main to choose a certificate (.pfx, or .pem with its key) and read it.',
    request: z.undefined(),
    response: PickedCertificateSchema,
  }),
  'connections:pick-token-file': defineChannel({
    summary: "Open the file dialog in main to choose a federated credential's token file; only its path comes back.",
    request: z.undefined(),
    response: z.object({ path: z.string().nullable() }),
  }),
  'connections:inspect-certificate': defineChannel({
    summary: 'Read a chosen certificate with its (sealed) password: thumbprints, validity, subject.',
    request: z.object({
      certificatePath: z.string().min(1).max(1024),
      keyPath: z.string().min(1).max(1024).nullable().default(null),
      password: SecretChangeSchema,
      connectionId: ConnectionIdSchema.nullable().default(null),
    }),
    response: CertificateInfoSchema,
  }),
  'connections:copy-token': defineChannel({
    summary: 'Get a token in main and put it on the clipboard; only its expiry and a warning come back.',
    request: IdInput,
    response: z.object({ copied: z.literal(true), expiresOn: z.string(), warning: z.string() }),
  }),
  'connections:export': defineChannel({
    summary: 'Save connections to a file chosen in a main-process dialog: JSON or connection strings, never secrets.',
    request: z.object({
      ids: z.array(ConnectionIdSchema).max(1000),
      format: z.enum(['json', 'connection-string']),
      /** Export this customer's connections (ids is then ignored). */
      customerId: CustomerIdSchema.optional(),
    }),
    response: z.object({ path: z.string().nullable(), count: z.number().int() }),
  }),
  'connections:import': defineChannel({
    summary: 'Import a JSON export or connection strings, from a file chosen in main or from sealed pasted text.',
    request: z.discriminatedUnion('kind', [
      /** customerId: the imported connections go into that customer. */
      z.object({ kind: z.literal('file'), customerId: CustomerIdSchema.optional() }),
      z.object({ kind: z.literal('text'), sealed: SealedSecretSchema, customerId: CustomerIdSchema.optional() }),
    ]),
    response: z.object({
      imported: z.array(ConnectionViewSchema),
      warnings: z.array(z.string()),
      cancelled: z.boolean(),
    }),
  }),
  'connections:store-reset': defineChannel({
    summary: 'After a damaged saved-connections file: start with an empty list (the damaged copy is kept).',
    request: z.object({ confirm: z.literal(true) }),
    response: z.object({ reset: z.literal(true) }),
  }),
  'connections:get-network': defineChannel({
    summary: 'The proxy and extra trusted root CAs, with what is wrong with any CA file.',
    request: z.undefined(),
    response: NetworkViewSchema,
  }),
  'connections:save-proxy': defineChannel({
    summary: 'Save and apply the proxy (null: the system proxy) and the hosts that bypass it.',
    request: z.object({ proxyUrl: NetworkSettingsSchema.shape.proxyUrl, noProxy: NetworkSettingsSchema.shape.noProxy }),
    response: NetworkViewSchema,
  }),
  'connections:add-trusted-ca': defineChannel({
    summary: 'Choose a PEM root CA file in a main-process dialog; it is checked, saved and applied (Node hosts).',
    request: z.undefined(),
    response: NetworkViewSchema.extend({ cancelled: z.boolean() }),
  }),
  'connections:remove-trusted-ca': defineChannel({
    summary: 'Stop trusting an extra root CA file.',
    request: z.object({ path: z.string().min(1).max(1024) }),
    response: NetworkViewSchema,
  }),
  'connections:set-sample-scenario': defineChannel({
    summary: 'Training mode: choose which emulator scenario app the sample connection signs in as.',
    request: z.object({ scenario: z.string().min(1).max(64) }),
    response: ConnectionViewSchema,
  }),
}

export const connectionEvents = {
  'connections:changed': defineEvent({
    summary:
      'A connection was created, updated or deleted, or the list started fresh (id null): refresh any copy. Sent by the connection service itself.',
    payload: z.object({ id: z.string().max(200).nullable(), kind: z.enum(['created', 'updated', 'deleted', 'reset']) }),
  }),
}
