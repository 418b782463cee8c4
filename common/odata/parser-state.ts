/**
 * The cursor, error and expectation machinery every OData parser in this folder shares.
 *
 * Expectations: whenever the grammar could accept something at a position it calls `expect()`.
 * The set at the farthest position reached becomes `ParseError.expected`, and the set at the very
 * end of the text (with where in the query it arose) is what completion reads. So one grammar
 * serves validation and completion.
 */
import type { Identifier, ParseError, PathExpression, Span } from './ast'
import { CH, isNewline, isSpace } from './chars'
import type { Expected } from './expected'

/** Which part of a request the parser is in; completion maps it to a completion kind. */
export type Clause =
  'resourcePath' | 'queryOptionName' | 'select' | 'orderby' | 'expand' | 'expandOptionName' | 'filter' | 'optionValue'

export interface LambdaVariable {
  readonly name: string
  /** Entity path of the collection the variable ranges over, from the entity set (`['accounts', 'contact_customer_accounts']`). */
  readonly collectionPath: readonly string[]
}

/** Where the parser was when it noted an expectation at the end of the text. */
export interface ParseSite {
  readonly clause: Clause
  readonly entityPath: readonly string[]
  readonly lambdaVariables: readonly LambdaVariable[]
  /** The left side of the comparison whose right side is expected (`statuscode eq |`). */
  readonly compared: PathExpression | null
  /** Set when the expectation is inside a Dataverse query function's parameter list. */
  readonly queryFunctionProperty?: string
}

const singles = new Map<Expected, readonly Expected[]>()

/** One shared one-item list per expectation, so noting one does not allocate. */
function single(item: Expected): readonly Expected[] {
  let list = singles.get(item)
  if (!list) {
    list = [item]
    singles.set(item, list)
  }
  return list
}

/**
 * Thrown to unwind the parser at the first error and caught by `runParser`, never outside this
 * folder. Not an Error subclass: capturing a stack trace would cost more than the whole parse, and
 * the editor parses invalid text on most keystrokes.
 */
export class ParseFailure {
  constructor(readonly error: ParseError) {}
}

export class ParserState {
  pos: number
  readonly text: string
  readonly end: number
  readonly base: number

  clause: Clause = 'filter'
  entityPath: string[] = []
  lambdaVariables: LambdaVariable[] = []
  compared: PathExpression | null = null
  queryFunctionProperty: string | undefined

  private farthest = -1
  private farthestExpected: readonly Expected[] = []
  /** Expectations at the end of the text and the site of each (first site wins). */
  readonly atEnd = new Map<Expected, ParseSite>()

  constructor(text: string, base = 0, start = 0, end = text.length) {
    this.text = text
    this.base = base
    this.pos = start
    this.end = end
  }

  span(start: number, end: number): Span {
    return { start: this.base + start, end: this.base + end }
  }

  identifier(start: number, end: number): Identifier {
    return { name: this.text.slice(start, end), span: this.span(start, end) }
  }

  code(at = this.pos): number {
    return at < this.end ? this.text.charCodeAt(at) : -1
  }

  atEndOfText(): boolean {
    return this.pos >= this.end
  }

  /** Notes that the grammar would accept `items` at `at` (defaults to the current position). */
  expect(expected: Expected | readonly Expected[], at = this.pos): void {
    const items = typeof expected === 'string' ? single(expected) : expected
    if (at > this.farthest) {
      this.farthest = at
      // Shared until a second set arrives at the same position: most positions only ever get one.
      this.farthestExpected = items
    } else if (at === this.farthest) {
      const merged = [...this.farthestExpected]
      for (const item of items) if (!merged.includes(item)) merged.push(item)
      this.farthestExpected = merged
    }
    if (at >= this.end) {
      for (const item of items) if (!this.atEnd.has(item)) this.atEnd.set(item, this.site())
    }
  }

  site(): ParseSite {
    const site: ParseSite = {
      clause: this.clause,
      entityPath: [...this.entityPath],
      lambdaVariables: [...this.lambdaVariables],
      compared: this.compared,
    }
    return this.queryFunctionProperty === undefined
      ? site
      : { ...site, queryFunctionProperty: this.queryFunctionProperty }
  }

  /** Stops parsing with a user-facing message; `expected` adds to what was noted at `at`. */
  fail(message: string, at = this.pos, expected: Expected | readonly Expected[] = []): never {
    this.expect(expected, at)
    const merged = at === this.farthest ? this.farthestExpected : typeof expected === 'string' ? [expected] : expected
    throw new ParseFailure({ message, offset: this.base + at, expected: [...merged] })
  }

  /** Expectations noted at `at` so far (used to phrase messages). */
  expectedAt(at: number): readonly Expected[] {
    return at === this.farthest ? this.farthestExpected : []
  }

  /**
   * Skips spaces, tabs, line breaks and comment lines (a line whose first non-blank characters
   * are `//` or `#`: users annotate queries they demo). Returns whether anything was skipped.
   */
  skipWhitespace(): boolean {
    const start = this.pos
    const first = this.code()
    if (first !== CH.hash && first !== CH.slash && !isSpace(first) && !isNewline(first)) return false
    let lineStart = this.isAtLineStart()
    while (this.pos < this.end) {
      const c = this.text.charCodeAt(this.pos)
      if (isSpace(c)) this.pos++
      else if (isNewline(c)) {
        this.pos++
        lineStart = true
      } else if (lineStart && this.isCommentStart(c)) {
        while (this.pos < this.end && !isNewline(this.text.charCodeAt(this.pos))) this.pos++
      } else break
    }
    return this.pos > start
  }

  /** Whether the whitespace skipped between `from` and `to` contains a line break. */
  crossesLine(from: number, to: number): boolean {
    for (let i = from; i < to; i++) if (isNewline(this.text.charCodeAt(i))) return true
    return false
  }

  private isCommentStart(c: number): boolean {
    return c === CH.hash || (c === CH.slash && this.text.charCodeAt(this.pos + 1) === CH.slash)
  }

  private isAtLineStart(): boolean {
    for (let i = this.pos - 1; i >= 0; i--) {
      const c = this.text.charCodeAt(i)
      if (isNewline(c)) return true
      if (!isSpace(c)) return false
    }
    return true
  }

  /** Runs `body` with context fields changed, restoring them afterwards (also on failure). */
  within<T>(
    changes: Partial<
      Pick<ParserState, 'clause' | 'entityPath' | 'lambdaVariables' | 'compared' | 'queryFunctionProperty'>
    >,
    body: () => T,
  ): T {
    const { clause, entityPath, lambdaVariables, compared, queryFunctionProperty } = this
    if (changes.clause !== undefined) this.clause = changes.clause
    if (changes.entityPath !== undefined) this.entityPath = changes.entityPath
    if (changes.lambdaVariables !== undefined) this.lambdaVariables = changes.lambdaVariables
    if ('compared' in changes) this.compared = changes.compared ?? null
    if ('queryFunctionProperty' in changes) this.queryFunctionProperty = changes.queryFunctionProperty
    try {
      return body()
    } finally {
      this.clause = clause
      this.entityPath = entityPath
      this.lambdaVariables = lambdaVariables
      this.compared = compared
      this.queryFunctionProperty = queryFunctionProperty
    }
  }

  /** A short quote of the text at `at` for messages: the word or character found there. */
  found(at = this.pos): string {
    if (at >= this.end) return 'the end of the text'
    let stop = at + 1
    while (
      stop < this.end &&
      stop - at < 24 &&
      /[\w.$@]/.test(this.text[stop] ?? '') &&
      /[\w.$@]/.test(this.text[at] ?? '')
    )
      stop++
    return `'${this.text.slice(at, stop)}'`
  }
}
