/**
 * A small Dataverse Web API client: builds the URL from a path relative to the Web API base, adds
 * the bearer token and the standard OData headers (wire §4.1), sends through the connection's
 * transport, parses the body, and turns a Dataverse error body into an AppFailure that keeps the
 *  status, the error code and the raw message (the diagnostics map those facts to catalog ids).
 */
import { webApiBase } from '@common/connection'
import { AppFailure } from '@common/result'
import type { AccessToken, GetTokenOptions } from '../auth/token-provider'
import { responseTooLarge } from '../http/failures'
import { userInfoFailure } from '../http/guards'
import { redactUrl } from '../http/timeline'
import type { Transport } from '../http/types'

/** The connection's token, bound to it: `(options) => tokens.getToken(target, options)`. */
export type TokenSource = (options: GetTokenOptions) => Promise<AccessToken>

export interface DataverseClientOptions {
  readonly connection: { readonly orgUrl: string; readonly apiVersion: string }
  readonly transport: Transport
  readonly tokens: TokenSource
  /** Largest body read whole and parsed, in bytes. Default 64 MiB (DEFAULT_MAX_BODY_BYTES). */
  readonly maxBodyBytes?: number
}

/**
 * JSON answers are joined, decoded and parsed in main; one page of a well-formed query is far
 * below this. A bigger answer is a query asking for too much at once, or not Dataverse answering.
 */
export const DEFAULT_MAX_BODY_BYTES = 64 * 1024 * 1024

interface DataverseRequest {
  /** Default GET. */
  readonly method?: string
  /**
   * Relative to the Web API base (`WhoAmI`, `contacts?$top=3`), or absolute on the org host
   * (an `@odata.nextLink`). Anything on another host is refused before sending.
   */
  readonly path: string
  readonly headers?: Readonly<Record<string, string>>
  /** A string is sent as is; anything else as JSON. */
  readonly body?: unknown
  readonly signal?: AbortSignal
  readonly onThrottle?: (secondsLeft: number) => void
  /** Called when the answer's headers are in and its body starts to arrive (after any 401 retry). */
  readonly onHeaders?: () => void
}

export interface DataverseResponse<T = unknown> {
  readonly status: number
  /** Lower-case names. */
  readonly headers: Readonly<Record<string, string>>
  /** Parsed JSON when the response is JSON, the text otherwise, null when empty. */
  readonly body: T | string | null
  /** The body as it was received, decoded as UTF-8 ('' when empty). */
  readonly text: string
  /** x-ms-service-request-id, for support tickets. */
  readonly requestId: string | null
  readonly timings: { readonly ttfbMs: number; readonly totalMs: number }
  readonly bytes: number
  /** The URL actually requested, redacted like the timeline. */
  readonly url: string
}

export interface DataverseClient {
  readonly webApiUrl: string
  /** Resolves a path as request() would, refusing other hosts. */
  resolve(path: string): URL
  request<T = unknown>(request: DataverseRequest): Promise<DataverseResponse<T>>
}

const ODATA_HEADERS: Readonly<Record<string, string>> = {
  accept: 'application/json',
  'odata-maxversion': '4.0',
  'odata-version': '4.0',
  'if-none-match': 'null',
}

function statusCause(status: number): string {
  if (status === 401)
    return 'Dataverse did not accept the token: it is for another environment, tenant or cloud, or it expired.'
  if (status === 403)
    return 'The token is valid, but the application user is missing, disabled, or lacks a role or privilege.'
  if (status === 404)
    return 'The table, record, function or path does not exist in this environment (check the plural entity set name).'
  if (status === 400)
    return 'The request is not valid OData for this environment: a column or table name, a filter or a value is wrong.'
  if (status === 412) return 'A condition (If-Match or a duplicate check) did not hold.'
  if (status >= 500) return 'Dataverse had a problem on its side.'
  return 'Dataverse refused the request.'
}

/** Maps a Dataverse error response to an AppFailure keeping status, code and the raw message. */
export function dataverseFailure(
  status: number,
  body: unknown,
  requestId: string | null,
  url: string,
  retryAfter: string | null = null,
): AppFailure {
  const error =
    (body && typeof body === 'object'
      ? (body as { error?: { code?: unknown; message?: unknown } }).error
      : undefined) ?? {}
  const code = typeof error.code === 'string' ? error.code : null
  const rawMessage =
    typeof error.message === 'string' ? error.message : typeof body === 'string' ? body.slice(0, 2000) : ''
  const details = { status, code, message: rawMessage, requestId, url, ...(retryAfter ? { retryAfter } : {}) }
  if (status === 429) {
    return new AppFailure({
      code: 'THROTTLED',
      message: `Dataverse is throttling this app user (429${code ? `, ${code}` : ''}).`,
      cause:
        rawMessage ||
        'Too many requests, too much combined execution time, or too many concurrent requests in the last 5 minutes.',
      next: retryAfter
        ? `Wait ${retryAfter} seconds and try again, or send fewer or lighter requests.`
        : 'Wait a minute and try again, or send fewer or lighter requests.',
      details,
    })
  }
  return new AppFailure({
    code: 'DATAVERSE_ERROR',
    message: `Dataverse answered ${status}${code ? ` (${code})` : ''}${rawMessage ? `: ${rawMessage.slice(0, 300)}` : '.'}`,
    cause: statusCause(status),
    next:
      status === 401 || status === 403
        ? 'Run the connection check to find which setup step is missing.'
        : 'Correct the request and run it again.',
    details,
  })
}

/** Like Response.text(): UTF-8, a byte order mark dropped, malformed bytes replaced. */
const utf8 = new TextDecoder('utf-8')

/**
 * The body's bytes, read once. A body that arrives as one chunk (the in-process emulator, small
 * answers) is used as it is; several chunks are joined once. Response.text() and arrayBuffer()
 * would join and then copy again, and the byte count comes free instead of measuring the text.
 */
async function readBody(response: Response, url: URL, maxBytes: number): Promise<Uint8Array> {
  if (!response.body) return new Uint8Array(0)
  const reader = response.body.getReader()
  const chunks: Uint8Array[] = []
  let length = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    chunks.push(value)
    length += value.byteLength
    // The transport enforces the same cap; this holds for any Transport the client is given.
    if (length > maxBytes) {
      await reader.cancel().catch(() => undefined)
      throw responseTooLarge(url, maxBytes, null, true)
    }
  }
  if (chunks.length === 1) return chunks[0] as Uint8Array
  const joined = new Uint8Array(length)
  let offset = 0
  for (const chunk of chunks) {
    joined.set(chunk, offset)
    offset += chunk.byteLength
  }
  return joined
}

/** Parsed JSON when the answer is JSON, the text otherwise, null when empty. */
function parseBody(text: string, contentType: string): unknown {
  if (!text) return null
  if (!/json/i.test(contentType) && !/^[[{]/.test(text.trimStart())) return text
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}

function headerRecord(headers: Headers): Record<string, string> {
  const record: Record<string, string> = {}
  headers.forEach((value, key) => {
    record[key] = value
  })
  return record
}

export function createDataverseClient(options: DataverseClientOptions): DataverseClient {
  const base = new URL(webApiBase(options.connection.orgUrl, options.connection.apiVersion))
  const orgHost = base.host.toLowerCase()
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES

  const resolve = (path: string): URL => {
    const trimmed = path.trim()
    let url: URL
    try {
      url = /^[a-z][a-z0-9+.-]*:/i.test(trimmed)
        ? new URL(trimmed)
        : trimmed.startsWith('/')
          ? new URL(trimmed, base.origin)
          : new URL(trimmed, base)
    } catch {
      // The text is not echoed: a malformed absolute URL may still hold a user name or password.
      throw new AppFailure({
        code: 'INVALID_INPUT',
        message: 'The path is not a valid URL, so nothing was sent.',
        cause: 'An absolute address is malformed (a bad host, port or bracket), or a next-page link came back damaged.',
        next: 'Use a path relative to the Web API (for example contacts?$top=3), or correct the address.',
      })
    }
    // Checked first, and the message names only the host: the user info itself is never repeated.
    if (url.username || url.password) throw userInfoFailure(url, 'link')
    if (url.host.toLowerCase() !== orgHost || url.protocol !== 'https:') {
      throw new AppFailure({
        code: 'HOST_NOT_ALLOWED',
        message: `${url.protocol}//${url.host} is not this connection's environment (${orgHost}); the request was not sent.`,
        cause: 'A token for one environment must never be sent to another host. The path or link points elsewhere.',
        next: 'Use a path relative to the Web API (for example contacts?$top=3), or open a connection to that environment.',
        details: { host: url.host, allowedHosts: [orgHost] },
      })
    }
    return url
  }

  const send = async (url: URL, request: DataverseRequest, forceRefresh: boolean): Promise<Response> => {
    const token = await options.tokens({ signal: request.signal, forceRefresh })
    const headers = new Headers(ODATA_HEADERS)
    for (const [name, value] of Object.entries(request.headers ?? {})) headers.set(name, value)
    let body: string | undefined
    if (request.body !== undefined) {
      body = typeof request.body === 'string' ? request.body : JSON.stringify(request.body)
      if (!headers.has('content-type')) headers.set('content-type', 'application/json')
    }
    headers.set('authorization', `Bearer ${token.accessToken}`)
    return options.transport(
      new Request(url, { method: (request.method ?? 'GET').toUpperCase(), headers, body, signal: request.signal }),
      { onThrottle: request.onThrottle, maxResponseBytes: maxBodyBytes },
    )
  }

  return {
    webApiUrl: base.href,
    resolve,
    async request<T>(request: DataverseRequest): Promise<DataverseResponse<T>> {
      const url = resolve(request.path)
      const started = performance.now()
      let response = await send(url, request, false)
      if (response.status === 401) {
        // A cached token can be refused (revoked, clock skew): one fresh token, one retry.
        await response.body?.cancel().catch(() => undefined)
        response = await send(url, request, true)
      }
      const ttfbMs = Math.round(performance.now() - started)
      request.onHeaders?.()
      const bytes = await readBody(response, url, maxBodyBytes)
      const text = utf8.decode(bytes)
      const totalMs = Math.round(performance.now() - started)
      const contentType = response.headers.get('content-type') ?? ''
      const requestId = response.headers.get('x-ms-service-request-id')
      const redacted = redactUrl(url.href)
      if (response.status >= 400) {
        const body = parseBody(text, contentType)
        throw dataverseFailure(response.status, body, requestId, redacted, response.headers.get('retry-after'))
      }
      let parsed: { readonly value: unknown } | null = null
      return {
        status: response.status,
        headers: headerRecord(response.headers),
        // Parsed on first read: a parallel fetch-all reads the next link from the text and sends
        // the next request before it parses this page (next-link-peek.ts).
        get body() {
          parsed ??= { value: parseBody(text, contentType) }
          return parsed.value as T | string | null
        },
        text,
        requestId,
        timings: { ttfbMs, totalMs },
        bytes: bytes.byteLength,
        url: redacted,
      }
    },
  }
}
