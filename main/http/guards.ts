/**
 * The two checks made before anything is sent: the host allow-list and the read-only guard.
 * Both throw an AppFailure so the request never leaves the machine.
 */
import { AppFailure } from '../../common/result'
import type { ResolvedTransportPolicy } from './types'

export function hostOf(url: URL): string {
  return url.host.toLowerCase()
}

export function assertHostAllowed(url: URL, policy: ResolvedTransportPolicy, why: 'request' | 'redirect'): void {
  if (url.protocol !== 'https:') {
    throw new AppFailure({
      code: 'HOST_NOT_ALLOWED',
      message: `A ${why === 'redirect' ? 'redirect' : 'request'} to ${url.protocol}//${url.host} was refused: only https is used.`,
      cause: 'Tokens and data must never travel unencrypted.',
      next: 'Use the https:// address of the environment.',
      details: { host: url.host, reason: 'not-https' },
    })
  }
  const host = hostOf(url)
  if (policy.allowedHosts.includes(host)) return
  throw new AppFailure({
    code: 'HOST_NOT_ALLOWED',
    message:
      why === 'redirect'
        ? `The server redirected to ${host}, which is not this connection's environment or sign-in host. The redirect was not followed.`
        : `A request to ${host} was refused: this connection may only talk to ${policy.allowedHosts.join(' and ')}.`,
    cause:
      'A token for one environment must never be sent anywhere else. A next-page link, redirect or pasted URL pointed outside the connection.',
    next: 'If the environment moved, edit the connection to use its new URL. Otherwise this is a safety stop and nothing was sent.',
    details: { host, allowedHosts: [...policy.allowedHosts], reason: why },
  })
}

const TOKEN_PATH = /^\/[^/]+\/oauth2\/(v2\.0\/)?token\/?$/i

function readOnlyFailure(method: string, url: URL, detail: string): AppFailure {
  return new AppFailure({
    code: 'READ_ONLY',
    message: `${method} ${url.pathname} was not sent: this connection is read-only.${detail ? ' ' + detail : ''}`,
    cause: 'Read-only connections (production by default) only read data: GET and HEAD, sign-in, and $batch requests made only of GETs.',
    next: 'To change data, edit the connection and turn off "Read-only" — deliberately, and only if this is the environment you mean.',
    details: { method, host: url.host, path: url.pathname },
  })
}

/** True when every request line inside a $batch body is a GET and there is no change set. */
function batchIsOnlyGets(body: string): boolean {
  if (/changeset_/i.test(body)) return false
  const requestLines = [...body.matchAll(/^([A-Z]+)\s+\S+\s+HTTP\/\d\.\d\s*$/gm)]
  if (requestLines.length === 0) return false
  return requestLines.every((line) => line[1] === 'GET')
}

export function assertReadOnlyAllows(method: string, url: URL, body: Uint8Array | null, policy: ResolvedTransportPolicy): void {
  if (!policy.readOnly) return
  const upper = method.toUpperCase()
  if (upper === 'GET' || upper === 'HEAD') return
  const host = hostOf(url)
  if (policy.authorityHost && host === policy.authorityHost && upper === 'POST' && TOKEN_PATH.test(url.pathname)) return
  if (host === policy.orgHost && upper === 'POST' && /\/\$batch$/.test(url.pathname)) {
    const text = body ? new TextDecoder().decode(body) : ''
    if (batchIsOnlyGets(text)) return
    throw readOnlyFailure(upper, url, 'The $batch contains a change set or a request other than GET.')
  }
  throw readOnlyFailure(upper, url, '')
}
