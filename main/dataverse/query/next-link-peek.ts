/**
 * Reads a collection page's top-level `@odata.nextLink` from the raw JSON text without parsing
 * the page. A parallel fetch-all sends a range's next request as soon as its page has arrived and
 * parses the page afterwards, while that request waits on the server; parsing 5,000 rows first
 * would hold every other range's next request behind it.
 *
 * Dataverse writes compact JSON with the link as the object's last member, so the link is the
 * string just before the closing brace. Anything else (pretty-printed text, an empty page, a
 * member after the link) answers `unsure`, and the caller parses first. The caller still checks
 * the peek against the parsed page before any row is handed on.
 */
import { sqlGuidNumber } from '@common/query/sql-guid-order'

export type NextLinkPeek =
  { readonly kind: 'link'; readonly link: string } | { readonly kind: 'end' } | { readonly kind: 'unsure' }

const UNSURE: NextLinkPeek = { kind: 'unsure' }
const MEMBER = '"@odata.nextLink":'

/** The JSON string literal that starts at `open` (a quote), decoded, and where it ends; null when malformed. */
function stringAt(text: string, open: number): { readonly value: string; readonly end: number } | null {
  if (text[open] !== '"') return null
  let close = open + 1
  for (;;) {
    close = text.indexOf('"', close)
    if (close < 0) return null
    let backslashes = 0
    for (let i = close - 1; text[i] === '\\'; i--) backslashes++
    if (backslashes % 2 === 0) break
    close++
  }
  try {
    return { value: JSON.parse(text.slice(open, close + 1)) as string, end: close + 1 }
  } catch {
    return null
  }
}

export function peekNextLink(text: string): NextLinkPeek {
  const trimmed = text.trimEnd()
  if (!trimmed.startsWith('{"') || !trimmed.endsWith('}')) return UNSURE
  // A page with no rows is rare and cheap to parse; the read-ahead is only for pages that carry rows.
  if (!trimmed.includes('"value":[{')) return UNSURE
  const at = trimmed.lastIndexOf(MEMBER)
  if (at < 0) return trimmed.endsWith(']}') ? { kind: 'end' } : UNSURE
  const literal = stringAt(trimmed, at + MEMBER.length)
  if (literal === null || literal.end !== trimmed.length - 1) return UNSURE
  return { kind: 'link', link: literal.value }
}

/**
 * The first and last values of `key` in a page's text, found without parsing it: an estimate of
 * how wide a page of keys is, to decide whether to wait and cut the range (a nested record with
 * the same column could mislead it; the page is still parsed and checked before it is used).
 */
export function peekKeySpan(text: string, key: string): { readonly first: bigint; readonly last: bigint } | null {
  const marker = `"${key}":"`
  const firstAt = text.indexOf(marker)
  const lastAt = text.lastIndexOf(marker)
  if (firstAt < 0 || lastAt <= firstAt) return null
  const read = (at: number) => sqlGuidNumber(text.slice(at + marker.length, at + marker.length + 36))
  const first = read(firstAt)
  const last = read(lastAt)
  return first !== null && last !== null && last > first ? { first, last } : null
}
