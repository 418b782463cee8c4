/** Character classes for the OData scanners, on char codes so the hot loops stay allocation-free. */

export const isDigit = (c: number): boolean => c >= 48 && c <= 57

export const isHexDigit = (c: number): boolean => isDigit(c) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102)

/** OData identifiers start with a letter or `_`; non-ASCII letters are accepted as the spec allows Unicode. */
export const isIdentifierStart = (c: number): boolean =>
  (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c > 127

export const isIdentifierPart = (c: number): boolean => isIdentifierStart(c) || isDigit(c)

export const isSpace = (c: number): boolean => c === 32 || c === 9

export const isNewline = (c: number): boolean => c === 10 || c === 13

export const isWhitespace = (c: number): boolean => isSpace(c) || isNewline(c)

export const CH = {
  tab: 9,
  lf: 10,
  cr: 13,
  space: 32,
  dquote: 34,
  hash: 35,
  dollar: 36,
  amp: 38,
  quote: 39,
  lparen: 40,
  rparen: 41,
  star: 42,
  plus: 43,
  comma: 44,
  minus: 45,
  dot: 46,
  slash: 47,
  colon: 58,
  semicolon: 59,
  equals: 61,
  question: 63,
  at: 64,
  lbracket: 91,
  backslash: 92,
  rbracket: 93,
  upperT: 84,
  upperZ: 90,
  lowerZ: 122,
} as const
