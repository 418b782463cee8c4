/** Phrases for parse errors, so every "Expected …" message reads the same way. */
import type { Expected } from './expected'
import type { ParserState } from './parser-state'

const PHRASES: Partial<Record<Expected, string>> = {
  entitySet: 'a table (entity set) name such as accounts',
  segment: 'a navigation property, a function or $count',
  queryOption: 'a query option such as $select',
  expandOption: 'an option such as $select or $filter',
  property: 'a column name',
  literal: 'a value',
  function: 'a function',
  operator: 'an operator such as eq or and',
  direction: 'asc or desc',
  ',': 'a comma',
  ')': ')',
  ']': ']',
  ';': ';',
  '=': '=',
  ':': ':',
  '/': '/',
  '?': '?',
}

/** Things that only separate options; they are mentioned only when nothing better applies. */
const SEPARATORS = new Set<Expected>(['&', 'newline', 'end', 'queryOption', 'not', 'parameterAlias', '('])

/** Undefined when nothing specific was expected. */
function describeExpected(expected: readonly Expected[]): string | undefined {
  const phrases: string[] = []
  for (const item of expected) {
    if (SEPARATORS.has(item)) continue
    const phrase = PHRASES[item]
    if (phrase && !phrases.includes(phrase)) phrases.push(phrase)
  }
  if (phrases.length === 0) return expected.includes('&') ? '& or a new line before the next query option' : undefined
  if (phrases.length === 1) return phrases[0]
  return `${phrases.slice(0, -1).join(', ')} or ${phrases.at(-1) ?? ''}`
}

/** The word or character that ends just before `at` (skipping whitespace), quoted for a message. */
function previousText(s: ParserState, at: number): string {
  let end = at
  while (end > 0 && /\s/.test(s.text[end - 1] ?? '')) end--
  let start = end
  if (s.text[end - 1] === "'") {
    start = end - 1
    while (start > 0 && s.text[start - 1] !== "'") start--
    start = Math.max(0, start - 1)
  } else {
    while (start > 0 && /[\w.$@/-]/.test(s.text[start - 1] ?? '')) start--
  }
  if (start === end) start = Math.max(0, end - 1)
  const quoted = s.text.slice(start, end)
  return quoted.length > 40 ? `'…${quoted.slice(-39)}'` : `'${quoted}'`
}

/** Fails at `at` with "Expected <what was noted there> after '<previous text>'". */
export function failUnexpected(s: ParserState, at: number, extra: readonly Expected[] = []): never {
  s.expect(extra, at)
  const wanted = describeExpected(s.expectedAt(at))
  if (wanted) return s.fail(`Expected ${wanted} after ${previousText(s, at)}`, at)
  if (s.code(at) === 41) return s.fail('This ) has no ( before it to close', at)
  return s.fail(`Unexpected ${s.found(at)} after ${previousText(s, at)}`, at)
}
