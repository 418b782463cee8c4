/**
 * Import and export of connections: our JSON file (never with secrets) and the Dataverse
 * ServiceClient connection-string format (`AuthType=ClientSecret;Url=…;ClientId=…;ClientSecret=…`,
 * `AuthType=Certificate;…;Thumbprint=…`). Exported secrets are placeholders; an imported real secret
 * goes straight to the vault.
 */
import { z } from 'zod'
import {
  CertificateAssertionSchema,
  CertificateFormatSchema,
  FederatedTokenSourceSchema,
  DEFAULT_COLOURS,
  defaultReadOnly,
  GuidSchema,
  IsoDateSchema,
  IsoInstantSchema,
  PortableConnectionShape,
  TenantIdSchema,
  type Connection,
  type EnvironmentKind,
} from '@common/connection'
import { signInHostOf } from '@common/clouds'
import { AppFailure } from '@common/result'
import type { ImportedConnection } from './service'
import { screenImported } from './sign-in-host'
import { normalizeUrl } from './url'

const EXPORT_FORMAT = 'dataverse-workbench/connections'
export const SECRET_PLACEHOLDER = '<client-secret-not-exported>'

const ExportedAuthSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('secret'), expiresOn: IsoDateSchema.optional() }),
  z.object({
    kind: z.literal('certificate'),
    certificatePath: z.string().min(1).max(1024),
    keyPath: z.string().min(1).max(1024).optional(),
    format: CertificateFormatSchema,
    thumbprintSha1: z.string().regex(/^[0-9A-F]{40}$/),
    thumbprintSha256: z.string().regex(/^[0-9A-F]{64}$/),
    sendX5c: z.boolean(),
    assertion: CertificateAssertionSchema.optional(),
    notAfter: IsoInstantSchema.optional(),
  }),
  z.object({
    kind: z.literal('federated'),
    tokenSource: FederatedTokenSourceSchema,
    /** Never written for a command: a file must not carry a command that would run on another computer. */
    tokenReference: z.string().trim().min(1).max(2048).optional(),
    expectedSubject: z.string().trim().max(600).optional(),
  }),
])
type ExportedAuth = z.infer<typeof ExportedAuthSchema>

function exportedAuth(auth: Connection['auth']): ExportedAuth {
  if (auth.kind === 'secret') return { kind: 'secret', ...(auth.expiresOn ? { expiresOn: auth.expiresOn } : {}) }
  if (auth.kind === 'federated')
    return {
      kind: 'federated',
      tokenSource: auth.tokenSource,
      ...(auth.tokenSource === 'command' ? {} : { tokenReference: auth.tokenReference }),
      ...(auth.expectedSubject ? { expectedSubject: auth.expectedSubject } : {}),
    }
  return {
    kind: 'certificate',
    certificatePath: auth.certificatePath,
    ...(auth.keyPath ? { keyPath: auth.keyPath } : {}),
    format: auth.format,
    thumbprintSha1: auth.thumbprintSha1,
    thumbprintSha256: auth.thumbprintSha256,
    sendX5c: auth.sendX5c,
    ...(auth.assertion ? { assertion: auth.assertion } : {}),
    ...(auth.notAfter ? { notAfter: auth.notAfter } : {}),
  }
}

/** An imported federated credential keeps a file or variable source; a command never comes in from a file. */
function importedAuth(auth: ExportedAuth, where: string, warnings: string[]): Connection['auth'] {
  if (auth.kind !== 'federated') return auth
  if (auth.tokenSource !== 'command' && auth.tokenReference)
    return { ...auth, tokenSource: auth.tokenSource, tokenReference: auth.tokenReference }
  warnings.push(
    `${where}: its federated token command was not imported (a file never brings a command that would run here); choose the token source in the editor.`,
  )
  return { kind: 'secret' }
}

const ExportedConnectionSchema = z.object({
  ...PortableConnectionShape,
  auth: ExportedAuthSchema,
  /** Never written by an export and never honoured on import; read only so the import can say so. */
  customSignInHost: z.boolean().optional(),
})

const ExportFileSchema = z.object({
  format: z.literal(EXPORT_FORMAT),
  version: z.literal(1),
  exportedAt: IsoInstantSchema,
  connections: z.array(ExportedConnectionSchema).max(1000),
})
type ExportFile = z.infer<typeof ExportFileSchema>

/** The JSON export. Secrets, hints and vault contents are not part of it. */
export function exportJson(connections: readonly Connection[], now: Date = new Date()): string {
  const file: ExportFile = {
    format: EXPORT_FORMAT,
    version: 1,
    exportedAt: now.toISOString(),
    connections: connections.map((connection) => ({
      name: connection.name,
      orgUrl: connection.orgUrl,
      apiVersion: connection.apiVersion,
      cloud: connection.cloud,
      authorityHost: connection.authorityHost,
      tenantId: connection.tenantId,
      clientId: connection.clientId,
      environment: connection.environment,
      colour: connection.colour,
      readOnly: connection.readOnly,
      notes: connection.notes,
      auth: exportedAuth(connection.auth),
    })),
  }
  return `${JSON.stringify(file, null, 2)}\n`
}

/** One ServiceClient connection string per connection, one per line, with the secret as a placeholder. */
export function exportConnectionStrings(connections: readonly Connection[]): string {
  return (
    connections
      .map((connection) =>
        connection.auth.kind === 'secret' || connection.auth.kind === 'federated'
          ? // ServiceClient has no federated AuthType: the string is a ClientSecret one to fill in.
            `AuthType=ClientSecret;Url=${connection.orgUrl};ClientId=${connection.clientId};ClientSecret=${SECRET_PLACEHOLDER}`
          : `AuthType=Certificate;Url=${connection.orgUrl};ClientId=${connection.clientId};Thumbprint=${connection.auth.thumbprintSha1}`,
      )
      .join('\n') + '\n'
  )
}

/**
 * Splits `key=value;key="value; with semicolon";…` into a map with lower-case, space-free keys.
 * Tolerant like .NET's DbConnectionStringBuilder: any order and case, spaces around keys and values,
 * single or double quotes (a doubled quote inside is a literal quote), trailing semicolons.
 */
export function parseConnectionString(text: string): Map<string, string> {
  const pairs = new Map<string, string>()
  let i = 0
  const n = text.length
  while (i < n) {
    while (i < n && (text[i] === ';' || /\s/.test(text[i] ?? ''))) i++
    if (i >= n) break
    const keyStart = i
    while (i < n && text[i] !== '=' && text[i] !== ';') i++
    const key = text.slice(keyStart, i).replace(/\s+/g, '').toLowerCase()
    if (text[i] !== '=') continue
    i++
    while (i < n && /[ \t]/.test(text[i] ?? '')) i++
    let value = ''
    const quote = text[i]
    if (quote === '"' || quote === "'") {
      i++
      while (i < n) {
        if (text[i] === quote) {
          if (text[i + 1] === quote) {
            value += quote
            i += 2
            continue
          }
          i++
          break
        }
        value += text[i]
        i++
      }
      while (i < n && text[i] !== ';') i++
    } else {
      const valueStart = i
      while (i < n && text[i] !== ';') i++
      value = text.slice(valueStart, i).trim()
    }
    if (key) pairs.set(key, value)
  }
  return pairs
}

const KEY_ALIASES: Readonly<Record<string, readonly string[]>> = {
  authType: ['authtype', 'authenticationtype'],
  url: ['url', 'serviceuri', 'server', 'serviceurl', 'organizationurl', 'environmenturl'],
  clientId: ['clientid', 'appid', 'applicationid'],
  clientSecret: ['clientsecret', 'secret', 'client_secret'],
  thumbprint: ['thumbprint', 'certthumbprint', 'certificatethumbprint'],
  tenantId: ['tenantid', 'tenant', 'directoryid'],
  name: ['name', 'connectionname'],
}

function pick(pairs: Map<string, string>, field: keyof typeof KEY_ALIASES): string | undefined {
  for (const alias of KEY_ALIASES[field] ?? []) {
    const value = pairs.get(alias)
    if (value !== undefined && value !== '') return value
  }
  return undefined
}

/** Values people put where a secret goes when they do not mean a real secret. */
export function isPlaceholder(value: string): boolean {
  return (
    /^<.*>$/.test(value) ||
    /^\{.*\}$/.test(value) ||
    /^\$\{.*\}$/.test(value) ||
    /^\$\(.*\)$/.test(value) ||
    /^%.*%$/.test(value) ||
    /^\*+$/.test(value) ||
    /^(your|my)[-_ ]?(client[-_ ]?)?secret/i.test(value) ||
    /^x+$/i.test(value)
  )
}

export function guessEnvironment(text: string): EnvironmentKind {
  const lower = text.toLowerCase()
  if (/(^|[^a-z])(prod|prd|production|live)([^a-z]|$)/.test(lower) || /prod/.test(lower)) return 'prod'
  if (/uat|acceptance|preprod|staging/.test(lower)) return 'uat'
  if (/test|tst|qa/.test(lower)) return 'test'
  return 'dev'
}

export interface ImportResult {
  readonly items: ImportedConnection[]
  readonly warnings: string[]
}

function importFailure(message: string, cause: string, next: string): AppFailure {
  return new AppFailure({ code: 'INVALID_INPUT', message, cause, next })
}

function fromConnectionString(line: string, lineNumber: number, warnings: string[]): ImportedConnection | null {
  const pairs = parseConnectionString(line)
  const where = `Line ${lineNumber}`
  const rawUrl = pick(pairs, 'url')
  const clientId = pick(pairs, 'clientId')
  if (!rawUrl || !clientId) {
    warnings.push(`${where} was skipped: it needs at least Url and ClientId.`)
    return null
  }
  const normalized = normalizeUrl(rawUrl)
  if (!normalized.ok) {
    warnings.push(`${where} was skipped: ${normalized.problem.message}`)
    return null
  }
  if (!GuidSchema.safeParse(clientId).success) {
    warnings.push(`${where} was skipped: ClientId "${clientId.slice(0, 40)}" is not a GUID.`)
    return null
  }
  const authType = (pick(pairs, 'authType') ?? 'ClientSecret').toLowerCase()
  const { orgUrl, cloud: knownCloud, apiVersion } = normalized.value
  const cloud = knownCloud ?? 'commercial'
  if (!knownCloud)
    warnings.push(
      `${where}: ${new URL(orgUrl).host} is not a known Dataverse host; the cloud was set to Commercial — check it.`,
    )
  const tenantCandidate = pick(pairs, 'tenantId') ?? ''
  const tenantId = TenantIdSchema.safeParse(tenantCandidate).success ? tenantCandidate : ''
  const host = new URL(orgUrl).host
  const environment = guessEnvironment(host)
  const notes: string[] = []
  let secret: string | undefined
  if (authType === 'certificate') {
    const thumbprint = pick(pairs, 'thumbprint')
    notes.push(
      `Imported from a certificate connection string${thumbprint ? ` (thumbprint ${thumbprint.toUpperCase()})` : ''}. Choose the certificate file (.pfx or .pem) in the editor.`,
    )
    warnings.push(
      `${where}: certificate connection strings name a certificate in the Windows store; choose its file in the editor before using the connection.`,
    )
  } else if (authType === 'clientsecret' || authType === 'client_secret') {
    const value = pick(pairs, 'clientSecret')
    if (value && !isPlaceholder(value)) secret = value
    else warnings.push(`${where}: no real secret in the string (placeholder or missing); enter it in the editor.`)
  } else {
    warnings.push(
      `${where} was skipped: AuthType=${authType} is not an application-user sign-in (use ClientSecret or Certificate).`,
    )
    return null
  }
  return {
    connection: {
      name: (pick(pairs, 'name') ?? `${host.split('.')[0] ?? host} (imported)`).slice(0, 80),
      orgUrl,
      apiVersion,
      cloud,
      authorityHost: signInHostOf(cloud),
      tenantId,
      clientId: clientId.toLowerCase(),
      auth: { kind: 'secret' },
      environment,
      colour: DEFAULT_COLOURS[environment],
      readOnly: defaultReadOnly(environment),
      notes: notes.join(' '),
    },
    ...(secret ? { secret } : {}),
  }
}

/** Reads a JSON export or ServiceClient connection strings (one per line); detects which. */
export function parseImport(text: string): ImportResult {
  const trimmed = text.replace(/^\uFEFF/, '').trim()
  if (!trimmed)
    throw importFailure(
      'There is nothing to import.',
      'The file or text is empty.',
      'Choose a connections JSON file or paste connection strings.',
    )
  const warnings: string[] = []
  if (trimmed.startsWith('{')) {
    let raw: unknown
    try {
      raw = JSON.parse(trimmed)
    } catch {
      throw importFailure(
        'The file is not valid JSON.',
        'It may be cut short or edited by hand.',
        'Export the connections again, or fix the JSON.',
      )
    }
    const parsed = ExportFileSchema.safeParse(raw)
    if (!parsed.success) {
      const issues = parsed.error.issues
        .slice(0, 5)
        .map((issue) => `${issue.path.join('.') || '(file)'}: ${issue.message}`)
        .join('; ')
      throw importFailure(
        `The file is not a Dataverse Workbench connections export: ${issues}.`,
        'A field is missing or has a value the app does not accept.',
        'Export the connections again from Dataverse Workbench.',
      )
    }
    const items = parsed.data.connections.map((exported, index) => {
      const where = `Connection ${index + 1} ("${exported.name}")`
      const connection = { ...exported, auth: importedAuth(exported.auth, where, warnings) }
      const screened = screenImported({ connection }, where)
      warnings.push(...screened.warnings)
      return screened.item
    })
    return { items, warnings }
  }
  const items: ImportedConnection[] = []
  trimmed.split(/\r?\n/).forEach((line, index) => {
    if (!line.trim() || line.trim().startsWith('#')) return
    const item = fromConnectionString(line, index + 1, warnings)
    if (!item) return
    const screened = screenImported(item, `Line ${index + 1}`)
    warnings.push(...screened.warnings)
    items.push(screened.item)
  })
  if (items.length === 0) {
    throw importFailure(
      'No connection could be imported.',
      warnings.join(' ') || 'No line looked like a connection string.',
      'Use lines like AuthType=ClientSecret;Url=https://org.crm.dynamics.com;ClientId=<guid>;ClientSecret=<value>.',
    )
  }
  return { items, warnings }
}
