/**
 * What a failure carries besides its words, one schema per error code (result.ts keys them by
 * code). These are facts, not text: the diagnostics read the HTTP status, Dataverse's error code
 * or the AADSTS number from here and map them to catalog ids directly, never by parsing a message.
 */
import { z } from 'zod'
import { CloudSchema } from './clouds'
import { DiagnosisSchema } from './diagnostics'

/** What the failure's facts were diagnosed as, attached by main before the failure leaves it. */
const diagnoses = z.array(DiagnosisSchema).max(20).optional()

/** A Dataverse answer that was not a success, or a Web API exchange that broke (paging, discovery, size). */
export const DataverseErrorDetailsSchema = z.object({
  status: z.number().int().optional(),
  /** Dataverse's own error code as sent (`0x80040220`), null when the body had none. */
  code: z.string().nullable().optional(),
  /** Dataverse's own message, as sent. */
  message: z.string().optional(),
  requestId: z.string().nullable().optional(),
  url: z.string().optional(),
  /** The Retry-After header, in seconds as sent. */
  retryAfter: z.string().optional(),
  /** The Web API path of a metadata request. */
  path: z.string().optional(),
  /** Discovery: the org URL asked and the WWW-Authenticate challenge it answered with. */
  orgUrl: z.string().optional(),
  challenge: z.string().nullable().optional(),
  /** Fetch-all stopped because the server did not move through the pages. */
  protocol: z
    .enum(['repeated-next-link', 'empty-pages', 'repeated-paging-cookie', 'repeated-page-number', 'key-range-order'])
    .optional(),
  pages: z.number().int().optional(),
  /** The primary key a parallel fetch split its ranges on. */
  key: z.string().optional(),
  page: z.number().int().optional(),
  cookiePage: z.number().int().optional(),
  /** An answer larger than the app reads in one response. */
  host: z.string().optional(),
  limitBytes: z.number().optional(),
  declaredBytes: z.number().optional(),
  networkCode: z.literal('RESPONSE_TOO_LARGE').optional(),
  diagnoses,
})
export type DataverseErrorDetails = z.infer<typeof DataverseErrorDetailsSchema>

/** Entra ID (through MSAL) refused or could not answer a token request. */
export const AuthFailedDetailsSchema = z.object({
  /** The AADSTS number without its prefix (`7000215`). */
  aadsts: z.string().nullable().optional(),
  /** MSAL's or the token endpoint's error code (`invalid_client`, `endpoints_resolution_error`). */
  errorCode: z.string().nullable().optional(),
  errorName: z.string().nullable().optional(),
  errorMessage: z.string().optional(),
  subError: z.string().nullable().optional(),
  status: z.number().int().nullable().optional(),
  traceId: z.string().nullable().optional(),
  correlationId: z.string().nullable().optional(),
  authorityHost: z.string().optional(),
  host: z.string().optional(),
  contentType: z.string().nullable().optional(),
  tenantId: z.string().optional(),
  clientId: z.string().optional(),
  diagnoses,
})

/** The transport's classification of a connection that failed below HTTP. */
export const NetworkErrorDetailsSchema = z.object({
  host: z.string().optional(),
  /** Node's, undici's or Chromium's code (`ENOTFOUND`, `ERR_CONNECTION_REFUSED`), or ours (`TOTAL_TIMEOUT`, `PROXY_407`). */
  networkCode: z.string().optional(),
  timeoutSeconds: z.number().optional(),
  limitBytes: z.number().optional(),
  declaredBytes: z.number().optional(),
  /** The proxy that refused to open a tunnel, and the status it answered CONNECT with. */
  proxy: z.string().optional(),
  proxyStatus: z.number().int().optional(),
  diagnoses,
})

export const TlsErrorDetailsSchema = z.object({
  host: z.string().optional(),
  /** OpenSSL's or Chromium's code (`SELF_SIGNED_CERT_IN_CHAIN`, `CERT_HAS_EXPIRED`). */
  tlsCode: z.string().optional(),
  diagnoses,
})

/** A request refused before it was sent: the host is not the connection's, a redirect left it, a sign-in host is foreign. */
export const HostNotAllowedDetailsSchema = z.object({
  /** The form field that named the host. */
  field: z.string().optional(),
  host: z.string().optional(),
  allowedHosts: z.array(z.string()).optional(),
  reason: z.string().optional(),
  /** A redirect that was not followed: where from, with which status. */
  from: z.string().optional(),
  status: z.number().int().optional(),
  orgUrl: z.string().optional(),
  authorityHost: z.string().optional(),
  cloud: CloudSchema.optional(),
})

export const ReadOnlyDetailsSchema = z.object({
  method: z.string().optional(),
  host: z.string().optional(),
  path: z.string().optional(),
  reason: z.string().optional(),
})

/** Which input was wrong, so a form can put the message beside its field. */
export const InvalidInputDetailsSchema = z.object({
  field: z.string().optional(),
  path: z.string().optional(),
  reason: z.string().optional(),
  authorityHost: z.string().optional(),
  cloud: CloudSchema.optional(),
})

export const NotFoundDetailsSchema = z.object({
  id: z.string().optional(),
  checkId: z.string().optional(),
  /** A check-all run asked for by id. */
  runId: z.string().optional(),
  /** The form field that named what was not found. */
  field: z.string().optional(),
})

export const SecretUnavailableDetailsSchema = z.object({
  id: z.string().optional(),
  /** A federated credential's token could not be read: from which kind of source, and the form field naming it. */
  federatedSource: z.enum(['file', 'env', 'command']).optional(),
  field: z.string().optional(),
})

export const CancelledDetailsSchema = z.object({ host: z.string().optional() })

/** A store file that could not be used: which file, why, and where the damaged copy went. */
export const StoreCorruptDetailsSchema = z.object({
  file: z.string(),
  copiedTo: z.string().nullable(),
  reason: z.enum(['unreadable', 'invalid', 'newer-version']),
  detail: z.string(),
})
