import { Readable } from 'node:stream'
import {
  net,
  type ClientRequest,
  type ClientRequestConstructorOptions,
  type IncomingMessage,
  type Session,
} from 'electron'
import type { FetchLike } from '../http/types'

/**
 * The app's base fetch: Chromium's network stack through Electron's net.request on a dedicated,
 * in-memory session. It uses the system proxy settings and the operating system's trust store, so a
 * corporate TLS-inspection root installed by IT is trusted exactly as in the browser — and
 * certificate validation stays Chromium's. No cookies outlive the app (the partition is not persisted).
 *
 * Why net.request and not session.fetch: the transport sends with `redirect: 'manual'` and follows
 * redirects itself, checking every hop against the host allow-list. session.fetch never answers a
 * manual redirect with a 3xx response (the request dies with "Redirect was cancelled"), so a moved
 * environment or a captive portal looked like an unreachable host. Here the `'redirect'` event
 * becomes that 3xx response, and the transport decides.
 */
export const NETWORK_PARTITION = 'dataverse-network'

export type NetRequest = (options: ClientRequestConstructorOptions) => ClientRequest

const NULL_BODY_STATUSES = new Set([204, 205, 304])

function headersFrom(record: Record<string, string | string[]>): Headers {
  const headers = new Headers()
  for (const [name, value] of Object.entries(record)) {
    for (const item of Array.isArray(value) ? value : [value]) headers.append(name, item)
  }
  return headers
}

/** Electron's IncomingMessage is a Node Readable (its typings leave the Readable part out). */
function readableOf(message: IncomingMessage): Readable {
  return message as unknown as Readable
}

function bodyOf(message: IncomingMessage, method: string): ReadableStream<Uint8Array> | null {
  if (NULL_BODY_STATUSES.has(message.statusCode) || method === 'HEAD') {
    readableOf(message).resume()
    return null
  }
  // toWeb keeps the stream's back-pressure (pause/resume) and carries its errors to the reader.
  return Readable.toWeb(readableOf(message)) as ReadableStream<Uint8Array>
}

export function createNetFetch(
  session: Session,
  netRequest: NetRequest = (options) => net.request(options),
): FetchLike {
  return async (request) => {
    const signal = request.signal
    signal.throwIfAborted()
    const body = request.body ? Buffer.from(await request.arrayBuffer()) : null
    const method = request.method.toUpperCase()
    const outgoing = netRequest({
      method,
      url: request.url,
      session,
      credentials: 'omit',
      redirect: 'manual',
      bypassCustomProtocolHandlers: true,
    })
    request.headers.forEach((value, name) => outgoing.setHeader(name, value))

    return new Promise<Response>((resolve, reject) => {
      let settled = false
      let incoming: IncomingMessage | null = null
      const settle = (outcome: () => void) => {
        if (settled) return
        settled = true
        outcome()
      }
      const onAbort = () => {
        outgoing.abort()
        // Once headers are in, the body stream carries the abort to whoever reads it.
        if (incoming)
          readableOf(incoming).destroy(
            signal.reason instanceof Error ? signal.reason : new DOMException('aborted', 'AbortError'),
          )
        settle(() => reject(signal.reason))
      }
      signal.addEventListener('abort', onAbort, { once: true })
      const done = () => signal.removeEventListener('abort', onAbort)

      outgoing.on('redirect', (status, _method, redirectUrl, responseHeaders) => {
        const headers = headersFrom(responseHeaders)
        // Chromium hands over the hop already resolved against the request URL.
        headers.set('location', redirectUrl)
        settle(() => resolve(new Response(null, { status, headers })))
        done()
        // Not following it: this request is finished, the transport sends the next hop itself.
        outgoing.abort()
      })
      outgoing.on('response', (message) => {
        incoming = message
        message.on('end', done)
        message.on('error', done)
        message.on('aborted', () => {
          readableOf(message).destroy(new Error('net::ERR_CONNECTION_RESET (the response was cut off)'))
          done()
        })
        settle(() =>
          resolve(
            new Response(bodyOf(message, method), {
              status: message.statusCode,
              statusText: message.statusMessage,
              headers: headersFrom(message.headers),
            }),
          ),
        )
      })
      outgoing.on('error', (error) => {
        done()
        settle(() => reject(error))
      })
      if (body) outgoing.write(body)
      outgoing.end()
    })
  }
}
