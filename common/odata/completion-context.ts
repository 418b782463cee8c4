/**
 * What is being typed at the cursor, independent of metadata. It runs the same parser as
 * validation over the text before the word under the cursor and reads what the grammar expected
 * at that point (and where: which clause, which entity, which lambda variables are in scope).
 */
import type { Span } from './ast'
import { CH, isIdentifierPart, isNewline, isSpace } from './chars'
import { EXPECTED, type Expected } from './expected'
import { isCommentAt } from './option-lines'
import { runParser } from './parse'
import { parseRequestAt } from './parse-request'
import type { LambdaVariable, ParseSite } from './parser-state'

type CompletionKind =
  | 'entitySet'
  | 'resourceSegment'
  | 'queryOptionName'
  | 'selectItem'
  | 'orderbyItem'
  | 'orderbyDirection'
  | 'expandItem'
  | 'expandOptionName'
  | 'filterOperand'
  | 'filterOperator'
  | 'filterFunction'
  | 'choiceValue'
  | 'lambdaVariable'
  | 'none'

export interface CompletionContext {
  readonly kind: CompletionKind
  /** The part of the word under the cursor that is before the cursor. */
  readonly prefix: string
  /** The whole word under the cursor: what a chosen completion replaces. */
  readonly replace: Span
  /** Resource path plus `$expand` and navigation nesting, e.g. `['accounts', 'primarycontactid']`. */
  readonly entityPath: readonly string[]
  /** For `choiceValue`: the column being compared (its table is `entityPath`). */
  readonly property?: string
  readonly lambdaVariables: readonly LambdaVariable[]
  /** Everything the grammar accepts at the cursor (the `EXPECTED` vocabulary), for finer choices. */
  readonly expected: readonly Expected[]
}

const isWordChar = (c: number): boolean => isIdentifierPart(c) || c === CH.dollar || c === CH.at || c === CH.dot

export function completionContextAt(text: string, offset: number): CompletionContext {
  const cursor = Math.max(0, Math.min(offset, text.length))
  let start = cursor
  while (start > 0 && isWordChar(text.charCodeAt(start - 1))) start--
  let end = cursor
  while (end < text.length && isIdentifierPart(text.charCodeAt(end))) end++
  const prefix = text.slice(start, cursor)
  const none: CompletionContext = {
    kind: 'none',
    prefix,
    replace: { start, end },
    entityPath: [],
    lambdaVariables: [],
    expected: [],
  }
  if (inCommentLine(text, start)) return none

  const { state } = runParser(text.slice(0, start), 0, 'resourcePath', parseRequestAt)
  const atEnd = state.atEnd
  if (atEnd.size === 0) return none
  const expected = [...atEnd.keys()]
  const make = (
    kind: CompletionKind,
    site: ParseSite | undefined,
    extra: Partial<CompletionContext> = {},
  ): CompletionContext => ({
    kind,
    prefix,
    replace: { start, end },
    entityPath: site?.entityPath ?? [],
    lambdaVariables: site?.lambdaVariables ?? [],
    expected,
    ...extra,
  })

  const option = atEnd.get(EXPECTED.queryOption)
  const operator = atEnd.get(EXPECTED.operator)
  if (option && lineIsBlankBefore(text, start)) {
    const continuing = operator && prefix !== '' && !prefix.startsWith('$') && !prefix.startsWith('@')
    return continuing ? make('filterOperator', operator) : make('queryOptionName', option)
  }
  const ordered: [Expected, CompletionKind][] = [
    [EXPECTED.entitySet, 'entitySet'],
    [EXPECTED.segment, 'resourceSegment'],
    [EXPECTED.lambdaVariable, 'lambdaVariable'],
    [EXPECTED.expandOption, 'expandOptionName'],
    [EXPECTED.queryOption, 'queryOptionName'],
    [EXPECTED.direction, 'orderbyDirection'],
    [EXPECTED.operator, 'filterOperator'],
    [EXPECTED.navigation, 'expandItem'],
  ]
  for (const [item, kind] of ordered) {
    const site = atEnd.get(item)
    if (site) return make(kind, site)
  }
  const operand = atEnd.get(EXPECTED.property) ?? atEnd.get(EXPECTED.literal)
  if (!operand) return none
  switch (operand.clause) {
    case 'select':
      return make('selectItem', operand)
    case 'orderby':
      return make('orderbyItem', operand)
    case 'filter':
      return filterOperand(operand, prefix, make)
    default:
      return none
  }
}

function filterOperand(
  site: ParseSite,
  prefix: string,
  make: (kind: CompletionKind, site: ParseSite | undefined, extra?: Partial<CompletionContext>) => CompletionContext,
): CompletionContext {
  if (prefix.includes('.')) return make('filterFunction', site)
  const compared = site.compared
  if (compared) {
    const names = compared.segments.map((s) => s.name)
    const property = names.at(-1)
    const variable = site.lambdaVariables.findLast((v) => v.name === names[0])
    const table = variable
      ? [...variable.collectionPath, ...names.slice(1, -1)]
      : [...site.entityPath, ...names.slice(0, -1)]
    if (property) return make('choiceValue', site, { entityPath: table, property })
  }
  if (site.queryFunctionProperty) return make('choiceValue', site, { property: site.queryFunctionProperty })
  return make('filterOperand', site)
}

function lineStart(text: string, at: number): number {
  let i = at
  while (i > 0 && !isNewline(text.charCodeAt(i - 1))) i--
  return i
}

function lineIsBlankBefore(text: string, at: number): boolean {
  for (let i = lineStart(text, at); i < at; i++) {
    const c = text.charCodeAt(i)
    if (!isSpace(c) && c !== CH.amp && c !== CH.question) return false
  }
  return true
}

function inCommentLine(text: string, at: number): boolean {
  let i = lineStart(text, at)
  while (i < at && isSpace(text.charCodeAt(i))) i++
  return i < at && isCommentAt(text, i)
}
