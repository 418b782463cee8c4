/**
 * createTransport(base, policy): the one place every HTTP policy lives. It wraps any FetchLike
 * (Node undici, Electron net.fetch, the in-process emulator) and, in this order for each request:
 *   1. buffers the request body (so it can be measured, inspected for $batch and resent after a 429);
 *   2. refuses a host outside the allow-list (org host + authority host) and, on a read-only
 *      connection, any write — before anything is sent;
 *   3. waits for one of N concurrency slots (released when the response headers arrive);
 *   4. sends with redirect 'manual' and a total timeout combined with the caller's AbortSignal;
 *   5. follows redirects itself, checking each hop against the allow-list (none from the sign-in
 *      host, and no 307/308 that would re-send a body to another host);
 *   6. waits out a 429 Retry-After within a bounded budget, counting down through onThrottle;
 *   7. passes the body on counted and capped (maxResponseBytes);
 *   8. records every attempt in the timeline (redacted by construction, see timeline.ts), and shows
 *      each Dataverse response's headers to the policy's observer (the service-protection budget).
 */
import { AppFailure } from '@common/result'
import { cancelled, responseTooLarge, timedOut, toTransportFailure } from './failures'
import { assertHostAllowed, assertReadOnlyAllows, hostOf } from './guards'
import { Semaphore } from './semaphore'
import { redactUrl, type Timeline, type TimelineEntry, type TimelineKind } from './timeline'
import type { FetchLike, ResolvedTransportPolicy, SendOptions, Transport, TransportPolicy } from './types'

const DEFAULT_TOTAL_TIMEOUT_MS = 120_000
const DEFAULT_MAX_CONCURRENT = 8
const DEFAULT_THROTTLE = { maxRetries: 3, maxWaitSeconds: 120 } as const
const DEFAULT_MAX_RESPONSE_BYTES = 256 * 1024 * 1024

const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304])
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308])

function resolvePolicy(policy: TransportPolicy): ResolvedTransportPolicy {
  const orgHost = policy.orgHost.toLowerCase()
  const authorityHost = policy.authorityHost?.toLowerCase() ?? null
  return {
    connectionId: policy.connectionId ?? null,
    orgHost,
    authorityHost,
    allowedHosts: authorityHost && authorityHost !== orgHost ? [orgHost, authorityHost] : [orgHost],
    readOnly: policy.readOnly ?? false,
    totalTimeoutMs: policy.totalTimeoutMs ?? DEFAULT_TOTAL_TIMEOUT_MS,
    throttle: { ...DEFAULT_THROTTLE, ...policy.throttle },
    maxConcurrent: policy.maxConcurrent ?? DEFAULT_MAX_CONCURRENT,
    maxRedirects: policy.maxRedirects ?? 5,
    maxResponseBytes: policy.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
    operations: policy.operations ?? null,
    timeline: policy.timeline ?? null,
    observe: policy.observe ?? null,
  }
}

/** Seconds to wait from a Retry-After header (delta-seconds or an HTTP date); null when absent or unreadable. */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | null {
  if (value === null) return null
  const trimmed = value.trim()
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.max(0, Math.ceil(Number(trimmed)))
  const date = Date.parse(trimmed)
  if (Number.isNaN(date)) return null
  return Math.max(0, Math.ceil((date - now) / 1000))
}

async function countdown(
  seconds: number,
  signal: AbortSignal,
  onThrottle?: (secondsLeft: number) => void,
): Promise<void> {
  for (let left = seconds; left > 0; left--) {
    onThrottle?.(left)
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        signal.removeEventListener('abort', onAbort)
        resolve()
      }, 1000)
      const onAbort = () => {
        clearTimeout(timer)
        reject(signal.reason)
      }
      if (signal.aborted) onAbort()
      else signal.addEventListener('abort', onAbort, { once: true })
    })
  }
  onThrottle?.(0)
}

function kindOf(host: string, policy: ResolvedTransportPolicy): TimelineKind {
  if (host === policy.orgHost) return 'dataverse'
  if (host === policy.authorityHost) return 'authority'
  return 'other'
}

function requestIdOf(headers: Headers): string | null {
  const value = headers.get('x-ms-service-request-id') ?? headers.get('x-ms-request-id') ?? headers.get('req_id')
  return value ? value.slice(0, 200) : null
}

interface Attempt {
  readonly url: URL
  readonly method: string
  readonly headers: Headers
  readonly body: Uint8Array<ArrayBuffer> | null
  readonly number: number
  readonly maxResponseBytes: number
}

function notFollowed(status: number, from: URL, to: URL, cause: string, reason: string): AppFailure {
  return new AppFailure({
    code: 'HOST_NOT_ALLOWED',
    message: `${from.host} answered ${status}, redirecting to ${hostOf(to)}. The redirect was not followed.`,
    cause,
    next: 'This is a safety stop and nothing more was sent. If it keeps happening, a proxy on this network is probably rewriting traffic: ask your IT team, or try another network.',
    details: { host: hostOf(to), from: hostOf(from), status, reason },
  })
}

/**
 * Sign-in never needs a redirect (MSAL follows none), and a 307/308 keeps the body, which for a token
 * request is the client secret or assertion: such a hop to another host would hand it over.
 */
function assertRedirectSafe(
  status: number,
  from: URL,
  to: URL,
  method: string,
  body: Uint8Array | null,
  policy: ResolvedTransportPolicy,
): void {
  if (policy.authorityHost && hostOf(from) === policy.authorityHost) {
    throw notFollowed(
      status,
      from,
      to,
      'Requests to the sign-in host are never redirected by Entra ID; one that is could carry the client secret to another address.',
      'authority-redirect',
    )
  }
  const keepsBody = status === 307 || status === 308
  if (keepsBody && body !== null && body.byteLength > 0 && hostOf(to) !== hostOf(from)) {
    throw notFollowed(
      status,
      from,
      to,
      `A ${status} redirect re-sends the ${method} body, and the body is never sent to a host other than the one it was written for.`,
      'body-to-other-host',
    )
  }
}

export function createTransport(base: FetchLike, policy: TransportPolicy): Transport {
  const resolved = resolvePolicy(policy)
  const gate = new Semaphore(resolved.maxConcurrent)
  const timeline: Timeline | null = resolved.timeline

  const record = (entry: TimelineEntry) => timeline?.put(entry)

  async function sendOnce(attempt: Attempt, callerSignal: AbortSignal): Promise<Response> {
    const host = hostOf(attempt.url)
    let release: () => void
    try {
      release = await gate.acquire(callerSignal)
    } catch (error) {
      throw cancelled(host, error)
    }
    const timeout = new AbortController()
    const timer = setTimeout(
      () => timeout.abort(new DOMException('total timeout', 'TimeoutError')),
      resolved.totalTimeoutMs,
    )
    const signal = AbortSignal.any([callerSignal, timeout.signal])
    const started = performance.now()
    const entryBase = {
      id: timeline?.nextId() ?? 0,
      connectionId: resolved.connectionId,
      kind: kindOf(host, resolved),
      method: attempt.method,
      url: redactUrl(attempt.url.href),
      startedAt: new Date().toISOString(),
      requestBytes: attempt.body?.byteLength ?? 0,
      attempt: attempt.number,
    }
    const mapError = (error: unknown): AppFailure => {
      if (callerSignal.aborted) return cancelled(host, error)
      if (timeout.signal.aborted) return timedOut(host, Math.round(resolved.totalTimeoutMs / 1000))
      return toTransportFailure(error, attempt.url)
    }

    let response: Response
    try {
      response = await base(
        new Request(attempt.url, {
          method: attempt.method,
          headers: attempt.headers,
          body: attempt.body,
          signal,
          redirect: 'manual',
        }),
      )
    } catch (error) {
      clearTimeout(timer)
      const failure = mapError(error)
      record({
        ...entryBase,
        status: null,
        failure: failure.code,
        ttfbMs: null,
        totalMs: Math.round(performance.now() - started),
        responseBytes: null,
        requestId: null,
        correlationId: null,
        traceId: null,
      })
      throw failure
    } finally {
      release()
    }

    const ttfbMs = Math.round(performance.now() - started)
    let entry: TimelineEntry = {
      ...entryBase,
      status: response.status,
      failure: null,
      ttfbMs,
      totalMs: null,
      responseBytes: null,
      requestId: requestIdOf(response.headers),
      correlationId: null,
      traceId: null,
    }
    record(entry)
    if (entry.kind === 'dataverse' && resolved.observe) {
      resolved.observe({
        status: response.status,
        headers: response.headers,
        at: new Date(),
        body:
          response.status === 429 && response.body
            ? response
                .clone()
                .text()
                .catch(() => '')
            : null,
      })
    }

    if (
      entry.kind === 'authority' &&
      response.status >= 400 &&
      /json/i.test(response.headers.get('content-type') ?? '')
    ) {
      // Entra ID puts its correlation and trace ids in the error body; only those two ids are kept.
      void response
        .clone()
        .json()
        .then((body: unknown) => {
          const ids = body as { correlation_id?: unknown; trace_id?: unknown }
          entry = {
            ...entry,
            correlationId: typeof ids.correlation_id === 'string' ? ids.correlation_id.slice(0, 100) : null,
            traceId: typeof ids.trace_id === 'string' ? ids.trace_id.slice(0, 100) : null,
          }
          record(entry)
        })
        .catch(() => undefined)
    }

    let finished = false
    const finish = (bytes: number, failure: string | null) => {
      if (finished) return
      finished = true
      clearTimeout(timer)
      entry = { ...entry, totalMs: Math.round(performance.now() - started), responseBytes: bytes, failure }
      record(entry)
    }

    if (!response.body || NULL_BODY_STATUSES.has(response.status)) {
      await response.body?.cancel().catch(() => undefined)
      finish(0, null)
      return response.body
        ? new Response(null, { status: response.status, statusText: response.statusText, headers: response.headers })
        : response
    }

    const reader = response.body.getReader()
    let bytes = 0
    const declared = Number(response.headers.get('content-length') ?? NaN)
    const tooLarge = (declaredBytes: number | null) => {
      const failure = responseTooLarge(attempt.url, attempt.maxResponseBytes, declaredBytes, entry.kind === 'dataverse')
      finish(bytes, failure.code)
      void reader.cancel(failure).catch(() => undefined)
      return failure
    }
    const counted = new ReadableStream<Uint8Array>({
      async pull(controller) {
        if (Number.isFinite(declared) && declared > attempt.maxResponseBytes) {
          controller.error(tooLarge(declared))
          return
        }
        let chunk: Awaited<ReturnType<typeof reader.read>>
        try {
          chunk = await reader.read()
        } catch (error) {
          if (finished) return
          const failure = mapError(error)
          finish(bytes, failure.code)
          controller.error(failure)
          return
        }
        // The consumer may have cancelled while this read was pending.
        if (finished) return
        if (chunk.done) {
          finish(bytes, null)
          controller.close()
          return
        }
        bytes += chunk.value.byteLength
        if (bytes > attempt.maxResponseBytes) {
          controller.error(tooLarge(null))
          return
        }
        controller.enqueue(chunk.value)
      },
      async cancel(reason) {
        finish(bytes, null)
        await reader.cancel(reason).catch(() => undefined)
      },
    })
    return new Response(counted, {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    })
  }

  const send = async (request: Request, options: SendOptions = {}): Promise<Response> => {
    const callerSignal = request.signal
    let url = new URL(request.url)
    let method = request.method.toUpperCase()
    let headers = new Headers(request.headers)
    let body: Uint8Array<ArrayBuffer> | null = request.body ? new Uint8Array(await request.arrayBuffer()) : null
    assertHostAllowed(url, resolved, 'request')
    assertReadOnlyAllows(method, url, body, headers, resolved)
    const maxResponseBytes = Math.min(resolved.maxResponseBytes, options.maxResponseBytes ?? Infinity)

    let attemptNumber = 1
    let retries = 0
    let waitedSeconds = 0
    let redirects = 0
    for (;;) {
      const response = await sendOnce(
        { url, method, headers, body, number: attemptNumber, maxResponseBytes },
        callerSignal,
      )
      attemptNumber++

      const location = response.headers.get('location')
      if (REDIRECT_STATUSES.has(response.status) && location) {
        await response.body?.cancel().catch(() => undefined)
        if (++redirects > resolved.maxRedirects) {
          throw new AppFailure({
            code: 'NETWORK_ERROR',
            message: `${url.host} redirected more than ${resolved.maxRedirects} times.`,
            cause: 'The server (or a proxy) sends the request around in a loop.',
            next: 'Check the org URL; open it in a browser to see where it leads.',
            details: { host: url.host, networkCode: 'TOO_MANY_REDIRECTS' },
          })
        }
        const next = new URL(location, url)
        assertHostAllowed(next, resolved, 'redirect')
        assertRedirectSafe(response.status, url, next, method, body, resolved)
        if (response.status === 303 || ((response.status === 301 || response.status === 302) && method === 'POST')) {
          method = 'GET'
          body = null
          headers = new Headers(headers)
          headers.delete('content-type')
        }
        if (hostOf(next) !== hostOf(url)) {
          headers = new Headers(headers)
          headers.delete('authorization')
        }
        assertReadOnlyAllows(method, next, body, headers, resolved)
        url = next
        continue
      }

      if (response.status === 429 && retries < resolved.throttle.maxRetries) {
        const wait = parseRetryAfter(response.headers.get('retry-after'))
        if (wait !== null && waitedSeconds + wait <= resolved.throttle.maxWaitSeconds) {
          await response.body?.cancel().catch(() => undefined)
          try {
            await countdown(wait, callerSignal, options.onThrottle)
          } catch (error) {
            throw cancelled(url.host, error)
          }
          waitedSeconds += wait
          retries++
          continue
        }
      }
      return response
    }
  }

  return Object.assign(send, { policy: resolved })
}
