/**
 * A relative Web API request as a user types it: resource path, then `?` (or a line break) and
 * the query options. A leading `/`, `api/data/v9.x/` or a full `https://host/api/data/v9.2/`
 * prefix is skipped, so a URL copied from a browser or a log parses too.
 */
import type { Expression, Identifier, KeyValue, LiteralExpression, ODataRequest, ResourceSegment, Span } from './ast'
import { CH, isIdentifierPart, isSpace } from './chars'
import { EXPECTED, type Expected } from './expected'
import { failUnexpected } from './messages'
import { parseExpression } from './parse-expression'
import { parseOptionList } from './parse-options'
import type { ParserState } from './parser-state'
import { scanIdentifier, scanQualifiedName } from './scan'
import { urlPrefixEnd } from './url-prefix'

const EXPECT_COMMA_CLOSE: readonly Expected[] = [EXPECTED.comma, EXPECTED.close]
const EXPECT_KEY_CLOSE: readonly Expected[] = [EXPECTED.key, EXPECTED.close]
const EXPECT_SLASH_QUESTION: readonly Expected[] = [EXPECTED.slash, EXPECTED.question]

export function parseRequestAt(s: ParserState): ODataRequest {
  s.skipWhitespace()
  s.pos = urlPrefixEnd(s.text, s.pos, s.end)
  const start = s.pos
  const segments = s.within({ clause: 'resourcePath' }, () => parseResourcePath(s))
  const entityPath = segments.map((x) => x.name.name).filter((name) => !name.startsWith('$'))
  let end = s.pos
  s.expect(EXPECT_SLASH_QUESTION)
  s.skipWhitespace()
  s.expect(EXPECT_SLASH_QUESTION)
  if (s.crossesLine(end, s.pos))
    s.within({ entityPath, clause: 'queryOptionName' }, () => s.expect(EXPECTED.queryOption))
  if (s.atEndOfText()) return { segments, options: { custom: [], spans: {} }, span: s.span(start, end) }
  if (s.code() !== CH.question && !s.crossesLine(end, s.pos)) failUnexpected(s, s.pos)
  const options = s.within({ entityPath, clause: 'queryOptionName' }, () => parseOptionList(s, false))
  end = Math.max(end, lastNonBlank(s))
  return { segments, options, span: s.span(start, end) }
}

function lastNonBlank(s: ParserState): number {
  let end = s.pos
  while (end > 0 && /\s/.test(s.text[end - 1] ?? '')) end--
  return end
}

/** Segments that end a path: the count, the reference, the raw value. */
const TERMINAL_SEGMENTS = new Set(['$count', '$ref', '$value'])

function parseResourcePath(s: ParserState): ResourceSegment[] {
  const segments: ResourceSegment[] = []
  for (;;) {
    const start = s.pos
    const first = segments.length === 0
    s.expect(first ? [EXPECTED.entitySet] : [EXPECTED.segment])
    const dollar = s.code() === CH.dollar
    const end = dollar ? scanIdentifier(s.text, start + 1, s.end) : scanQualifiedName(s.text, start, s.end)
    if (end === start || (dollar && end === start + 1)) {
      s.fail(
        first
          ? 'Expected a table (entity set) name such as accounts'
          : 'Expected a navigation property, a function or $count after /',
        start,
      )
    }
    const name = s.identifier(start, end)
    s.pos = end
    let segment: ResourceSegment = { name, span: s.span(start, end) }
    if (s.code() === CH.lparen) segment = parseParentheses(s, segment, start)
    segments.push(segment)
    s.entityPath = segments.map((x) => x.name.name).filter((n) => !n.startsWith('$'))
    if (s.code() !== CH.slash) return segments
    if (TERMINAL_SEGMENTS.has(name.name)) s.fail(`Nothing can follow ${name.name} in the path`, s.pos)
    s.pos++
  }
}

interface ParenItem {
  readonly name: Identifier | null
  readonly value: Expression
  readonly span: Span
}

/** `(<key>)`, `(Name=value,…)` or `(…)` of a function call. Which one it is, is decided after reading it. */
function parseParentheses(s: ParserState, segment: ResourceSegment, start: number): ResourceSegment {
  const openAt = s.pos
  s.pos++
  s.skipWhitespace()
  const items: ParenItem[] = []
  s.expect(EXPECT_KEY_CLOSE)
  if (s.code() !== CH.rparen) {
    for (;;) {
      items.push(parseParenItem(s))
      s.skipWhitespace()
      s.expect(EXPECT_COMMA_CLOSE)
      if (s.code() === CH.comma) {
        s.pos++
        s.skipWhitespace()
        continue
      }
      if (s.code() === CH.rparen) break
      s.fail(`Expected a comma or ) to close the parenthesis opened at character ${s.base + openAt + 1}`)
    }
  }
  s.pos++
  const span = s.span(start, s.pos)
  const key = asKey(items)
  if (key && !segment.name.name.includes('.')) return { name: segment.name, key, span }
  return { name: segment.name, call: items, span }
}

function parseParenItem(s: ParserState): ParenItem {
  const start = s.pos
  const nameEnd = scanIdentifier(s.text, start, s.end)
  let after = nameEnd
  while (after < s.end && isSpace(s.text.charCodeAt(after))) after++
  const named =
    nameEnd > start && s.text.charCodeAt(after) === CH.equals && !isIdentifierPart(s.text.charCodeAt(start - 1))
  if (!named) {
    const value = parseParenValue(s)
    return { name: null, value, span: s.span(start, s.pos) }
  }
  const name = s.identifier(start, nameEnd)
  s.pos = after + 1
  s.skipWhitespace()
  const value = parseParenValue(s)
  return { name, value, span: s.span(start, s.pos) }
}

/** A key or parameter value in the path: a literal, a parameter alias or a list — never a column. */
function parseParenValue(s: ParserState): Expression {
  const start = s.pos
  const value = parseExpression(s)
  if (value.kind !== 'literal' && value.kind !== 'alias' && value.kind !== 'list') {
    s.fail("A key or parameter value must be a value such as 1 or 'text', or a parameter alias such as @p1", start)
  }
  return value
}

/** Items that form a key: one unnamed literal, or only named literals. Anything else is a call. */
function asKey(items: readonly ParenItem[]): KeyValue | undefined {
  const only = items[0]
  if (items.length === 1 && only && only.name === null)
    return only.value.kind === 'literal' ? { kind: 'single', value: only.value } : undefined
  if (items.length === 0) return undefined
  const values: { name: Identifier; value: LiteralExpression }[] = []
  for (const item of items) {
    if (item.name === null || item.value.kind !== 'literal') return undefined
    values.push({ name: item.name, value: item.value })
  }
  return { kind: 'named', values }
}
