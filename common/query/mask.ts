/**
 * Presentation mode: identifiers that tie a screen share to a tenant or a person are masked
 * wherever they are shown — tenant and client ids, user ids and e-mail addresses. Record ids of
 * business data (accounts, contacts) stay readable in query results: a demo needs them and they
 * identify no one.
 *
 * Every mask has one shape, so the same id looks the same on every surface: a GUID keeps its first
 * and last four characters (`4c19••••-••••-••••-••••-••••••••844d`), any other identifier (a tenant
 * domain, say) only its last four (`••••••••.com`), an e-mail address its first letters
 * (`y•••@c•••.com`). Masking masked text changes nothing.
 */

const GUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi
const GUID_ONLY = /^\{?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\}?$/i
// OData annotations look like addresses (`name@OData.Community.Display.V1.FormattedValue`,
// `_x_value@Microsoft.Dynamics.CRM.lookuplogicalname`): they are names, not people.
const NOT_ANNOTATION = '(?!OData\\.|odata\\.|Microsoft\\.Dynamics\\.)'
const EMAIL = new RegExp(`[A-Za-z0-9._%+-]+@${NOT_ANNOTATION}[A-Za-z0-9.-]+\\.[A-Za-z]{2,}`, 'g')
const EMAIL_ONLY = new RegExp(`^[A-Za-z0-9._%+-]+@${NOT_ANNOTATION}[A-Za-z0-9.-]+\\.[A-Za-z]{2,}$`)
const BULLETS = '••••••••'

/** Shorter known ids are left alone: masking every "common" or "test" would garble prose, not protect anyone. */
const MIN_KNOWN_ID_LENGTH = 8

/** Column or JSON key names whose GUID values identify a user, an app or a tenant. */
const IDENTITY_NAME =
  /(user|owner|owning|createdby|modifiedby|onbehalfby|caller|objectid|applicationid|tenant|clientid|appid|azureactivedirectory|principal|^oid$|^tid$)/i

export function maskGuid(value: string): string {
  return value.replace(GUID, (guid) => `${guid.slice(0, 4)}••••-••••-••••-••••-••••••••${guid.slice(-4)}`)
}

export function maskEmail(value: string): string {
  return value.replace(EMAIL, (email) => {
    const [local = '', domain = ''] = email.split('@')
    const dot = domain.lastIndexOf('.')
    const host = dot > 0 ? domain.slice(0, dot) : domain
    const tld = dot > 0 ? domain.slice(dot) : ''
    return `${local.slice(0, 1)}•••@${host.slice(0, 1)}•••${tld}`
  })
}

/**
 * A value that is one identifier as a whole (a tenant id field, a client id, a user id): masked
 * whatever its shape, so a tenant given as a verified domain is hidden as well as a GUID.
 */
export function maskIdentifier(value: string): string {
  const trimmed = value.trim()
  if (trimmed === '') return value
  if (GUID_ONLY.test(trimmed)) return maskGuid(value)
  if (EMAIL_ONLY.test(trimmed)) return maskEmail(value)
  if (trimmed.includes('•')) return value
  return trimmed.length <= 4 ? BULLETS : `${BULLETS}${trimmed.slice(-4)}`
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/** Each known id (the connections' tenant and client ids) wherever it appears, in any letter case. */
export function maskKnownIds(text: string, knownIds: readonly string[]): string {
  let result = text
  for (const id of new Set(knownIds.map((value) => value.trim()))) {
    if (id.length < MIN_KNOWN_ID_LENGTH) continue
    result = result.replace(new RegExp(escapeRegExp(id), 'gi'), (found) => maskIdentifier(found))
  }
  return result
}

function isIdentityColumn(name: string): boolean {
  return IDENTITY_NAME.test(name)
}

/** A grid cell's text: e-mail addresses and known ids always, GUIDs when the column holds identities. */
export function maskCell(columnName: string, text: string, knownIds: readonly string[] = []): string {
  const masked = maskKnownIds(maskEmail(text), knownIds)
  return isIdentityColumn(columnName) && GUID_ONLY.test(masked.trim()) ? maskGuid(masked) : masked
}

/**
 * Free text (JSON view, raw view, snippets, history, names): e-mail addresses, the known ids
 * anywhere, and GUIDs that are values of identity keys. Other GUIDs (record ids) stay readable.
 */
export function maskText(text: string, knownIds: readonly string[] = []): string {
  return maskKnownIds(maskEmail(text), knownIds).replace(
    /("([^"\\]*)"\s*:\s*")([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})"/gi,
    (whole, prefix: string, key: string, guid: string) =>
      isIdentityColumn(key) ? `${prefix}${maskGuid(guid)}"` : whole,
  )
}

/**
 * Diagnostic text (check steps, evidence, diagnoses, token claims, explained errors): there every
 * GUID names a tenant, an app, a user, an organization or a request, so every one is masked.
 */
export function maskIdentifiers(text: string, knownIds: readonly string[] = []): string {
  return maskGuid(maskText(text, knownIds))
}

/** One stretch of a query text that presentation mode hides, and what to show instead. */
export interface MaskedSpan {
  readonly start: number
  readonly end: number
  readonly masked: string
}

const GUID_SOURCE = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}'
/** A GUID compared with an identity column (`_ownerid_value eq …`), a user or team key (`systemusers(…)`), or a FetchXML condition on one. */
const IDENTITY_GUID_IN_QUERY = [
  new RegExp(`\\b([A-Za-z_][\\w.]*)\\s+(?:eq|ne)\\s+'?\\{?(${GUID_SOURCE})`, 'gi'),
  new RegExp(`\\b(systemusers|teams|businessunits|organizations)\\(\\s*(${GUID_SOURCE})`, 'gi'),
  new RegExp(`attribute\\s*=\\s*["']([\\w.]+)["'][^>]*?\\bvalue\\s*=\\s*["']\\{?(${GUID_SOURCE})`, 'gi'),
]

/**
 * Where a query editor must hide text while presenting, in order and without overlaps: e-mail
 * addresses, known ids, and GUIDs that identify a user, team or tenant. Record ids stay readable.
 */
export function queryMaskSpans(text: string, knownIds: readonly string[] = []): MaskedSpan[] {
  const spans: MaskedSpan[] = []
  for (const match of text.matchAll(EMAIL))
    spans.push({ start: match.index, end: match.index + match[0].length, masked: maskEmail(match[0]) })
  for (const id of new Set(knownIds.map((value) => value.trim()))) {
    if (id.length < MIN_KNOWN_ID_LENGTH) continue
    for (const match of text.matchAll(new RegExp(escapeRegExp(id), 'gi'))) {
      spans.push({ start: match.index, end: match.index + match[0].length, masked: maskIdentifier(match[0]) })
    }
  }
  for (const pattern of IDENTITY_GUID_IN_QUERY) {
    for (const match of text.matchAll(pattern)) {
      const [whole, name = '', guid = ''] = match
      if (!isIdentityColumn(name) && !/^(systemusers|teams|businessunits|organizations)$/i.test(name)) continue
      const start = match.index + whole.lastIndexOf(guid)
      spans.push({ start, end: start + guid.length, masked: maskGuid(guid) })
    }
  }
  spans.sort((a, b) => a.start - b.start || b.end - a.end)
  const kept: MaskedSpan[] = []
  for (const span of spans) if (span.start >= (kept.at(-1)?.end ?? 0)) kept.push(span)
  return kept
}
