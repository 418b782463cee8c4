/**
 * Token stream for syntax colouring. It never throws and always covers the whole text with
 * contiguous tokens (whitespace and broken input included), because it runs on every keystroke
 * while the user is halfway through typing. It is context-aware in the same way as the parser:
 * the resource path, option names, expression values and text values are told apart.
 */
import { CH, isDigit, isIdentifierStart, isNewline, isSpace } from './chars'
import { builtinFunction } from './functions'
import { lineStartsOption, scanRawValue } from './option-lines'
import { urlPrefixEnd } from './url-prefix'
import { scanGuid, scanIdentifier, scanNumber, scanQualifiedName, scanString, scanTemporal } from './scan'

export type TokenKind =
  | 'entitySet'
  | 'segment'
  | 'key'
  | 'queryOption'
  | 'property'
  | 'operator'
  | 'function'
  | 'lambda'
  | 'lambdaVariable'
  | 'string'
  | 'number'
  | 'guid'
  | 'datetime'
  | 'duration'
  | 'enum'
  | 'keyword'
  | 'parameterAlias'
  | 'punctuation'
  | 'text'
  | 'comment'
  | 'whitespace'
  | 'newline'
  | 'invalid'

export interface Token {
  readonly kind: TokenKind
  readonly start: number
  readonly end: number
}

const OPERATOR_WORDS = new Set([
  'eq',
  'ne',
  'gt',
  'ge',
  'lt',
  'le',
  'and',
  'or',
  'not',
  'has',
  'in',
  'add',
  'sub',
  'mul',
  'div',
  'divby',
  'mod',
])
const KEYWORD_WORDS = new Set(['null', 'true', 'false', 'asc', 'desc'])
/** Options whose value is an expression or a list the lexer colours in detail; the rest are text. */
const EXPRESSION_OPTIONS = new Set(['$select', '$filter', '$orderby', '$expand', '$top', '$skip', '$count'])
const PUNCTUATION = new Set<number>([
  CH.lparen,
  CH.rparen,
  CH.comma,
  CH.slash,
  CH.colon,
  CH.semicolon,
  CH.equals,
  CH.lbracket,
  CH.rbracket,
  CH.star,
  CH.amp,
  CH.question,
  CH.dot,
])

class Lexer {
  readonly tokens: Token[] = []
  pos = 0
  /** Lambda variable names seen so far, coloured as variables where they are used. */
  private readonly variables = new Set<string>()

  constructor(readonly text: string) {}

  push(kind: TokenKind, start: number, end: number): void {
    if (end <= start) return
    const last = this.tokens.at(-1)
    if (
      last &&
      last.kind === kind &&
      last.end === start &&
      (kind === 'whitespace' || kind === 'invalid' || kind === 'text')
    ) {
      this.tokens[this.tokens.length - 1] = { kind, start: last.start, end }
      return
    }
    this.tokens.push({ kind, start, end })
  }

  code(at = this.pos): number {
    return at < this.text.length ? this.text.charCodeAt(at) : -1
  }

  /** Whitespace, line breaks and comment lines. Returns whether a line break was crossed. */
  blank(limit = this.text.length): boolean {
    let crossed = false
    while (this.pos < limit) {
      const c = this.code()
      const start = this.pos
      if (isSpace(c)) {
        while (this.pos < limit && isSpace(this.code())) this.pos++
        this.push('whitespace', start, this.pos)
      } else if (isNewline(c)) {
        this.pos += c === CH.cr && this.code(this.pos + 1) === CH.lf ? 2 : 1
        this.push('newline', start, this.pos)
        crossed = true
      } else if (this.atLineStart() && (c === CH.hash || (c === CH.slash && this.code(this.pos + 1) === CH.slash))) {
        while (this.pos < limit && !isNewline(this.code())) this.pos++
        this.push('comment', start, this.pos)
      } else break
    }
    return crossed
  }

  private atLineStart(): boolean {
    for (let i = this.pos - 1; i >= 0; i--) {
      const c = this.text.charCodeAt(i)
      if (isNewline(c)) return true
      if (!isSpace(c)) return false
    }
    return true
  }

  run(): Token[] {
    this.blank()
    if (!this.startsQuery()) this.path()
    this.options()
    return this.tokens
  }

  /** Whether the text starts directly with query options (`$select=…`, `?…`) rather than a path. */
  private startsQuery(): boolean {
    const c = this.code()
    if (c === CH.question || c === CH.amp || c === CH.at) return true
    if (c === CH.dollar) {
      const end = scanIdentifier(this.text, this.pos + 1, this.text.length)
      let i = end
      while (isSpace(this.code(i))) i++
      return this.code(i) === CH.equals
    }
    return lineStartsOption(this.text, this.pos, this.text.length)
  }

  /** The resource path, up to `?` or a line that starts the options. */
  private path(): void {
    const prefixEnd = urlPrefixEnd(this.text, this.pos)
    this.push('text', this.pos, prefixEnd)
    this.pos = prefixEnd
    let first = true
    let depth = 0
    while (this.pos < this.text.length) {
      const c = this.code()
      const start = this.pos
      if (isNewline(c) && depth === 0) {
        if (lineStartsOption(this.text, this.pos + 1, this.text.length)) return
      }
      if (isSpace(c) || isNewline(c)) {
        this.blank()
        continue
      }
      if (c === CH.question && depth === 0) return
      if (depth === 0 && (isIdentifierStart(c) || c === CH.dollar)) {
        const end =
          c === CH.dollar
            ? scanIdentifier(this.text, start + 1, this.text.length)
            : scanQualifiedName(this.text, start, this.text.length)
        if (end > start + (c === CH.dollar ? 1 : 0)) {
          this.pos = end
          const name = this.text.slice(start, end)
          const isFunction = this.code(end) === CH.lparen && (name.includes('.') || this.code(end + 1) === CH.rparen)
          this.push(isFunction ? 'function' : first ? 'entitySet' : 'segment', start, end)
          first = false
          continue
        }
      }
      if (depth > 0 && isIdentifierStart(c)) {
        const end = scanIdentifier(this.text, start, this.text.length)
        let after = end
        while (isSpace(this.code(after))) after++
        if (this.code(after) === CH.equals) {
          this.pos = end
          this.push('key', start, end)
          continue
        }
      }
      if (
        depth > 0 &&
        (c === CH.quote ||
          c === CH.dquote ||
          c === CH.minus ||
          isDigit(c) ||
          isIdentifierStart(c) ||
          c === CH.at ||
          c === CH.lbracket ||
          c === CH.rbracket)
      ) {
        this.value()
        continue
      }
      if (c === CH.lparen) depth++
      if (c === CH.rparen && depth > 0) depth--
      this.pos++
      this.push(PUNCTUATION.has(c) ? 'punctuation' : 'invalid', start, this.pos)
    }
  }

  /** Query options until the end of the text. */
  private options(): void {
    while (this.pos < this.text.length) {
      this.blank()
      const c = this.code()
      const start = this.pos
      if (c === -1) return
      if (c === CH.question || c === CH.amp) {
        this.pos++
        this.push('punctuation', start, this.pos)
        continue
      }
      const nameEnd =
        c === CH.dollar || c === CH.at
          ? scanIdentifier(this.text, start + 1, this.text.length)
          : scanIdentifier(this.text, start, this.text.length)
      if (nameEnd === start || (nameEnd === start + 1 && (c === CH.dollar || c === CH.at))) {
        const end = Math.max(
          scanRawValue(this.text, start, this.text.length, { nested: false, doubleQuotes: false }),
          start + 1,
        )
        this.pos = end
        this.push('invalid', start, end)
        continue
      }
      const name = this.text.slice(start, nameEnd).toLowerCase()
      this.pos = nameEnd
      this.push(c === CH.at ? 'parameterAlias' : 'queryOption', start, nameEnd)
      while (isSpace(this.code())) this.pos++
      this.push('whitespace', nameEnd, this.pos)
      if (this.code() !== CH.equals) continue
      this.push('punctuation', this.pos, this.pos + 1)
      this.pos++
      const valueStart = this.pos
      const valueEnd = scanRawValue(this.text, valueStart, this.text.length, {
        nested: false,
        doubleQuotes: name === 'fetchxml',
      })
      if (EXPRESSION_OPTIONS.has(name) || c === CH.at) this.expression(valueEnd)
      else {
        this.pos = valueEnd
        this.push('text', valueStart, valueEnd)
      }
    }
  }

  /** Tokens of an expression-like value up to `end`. */
  private expression(end: number): void {
    while (this.pos < end) {
      const c = this.code()
      const start = this.pos
      if (isSpace(c) || isNewline(c)) {
        this.blank(end)
        continue
      }
      if (c === CH.dollar && isIdentifierStart(this.code(start + 1))) {
        const wordEnd = scanIdentifier(this.text, start + 1, end)
        this.pos = wordEnd
        this.push(this.code(wordEnd) === CH.equals ? 'queryOption' : 'keyword', start, wordEnd)
        continue
      }
      if (
        isIdentifierStart(c) ||
        isDigit(c) ||
        c === CH.quote ||
        c === CH.dquote ||
        c === CH.at ||
        c === CH.minus ||
        c === CH.plus
      ) {
        this.value(end)
        continue
      }
      this.pos++
      this.push(PUNCTUATION.has(c) ? 'punctuation' : 'invalid', start, this.pos)
    }
  }

  /** One literal, name or alias at the position. */
  private value(end = this.text.length): void {
    const start = this.pos
    const c = this.code()
    if (c === CH.quote) {
      const close = scanString(this.text, start, end)
      this.pos = close < 0 ? end : close
      this.push('string', start, this.pos)
      return
    }
    if (c === CH.dquote) {
      // A JSON string in an array literal (`PropertyValues=["5","2000"]`).
      let i = start + 1
      while (i < end && this.code(i) !== CH.dquote) i += this.code(i) === CH.backslash ? 2 : 1
      this.pos = Math.min(i + 1, end)
      this.push('string', start, this.pos)
      return
    }
    if (c === CH.at) {
      this.pos = Math.max(scanIdentifier(this.text, start + 1, end), start + 1)
      this.push('parameterAlias', start, this.pos)
      return
    }
    const guid = scanGuid(this.text, start, end)
    if (guid > 0) {
      this.pos = guid
      this.push('guid', start, guid)
      return
    }
    const signed = c === CH.minus || c === CH.plus
    const digitsAt = signed ? start + 1 : start
    if (isDigit(this.code(digitsAt))) {
      const temporal = signed ? undefined : scanTemporal(this.text, start, end)
      const number = temporal ? undefined : scanNumber(this.text, digitsAt, end)
      const tokenEnd = temporal?.end ?? number?.end ?? scanWord(this.text, digitsAt, end)
      this.pos = tokenEnd
      this.push(temporal ? 'datetime' : number ? 'number' : 'invalid', start, tokenEnd)
      return
    }
    if (c === CH.minus) {
      this.pos++
      this.push('operator', start, this.pos)
      return
    }
    if (c === CH.plus) {
      this.pos++
      this.push('invalid', start, this.pos)
      return
    }
    if (!isIdentifierStart(c)) {
      this.pos++
      this.push(PUNCTUATION.has(c) ? 'punctuation' : 'invalid', start, this.pos)
      return
    }
    this.word(end)
  }

  private word(end: number): void {
    const start = this.pos
    const wordEnd = scanQualifiedName(this.text, start, end)
    const word = this.text.slice(start, wordEnd)
    const next = this.code(wordEnd)
    this.pos = wordEnd
    if (next === CH.quote && wordEnd < end) {
      const close = scanString(this.text, wordEnd, end)
      this.pos = close < 0 ? end : close
      this.push(word.toLowerCase() === 'duration' ? 'duration' : 'enum', start, this.pos)
      return
    }
    if (next === CH.lparen) {
      if ((word === 'any' || word === 'all') && this.code(start - 1) === CH.slash) {
        this.push('lambda', start, wordEnd)
        this.declareVariable(wordEnd + 1, end)
        return
      }
      this.push(word.includes('.') || builtinFunction(word) ? 'function' : 'property', start, wordEnd)
      return
    }
    const previous = this.code(start - 1)
    const afterSpace = isSpace(previous) || isNewline(previous)
    if (OPERATOR_WORDS.has(word) && (afterSpace || word === 'not')) this.push('operator', start, wordEnd)
    else if (KEYWORD_WORDS.has(word) && previous !== CH.slash) this.push('keyword', start, wordEnd)
    else if (this.variables.has(word) && previous !== CH.slash) this.push('lambdaVariable', start, wordEnd)
    else this.push('property', start, wordEnd)
  }

  /** `any(c:` — remembers `c` so its uses are coloured as a variable. */
  private declareVariable(from: number, end: number): void {
    let i = from
    while (isSpace(this.code(i))) i++
    const nameEnd = scanIdentifier(this.text, i, end)
    let after = nameEnd
    while (isSpace(this.code(after))) after++
    if (nameEnd > i && this.code(after) === CH.colon) this.variables.add(this.text.slice(i, nameEnd))
  }
}

/** End of a run of letters and digits (for broken numbers such as `12abc`). */
function scanWord(text: string, pos: number, end: number): number {
  let i = pos
  while (i < end && /[\w.]/.test(text[i] ?? '')) i++
  return Math.max(i, pos + 1)
}

export function tokenize(text: string): Token[] {
  return new Lexer(text).run()
}
