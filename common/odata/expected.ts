/**
 * The vocabulary of `ParseError.expected` and of completion: what the grammar would accept at a
 * position. Punctuation is listed as itself (`')'`, `','`, `'='` …); everything else by category.
 */
export const EXPECTED = {
  entitySet: 'entitySet',
  segment: 'segment',
  key: 'key',
  queryOption: 'queryOption',
  expandOption: 'expandOption',
  property: 'property',
  navigation: 'navigation',
  literal: 'literal',
  function: 'function',
  lambda: 'lambda',
  lambdaVariable: 'lambdaVariable',
  parameterAlias: 'parameterAlias',
  parameterName: 'parameterName',
  not: 'not',
  operator: 'operator',
  direction: 'direction',
  star: '*',
  open: '(',
  close: ')',
  closeBracket: ']',
  comma: ',',
  semicolon: ';',
  equals: '=',
  colon: ':',
  slash: '/',
  ampersand: '&',
  question: '?',
  newline: 'newline',
  end: 'end',
} as const

export type Expected = (typeof EXPECTED)[keyof typeof EXPECTED]
