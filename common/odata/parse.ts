/**
 * The public parsing entry points. Each takes the text (already percent-decoded) and the offset
 * of that text in the caller's document, so every span and error offset points into the document.
 */
import type { ExpandItem, Expression, ODataRequest, OrderByItem, ParseResult, QueryOptions, SelectItem } from './ast'
import { failUnexpected } from './messages'
import { parseExpression } from './parse-expression'
import { parseExpandList, parseOptionList, parseOrderByList, parseSelectList } from './parse-options'
import { parseRequestAt } from './parse-request'
import { type Clause, ParseFailure, ParserState } from './parser-state'

export interface ParseRun<T> {
  readonly result: ParseResult<T>
  /** The parser after the run: what it expected at the end of the text, and where. */
  readonly state: ParserState
}

/** Runs `body` over the whole text, which must be consumed up to trailing whitespace. */
export function runParser<T>(
  text: string,
  baseOffset: number,
  clause: Clause,
  body: (s: ParserState) => T,
): ParseRun<T> {
  const state = new ParserState(text, baseOffset)
  state.clause = clause
  try {
    state.skipWhitespace()
    const value = body(state)
    state.skipWhitespace()
    if (!state.atEndOfText()) failUnexpected(state, state.pos)
    return { result: { ok: true, value }, state }
  } catch (error) {
    if (error instanceof ParseFailure) return { result: { ok: false, error: error.error }, state }
    if (error instanceof RangeError) {
      return {
        result: {
          ok: false,
          error: {
            message: 'The query is nested too deeply to read: remove some parentheses',
            offset: baseOffset,
            expected: [],
          },
        },
        state,
      }
    }
    throw error
  }
}

export function parseFilter(text: string, baseOffset = 0): ParseResult<Expression> {
  return runParser(text, baseOffset, 'filter', parseExpression).result
}

export function parseSelect(text: string, baseOffset = 0): ParseResult<readonly SelectItem[]> {
  return runParser(text, baseOffset, 'select', parseSelectList).result
}

export function parseOrderBy(text: string, baseOffset = 0): ParseResult<readonly OrderByItem[]> {
  return runParser(text, baseOffset, 'orderby', parseOrderByList).result
}

export function parseExpand(text: string, baseOffset = 0): ParseResult<readonly ExpandItem[]> {
  return runParser(text, baseOffset, 'expand', parseExpandList).result
}

/** The text after `?`: options separated by `&` or by line breaks (one option per line). */
export function parseQueryOptions(text: string, baseOffset = 0): ParseResult<QueryOptions> {
  return runParser(text, baseOffset, 'queryOptionName', (s) => parseOptionList(s, false)).result
}

export function parseRequest(text: string, baseOffset = 0): ParseResult<ODataRequest> {
  return runParser(text, baseOffset, 'resourcePath', parseRequestAt).result
}
