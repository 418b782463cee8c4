/**
 * The two checks made before anything is sent: the host allow-list and the read-only guard.
 * Both throw an AppFailure so the request never leaves the machine.
 */
import { AppFailure } from '@common/result'
import { readBatch } from './batch'
import { operationCalls } from './operations'
import type { ResolvedTransportPolicy } from './types'

export function hostOf(url: URL): string {
  return url.host.toLowerCase()
}

export function userInfoFailure(url: URL, why: 'request' | 'redirect' | 'link'): AppFailure {
  const what =
    why === 'redirect'
      ? 'The server redirected to an address'
      : why === 'link'
        ? 'The address or next-page link'
        : 'A request address'
  return new AppFailure({
    code: 'HOST_NOT_ALLOWED',
    message: `${what} on ${url.host} carries a user name or password, so nothing was sent.`,
    cause:
      'Credentials inside a URL would travel to the server and into logs; this app signs in with tokens only, so such an address is either a mistake or a trick.',
    next: 'Remove the "user@" or "user:password@" part from the address. If a next-page link came back like that, something between the app and Dataverse rewrote it.',
    details: { host: url.host, reason: 'user-info' },
  })
}

export function assertHostAllowed(url: URL, policy: ResolvedTransportPolicy, why: 'request' | 'redirect'): void {
  if (url.username || url.password) throw userInfoFailure(url, why)
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
const BATCH_PATH = /\/\$batch$/
/** Method-override headers: a GET carrying one could be run as the method it names. */
const OVERRIDE_HEADER = /^x-(http-)?method(-override)?$/i

const READ_ONLY_NEXT =
  'To change data, edit the connection and turn off "Read-only" (deliberately, and only if this is the environment you mean), or run it against a non-production environment.'

function readOnlyFailure(method: string, url: URL, detail: string, reason: string): AppFailure {
  return new AppFailure({
    code: 'READ_ONLY',
    message: `${method} ${url.pathname} was not sent: this connection is read-only.${detail ? ' ' + detail : ''}`,
    cause:
      'Read-only connections (production by default) only read data: GET and HEAD of data and side-effect-free functions, sign-in, and $batch requests made only of such GETs.',
    next: READ_ONLY_NEXT,
    details: { method, host: url.host, path: url.pathname, reason },
  })
}

function overrideHeaderIn(names: Iterable<string>): string | undefined {
  for (const name of names) if (OVERRIDE_HEADER.test(name)) return name
  return undefined
}

/** Refuses a GET whose path calls an operation that is not on the side-effect-free list. */
function assertNoWritingOperation(
  method: string,
  url: URL,
  checked: URL,
  policy: ResolvedTransportPolicy,
  where: string,
): void {
  const calls = operationCalls(checked, policy.operations ?? undefined)
  if (calls === null)
    throw readOnlyFailure(
      method,
      url,
      `${where} has a broken percent escape in its path, so the operation it calls cannot be known.`,
      'undecodable-path',
    )
  const writer = calls.find((call) => !call.sideEffectFree)
  if (!writer) return
  throw readOnlyFailure(
    method,
    url,
    `${where} calls ${writer.name}, which is not on the list of functions known to have no side effects: a function can write data (CalculateRollupField saves the recalculated value) or run plug-in code (any custom API).`,
    'operation',
  )
}

function assertBatchReadsOnly(
  url: URL,
  body: Uint8Array | null,
  headers: Headers,
  policy: ResolvedTransportPolicy,
): void {
  const reading = readBatch(headers.get('content-type'), body)
  if (!reading.ok)
    throw readOnlyFailure(
      'POST',
      url,
      `The $batch could not be checked (${reading.problem}), so it was treated as a write.`,
      'batch-unreadable',
    )
  const root = new URL(url.href.replace(/\$batch$/, ''))
  for (const part of reading.parts) {
    const override = overrideHeaderIn(part.headerNames)
    if (override)
      throw readOnlyFailure(
        'POST',
        url,
        `A request in the $batch carries ${override}, which can turn it into another method.`,
        'batch-override-header',
      )
    if (part.method !== 'GET')
      throw readOnlyFailure(
        'POST',
        url,
        `The $batch contains ${part.method.slice(0, 20)} ${part.target.slice(0, 120)}: only GET requests may be batched.`,
        'batch-write',
      )
    if (part.inChangeSet)
      throw readOnlyFailure(
        'POST',
        url,
        'The $batch contains a change set: change sets hold writes only (the Web API allows no GET in one).',
        'batch-change-set',
      )
    let target: URL
    try {
      target = new URL(part.target, root)
    } catch {
      throw readOnlyFailure(
        'POST',
        url,
        `A request in the $batch has a target that is not a URL: ${part.target.slice(0, 120)}.`,
        'batch-unreadable',
      )
    }
    if (hostOf(target) !== policy.orgHost)
      throw readOnlyFailure(
        'POST',
        url,
        `A request in the $batch goes to ${hostOf(target)}, not ${policy.orgHost}.`,
        'batch-other-host',
      )
    assertNoWritingOperation('POST', url, target, policy, `A GET in the $batch (${part.target.slice(0, 120)})`)
  }
}

export function assertReadOnlyAllows(
  method: string,
  url: URL,
  body: Uint8Array | null,
  headers: Headers,
  policy: ResolvedTransportPolicy,
): void {
  if (!policy.readOnly) return
  const upper = method.toUpperCase()
  const override = overrideHeaderIn(headers.keys())
  if (override)
    throw readOnlyFailure(
      upper,
      url,
      `The request carries ${override}, which asks the server to run it as another method.`,
      'override-header',
    )
  const host = hostOf(url)
  if (upper === 'GET' || upper === 'HEAD') {
    if (host === policy.orgHost) assertNoWritingOperation(upper, url, url, policy, 'It')
    return
  }
  if (policy.authorityHost && host === policy.authorityHost && upper === 'POST' && TOKEN_PATH.test(url.pathname)) return
  if (host === policy.orgHost && upper === 'POST' && BATCH_PATH.test(url.pathname)) {
    assertBatchReadsOnly(url, body, headers, policy)
    return
  }
  throw readOnlyFailure(upper, url, '', 'write')
}
