/** Where a snippet sends its query and how it gets its token. Carries no secret by construction. */
export interface SnippetTarget {
  readonly orgUrl: string
  readonly apiVersion: string
  /** `https://login.microsoftonline.com` or the connection's cloud authority host. */
  readonly authorityHost: string
  readonly tenantId: string
  readonly clientId: string
  readonly credential: 'secret' | 'certificate'
}

export interface SnippetRequest {
  readonly method: string
  /** Relative to the Web API base, already normalised (`accounts?$select=name&$top=3`). */
  readonly path: string
  /** Extra headers (Prefer, CallerObjectId…); the standard OData headers are always added. */
  readonly headers: Readonly<Record<string, string>>
  readonly body?: string
}

export const SNIPPET_LANGUAGES = ['curl', 'powershell', 'csharp', 'javascript', 'python'] as const
export type SnippetLanguage = (typeof SNIPPET_LANGUAGES)[number]

/** The environment variables snippets read the credential from: values never appear in a snippet. */
export const SNIPPET_ENV = {
  secret: 'DATAVERSE_CLIENT_SECRET',
  certificatePem: 'DATAVERSE_CERT_PEM',
  certificatePfx: 'DATAVERSE_CERT_PFX',
  certificatePassword: 'DATAVERSE_CERT_PASSWORD',
} as const

export interface ResolvedSnippet {
  readonly target: SnippetTarget
  readonly method: string
  readonly tokenUrl: string
  readonly scope: string
  readonly authority: string
  readonly url: string
  readonly headers: readonly (readonly [string, string])[]
  readonly body?: string
  readonly summary: string
}

function trimSlash(value: string): string {
  return value.replace(/\/+$/, '')
}

/** Everything a generator needs, computed once: URLs, scope and the full header list. */
export function resolveSnippet(target: SnippetTarget, request: SnippetRequest): ResolvedSnippet {
  const org = trimSlash(target.orgUrl)
  const authority = `${trimSlash(target.authorityHost)}/${target.tenantId}`
  const method = request.method.toUpperCase()
  const headers: [string, string][] = [
    ['Accept', 'application/json'],
    ['OData-MaxVersion', '4.0'],
    ['OData-Version', '4.0'],
  ]
  for (const [name, value] of Object.entries(request.headers)) {
    if (!headers.some(([existing]) => existing.toLowerCase() === name.toLowerCase())) headers.push([name, value])
  }
  if (request.body !== undefined && !headers.some(([name]) => name.toLowerCase() === 'content-type')) {
    headers.push(['Content-Type', 'application/json'])
  }
  return {
    target,
    method,
    tokenUrl: `${authority}/oauth2/v2.0/token`,
    scope: `${org}/.default`,
    authority,
    url: `${org}/api/data/v${target.apiVersion}/${request.path.replace(/^\/+/, '')}`,
    headers,
    ...(request.body !== undefined ? { body: request.body } : {}),
    summary: `Dataverse Web API: ${method} ${request.path.replace(/^\/+/, '')}`,
  }
}
