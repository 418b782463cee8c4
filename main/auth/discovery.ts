/**
 * Tenant discovery, "the seed's trick": an anonymous GET to the Web API answers 401 with a
 * WWW-Authenticate challenge naming the tenant's authority (wire §4.2). Parsing is tolerant:
 * case-insensitive scheme and keys, quoted or unquoted values, commas and/or spaces between them.
 */
import { cloudLabel, isSignInHostOf, matchOrgHost, signInHostsOf } from '@common/clouds'
import { AppFailure } from '@common/result'
import type { Transport } from '../http/types'

export interface Challenge {
  readonly scheme: string
  /** Keys lower-cased. */
  readonly params: Readonly<Record<string, string>>
}

function isSpace(char: string | undefined): boolean {
  return char === ' ' || char === '\t' || char === '\r' || char === '\n'
}

/** Every challenge in a WWW-Authenticate value, in order. Never throws; junk yields fewer params. */
export function parseWwwAuthenticate(header: string): Challenge[] {
  const challenges: Array<{ scheme: string; params: Record<string, string> }> = []
  let i = 0
  const n = header.length
  const skipSeparators = () => {
    while (i < n && (isSpace(header[i]) || header[i] === ',')) i++
  }
  while (i < n) {
    skipSeparators()
    const start = i
    while (i < n && !isSpace(header[i]) && header[i] !== ',' && header[i] !== '=') i++
    const word = header.slice(start, i)
    if (!word) {
      i++
      continue
    }
    let j = i
    while (j < n && isSpace(header[j])) j++
    if (header[j] !== '=') {
      challenges.push({ scheme: word.toLowerCase(), params: {} })
      continue
    }
    i = j + 1
    while (i < n && isSpace(header[i])) i++
    let value = ''
    if (header[i] === '"') {
      i++
      while (i < n && header[i] !== '"') {
        if (header[i] === '\\' && i + 1 < n) i++
        value += header[i]
        i++
      }
      i++
    } else {
      const valueStart = i
      while (i < n && !isSpace(header[i]) && header[i] !== ',') i++
      value = header.slice(valueStart, i)
    }
    const current = challenges.at(-1)
    if (current) current.params[word.toLowerCase()] = value
    else challenges.push({ scheme: '', params: { [word.toLowerCase()]: value } })
  }
  return challenges
}

export interface DiscoveredAuthority {
  readonly tenantId: string
  /** host[:port] of the authority, lower case. */
  readonly authorityHost: string
  /** https://<authority host>/<tenant> */
  readonly authorityUrl: string
  /** The resource_id the environment announced (its own URL), when present. */
  readonly resourceId: string | null
}

/** Reads the authority out of a Bearer challenge; null when it does not name a usable tenant. */
export function authorityFromChallenge(header: string): DiscoveredAuthority | null {
  const bearer = parseWwwAuthenticate(header).find((challenge) => challenge.scheme === 'bearer')
  const uri = bearer?.params.authorization_uri ?? bearer?.params.authorization ?? bearer?.params.authority
  if (!bearer || !uri) return null
  let url: URL
  try {
    url = new URL(uri)
  } catch {
    return null
  }
  if (url.protocol !== 'https:') return null
  const tenant = url.pathname.split('/').filter(Boolean)[0]
  if (!tenant || /^(common|organizations|consumers|oauth2)$/i.test(tenant)) return null
  const authorityHost = url.host.toLowerCase()
  return {
    tenantId: decodeURIComponent(tenant),
    authorityHost,
    authorityUrl: `https://${authorityHost}/${tenant}`,
    resourceId: bearer.params.resource_id ?? bearer.params.resource ?? null,
  }
}

function discoveryFailure(
  orgUrl: string,
  message: string,
  cause: string,
  details: Record<string, unknown>,
): AppFailure {
  return new AppFailure({
    code: 'DATAVERSE_ERROR',
    message,
    cause,
    next: `Check the org URL (${orgUrl}). You can also type the tenant ID yourself: it is on the app registration's Overview page in the Entra admin center.`,
    details: { orgUrl, ...details },
  })
}

/** Anonymous GET to `<org>/api/data/v<version>/`; the transport's allow-list must include the org host. */
export async function discoverAuthority(options: {
  readonly orgUrl: string
  readonly apiVersion: string
  readonly transport: Transport
  readonly signal?: AbortSignal
}): Promise<DiscoveredAuthority> {
  const url = `${options.orgUrl}/api/data/v${options.apiVersion}/`
  const response = await options.transport(
    new Request(url, { method: 'GET', headers: { accept: 'application/json' }, signal: options.signal }),
  )
  await response.body?.cancel().catch(() => undefined)
  const header = response.headers.get('www-authenticate')
  if (response.status !== 401) {
    throw discoveryFailure(
      options.orgUrl,
      response.ok
        ? `${url} answered without asking for sign-in, so it did not name a tenant.`
        : `${url} answered ${response.status} instead of asking for sign-in.`,
      response.status === 404
        ? 'The address is not a Dataverse Web API: a wrong host, or a path that is not the environment root.'
        : 'The address may not be a Dataverse environment, or something in between (proxy, gateway) answered instead.',
      { status: response.status },
    )
  }
  const found = header ? authorityFromChallenge(header) : null
  if (!found) {
    throw discoveryFailure(
      options.orgUrl,
      header
        ? 'The environment asked for sign-in, but its challenge did not name a tenant.'
        : 'The environment answered 401 without a WWW-Authenticate challenge.',
      'Dataverse normally answers an anonymous request with "Bearer authorization_uri=https://login…/<tenant>/…". A proxy or a non-Dataverse server may have answered instead.',
      { status: response.status, challenge: header ? header.slice(0, 300) : null },
    )
  }
  assertNamedByItsCloud(options.orgUrl, found)
  return found
}

/**
 * A Dataverse host of a known cloud always names that cloud's Entra ID in its challenge. Anything
 * else came from something that is not Dataverse (a proxy, a spoofed answer) and is refused before
 * a tenant or host from it is stored or used. An org host of no known cloud (an emulator) is judged
 * later, against the connection's cloud and its custom sign-in host choice.
 */
function assertNamedByItsCloud(orgUrl: string, found: DiscoveredAuthority): void {
  const orgHost = new URL(orgUrl).hostname.toLowerCase()
  const cloud = matchOrgHost(orgHost)?.cloud
  if (!cloud || isSignInHostOf(cloud, found.authorityHost)) return
  throw new AppFailure({
    code: 'HOST_NOT_ALLOWED',
    message: `The sign-in challenge from ${orgHost} names ${found.authorityHost}, which is not Entra ID for the ${cloudLabel(cloud)} cloud.`,
    cause: `Dataverse in that cloud names ${signInHostsOf(cloud).join(' or ')}. Something else answered (a proxy or a forged answer), and a token request there would hand it the client secret.`,
    next: `Nothing was stored. Check the network path to ${orgHost} (proxy, DNS), then discover again, or type the tenant ID yourself.`,
    details: { orgUrl, authorityHost: found.authorityHost, cloud },
  })
}

export type TenantComparison = 'same' | 'different' | 'not-comparable' | 'empty'

/** Compares a configured tenant with a discovered one. A domain cannot be compared with a GUID offline. */
export function compareTenant(configured: string, discovered: string): TenantComparison {
  const a = configured.trim().toLowerCase()
  const b = discovered.trim().toLowerCase()
  if (!a) return 'empty'
  if (a === b) return 'same'
  const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/
  if (guid.test(a) && guid.test(b)) return 'different'
  return 'not-comparable'
}
