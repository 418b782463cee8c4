/**
 * Entra ID (AADSTS) error responses in the real shape (wire §1.4): `error`, `error_description`
 * ("AADSTS<n>: <text> Trace ID: … Correlation ID: … Timestamp: …"), `error_codes`, `timestamp`,
 * `trace_id`, `correlation_id`, `error_uri`. 401 for invalid_client, 400 otherwise.
 * The texts paraphrase what Entra sends today; clients must match on the number, not the text.
 */
import { randomUUID } from 'node:crypto'

export type AadErrorName =
  | 'invalid_request'
  | 'invalid_client'
  | 'unauthorized_client'
  | 'invalid_grant'
  | 'invalid_scope'
  | 'invalid_resource'
  | 'unsupported_grant_type'
  | 'invalid_tenant'
  | 'invalid_instance'

export interface AadError {
  readonly code: number
  readonly error: AadErrorName
  readonly text: string
  /** Defaults to 401 for invalid_client and 400 for everything else. */
  readonly status?: number
}

/** Thrown by the token endpoint's checks; routes turn it into a response. */
export class AadFailure extends Error {
  constructor(readonly aad: AadError) {
    super(`AADSTS${aad.code}: ${aad.text}`)
    this.name = 'AadFailure'
  }
}

export const fail = (code: number, error: AadErrorName, text: string, status?: number): never => {
  throw new AadFailure({ code, error, text, ...(status ? { status } : {}) })
}

/** `2026-11-26 09:00:00Z`, the format Entra uses in descriptions and `timestamp`. */
export const aadTimestamp = (ms: number): string => new Date(ms).toISOString().replace('T', ' ').slice(0, 19) + 'Z'

export const ENTRA_HEADERS: Readonly<Record<string, string>> = {
  'Cache-Control': 'no-store, no-cache',
  Pragma: 'no-cache',
  'Strict-Transport-Security': 'max-age=31536000; includeSubDomains',
  'X-Content-Type-Options': 'nosniff',
  'Content-Type': 'application/json; charset=utf-8',
}

export function aadErrorResponse(aad: AadError, context: { now: number; correlationId?: string }): Response {
  const traceId = randomUUID()
  // Entra echoes the client's client-request-id as correlation_id when one was sent.
  const correlationId = context.correlationId ?? randomUUID()
  const timestamp = aadTimestamp(context.now)
  const body = {
    error: aad.error,
    error_description: `AADSTS${aad.code}: ${aad.text} Trace ID: ${traceId} Correlation ID: ${correlationId} Timestamp: ${timestamp}`,
    error_codes: [aad.code],
    timestamp,
    trace_id: traceId,
    correlation_id: correlationId,
    error_uri: `https://login.microsoftonline.com/error?code=${aad.code}`,
  }
  const status = aad.status ?? (aad.error === 'invalid_client' ? 401 : 400)
  return new Response(JSON.stringify(body), { status, headers: { ...ENTRA_HEADERS, 'x-ms-request-id': traceId } })
}
