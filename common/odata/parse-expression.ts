/**
 * `$filter` / `$orderby` expressions (OData 4.0 URL conventions, the subset Dataverse accepts).
 *
 * Precedence, loosest first: or < and < not < comparison (eq ne gt ge lt le has in) < additive <
 * multiplicative < unary minus < primary. `not` binds looser than a comparison so that
 * `not name eq 'x'` means `not (name eq 'x')`, which is what people mean when they write it.
 * Binary operators need whitespace on both sides, as the grammar's RWS does.
 */
import type {
  BinaryOperator,
  DynamicsFunctionExpression,
  Expression,
  Identifier,
  LambdaExpression,
  LiteralExpression,
  PathExpression,
} from './ast'
import { CH, isDigit, isIdentifierPart, isIdentifierStart, isWhitespace } from './chars'
import { EXPECTED, type Expected } from './expected'
import { BUILTIN_FUNCTIONS, builtinFunction } from './functions'
import type { ParserState } from './parser-state'
import {
  isDurationBody,
  scanGuid,
  scanIdentifier,
  scanNumber,
  scanQualifiedName,
  scanString,
  scanTemporal,
  unescapeString,
} from './scan'
import { suggest } from './suggest'

const EXPECT_CLOSE_COMMA: readonly Expected[] = [EXPECTED.close, EXPECTED.comma]
const EXPECT_COMMA_CLOSE: readonly Expected[] = [EXPECTED.comma, EXPECTED.close]
const EXPECT_OPEN_PARAMETERALIAS: readonly Expected[] = [EXPECTED.open, EXPECTED.parameterAlias]
const EXPECT_PROPERTY_LAMBDA: readonly Expected[] = [EXPECTED.property, EXPECTED.lambda]

const OPERAND: readonly Expected[] = [
  EXPECTED.property,
  EXPECTED.literal,
  EXPECTED.function,
  EXPECTED.parameterAlias,
  EXPECTED.not,
  EXPECTED.open,
]

const OPERATOR: readonly Expected[] = [EXPECTED.operator]

/** Binding strength of each binary operator (precedence climbing): higher binds tighter. */
const PRECEDENCE = new Map<string, number>([
  ['or', 0],
  ['and', 1],
  ['eq', 2],
  ['ne', 2],
  ['gt', 2],
  ['ge', 2],
  ['lt', 2],
  ['le', 2],
  ['has', 2],
  ['in', 2],
  ['add', 3],
  ['sub', 3],
  ['mul', 4],
  ['div', 4],
  ['divby', 4],
  ['mod', 4],
])

/** `not` applies to a whole comparison: `not name eq 'x'` is `not (name eq 'x')`. */
const COMPARISON = 2

/** Comparisons whose right side is usually one of the left column's choice values. */
const CHOICE_COMPARISONS = new Set<string>(['eq', 'ne', 'in'])

export function parseExpression(s: ParserState): Expression {
  return parseAtLeast(s, 0)
}

/** An expression whose binary operators all bind at least as tightly as `minimum`. */
function parseAtLeast(s: ParserState, minimum: number): Expression {
  let left = minimum <= COMPARISON ? parseNot(s) : parseUnary(s)
  for (;;) {
    const before = s.pos
    const operator = peekOperator(s)
    const precedence = operator === undefined ? -1 : (PRECEDENCE.get(operator) ?? -1)
    if (operator === undefined || precedence < minimum) {
      s.pos = before
      return left
    }
    consumeOperator(s, operator)
    const saved = s.compared
    s.compared = CHOICE_COMPARISONS.has(operator) && left.kind === 'path' ? left : null
    let right: Expression
    try {
      right = operator === 'in' ? parseInList(s) : parseAtLeast(s, precedence + 1)
    } finally {
      s.compared = saved
    }
    left = { kind: 'binary', operator, left, right, span: { start: left.span.start, end: right.span.end } }
  }
}

function parseNot(s: ParserState): Expression {
  const start = s.pos
  if (matchWord(s, 'not') && (isWhitespace(s.code(start + 3)) || s.code(start + 3) === CH.lparen)) {
    s.pos = start + 3
    s.skipWhitespace()
    const saved = s.compared
    s.compared = null
    let operand: Expression
    try {
      operand = parseAtLeast(s, COMPARISON)
    } finally {
      s.compared = saved
    }
    return { kind: 'unary', operator: 'not', operand, span: s.span(start, operand.span.end - s.base) }
  }
  return parseUnary(s)
}

/**
 * After an operand: whitespace, then a binary operator. Moves to the operator and returns it;
 * the caller restores the position when it does not take it.
 */
function peekOperator(s: ParserState): BinaryOperator | undefined {
  if (!s.skipWhitespace()) return undefined
  const at = s.pos
  s.expect(OPERATOR)
  const wordEnd = scanIdentifier(s.text, at, s.end)
  const length = wordEnd - at
  if (length < 2 || length > 5) return undefined
  const word = s.text.slice(at, wordEnd)
  if (PRECEDENCE.has(word)) return word as BinaryOperator
  const lower = word.toLowerCase()
  if (PRECEDENCE.has(lower) || lower === 'not')
    s.fail(`Operators are written in lower case: use ${lower} instead of ${word}`, at, OPERATOR)
  return undefined
}

/** Takes the operator at the position and the whitespace the grammar requires after it. */
function consumeOperator(s: ParserState, operator: BinaryOperator): void {
  s.pos += operator.length
  if (!s.skipWhitespace()) {
    if (s.atEndOfText())
      s.fail(
        `Expected a value after ${operator}`,
        s.pos,
        operator === 'in' ? [EXPECTED.open, EXPECTED.parameterAlias] : OPERAND,
      )
    s.fail(`Put a space after ${operator}`, s.pos)
  }
}

function matchWord(s: ParserState, word: string): boolean {
  return s.text.startsWith(word, s.pos) && !isIdentifierPart(s.code(s.pos + word.length))
}

function parseInList(s: ParserState): Expression {
  if (s.code() === CH.lparen || s.code() === CH.lbracket) return parseList(s, true)
  if (s.code() === CH.at) return parsePrimary(s)
  s.expect(EXPECT_OPEN_PARAMETERALIAS)
  return s.fail(`Expected a list in parentheses after in, such as ('a','b')`)
}

const isValue = (e: Expression): boolean => e.kind === 'literal' || e.kind === 'alias'

/**
 * `(a, b)` or `[a, b]`: the right side of `in` and the value of `PropertyValues=`. After `in`
 * (`valuesOnly`) the items must be values; `x in (y)` with a single column is just parentheses.
 */
function parseList(s: ParserState, valuesOnly = false): Expression {
  const start = s.pos
  const closer = s.code() === CH.lparen ? CH.rparen : CH.rbracket
  const closeText = closer === CH.rparen ? ')' : ']'
  s.pos++
  s.skipWhitespace()
  const items: Expression[] = []
  s.expect([closer === CH.rparen ? EXPECTED.close : EXPECTED.closeBracket])
  if (s.code() === closer) {
    s.pos++
    return { kind: 'list', items, span: s.span(start, s.pos) }
  }
  for (;;) {
    const itemStart = s.pos
    // A JSON array (`PropertyValues=["5","2000"]`) writes its strings in double quotes.
    const item = closer === CH.rbracket && s.code() === CH.dquote ? parseJsonString(s) : parseExpression(s)
    s.skipWhitespace()
    if (valuesOnly && !isValue(item)) {
      if (items.length === 0 && closer === CH.rparen && s.code() === CH.rparen) {
        s.pos++
        return item
      }
      s.fail("The list after in can only hold values such as 'a' or 1, not columns or expressions", itemStart)
    }
    items.push(item)
    s.expect([EXPECTED.comma, closer === CH.rparen ? EXPECTED.close : EXPECTED.closeBracket])
    if (s.code() === CH.comma) {
      s.pos++
      s.skipWhitespace()
      continue
    }
    if (s.code() === closer) {
      s.pos++
      return { kind: 'list', items, span: s.span(start, s.pos) }
    }
    return s.fail(`Expected a comma or ${closeText} to close the list opened at character ${s.base + start + 1}`)
  }
}

function parseUnary(s: ParserState): Expression {
  const start = s.pos
  if (s.code() === CH.minus && !isDigit(s.code(start + 1))) {
    s.pos++
    s.skipWhitespace()
    const operand = parseUnary(s)
    return { kind: 'unary', operator: 'negate', operand, span: s.span(start, operand.span.end - s.base) }
  }
  return parsePrimary(s)
}

const KEYWORD_LITERALS = new Map<string, LiteralExpression['value']>([
  ['null', null],
  ['true', true],
  ['false', false],
])

function literal(
  s: ParserState,
  type: LiteralExpression['type'],
  value: LiteralExpression['value'],
  start: number,
  end: number,
): LiteralExpression {
  return { kind: 'literal', type, value, raw: s.text.slice(start, end), span: s.span(start, end) }
}

function parsePrimary(s: ParserState): Expression {
  const start = s.pos
  s.expect(OPERAND)
  const c = s.code()
  if (c === -1) return s.fail('Expected a column, a value or a function here', start)
  if (c === CH.lparen) return parseParenthesised(s)
  if (c === CH.lbracket) return parseList(s)
  if (c === CH.quote) return parseStringLiteral(s)
  if (c === CH.at) return parseAlias(s)
  if (c === CH.minus || c === CH.plus || isDigit(c) || isIdentifierStart(c)) {
    const value = parseValueLiteral(s)
    if (value) return value
  }
  if (c === CH.dollar) return parsePath(s)
  if (isIdentifierStart(c)) return parseIdentifierExpression(s)
  if (c === CH.rparen || c === CH.comma || c === CH.semicolon || c === CH.amp) {
    return s.fail('Expected a column, a value or a function here', start)
  }
  return s.fail(`${s.found(start)} is not a column, a value or a function`, start)
}

function parseStringLiteral(s: ParserState): LiteralExpression {
  const start = s.pos
  const end = scanString(s.text, start, s.end)
  if (end < 0) {
    s.fail(
      `Unclosed string starting at character ${s.base + start + 1}: add the closing ' (write a quote inside a string as '')`,
      start,
      [],
    )
  }
  s.pos = end
  return literal(s, 'string', unescapeString(s.text.slice(start, end)), start, end)
}

/** A JSON string inside an array literal: `"text"` with backslash escapes. */
function parseJsonString(s: ParserState): LiteralExpression {
  const start = s.pos
  let i = start + 1
  while (i < s.end && s.text.charCodeAt(i) !== CH.dquote) i += s.text.charCodeAt(i) === CH.backslash ? 2 : 1
  if (i >= s.end) s.fail(`Unclosed string starting at character ${s.base + start + 1}: add the closing "`, start, [])
  const end = i + 1
  let value: string
  try {
    value = JSON.parse(s.text.slice(start, end)) as string
  } catch {
    return s.fail(
      `The string starting at character ${s.base + start + 1} has an invalid escape: write \\ for a backslash`,
      start,
      [],
    )
  }
  s.pos = end
  return literal(s, 'string', value, start, end)
}

function parseAlias(s: ParserState): Expression {
  const start = s.pos
  const end = scanIdentifier(s.text, start + 1, s.end)
  if (end === start + 1)
    return s.fail('Expected a parameter alias name after @, such as @p1', start + 1, [EXPECTED.parameterAlias])
  s.pos = end
  return { kind: 'alias', name: s.text.slice(start, end), span: s.span(start, end) }
}

/** Guids, dates, times, numbers (with a sign) and keyword literals. Undefined when the text is not one. */
function parseValueLiteral(s: ParserState): LiteralExpression | undefined {
  const start = s.pos
  const guidEnd = scanGuid(s.text, start, s.end)
  if (guidEnd > 0) {
    s.pos = guidEnd
    return literal(s, 'guid', s.text.slice(start, guidEnd), start, guidEnd)
  }
  const c = s.code()
  const signed = c === CH.minus || c === CH.plus
  const digitsAt = signed ? start + 1 : start
  if (isDigit(s.code(digitsAt))) {
    const temporal = signed ? undefined : scanTemporal(s.text, start, s.end)
    if (temporal) {
      if (temporal.problem)
        s.fail(
          `Invalid ${describeTemporal(temporal.type)} ${s.text.slice(start, temporal.end)}: ${temporal.problem}`,
          start,
        )
      s.pos = temporal.end
      return literal(s, temporal.type, s.text.slice(start, temporal.end), start, temporal.end)
    }
    const number = scanNumber(s.text, digitsAt, s.end)
    if (!number) return s.fail(`${s.found(start)} is not a valid number`, start, [EXPECTED.literal])
    s.pos = number.end
    const value = Number(s.text.slice(start, number.digitsEnd))
    return literal(s, number.type, value, start, number.end)
  }
  // Only null, true, false and duration'…' start with a letter; skip the slicing for everything else.
  if (c !== 110 && c !== 116 && c !== 102 && c !== 100 && c !== 68) return undefined
  const wordEnd = scanIdentifier(s.text, start, s.end)
  const word = s.text.slice(start, wordEnd)
  const next = s.code(wordEnd)
  if (KEYWORD_LITERALS.has(word) && next !== CH.slash && next !== CH.lparen && next !== CH.dot) {
    s.pos = wordEnd
    return literal(s, word === 'null' ? 'null' : 'boolean', KEYWORD_LITERALS.get(word) ?? null, start, wordEnd)
  }
  if (next === CH.quote && word.toLowerCase() === 'duration') return parseDuration(s, wordEnd)
  return undefined
}

function describeTemporal(type: 'date' | 'dateTimeOffset' | 'timeOfDay'): string {
  return type === 'date' ? 'date' : type === 'timeOfDay' ? 'time' : 'date and time'
}

function parseDuration(s: ParserState, quoteAt: number): LiteralExpression {
  const start = s.pos
  const end = scanString(s.text, quoteAt, s.end)
  if (end < 0) s.fail(`Unclosed duration starting at character ${s.base + start + 1}: add the closing '`, quoteAt)
  const body = s.text.slice(quoteAt + 1, end - 1)
  if (!isDurationBody(body))
    s.fail(`Invalid duration '${body}': write it like duration'P1D' or duration'PT2H30M'`, quoteAt + 1, [
      EXPECTED.literal,
    ])
  s.pos = end
  return literal(s, 'duration', body, start, end)
}

function parseParenthesised(s: ParserState): Expression {
  const start = s.pos
  s.pos++
  s.skipWhitespace()
  const first = s.within({ compared: null }, () => parseExpression(s))
  s.skipWhitespace()
  s.expect(EXPECT_CLOSE_COMMA)
  if (s.code() === CH.rparen) {
    s.pos++
    return first
  }
  if (s.code() === CH.comma) s.fail("A list in parentheses is only allowed after in, as in name in ('a','b')")
  return s.fail(`Expected ) to close the parenthesis opened at character ${s.base + start + 1}`)
}

/** Names that start with a letter: paths, function calls, lambdas, enum literals. */
function parseIdentifierExpression(s: ParserState): Expression {
  const start = s.pos
  const nameEnd = scanQualifiedName(s.text, start, s.end)
  const next = s.code(nameEnd)
  const name = s.text.slice(start, nameEnd)
  const dot = name.lastIndexOf('.')
  if (next === CH.quote && dot > 0) return parseEnumLiteral(s, nameEnd)
  if (next === CH.lparen) {
    if (dot > 0) return parseDynamicsFunction(s, nameEnd)
    return parseCall(s, nameEnd)
  }
  if (next === CH.dot && dot < 0 && !isIdentifierStart(s.code(nameEnd + 1))) {
    s.fail(`Expected a function name after ${name}.`, nameEnd + 1, [EXPECTED.function])
  }
  return parsePath(s)
}

function parseEnumLiteral(s: ParserState, quoteAt: number): LiteralExpression {
  const start = s.pos
  const end = scanString(s.text, quoteAt, s.end)
  if (end < 0)
    s.fail(`Unclosed enumeration value starting at character ${s.base + quoteAt + 1}: add the closing '`, quoteAt)
  s.pos = end
  return literal(s, 'enum', s.text.slice(quoteAt + 1, end - 1), start, end)
}

function parseArguments<T>(s: ParserState, openAt: number, what: string, item: () => T): T[] {
  s.pos = openAt + 1
  s.skipWhitespace()
  const items: T[] = []
  s.expect(EXPECTED.close)
  if (s.code() === CH.rparen) {
    s.pos++
    return items
  }
  for (;;) {
    items.push(item())
    s.skipWhitespace()
    s.expect(EXPECT_COMMA_CLOSE)
    if (s.code() === CH.comma) {
      s.pos++
      s.skipWhitespace()
      continue
    }
    if (s.code() === CH.rparen) {
      s.pos++
      return items
    }
    return s.fail(`Expected a comma or ) in the ${what} opened at character ${s.base + openAt + 1}`)
  }
}

function parseCall(s: ParserState, openAt: number): Expression {
  const start = s.pos
  const name = s.identifier(start, openAt)
  const known = builtinFunction(name.name)
  if (!known) {
    const hint = suggest(
      name.name,
      BUILTIN_FUNCTIONS.map((f) => f.name),
      1,
    )[0]
    s.fail(`Unknown function ${name.name}${hint ? ` — did you mean ${hint}?` : ''}`, start, [EXPECTED.function])
  }
  const args = s.within({ compared: null }, () =>
    parseArguments(s, openAt, `call to ${name.name}`, () => parseExpression(s)),
  )
  if (args.length < known.minArgs || args.length > known.maxArgs) {
    const count = known.minArgs === known.maxArgs ? `${known.minArgs}` : `${known.minArgs} or ${known.maxArgs}`
    s.fail(
      `${name.name} takes ${count} argument${known.maxArgs === 1 ? '' : 's'} (${known.params.join(', ')}), not ${args.length}`,
      start,
    )
  }
  return { kind: 'call', name, args, span: s.span(start, s.pos) }
}

/** `Microsoft.Dynamics.CRM.LastXDays(PropertyName='createdon',PropertyValue=7)`, also with the `mscrm` alias. */
function parseDynamicsFunction(s: ParserState, openAt: number): DynamicsFunctionExpression {
  const start = s.pos
  const qualified = s.text.slice(start, openAt)
  const dot = qualified.lastIndexOf('.')
  const name = s.identifier(start + dot + 1, openAt)
  let property: string | undefined
  const parameters = parseArguments(s, openAt, `call to ${name.name}`, () => {
    const paramStart = s.pos
    s.expect(EXPECTED.parameterName)
    const paramEnd = scanIdentifier(s.text, paramStart, s.end)
    if (paramEnd === paramStart) s.fail(`Expected a parameter name such as PropertyName in ${name.name}(…)`, paramStart)
    s.pos = paramEnd
    s.skipWhitespace()
    s.expect(EXPECTED.equals)
    if (s.code() !== CH.equals) s.fail(`Expected = after the parameter name ${s.text.slice(paramStart, paramEnd)}`)
    s.pos++
    s.skipWhitespace()
    const value = s.within({ compared: null, queryFunctionProperty: property }, () => parseExpression(s))
    const paramName = s.identifier(paramStart, paramEnd)
    if (paramName.name === 'PropertyName' && value.kind === 'literal' && typeof value.value === 'string')
      property = value.value
    return { name: paramName, value, span: s.span(paramStart, s.pos) }
  })
  return { kind: 'dynamicsFunction', namespace: qualified.slice(0, dot), name, parameters, span: s.span(start, s.pos) }
}

/** `name`, `primarycontactid/fullname`, `c/fullname`, `nav/$count`, `nav/any(x: …)`. */
function parsePath(s: ParserState): Expression {
  const start = s.pos
  const segments: Identifier[] = []
  const savedPath = s.entityPath
  try {
    for (;;) {
      const segmentStart = s.pos
      const segmentEnd =
        s.code() === CH.dollar
          ? scanIdentifier(s.text, segmentStart + 1, s.end)
          : scanQualifiedName(s.text, segmentStart, s.end)
      if (segmentEnd === segmentStart || (s.code() === CH.dollar && segmentEnd === segmentStart + 1)) {
        s.fail('Expected a column or navigation name after /', segmentStart, [EXPECTED.property])
      }
      const segment = s.identifier(segmentStart, segmentEnd)
      s.pos = segmentEnd
      if (segments.length > 0 && s.code() === CH.lparen && (segment.name === 'any' || segment.name === 'all')) {
        const collection: PathExpression = { kind: 'path', segments, span: s.span(start, segmentStart - 1) }
        return parseLambda(s, collection, segment, savedPath)
      }
      segments.push(segment)
      if (s.code() !== CH.slash) break
      s.entityPath = extendPath(s, savedPath, segments)
      s.pos++
      s.expect(EXPECT_PROPERTY_LAMBDA)
    }
  } finally {
    s.entityPath = savedPath
  }
  const path: PathExpression = { kind: 'path', segments, span: s.span(start, s.pos) }
  if (s.code() === CH.lparen) {
    const name = segments.map((x) => x.name).join('/')
    s.fail(`${name} is not a function here: only built-in functions such as contains(…) take arguments`, start)
  }
  return path
}

/** Entity path after walking `segments` from the current one, starting from a lambda variable if the first segment names one. */
function extendPath(s: ParserState, base: readonly string[], segments: readonly Identifier[]): string[] {
  const first = segments[0]?.name
  const variable = s.lambdaVariables.findLast((v) => v.name === first)
  const names = segments.map((x) => x.name)
  if (variable) return [...variable.collectionPath, ...names.slice(1)]
  return [...base, ...names]
}

function parseLambda(
  s: ParserState,
  collection: PathExpression,
  keyword: Identifier,
  basePath: readonly string[],
): LambdaExpression {
  const start = collection.span.start - s.base
  const operator = keyword.name === 'any' ? 'any' : 'all'
  const openAt = s.pos
  s.pos++
  s.skipWhitespace()
  const collectionPath = extendPath(s, basePath, collection.segments)
  s.expect(operator === 'any' ? [EXPECTED.lambdaVariable, EXPECTED.close] : [EXPECTED.lambdaVariable])
  if (s.code() === CH.rparen && operator === 'any') {
    s.pos++
    return { kind: 'lambda', collection, operator, variable: null, predicate: null, span: s.span(start, s.pos) }
  }
  const variableStart = s.pos
  const variableEnd = scanIdentifier(s.text, variableStart, s.end)
  if (variableEnd === variableStart) {
    s.fail(`Expected a variable name in ${operator}(…), as in ${operator}(c: c/name eq 'x')`, variableStart)
  }
  const variable = s.identifier(variableStart, variableEnd)
  s.pos = variableEnd
  s.skipWhitespace()
  s.expect(EXPECTED.colon)
  if (s.code() !== CH.colon)
    s.fail(
      `Expected : after the lambda variable ${variable.name}, as in ${operator}(${variable.name}: ${variable.name}/name eq 'x')`,
    )
  s.pos++
  s.skipWhitespace()
  const predicate = s.within(
    {
      lambdaVariables: [...s.lambdaVariables, { name: variable.name, collectionPath }],
      compared: null,
      entityPath: [...basePath],
    },
    () => parseExpression(s),
  )
  s.skipWhitespace()
  s.expect(EXPECTED.close)
  if (s.code() !== CH.rparen) s.fail(`Expected ) to close ${operator}( opened at character ${s.base + openAt + 1}`)
  s.pos++
  return { kind: 'lambda', collection, operator, variable, predicate, span: s.span(start, s.pos) }
}
