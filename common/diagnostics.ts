/**
 * The diagnostics model shared by main, the renderer and the CLI: check steps and their results,
 * diagnoses from the catalog, what explain() recognised, token inspections and history summaries.
 */
import { z } from 'zod'
import { CloudSchema } from './clouds'

/** The preflight check's steps, in the order they are shown. The ids are part of the CLI's JSON output. */
export const STEP_IDS = [
  'config',
  'dns',
  'tls',
  'discovery',
  'token',
  'token-claims',
  'whoami',
  'app-user',
  'roles',
  'privileges',
  'limits',
] as const
export const StepIdSchema = z.enum(STEP_IDS)
export type StepId = z.infer<typeof StepIdSchema>

const STEP_STATUSES = ['pass', 'warn', 'fail', 'skip', 'running', 'pending'] as const
const StepStatusSchema = z.enum(STEP_STATUSES)
export type StepStatus = z.infer<typeof StepStatusSchema>

/** Every diagnosis id the catalog knows. Fixed and kebab-case: reports, the CLI and tests name them. */
export const CATALOG_IDS = [
  // URL and input
  'url-has-path',
  'url-not-dataverse',
  'url-not-https',
  'tenant-id-malformed',
  'client-id-malformed',
  'secret-looks-like-id',
  'secret-missing',
  // Network
  'dns-not-found',
  'connection-refused',
  'connection-reset',
  'network-timeout',
  'proxy-auth-required',
  'tls-untrusted',
  'tls-expired',
  'tls-hostname-mismatch',
  'authority-unreachable',
  // Entra ID
  'tenant-not-found',
  'tenant-wrong-cloud',
  'tenant-missing',
  'wrong-cloud-host',
  'app-not-in-tenant',
  'app-disabled',
  'service-principal-missing',
  'sp-disabled-resource',
  'no-dataverse-subscription',
  'secret-invalid',
  'secret-expired',
  'credential-expiring',
  'certificate-expired',
  'certificate-not-registered',
  'assertion-time-invalid',
  'public-client',
  'assertion-malformed',
  'federated-credential-mismatch',
  'federated-token-unavailable',
  'secret-blocked-by-policy',
  'resource-not-found',
  'scope-invalid',
  'multiple-resources',
  'request-malformed',
  'conditional-access-blocked',
  'user-credentials-used',
  'entra-throttled',
  // Dataverse and token
  'token-rejected',
  'tenant-mismatch',
  'client-id-mismatch',
  'token-expired',
  'token-not-yet-valid',
  'token-audience-mismatch',
  'token-wrong-resource',
  'token-is-user-token',
  'credential-kind-mismatch',
  'clock-skew',
  'app-user-missing',
  'app-user-disabled',
  'no-security-roles',
  'missing-privilege',
  'record-access-denied',
  'api-restricted',
  'ip-firewall-blocked',
  'environment-disabled',
  'admin-mode',
  'throttled',
  'service-unavailable',
  // Queries
  'query-invalid-property',
  'query-unknown-segment',
  'query-syntax-error',
  'record-not-found',
  // Writes
  'undeclared-property',
  'duplicate-record',
  'plugin-error',
  'server-error',
] as const
export const CatalogIdSchema = z.enum(CATALOG_IDS)
export type CatalogId = z.infer<typeof CatalogIdSchema>

const ConfidenceSchema = z.enum(['high', 'medium', 'low'])
export type Confidence = z.infer<typeof ConfidenceSchema>

export const DiagnosisSchema = z.object({
  id: CatalogIdSchema,
  title: z.string(),
  confidence: ConfidenceSchema,
  /** The most likely cause in an application-user setup, in plain words. */
  cause: z.string(),
  /** Numbered fix steps, in order; each names the portal and blade where one applies. */
  fix: z.array(z.string()).min(1),
  docsUrl: z.string().url(),
  /** What in the input (or the check) led to this diagnosis, for the "why do you think so" line. */
  matched: z.string().optional(),
})
export type Diagnosis = z.infer<typeof DiagnosisSchema>

const FactSchema = z.object({
  label: z.string(),
  value: z.string(),
  /** Tenant, app and environment facts a report may mask; never a secret (those are not facts). */
  sensitive: z.boolean().optional(),
  /** Differs on every run (expiry, remaining headroom, clock offset): never reported as "what changed". */
  volatile: z.boolean().optional(),
})
export type Fact = z.infer<typeof FactSchema>

const EvidenceSchema = z.object({
  /** A redacted excerpt of the response or error that decided the step. */
  excerpt: z.string(),
  requestIds: z.array(z.string()),
  traceId: z.string().optional(),
  correlationId: z.string().optional(),
  timestamp: z.string().optional(),
})
export type Evidence = z.infer<typeof EvidenceSchema>

export const StepResultSchema = z.object({
  id: StepIdSchema,
  status: StepStatusSchema,
  /** ISO time the step started; absent while it is pending or when it never ran. */
  startedAt: z.string().optional(),
  durationMs: z.number().nonnegative(),
  summary: z.string(),
  facts: z.array(FactSchema),
  evidence: EvidenceSchema.optional(),
  diagnoses: z.array(DiagnosisSchema),
})
export type StepResult = z.infer<typeof StepResultSchema>

/** One HTTP exchange of a check, for the waterfall. The URL is already redacted (no query secrets). */
const RequestSpanSchema = z.object({
  stepId: StepIdSchema,
  method: z.string(),
  url: z.string(),
  status: z.number().int().optional(),
  /** Milliseconds from the start of the check. */
  startMs: z.number().nonnegative(),
  durationMs: z.number().nonnegative(),
  requestId: z.string().optional(),
})
export type RequestSpan = z.infer<typeof RequestSpanSchema>

export const CheckOutcomeSchema = z.enum(['pass', 'warn', 'fail', 'cancelled'])
export type CheckOutcome = z.infer<typeof CheckOutcomeSchema>

const CheckResultSchema = z.object({
  checkId: z.string(),
  startedAt: z.string(),
  durationMs: z.number().nonnegative(),
  outcome: CheckOutcomeSchema,
  cancelled: z.boolean(),
  steps: z.array(StepResultSchema),
  requests: z.array(RequestSpanSchema),
  /** What the steps settled on: the normalised URL and the tenant and sign-in host (from discovery when not configured). */
  resolved: z
    .object({
      environmentUrl: z.string().max(2048),
      tenantId: z.string().max(200),
      authorityHost: z.string().max(260).nullable(),
    })
    .optional(),
})
export type CheckResult = z.infer<typeof CheckResultSchema>

/** What the check was run against. Identifiers only; a secret, token or assertion has no field here. */
const CheckSubjectSchema = z
  .object({
    connectionName: z.string().optional(),
    environmentUrl: z.string(),
    cloud: CloudSchema,
    tenantId: z.string(),
    clientId: z.string(),
    credentialKind: z.enum(['secret', 'certificate', 'federated']),
  })
  .strict()
export type CheckSubject = z.infer<typeof CheckSubjectSchema>

export const ReportMaskSchema = z.object({ environment: z.boolean(), tenant: z.boolean(), app: z.boolean() }).strict()
export type ReportMask = z.infer<typeof ReportMaskSchema>

/** The whole input of a report. Strict: an extra field (say, a token someone attached) is rejected, not carried. */
export const ReportInputSchema = z
  .object({
    subject: CheckSubjectSchema,
    check: CheckResultSchema,
    appVersion: z.string(),
    generatedAt: z.string(),
    mask: ReportMaskSchema,
  })
  .strict()
export type ReportInput = z.infer<typeof ReportInputSchema>

export type ReportFormat = 'markdown' | 'html' | 'json' | 'ticket'

const RecognisedSchema = z.object({
  aadsts: z.array(z.string()),
  dataverseCodes: z.array(z.string()),
  httpStatus: z.number().int().optional(),
  traceIds: z.array(z.string()),
  correlationIds: z.array(z.string()),
  timestamps: z.array(z.string()),
  requestIds: z.array(z.string()),
  hosts: z.array(z.string()),
})
export type Recognised = z.infer<typeof RecognisedSchema>

export const ExplainResultSchema = z.object({
  /** True when at least one diagnosis matched. */
  matched: z.boolean(),
  /** Ranked by confidence, then by how specific the match was. */
  diagnoses: z.array(DiagnosisSchema),
  recognised: RecognisedSchema,
  /** One honest sentence: what we found, or that nothing matched and what we did recognise. */
  summary: z.string(),
  cloud: CloudSchema,
})
export type ExplainResult = z.infer<typeof ExplainResultSchema>

const TokenClaimSchema = z.object({
  name: z.string(),
  value: z.string(),
  /** Plain-words meaning of the claim for this token. */
  meaning: z.string(),
})
export type TokenClaim = z.infer<typeof TokenClaimSchema>

const TokenFindingSchema = z.object({
  id: CatalogIdSchema.or(z.enum(['token-v2-format', 'token-v1-format', 'app-only-token'])),
  severity: z.enum(['error', 'warning', 'info']),
  message: z.string(),
})
export type TokenFinding = z.infer<typeof TokenFindingSchema>

/** What the token inspector tells the renderer: claims and findings. The token itself is never part of it. */
export const TokenInspectionSchema = z.object({
  header: z.array(TokenClaimSchema),
  claims: z.array(TokenClaimSchema),
  findings: z.array(TokenFindingSchema),
  expiry: z
    .object({
      issuedAt: z.string().optional(),
      notBefore: z.string().optional(),
      expiresAt: z.string(),
      /** Negative once expired; the UI counts down from here. */
      secondsRemaining: z.number(),
      lifetimeSeconds: z.number().optional(),
    })
    .optional(),
  version: z.enum(['1.0', '2.0', 'unknown']),
  kind: z.enum(['app', 'user', 'unknown']),
})
export type TokenInspection = z.infer<typeof TokenInspectionSchema>

/** What the inspector compares a token with: the connection it is supposed to be for. */
export const TokenExpectationSchema = z.object({
  environmentUrl: z.string().max(2048).optional(),
  tenantId: z.string().max(256).optional(),
  clientId: z.string().max(64).optional(),
  credentialKind: z.enum(['secret', 'certificate', 'federated']).optional(),
})
export type TokenExpectation = z.infer<typeof TokenExpectationSchema>

/** One remembered check: statuses and the key facts needed for "what changed since the last passing check". */
export const HistoryEntrySchema = z.object({
  checkId: z.string(),
  startedAt: z.string(),
  outcome: CheckOutcomeSchema,
  durationMs: z.number().nonnegative(),
  steps: z.array(
    z.object({
      id: StepIdSchema,
      status: StepStatusSchema,
      summary: z.string(),
      diagnosisIds: z.array(CatalogIdSchema),
      facts: z.array(FactSchema),
    }),
  ),
})
export type HistoryEntry = z.infer<typeof HistoryEntrySchema>

const HistoryChangeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('status'), stepId: StepIdSchema, before: StepStatusSchema, after: StepStatusSchema }),
  z.object({
    kind: z.literal('fact'),
    stepId: StepIdSchema,
    label: z.string(),
    before: z.string().optional(),
    after: z.string().optional(),
  }),
])
export type HistoryChange = z.infer<typeof HistoryChangeSchema>

export const HistoryDiffSchema = z.object({
  /** The passing check compared with, or absent when no check has passed yet. */
  baseline: z.object({ checkId: z.string(), startedAt: z.string() }).optional(),
  changes: z.array(HistoryChangeSchema),
})
export type HistoryDiff = z.infer<typeof HistoryDiffSchema>

/** What `check:run` answers: the finished check, what it ran against, and what changed since the last pass. */
export const CheckRunSchema = z.object({
  check: CheckResultSchema,
  subject: CheckSubjectSchema,
  changes: HistoryDiffSchema,
  /** The history file could not be written or read (it is left as it is); the check itself still ran. */
  historyProblem: z.string().nullable(),
})
export type CheckRun = z.infer<typeof CheckRunSchema>

/** Logical names of probe tables: lower case letters, digits and underscores (account, cr4f5_project). */
export const ProbeTableSchema = z
  .string()
  .regex(/^[a-z][a-z0-9_]{0,127}$/, 'A table is given by its logical name, such as account.')
