/**
 * The URL normaliser: whatever Dataverse-ish URL a user pastes (org URL, main.aspx deep link, Web
 * API URL, api.crmN host, SOAP endpoint, http://, with stray quotes, spaces or capitals), derive the
 * org URL, the Web API base, the /.default scope, the cloud, the region and the authority host, with
 * warnings for what was changed and why. Links that hold no org URL (maker portal, admin center,
 * sign-in host) come back as a problem that says what to paste instead.
 */
import { ALL_SIGN_IN_HOSTS, portalCloudOf, signInHostOf, type Cloud } from '@common/clouds'
import type { NormalizedUrl, NormalizeResult, Region, UrlProblem, UrlWarning } from '@common/connection'
import { commercialRegion, matchOrgHost } from './clouds'

const DEFAULT_API_VERSION = '9.2'

const SOVEREIGN_REGIONS: Readonly<Partial<Record<Cloud, { code: string; name: string }>>> = {
  'gcc-high': { code: 'USG', name: 'US Government GCC High' },
  dod: { code: 'DOD', name: 'US Government DoD' },
  china: { code: 'CHN', name: 'China (21Vianet)' },
}

const GUID_IN_TEXT = /(?:default-)?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i

function problem(
  id: string,
  message: string,
  next: string,
  extra: Partial<Pick<UrlProblem, 'cloud' | 'environmentId'>> = {},
): NormalizeResult {
  return {
    ok: false,
    problem: { id, message, next, cloud: extra.cloud ?? null, environmentId: extra.environmentId ?? null },
  }
}

/** Removes what people paste around a URL: whitespace (also inside, from line breaks), quotes, brackets, trailing punctuation. */
function cleanInput(raw: string): string {
  let text = raw.replace(/\s+/g, '')
  for (let changed = true; changed;) {
    const before = text
    text = text
      .replace(/^["'`<([{]+/, '')
      .replace(/["'`>)\]}]+$/, '')
      .replace(/[.,;:!?]+$/, '')
    changed = text !== before
  }
  return text
}

function decodeRepeatedly(text: string): string {
  let current = text
  for (let i = 0; i < 3 && /%[0-9a-f]{2}/i.test(current); i++) {
    try {
      const next = decodeURIComponent(current)
      if (next === current) break
      current = next
    } catch {
      break
    }
  }
  return current
}

function environmentIdFrom(url: URL): string | null {
  const fromPath = url.pathname.match(/\/(?:environments?|e)\/([^/?#]+)/i)?.[1]
  const fromQuery =
    url.searchParams.get('environmentId') ??
    url.searchParams.get('environment-id') ??
    url.searchParams.get('environmentid')
  const candidate = decodeURIComponent(fromPath ?? fromQuery ?? '')
  if (candidate && GUID_IN_TEXT.test(candidate)) return candidate
  return url.href.match(GUID_IN_TEXT)?.[0] ?? null
}

function apiVersionFrom(path: string, warnings: UrlWarning[]): string {
  const match = path.match(/\/api\/data\/v(\d+)\.(\d+)/i)
  if (!match) return DEFAULT_API_VERSION
  const version = `${match[1]}.${match[2]}`
  if (/^9\.[0-2]$/.test(version)) return version
  warnings.push({
    id: 'old-api-version',
    message: `The URL asked for Web API v${version}; this app uses v${DEFAULT_API_VERSION} (v8.x is legacy and ${version} is not a version Dataverse serves today).`,
  })
  return DEFAULT_API_VERSION
}

function describePath(path: string, search: string): string {
  const shown = `${path}${search}`
  return shown.length > 60 ? `${shown.slice(0, 57)}…` : shown
}

export function normalizeUrl(raw: string): NormalizeResult {
  const warnings: UrlWarning[] = []
  let text = cleanInput(raw)
  if (!text) {
    return problem(
      'empty',
      'Nothing to read: the input is empty.',
      'Paste the environment URL, e.g. https://contoso.crm.dynamics.com.',
    )
  }

  if (/^https?%(25)*3a/i.test(text)) {
    text = decodeRepeatedly(text)
    warnings.push({
      id: 'url-encoded',
      message:
        'The URL was percent-encoded (https%3A%2F%2F…). It was decoded; an encoded URL used as the token resource causes AADSTS500011.',
    })
  }

  const scheme = text.match(/^([a-z][a-z0-9+.-]*):\/\//i)?.[1]?.toLowerCase()
  if (!scheme) {
    if (/^[a-z][a-z0-9+.-]*:/i.test(text) && !/^[^:/]+:\d+/.test(text)) {
      return problem(
        'unsupported-scheme',
        `"${text.slice(0, 40)}" is not a web address.`,
        'Paste the https:// URL of the environment.',
      )
    }
    text = `https://${text.replace(/^\/+/, '')}`
  } else if (scheme === 'http') {
    text = `https://${text.slice('http://'.length)}`
    warnings.push({
      id: 'http-upgraded',
      message: 'http:// was changed to https://: Dataverse and Entra ID only work over HTTPS.',
    })
  } else if (scheme !== 'https') {
    return problem(
      'unsupported-scheme',
      `${scheme}:// is not a web address Dataverse uses.`,
      'Paste the https:// URL of the environment.',
    )
  }

  let url: URL
  try {
    url = new URL(text)
  } catch {
    return problem(
      'not-a-url',
      `"${raw.trim().slice(0, 60)}" could not be read as a URL.`,
      'Paste the environment URL, e.g. https://contoso.crm4.dynamics.com.',
    )
  }
  if (url.username || url.password) {
    warnings.push({
      id: 'credentials-removed',
      message: 'A user name or password in the URL was removed; credentials never belong in a URL.',
    })
  }
  const host = url.hostname.toLowerCase().replace(/\.$/, '')
  if (!host.includes('.') && host !== 'localhost') {
    return problem(
      'not-a-url',
      `"${host}" is not a complete host name.`,
      `Paste the full environment URL, e.g. https://${host}.crm.dynamics.com (the crm number depends on the region).`,
    )
  }

  const portalCloud = portalCloudOf(host)
  if (portalCloud) {
    const environmentId = environmentIdFrom(url)
    const where = host.includes('admin') ? 'admin center' : 'maker portal'
    return problem(
      'portal-link',
      environmentId
        ? `This is a ${where} link. It holds the environment ID ${environmentId}, not the environment's URL, and the URL cannot be worked out from the ID offline.`
        : `This is a ${where} link, not the environment's URL.`,
      host.includes('admin')
        ? 'In the admin center open the environment and copy "Environment URL" (https://<org>.crm<N>.dynamics.com), then paste that.'
        : 'In the maker portal open Settings (gear) → Session details and copy "Instance url", or open the environment in the admin center and copy "Environment URL". Paste that.',
      { cloud: portalCloud, environmentId },
    )
  }
  if (ALL_SIGN_IN_HOSTS.includes(host)) {
    return problem(
      'sign-in-host',
      `${host} is the Entra ID sign-in host, not a Dataverse environment.`,
      'Paste the environment URL (https://<org>.crm<N>.dynamics.com). The tenant can then be discovered from it.',
    )
  }
  if (/^(globaldisco|disco)\.crm\d*\./.test(host)) {
    return problem(
      'global-discovery',
      `${host} is the Global Discovery service, which lists environments; it is not an environment itself.`,
      'Paste the URL of the environment you want (https://<org>.crm<N>.dynamics.com).',
    )
  }
  if (/\.operations\.(dynamics|microsoftdynamics)\.(com|us|cn)$/.test(host) || /\.sandbox\.operations\./.test(host)) {
    return problem(
      'finance-operations-host',
      `${host} is a Finance & Operations site, not a Dataverse Web API.`,
      'Paste the URL of the Dataverse environment linked to it (admin center → environment → Environment URL).',
    )
  }
  if (
    host === 'home.dynamics.com' ||
    /\.powerappsportals\.(com|us)$/.test(host) ||
    /(^|\.)sharepoint\.com$/.test(host)
  ) {
    return problem(
      'not-an-environment',
      `${host} is not a Dataverse environment.`,
      'Paste the environment URL (https://<org>.crm<N>.dynamics.com).',
    )
  }

  const matched = matchOrgHost(host)
  if (matched?.cloud === 'germany') {
    return problem(
      'germany-closed',
      `${host} belongs to Microsoft Cloud Germany, which closed in 2021.`,
      'Environments there were migrated to the commercial cloud (crm16 for Germany). Paste the environment’s current URL.',
    )
  }

  const path = url.pathname
  let apiVersion = DEFAULT_API_VERSION
  if (/\/xrmservices\//i.test(path)) {
    warnings.push({
      id: 'soap-endpoint',
      message: `${describePath(path, '')} is the legacy SOAP endpoint. The Web API root is used instead; the SOAP path as a token resource causes AADSTS500011.`,
    })
  } else if (/\/api\/data/i.test(path)) {
    apiVersion = apiVersionFrom(path, warnings)
    if (!/^\/api\/data\/v\d+\.\d+\/?$/i.test(path) || url.search) {
      warnings.push({
        id: 'path-removed',
        message: `The Web API path ${describePath(path, url.search)} was reduced to the environment root; a path in the token resource causes AADSTS500011.`,
      })
    }
  } else if (path !== '/' || url.search || url.hash) {
    warnings.push({
      id: 'path-removed',
      message: `${describePath(path, url.search)} was removed: a connection needs only the environment root (a path in the token resource causes AADSTS500011).`,
    })
  }

  const port = url.port
  let cloud: Cloud | null = null
  let region: Region | null = null
  let orgHost = host
  if (matched) {
    cloud = matched.cloud
    orgHost = matched.orgHost
    if (matched.isApiHost) {
      warnings.push({
        id: 'api-host',
        message: `${host} is the Web API host name; the org URL (also the token audience) is https://${orgHost}.`,
      })
    }
    if (cloud === 'commercial' || cloud === 'gcc') {
      region = commercialRegion(matched.crmNumber)
      if (!region) {
        warnings.push({
          id: 'unknown-region',
          message:
            matched.crmNumber === '10'
              ? 'crm10 is a Microsoft pre-production region; customer environments are not hosted there.'
              : `crm${matched.crmNumber} is not in this app's region table; the cloud is still Commercial.`,
        })
      }
    } else {
      const sovereign = SOVEREIGN_REGIONS[cloud]
      region = sovereign ? { ...sovereign, crm: `crm${matched.crmNumber}` } : null
    }
    if (port)
      warnings.push({ id: 'unusual-port', message: `Port ${port} is unusual for ${host}; Dataverse listens on 443.` })
  } else {
    warnings.push({
      id: 'unknown-host',
      message: `${host} is not a known Dataverse host (a custom domain, a proxy or the emulator). It is accepted as is: choose the cloud yourself, or use Discover tenant.`,
    })
  }

  const orgUrl = `https://${orgHost}${port ? `:${port}` : ''}`
  const normalized: NormalizedUrl = {
    orgUrl,
    webApiUrl: `${orgUrl}/api/data/v${apiVersion}/`,
    scope: `${orgUrl}/.default`,
    cloud,
    region,
    authorityHost: cloud ? signInHostOf(cloud) : null,
    apiVersion,
    warnings,
  }
  return { ok: true, value: normalized }
}
