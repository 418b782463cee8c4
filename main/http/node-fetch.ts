/**
 * The Node base fetch (CLI, tests, the Chromium harness): undici's fetch over an undici dispatcher
 * that carries the extra trusted CA files and the proxy. Certificate validation is always on:
 * extra CAs are added to Node's bundled roots, never instead of checking.
 */
import { readFileSync } from 'node:fs'
import { rootCertificates } from 'node:tls'
import { Agent, type Dispatcher, EnvHttpProxyAgent, fetch as undiciFetch } from 'undici'
import { AppFailure } from '@common/result'
import type { FetchLike } from './types'

export interface NodeFetchOptions {
  /** PEM files whose certificates are trusted in addition to Node's roots (e.g. a TLS-inspection proxy's CA). */
  readonly caFiles?: readonly string[]
  /** PEM text trusted in addition to Node's roots. */
  readonly ca?: readonly string[]
  /** The roots the extra CAs are added to; default Node's bundled roots (the app passes the operating system's). */
  readonly roots?: readonly string[]
  /**
   * The proxy for https requests. `undefined`: use HTTPS_PROXY / https_proxy from `env`;
   * `null`: no proxy even if the environment names one.
   */
  readonly proxyUrl?: string | null
  /** Hosts that bypass the proxy (NO_PROXY syntax). `undefined`: NO_PROXY / no_proxy from `env`. */
  readonly noProxy?: string
  readonly connectTimeoutMs?: number
  readonly env?: Readonly<Record<string, string | undefined>>
}

export interface NodeFetch extends FetchLike {
  /** The proxy actually in use for https, or null. Shown in diagnostics; no credentials in it. */
  readonly proxy: string | null
  close(): Promise<void>
}

function readCaFile(path: string): string {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (error) {
    throw new AppFailure(
      {
        code: 'INVALID_INPUT',
        message: `The trusted CA file ${path} could not be read.`,
        cause: 'The file was moved, deleted, or this app may not read it.',
        next: 'Choose the CA file again (a PEM file that starts with -----BEGIN CERTIFICATE-----).',
        details: { path },
      },
      { cause: error },
    )
  }
  if (!text.includes('-----BEGIN CERTIFICATE-----')) {
    throw new AppFailure({
      code: 'INVALID_INPUT',
      message: `${path} is not a PEM certificate file.`,
      cause:
        'Extra trusted CAs must be PEM text (-----BEGIN CERTIFICATE-----); DER (.cer/.crt binary) files are not read.',
      next: 'Convert it with: openssl x509 -inform der -in ca.cer -out ca.pem, then choose the .pem file.',
      details: { path },
    })
  }
  return text
}

function proxyWithoutCredentials(proxy: string): string {
  try {
    const url = new URL(proxy)
    url.username = ''
    url.password = ''
    return url.href.replace(/\/$/, '')
  } catch {
    return '(unreadable proxy URL)'
  }
}

/** The status a proxy answered CONNECT with, from undici's "Proxy response (502) !== 200 when HTTP Tunneling". */
function tunnelStatus(error: unknown): number | null {
  for (let current: unknown = error, depth = 0; current && depth < 5; depth++) {
    const message = current instanceof Error ? current.message : ''
    const status = /Proxy response \((\d{3})\)/.exec(message)?.[1]
    if (status) return Number(status)
    current = current instanceof Error ? current.cause : null
  }
  return null
}

/**
 * The proxy answered, but refused to open the tunnel: one clear failure naming the status, the
 * proxy and the destination, so nothing retries a refusal that will not change by itself.
 */
function tunnelRefused(error: unknown, url: URL, proxy: string): AppFailure | null {
  const status = tunnelStatus(error)
  if (status === null) return null
  const destination = `${url.hostname}:${url.port || 443}`
  const cause =
    status === 407
      ? 'The proxy needs you to sign in (407 Proxy Authentication Required) and no accepted credentials were sent.'
      : status === 403
        ? 'The proxy is reachable, and its policy refuses this destination (403).'
        : `The proxy is reachable, but it could not open a connection onward to ${destination} (${status}): the destination is unreachable from the proxy, or the proxy's upstream is down.`
  return new AppFailure(
    {
      code: 'NETWORK_ERROR',
      message: `The proxy ${proxy} answered ${status} when asked to tunnel to ${destination}.`,
      cause,
      next:
        status === 407
          ? 'Put the proxy credentials in the proxy URL (http://user:password@proxy:port) or ask IT for a proxy that does not need them.'
          : `Ask the proxy's administrator to allow CONNECT to ${destination}, or bypass the proxy for this host (NO_PROXY) if it is reachable directly.`,
      details: { host: url.host, proxy, proxyStatus: status, networkCode: `PROXY_${status}` },
    },
    { cause: error },
  )
}

export function createNodeFetch(options: NodeFetchOptions = {}): NodeFetch {
  const env = options.env ?? process.env
  const extra = [...(options.ca ?? []), ...(options.caFiles ?? []).map(readCaFile)]
  const tls = {
    ...(extra.length ? { ca: [...(options.roots ?? rootCertificates), ...extra] } : {}),
    ...(options.connectTimeoutMs ? { timeout: options.connectTimeoutMs } : {}),
  }
  const httpsProxy =
    options.proxyUrl === null
      ? ''
      : (options.proxyUrl ?? env.HTTPS_PROXY ?? env.https_proxy ?? env.HTTP_PROXY ?? env.http_proxy ?? '')
  const noProxy = options.noProxy ?? env.NO_PROXY ?? env.no_proxy ?? ''
  const dispatcher: Dispatcher = httpsProxy
    ? new EnvHttpProxyAgent({ httpProxy: httpsProxy, httpsProxy, noProxy, connect: tls, requestTls: tls })
    : new Agent({ connect: tls })

  const proxyShown = httpsProxy ? proxyWithoutCredentials(httpsProxy) : null
  const send = async (request: Request): Promise<Response> => {
    const body = request.body ? new Uint8Array(await request.arrayBuffer()) : undefined
    // undici's own fetch is used (not the global one) so the dispatcher matches its version; the
    // Request is passed apart because undici does not recognise Node's bundled Request class.
    try {
      const response = await undiciFetch(request.url, {
        method: request.method,
        headers: [...request.headers.entries()],
        body,
        signal: request.signal,
        redirect: request.redirect,
        dispatcher,
      })
      return response as unknown as Response
    } catch (error) {
      throw (proxyShown && tunnelRefused(error, new URL(request.url), proxyShown)) || error
    }
  }
  return Object.assign(send, {
    proxy: proxyShown,
    close: () => dispatcher.close(),
  })
}
