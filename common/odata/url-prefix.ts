/**
 * The part of a pasted URL before the resource path: `https://host`, a leading `/`, and
 * `api/data/v9.x/`. Users paste whole URLs from browsers and logs; the path starts after this.
 */
import { CH, isDigit, isSpace } from './chars'

function startsWithIgnoreCase(text: string, prefix: string, at: number): boolean {
  return text.slice(at, at + prefix.length).toLowerCase() === prefix
}

/** Index where the resource path starts, given the index where the text's content starts. */
export function urlPrefixEnd(text: string, pos: number, end = text.length): number {
  let i = pos
  const scheme = startsWithIgnoreCase(text, 'https://', i) ? 8 : startsWithIgnoreCase(text, 'http://', i) ? 7 : 0
  if (scheme > 0) {
    i += scheme
    while (
      i < end &&
      !isSpace(text.charCodeAt(i)) &&
      text.charCodeAt(i) !== CH.slash &&
      text.charCodeAt(i) !== CH.question
    )
      i++
  }
  if (text.charCodeAt(i) === CH.slash && i < end) i++
  if (startsWithIgnoreCase(text, 'api/data/v', i)) {
    let j = i + 'api/data/v'.length
    while (j < end && (isDigit(text.charCodeAt(j)) || text.charCodeAt(j) === CH.dot)) j++
    if (j === end) return j
    if (text.charCodeAt(j) === CH.slash) return j + 1
  }
  return i
}
