/**
 * Paging cookies shaped like Dataverse's: `$skiptoken` is
 * `<cookie pagenumber="2" pagingcookie="<inner, URL-encoded twice>" istracking="False" />`, and
 * FetchXML's `@Microsoft.Dynamics.CRM.fetchxmlpagingcookie` is the same element (Microsoft's
 * "Page results using FetchXml": the `pagingcookie` attribute is URL-encoded twice).
 * The inner cookie names the last row's sort values and primary key
 * (`<cookie page="1"><name last="…" first="…" /><accountid last="{GUID}" first="{GUID}" /></cookie>`),
 * so the next page starts strictly after that row: stable even when rows are written between pages.
 */
import { CODES, fail } from './errors'
import type { Value } from './data-generator'

export interface CookieKey {
  readonly name: string
  readonly last: Value
  readonly first: Value
}

export interface InnerCookie {
  /** The page the cookie was made on (the last page served). */
  readonly page: number
  readonly keys: readonly CookieKey[]
}

const escapeXml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
const unescapeXml = (text: string): string =>
  text
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&')

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

function encodeValue(value: Value): string {
  if (value === null) return ''
  if (typeof value === 'boolean') return value ? '1' : '0'
  if (typeof value === 'string' && GUID.test(value)) return `{${value.toUpperCase()}}`
  return String(value)
}

export function innerCookieXml(cookie: InnerCookie): string {
  const attribute = (label: string, value: Value): string =>
    value === null ? `${label}null="1"` : `${label}="${escapeXml(encodeValue(value))}"`
  const keys = cookie.keys
    .map((key) => `<${key.name} ${attribute('last', key.last)} ${attribute('first', key.first)} />`)
    .join('')
  return `<cookie page="${cookie.page}">${keys}</cookie>`
}

/** Percent-encodes with lower-case hex escapes (`%3c`), as Dataverse's cookies do, leaving the data's own case alone. */
const encode = (text: string): string =>
  encodeURIComponent(text).replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase())

/** The `$skiptoken` value (before the URL encoding the nextLink adds). */
export function skipToken(cookie: InnerCookie): string {
  const inner = encode(encode(innerCookieXml(cookie)))
  return `<cookie pagenumber="${cookie.page + 1}" pagingcookie="${inner}" istracking="False" />`
}

/** `@Microsoft.Dynamics.CRM.fetchxmlpagingcookie`: the client decodes `pagingcookie` twice and sends it back XML-encoded. */
export function fetchXmlPagingCookie(cookie: InnerCookie): string {
  return skipToken(cookie)
}

const invalid = (): never =>
  fail(
    400,
    CODES.invalidArgument,
    'The paging cookie (skip token) is not valid. Resend the @odata.nextLink exactly as it was returned.',
  )

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    return invalid()
  }
}

/** Reads the inner cookie XML; values come back as text (`null` when absent). */
export function parseInnerCookie(xml: string): { page: number; keys: { name: string; last: string | null }[] } {
  const root = xml.trim().match(/^<cookie\s+page="(\d+)"\s*>([\s\S]*)<\/cookie>$/)
  if (!root?.[1]) return invalid()
  const keys: { name: string; last: string | null }[] = []
  const element = /<([A-Za-z_][\w]*)\s+([^<>]*?)\/>/g
  let rest = root[2] ?? ''
  let match: RegExpExecArray | null
  while ((match = element.exec(root[2] ?? '')) !== null) {
    const attributes = new Map(
      [...(match[2] ?? '').matchAll(/([\w]+)="([^"]*)"/g)].map((a) => [a[1] ?? '', unescapeXml(a[2] ?? '')]),
    )
    const last = attributes.has('lastnull') ? null : (attributes.get('last') ?? invalid())
    keys.push({
      name: match[1] ?? '',
      last: last && /^\{[0-9A-F-]{36}\}$/i.test(last) ? last.slice(1, -1).toLowerCase() : last,
    })
    rest = rest.replace(match[0], '')
  }
  if (rest.trim() !== '' || keys.length === 0) return invalid()
  return { page: Number(root[1]), keys }
}

/** Reads a `$skiptoken` (already URL-decoded once by the query string). */
export function parseSkipToken(token: string): { page: number; keys: { name: string; last: string | null }[] } {
  const outer = token
    .trim()
    .match(/^<cookie\s+pagenumber="(\d+)"\s+pagingcookie="([^"]*)"(?:\s+istracking="(?:True|False)")?\s*\/>$/i)
  if (!outer?.[2]) return invalid()
  const inner = parseInnerCookie(safeDecode(safeDecode(outer[2])))
  if (inner.page + 1 !== Number(outer[1])) invalid()
  return inner
}
