/**
 * Every way a request can fail before a response arrives, turned into an AppFailure that names the
 * host and says what to do. Node (undici) reports errno-style codes on `error.cause`; Electron's
 * net.fetch reports Chromium's `net::ERR_*` names in the message. Both are handled here.
 */
import { AppFailure } from '@common/result'

interface ErrorFacts {
  readonly codes: string[]
  readonly messages: string[]
}

function collect(error: unknown): ErrorFacts {
  const codes: string[] = []
  const messages: string[] = []
  let current: unknown = error
  for (let depth = 0; current && depth < 6; depth++) {
    if (typeof current === 'object') {
      const code = (current as { code?: unknown }).code
      if (typeof code === 'string') codes.push(code)
      const message = (current as { message?: unknown }).message
      if (typeof message === 'string') messages.push(message)
      const errors = (current as { errors?: unknown }).errors
      if (Array.isArray(errors)) for (const inner of errors) codes.push(...collect(inner).codes)
      current = (current as { cause?: unknown }).cause
    } else {
      messages.push(String(current))
      break
    }
  }
  for (const message of messages) {
    const chromium = message.match(/net::(ERR_[A-Z_]+)/)
    if (chromium?.[1]) codes.push(chromium[1])
  }
  return { codes, messages }
}

const TLS_CODES = [
  /^CERT_/,
  /^UNABLE_TO_/,
  /SELF_SIGNED_CERT/,
  /^ERR_TLS_/,
  /^ERR_SSL_/,
  /^ERR_CERT_/,
  /^EPROTO$/,
  /^HOSTNAME_MISMATCH$/,
]

function isTls(code: string): boolean {
  return TLS_CODES.some((pattern) => pattern.test(code))
}

export function tlsFailure(host: string, code: string, cause?: unknown): AppFailure {
  return new AppFailure(
    {
      code: 'TLS_ERROR',
      message: `The secure connection to ${host} could not be verified (${code}).`,
      cause:
        'The certificate the server presented does not chain to a root this app trusts. The usual cause is TLS inspection: a corporate proxy or firewall re-signs HTTPS traffic with its own certificate.',
      next: `Ask your IT team for the inspection proxy's root CA certificate and add it as an extra trusted CA file (or install it in the operating system's trust store), then try again. Certificate checks stay on; ${host} is never trusted blindly.`,
      details: { host, tlsCode: code },
    },
    { cause },
  )
}

export function networkFailure(host: string, codes: readonly string[], cause?: unknown): AppFailure {
  const code = codes.find((c) => c !== 'UND_ERR' && c.length > 0) ?? 'UNKNOWN'
  const has = (...names: string[]) => codes.some((c) => names.includes(c))
  let message = `The app could not reach ${host} (${code}).`
  let explanation = 'The network connection failed before the server answered.'
  let next = 'Check your network connection and try again.'
  if (has('ENOTFOUND', 'EAI_AGAIN', 'ERR_NAME_NOT_RESOLVED', 'ERR_NAME_RESOLUTION_FAILED')) {
    message = `The host name ${host} could not be found (DNS, ${code}).`
    explanation =
      'Either the URL has a typo, the environment was deleted or renamed, or DNS is not reachable from this network.'
    next = `Check the org URL. Open https://${host} in a browser; if it fails there too, the environment URL is wrong or DNS is blocked.`
  } else if (has('ECONNREFUSED', 'ERR_CONNECTION_REFUSED')) {
    message = `${host} refused the connection (${code}).`
    explanation = 'Nothing is listening on that address and port, or a firewall actively rejects the connection.'
    next = 'Check the URL and port. If you use a proxy, check its address in the network settings.'
  } else if (
    has(
      'ETIMEDOUT',
      'UND_ERR_CONNECT_TIMEOUT',
      'UND_ERR_HEADERS_TIMEOUT',
      'UND_ERR_BODY_TIMEOUT',
      'ERR_TIMED_OUT',
      'ERR_CONNECTION_TIMED_OUT',
      'TIMEOUT',
    )
  ) {
    message = `${host} did not answer in time (${code}).`
    explanation = 'The network is slow or a firewall silently drops the traffic.'
    next = 'Try again. If it keeps timing out, check whether this network needs a proxy.'
  } else if (
    has('ERR_PROXY_CONNECTION_FAILED', 'ERR_TUNNEL_CONNECTION_FAILED', 'UND_ERR_PROXY') ||
    codes.some((c) => c.startsWith('PROXY'))
  ) {
    message = `The proxy did not open a connection to ${host} (${code}).`
    explanation = 'The proxy is unreachable, refuses the destination, or needs authentication.'
    next = 'Check the proxy address (settings, HTTPS_PROXY) and whether it allows this host.'
  } else if (
    has('ECONNRESET', 'UND_ERR_SOCKET', 'ERR_CONNECTION_RESET', 'ERR_CONNECTION_CLOSED', 'ERR_EMPTY_RESPONSE')
  ) {
    message = `The connection to ${host} was dropped (${code}).`
    explanation = 'The server or something in between (proxy, firewall) closed the connection mid-request.'
    next = 'Try again. If it repeats, a proxy or firewall on this network is probably interfering.'
  }
  return new AppFailure(
    { code: 'NETWORK_ERROR', message, cause: explanation, next, details: { host, networkCode: code } },
    { cause },
  )
}

export function cancelled(host: string, cause?: unknown): AppFailure {
  return new AppFailure(
    {
      code: 'CANCELLED',
      message: `The request to ${host} was cancelled.`,
      cause: 'You (or the screen that started it) stopped the operation.',
      next: 'Run it again when you are ready.',
      details: { host },
    },
    { cause },
  )
}

export function timedOut(host: string, seconds: number): AppFailure {
  return new AppFailure({
    code: 'NETWORK_ERROR',
    message: `${host} did not finish answering within ${seconds} seconds.`,
    cause: 'The server is slow, the response is very large, or the network is dropping traffic.',
    next: 'Try again, or ask for less data (fewer columns, a $top, a smaller page size).',
    details: { host, networkCode: 'TOTAL_TIMEOUT', timeoutSeconds: seconds },
  })
}

/** Maps anything a base fetch threw for `url` to an AppFailure. AppFailures pass through unchanged. */
export function toTransportFailure(error: unknown, url: URL): AppFailure {
  if (error instanceof AppFailure) return error
  const facts = collect(error)
  const host = url.host
  const tls = facts.codes.find(isTls)
  if (tls) return tlsFailure(host, tls, error)
  if (facts.messages.some((m) => /certificate|self[- ]signed|unable to verify/i.test(m))) {
    return tlsFailure(host, 'CERTIFICATE_VERIFY_FAILED', error)
  }
  if (facts.messages.some((m) => /Proxy response \((\d+)\)/.test(m))) {
    const status = facts.messages.map((m) => m.match(/Proxy response \((\d+)\)/)?.[1]).find(Boolean)
    return networkFailure(host, [`PROXY_${status ?? 'ERROR'}`], error)
  }
  return networkFailure(host, facts.codes.length ? facts.codes : ['UNKNOWN'], error)
}

function megabytes(bytes: number): string {
  const value = bytes / (1024 * 1024)
  return `${value >= 10 ? Math.round(value) : value.toFixed(1)} MB`
}

/**
 * A response body larger than the cap. The body is never read past the cap: it would be joined,
 * decoded and parsed in main, and past V8's string limit the read fails with an unhelpful error.
 */
export function responseTooLarge(
  url: URL,
  limitBytes: number,
  declaredBytes: number | null,
  dataverse: boolean,
): AppFailure {
  const metadata = /\/\$metadata$/.test(url.pathname)
  const size = declaredBytes !== null ? `${megabytes(declaredBytes)}, more than` : 'more than'
  return new AppFailure({
    code: dataverse ? 'DATAVERSE_ERROR' : 'NETWORK_ERROR',
    message: `The answer from ${url.host} was ${size} the ${megabytes(limitBytes)} this app reads in one response, so it was stopped.`,
    cause: metadata
      ? 'The environment has an unusually large schema, or something between the app and Dataverse (a proxy, a gateway) answered with a huge page instead.'
      : 'The request asks for a lot of data in one answer (many columns, large text or file columns, a big page), or a proxy or gateway answered with a huge page instead.',
    next: metadata
      ? "Run the connection check to see whether Dataverse itself answers; if it does, report the size of the environment's $metadata."
      : 'Ask for less per answer: $select only the columns you need, add $top, or lower the page size (Prefer: odata.maxpagesize=500). Fetch all pages to get every row.',
    details: {
      host: url.host,
      limitBytes,
      ...(declaredBytes !== null ? { declaredBytes } : {}),
      networkCode: 'RESPONSE_TOO_LARGE',
    },
  })
}
