/**
 * Turns what the user wrote in the editor (one option per line, indentation, comments) into the
 * relative URL that is sent: `accounts?$select=name&$filter=name%20eq%20'AT%26T'`.
 *
 * - A pasted `https://host/api/data/v9.2/` (or `/api/data/v9.x/`) prefix is dropped: main builds
 *   the absolute URL from the connection, so a copied URL cannot send the token elsewhere.
 * - Lines whose first non-blank characters are `//` or `#` are comments and are dropped: users
 *   annotate the queries they demo. Only whole lines are comments.
 * - Options on separate lines are joined with `&`; a line may start with `&` or `?`. A line that
 *   does not start an option continues the value above (a `$filter` wrapped over lines).
 * - Values are percent-encoded the way Dataverse expects: space → %20, `#`, `%`, `+`, `&`, `"`,
 *   `<`, `>` and non-ASCII characters are encoded; `$ ( ) , ' = / : ; @ [ ] *` stay readable.
 *   FetchXML values are encoded as a whole (encodeURIComponent), as the Web API documents.
 */
import { CH, isNewline, isSpace } from './chars'
import { isCommentAt, lineStartsOption, scanRawValue } from './option-lines'
import { urlPrefixEnd } from './url-prefix'

export interface NormalizedQuery {
  /** The resource path, encoded: `accounts(00000000-…)/contact_customer_accounts`. */
  readonly path: string
  /** The query options joined with `&`, encoded, without the leading `?` (empty when there are none). */
  readonly query: string
  /** `path` plus `?query` when there is one: the relative URL to send. */
  readonly url: string
}

/** Characters encoded everywhere in a value; all others below 0x80 stay as typed. */
const ALWAYS_ENCODED = new Set([' ', '#', '%', '+', '&', '"', '<', '>', '\\', '^', '`', '{', '|', '}', '\t'])

function encodeChar(ch: string): string {
  const code = ch.codePointAt(0) ?? 0
  if (code < 0x20 || code >= 0x7f || ALWAYS_ENCODED.has(ch)) return encodeURIComponent(ch)
  return ch
}

/** Percent-encodes a value; inside string literals `?` and `/` are encoded too when `inPath`. */
function encodeValue(value: string, inPath: boolean): string {
  let out = ''
  let inString = false
  for (const ch of value) {
    if (ch === "'") inString = !inString
    if (inPath && inString && (ch === '?' || ch === '/')) out += encodeURIComponent(ch)
    else out += encodeChar(ch)
  }
  return out
}

/** Lines of `text` without comment lines, joined so that a wrapped value reads as one line. */
function joinLines(text: string): string {
  const lines = text
    .split(/\r\n|\r|\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !isCommentAt(line, 0))
  let joined = ''
  for (const line of lines) {
    if (joined === '') joined = line
    else {
      const glue = /[,;(=&/[]$/.test(joined) || /^[,;)=/\]]/.test(line) ? '' : ' '
      joined += glue + line
    }
  }
  return joined
}

/** A path split over lines is one path: its lines are joined without spaces. */
function pathLines(text: string): string {
  return text
    .split(/\r\n|\r|\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !isCommentAt(line, 0))
    .join('')
}

function skipBlank(text: string, pos: number): number {
  let i = pos
  for (;;) {
    while (i < text.length && (isSpace(text.charCodeAt(i)) || isNewline(text.charCodeAt(i)))) i++
    if (i < text.length && isCommentAt(text, i) && atLineStart(text, i)) {
      while (i < text.length && !isNewline(text.charCodeAt(i))) i++
      continue
    }
    return i
  }
}

function atLineStart(text: string, at: number): boolean {
  for (let i = at - 1; i >= 0; i--) {
    const c = text.charCodeAt(i)
    if (isNewline(c)) return true
    if (!isSpace(c)) return false
  }
  return true
}

/** End of the resource path: `?` outside quotes, or a line that starts the options. */
function pathEnd(text: string, pos: number): number {
  let inString = false
  for (let i = pos; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c === CH.quote) inString = !inString
    else if (!inString && c === CH.question) return i
    else if (!inString && isNewline(c) && lineStartsOption(text, i + 1, text.length)) return i
  }
  return text.length
}

function encodeOption(option: string): string {
  const equals = option.indexOf('=')
  if (equals < 0) return encodeValue(option, false)
  const name = option.slice(0, equals).trim()
  const value = option.slice(equals + 1).trim()
  if (name.toLowerCase() === 'fetchxml') return `${name}=${encodeURIComponent(value)}`
  return `${encodeValue(name, false)}=${encodeValue(value, false)}`
}

export function normalizeQuery(text: string): NormalizedQuery {
  const start = urlPrefixEnd(text, skipBlank(text, 0))
  const end = pathEnd(text, start)
  const path = encodeValue(pathLines(text.slice(start, end)), true)
  const options: string[] = []
  let pos = end
  for (;;) {
    pos = skipBlank(text, pos)
    while (pos < text.length && (text.charCodeAt(pos) === CH.question || text.charCodeAt(pos) === CH.amp))
      pos = skipBlank(text, pos + 1)
    if (pos >= text.length) break
    const equals = text.indexOf('=', pos)
    const isFetchXml = equals > pos && text.slice(pos, equals).trim().toLowerCase() === 'fetchxml'
    const valueEnd = Math.max(
      scanRawValue(text, pos, text.length, { nested: false, doubleQuotes: isFetchXml }),
      pos + 1,
    )
    const option = joinLines(text.slice(pos, valueEnd))
    if (option !== '') options.push(encodeOption(option))
    pos = valueEnd
  }
  const query = options.join('&')
  return { path, query, url: query ? `${path}?${query}` : path }
}
