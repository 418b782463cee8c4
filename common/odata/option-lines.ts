/**
 * Users write one query option per line. These helpers decide where a value ends: at `&`, or at a
 * line break whose next line starts a new option. A line that does not look like the start of an
 * option continues the previous value, so a long `$filter` can be wrapped over several lines.
 */
import { CH, isIdentifierPart, isIdentifierStart, isNewline, isSpace } from './chars'

/**
 * Whether the line starting at `pos` begins a new query option. Blank and comment lines (`//`, `#`)
 * are looked through: the first line with content decides; reaching the end also ends the value.
 */
export function lineStartsOption(text: string, pos: number, end: number): boolean {
  let i = pos
  for (;;) {
    while (i < end && (isSpace(text.charCodeAt(i)) || isNewline(text.charCodeAt(i)))) i++
    if (i >= end) return true
    if (!isCommentAt(text, i)) break
    while (i < end && !isNewline(text.charCodeAt(i))) i++
  }
  const c = text.charCodeAt(i)
  if (c === CH.dollar || c === CH.at || c === CH.amp || c === CH.question) return true
  if (!isIdentifierStart(c)) return false
  while (i < end && isIdentifierPart(text.charCodeAt(i))) i++
  while (i < end && isSpace(text.charCodeAt(i))) i++
  return text.charCodeAt(i) === CH.equals && text.charCodeAt(i + 1) !== CH.equals
}

export function isCommentAt(text: string, at: number): boolean {
  const c = text.charCodeAt(at)
  return c === CH.hash || (c === CH.slash && text.charCodeAt(at + 1) === CH.slash)
}

export interface RawValueStops {
  /** Also stop at `;` and an unbalanced `)` (a value inside `$expand=nav(…)`). */
  readonly nested: boolean
  /** Treat `"` as a quote too (FetchXML attributes). */
  readonly doubleQuotes: boolean
}

/** End of a value kept as text, starting at `pos`: quote-aware, so `'AT&T'` stays one value. */
export function scanRawValue(text: string, pos: number, end: number, stops: RawValueStops): number {
  let i = pos
  let depth = 0
  let quote = 0
  while (i < end) {
    const c = text.charCodeAt(i)
    if (quote !== 0) {
      if (c === quote) quote = 0
      i++
      continue
    }
    if (c === CH.quote || (stops.doubleQuotes && c === 34)) quote = c
    else if (c === CH.amp) break
    else if (isNewline(c) && lineStartsOption(text, i + 1, end)) break
    else if (stops.nested) {
      if (c === CH.lparen) depth++
      else if (c === CH.rparen) {
        if (depth === 0) break
        depth--
      } else if (c === CH.semicolon && depth === 0) break
    }
    i++
  }
  while (i > pos && (isSpace(text.charCodeAt(i - 1)) || isNewline(text.charCodeAt(i - 1)))) i--
  return i
}
