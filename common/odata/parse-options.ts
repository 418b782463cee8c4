/**
 * Query options: `$select`, `$filter`, `$orderby`, `$expand` (with nested options to any depth),
 * `$top`, `$skip`, `$count`, the options kept as text, and custom options / parameter aliases.
 */
import type { ExpandItem, Identifier, OptionSpan, OrderByItem, QueryOptions, SelectItem } from './ast'
import { CH, isDigit, isWhitespace } from './chars'
import { EXPECTED, type Expected } from './expected'
import { failUnexpected } from './messages'
import { scanRawValue } from './option-lines'
import { parseExpression } from './parse-expression'
import type { ParserState } from './parser-state'
import { scanIdentifier, scanQualifiedName } from './scan'
import { suggest } from './suggest'

const EXPECT_PROPERTY_STAR: readonly Expected[] = [EXPECTED.property, EXPECTED.star]
const EXPECT_SEMICOLON_CLOSE: readonly Expected[] = [EXPECTED.semicolon, EXPECTED.close]

type Mutable<T> = { -readonly [K in keyof T]: T[K] }

type SystemOption =
  | 'select'
  | 'filter'
  | 'orderby'
  | 'expand'
  | 'top'
  | 'skip'
  | 'count'
  | 'search'
  | 'apply'
  | 'skiptoken'
  | 'deltatoken'
  | 'id'

const SYSTEM_OPTIONS: readonly SystemOption[] = [
  'select',
  'filter',
  'orderby',
  'expand',
  'top',
  'skip',
  'count',
  'search',
  'apply',
  'skiptoken',
  'deltatoken',
  'id',
]

/** Options allowed inside `$expand=nav(…)` (OData's expandOption, minus what Dataverse lacks). */
const NESTED_OPTIONS: readonly SystemOption[] = ['select', 'filter', 'orderby', 'expand', 'top', 'skip', 'count']

/** OData options Dataverse does not implement: naming them beats "unknown option". */
const UNSUPPORTED_OPTIONS: Readonly<Record<string, string>> = {
  format: 'Dataverse always answers in JSON: remove $format',
  compute: 'Dataverse does not support $compute: compute the value in the client or use $apply',
  levels: 'Dataverse does not support $levels: nest $expand explicitly instead',
  index: 'Dataverse does not support $index',
  schemaversion: 'Dataverse does not support $schemaversion',
}

export function parseSelectList(s: ParserState): SelectItem[] {
  return s.within({ clause: 'select' }, () => {
    const items: SelectItem[] = []
    for (;;) {
      items.push(parseSelectItem(s))
      if (!continueList(s)) return items
    }
  })
}

/** After a list item: `,` (with optional spaces around it) continues the list. */
function continueList(s: ParserState): boolean {
  const before = s.pos
  s.skipWhitespace()
  s.expect(EXPECTED.comma)
  if (s.code() !== CH.comma) {
    s.pos = before
    return false
  }
  s.pos++
  s.skipWhitespace()
  return true
}

function parseSelectItem(s: ParserState): SelectItem {
  const start = s.pos
  s.expect(EXPECT_PROPERTY_STAR)
  if (s.code() === CH.star) {
    s.pos++
    return { kind: 'star', path: [], span: s.span(start, s.pos) }
  }
  const path = parseNamePath(s, 'Expected a column name in $select')
  return { kind: 'property', path, span: s.span(start, s.pos) }
}

const REF = '/$ref'

/** `name` or `name/name` (navigation then column, or a type cast); in $expand it stops before `/$ref`. */
function parseNamePath(s: ParserState, message: string, beforeRef = false): Identifier[] {
  const path: Identifier[] = []
  const basePath = s.entityPath
  try {
    for (;;) {
      const start = s.pos
      const end = scanQualifiedName(s.text, start, s.end)
      if (end === start) s.fail(path.length === 0 ? message : 'Expected a name after /', start)
      path.push(s.identifier(start, end))
      s.pos = end
      if (s.code() !== CH.slash || (beforeRef && s.text.startsWith(REF, s.pos))) return path
      s.entityPath = [...basePath, ...path.map((p) => p.name)]
      s.pos++
      s.expect(EXPECTED.property)
    }
  } finally {
    s.entityPath = basePath
  }
}

export function parseOrderByList(s: ParserState): OrderByItem[] {
  return s.within({ clause: 'orderby' }, () => {
    const items: OrderByItem[] = []
    for (;;) {
      items.push(parseOrderByItem(s))
      if (!continueList(s)) return items
    }
  })
}

function parseOrderByItem(s: ParserState): OrderByItem {
  const start = s.pos
  const expression = parseExpression(s)
  const afterExpression = s.pos
  let direction: OrderByItem['direction'] = 'asc'
  if (s.skipWhitespace()) {
    s.expect(EXPECTED.direction)
    const wordEnd = scanIdentifier(s.text, s.pos, s.end)
    const word = s.text.slice(s.pos, wordEnd)
    if (word === 'asc' || word === 'desc') {
      direction = word
      s.pos = wordEnd
      return { expression, direction, span: s.span(start, s.pos) }
    }
    if (word.toLowerCase() === 'asc' || word.toLowerCase() === 'desc') {
      s.fail(`Sort directions are written in lower case: use ${word.toLowerCase()} instead of ${word}`)
    }
  }
  s.pos = afterExpression
  return { expression, direction, span: s.span(start, s.pos) }
}

export function parseExpandList(s: ParserState): ExpandItem[] {
  return s.within({ clause: 'expand' }, () => {
    const items: ExpandItem[] = []
    for (;;) {
      items.push(parseExpandItem(s))
      if (!continueList(s)) return items
    }
  })
}

function parseExpandItem(s: ParserState): ExpandItem {
  const start = s.pos
  s.expect(EXPECTED.navigation)
  if (s.code() === CH.star)
    s.fail('Dataverse does not support $expand=*: name each navigation property to expand', start)
  const path = parseNamePath(s, 'Expected a navigation property name in $expand', true)
  const ref = s.text.startsWith(REF, s.pos)
  if (ref) {
    s.pos += REF.length
    return { path, ref, options: emptyOptions(), span: s.span(start, s.pos) }
  }
  const entityPath = [...s.entityPath, ...path.map((p) => p.name)]
  s.expect(EXPECTED.open)
  if (s.code() !== CH.lparen) return { path, options: emptyOptions(), span: s.span(start, s.pos) }
  s.pos++
  const options = s.within({ entityPath, clause: 'expandOptionName' }, () => parseOptionList(s, true))
  s.expect(EXPECTED.close)
  if (s.code() !== CH.rparen) failUnexpected(s, s.pos)
  s.pos++
  return { path, options, span: s.span(start, s.pos) }
}

function emptyOptions(): QueryOptions {
  return { custom: [], spans: {} }
}

/**
 * A list of options: top level (`&` or a new line between them) or nested in `$expand=nav(…)`
 * (`;` between them, ended by `)`). Stops at the end of the text or, nested, before the `)`.
 */
export function parseOptionList(s: ParserState, nested: boolean): QueryOptions {
  const options: Mutable<QueryOptions> = { custom: [], spans: {} }
  const spans: Record<string, OptionSpan> = {}
  const custom: Mutable<QueryOptions>['custom'][number][] = []
  for (let first = true; ; first = false) {
    skipSeparators(s, nested, first)
    s.expect(nested ? [EXPECTED.expandOption] : [EXPECTED.queryOption])
    if (s.atEndOfText() || (nested && s.code() === CH.rparen)) break
    parseOption(s, nested, options, spans, custom)
    const afterValue = s.pos
    s.skipWhitespace()
    if (nested) {
      s.expect(EXPECT_SEMICOLON_CLOSE)
      if (s.code() === CH.semicolon) {
        s.pos++
        continue
      }
      if (s.code() === CH.rparen) break
      failUnexpected(s, s.pos)
    }
    s.expect(EXPECTED.ampersand)
    const onNewLine = s.crossesLine(afterValue, s.pos)
    if (onNewLine) s.expect(EXPECTED.queryOption)
    if (s.atEndOfText()) break
    if (s.code() === CH.amp || onNewLine) continue
    failUnexpected(s, s.pos)
  }
  options.custom = custom
  options.spans = spans
  return options
}

function skipSeparators(s: ParserState, nested: boolean, first: boolean): void {
  for (;;) {
    s.skipWhitespace()
    const c = s.code()
    if (!nested && (c === CH.amp || (c === CH.question && first))) s.pos++
    else return
  }
}

function parseOption(
  s: ParserState,
  nested: boolean,
  options: Mutable<QueryOptions>,
  spans: Record<string, OptionSpan>,
  custom: Mutable<QueryOptions>['custom'][number][],
): void {
  const nameStart = s.pos
  const c = s.code()
  const system = c === CH.dollar || c === CH.at
  const nameEnd = system ? scanIdentifier(s.text, nameStart + 1, s.end) : scanCustomName(s, nameStart)
  if (nameEnd === nameStart || (system && nameEnd === nameStart + 1)) {
    s.fail(
      nested
        ? 'Expected an option such as $select or $filter inside the parentheses'
        : 'Expected a query option such as $select or $filter',
      nameStart,
    )
  }
  const name = s.text.slice(nameStart, nameEnd)
  const key = name.toLowerCase()
  s.pos = nameEnd
  s.expect(EXPECTED.equals)
  if (s.code() !== CH.equals) {
    if (!system && !nested) {
      custom.push({ name, value: '', span: s.span(nameStart, nameEnd) })
      spans[key] = { name: s.span(nameStart, nameEnd), value: s.span(nameEnd, nameEnd) }
      return
    }
    const after = s.pos
    s.skipWhitespace()
    const spaced = s.code() === CH.equals && !s.crossesLine(after, s.pos)
    // Dataverse's own documentation writes `$select = name` inside $expand, and Dataverse accepts it there.
    if (spaced && !nested) s.fail(`Remove the space between ${name} and =`, after)
    if (!spaced) s.fail(`Expected = after ${name}`, after)
  }
  s.pos++
  s.skipWhitespace()
  const valueStart = s.pos
  const bare = key.startsWith('$') ? key.slice(1) : key
  if (c === CH.dollar) {
    const option = checkSystemOption(s, name, bare, nested, nameStart)
    if (spans[bare]) s.fail(`${name} appears twice: give each option once`, nameStart)
    parseSystemOptionValue(s, option, name, nested, options)
  } else if (!nested && key === 'fetchxml') {
    if (spans[key]) s.fail(`${name} appears twice: give each option once`, nameStart)
    s.pos = scanRawValue(s.text, valueStart, s.end, { nested: false, doubleQuotes: true })
    options.fetchXml = s.text.slice(valueStart, s.pos)
  } else {
    if (nested)
      s.fail(`${name} is not an option of $expand: use $select, $filter, $orderby, $top or $expand`, nameStart)
    s.pos = scanRawValue(s.text, valueStart, s.end, { nested: false, doubleQuotes: false })
    custom.push({ name, value: s.text.slice(valueStart, s.pos), span: s.span(nameStart, s.pos) })
  }
  spans[bare] = { name: s.span(nameStart, nameEnd), value: s.span(valueStart, s.pos) }
}

/** A custom option's name: anything up to `=`, `&` or a blank (OData allows `!special`). */
function scanCustomName(s: ParserState, start: number): number {
  let i = start
  while (i < s.end) {
    const code = s.text.charCodeAt(i)
    if (code === CH.equals || code === CH.amp || code === CH.semicolon || code === CH.rparen || isWhitespace(code))
      break
    i++
  }
  return i
}

function checkSystemOption(s: ParserState, name: string, bare: string, nested: boolean, at: number): SystemOption {
  const unsupported = UNSUPPORTED_OPTIONS[bare]
  if (unsupported) s.fail(unsupported, at)
  const allowed = nested ? NESTED_OPTIONS : SYSTEM_OPTIONS
  const option = allowed.find((o) => o === bare)
  if (option) return option
  if (nested && SYSTEM_OPTIONS.some((o) => o === bare)) {
    s.fail(`${name} cannot be used inside $expand: use $select, $filter, $orderby, $top or $expand`, at, [
      EXPECTED.expandOption,
    ])
  }
  const hint = suggest(bare, allowed, 1)[0]
  return s.fail(`Unknown query option ${name}${hint ? ` — did you mean $${hint}?` : ''}`, at, [
    nested ? EXPECTED.expandOption : EXPECTED.queryOption,
  ])
}

function parseSystemOptionValue(
  s: ParserState,
  option: SystemOption,
  name: string,
  nested: boolean,
  options: Mutable<QueryOptions>,
): void {
  switch (option) {
    case 'select':
      options.select = parseSelectList(s)
      return
    case 'filter':
      options.filter = s.within({ clause: 'filter' }, () => parseExpression(s))
      return
    case 'orderby':
      options.orderby = parseOrderByList(s)
      return
    case 'expand':
      options.expand = parseExpandList(s)
      return
    case 'top':
    case 'skip':
      options[option] = parseWholeNumber(s, name, nested)
      return
    case 'count':
      options.count = parseBoolean(s, name, nested)
      return
    default: {
      const start = s.pos
      s.pos = scanRawValue(s.text, start, s.end, { nested, doubleQuotes: false })
      options[option] = s.text.slice(start, s.pos)
    }
  }
}

function parseWholeNumber(s: ParserState, name: string, nested: boolean): number {
  const start = s.pos
  s.expect(EXPECTED.literal)
  const end = scanRawValue(s.text, start, s.end, { nested, doubleQuotes: false })
  const raw = s.text.slice(start, end)
  let digits = 0
  while (digits < raw.length && isDigit(raw.charCodeAt(digits))) digits++
  if (raw.length === 0 || digits !== raw.length) {
    s.fail(
      `${name} must be a whole number of 0 or more${raw ? `, not ${raw}` : ''}`,
      start + (raw.length === 0 ? 0 : digits),
    )
  }
  s.pos = end
  return Number(raw)
}

function parseBoolean(s: ParserState, name: string, nested: boolean): boolean {
  const start = s.pos
  s.expect(EXPECTED.literal)
  const end = scanRawValue(s.text, start, s.end, { nested, doubleQuotes: false })
  const raw = s.text.slice(start, end)
  if (raw !== 'true' && raw !== 'false') s.fail(`${name} must be true or false${raw ? `, not ${raw}` : ''}`, start)
  s.pos = end
  return raw === 'true'
}
