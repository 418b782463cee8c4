/**
 * Pasted errors rarely arrive clean: a pipeline log puts a timestamp and a `##[error]` in front of
 * every line and breaks a sentence where the console wrapped it, a JSON body keeps its text in
 * escaped strings, an issue page turns `<` into `&lt;`. This gives the recognisers one readable line
 * so a phrase matches however it was wrapped.
 */

const ENTITIES: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'", nbsp: ' ' }

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name.startsWith('#x') || name.startsWith('#X')) return String.fromCodePoint(Number.parseInt(name.slice(2), 16))
    if (name.startsWith('#')) return String.fromCodePoint(Number(name.slice(1)))
    return ENTITIES[name.toLowerCase()] ?? whole
  })
}

/** JSON string escapes, however many times the text was encoded (a body inside a log inside a body). */
function unescapeJson(text: string): string {
  let current = text
  for (let pass = 0; pass < 3; pass++) {
    const next = current
      .replace(/\\+[rn]/g, '\n')
      .replace(/\\+t/g, ' ')
      .replace(/\\+u([0-9a-f]{4})/gi, (_whole, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)))
      .replace(/\\+(["'/])/g, '$1')
    if (next === current) break
    current = next
  }
  return current
}

/**
 * What log writers put before the message on each line: ISO or syslog timestamps, `[INFO]`-style
 * levels, Azure DevOps `##[error]` and `##vso[…]` commands, klog headers, MSI-style `(pid)` tags
 * and quote markers. Applied repeatedly, since they stack.
 */
const LINE_PREFIXES: readonly RegExp[] = [
  /^\s*\[?\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(?::\d{2})?(?:[.,]\d+)?(?:Z|[+-]\d{2}:?\d{2})?\]?\s*/,
  /^\s*\[?\d{1,2}:\d{2}:\d{2}(?:[.,]\d+)?\]?\s+/,
  /^\s*[A-Z][a-z]{2} +\d{1,2} \d{2}:\d{2}:\d{2}\s+/,
  /^\s*[IWEF]\d{4} \d{2}:\d{2}:\d{2}\.\d+\s+\d+\s+[\w.-]+:\d+\]\s*/,
  /^\s*##\[(?:error|warning|debug|info|section|command|group|endgroup)\]\s*/i,
  /^\s*##vso\[[^\]]*\]\s*/i,
  /^\s*\[(?:TRACE|DEBUG|INFO|INFORMATION|WARN|WARNING|ERROR|ERR|FATAL|CRITICAL|VERBOSE|DBG|INF|WRN|ERR|FTL)\]\s*/i,
  /^\s*(?:TRACE|DEBUG|INFO|WARN|WARNING|ERROR|FATAL|VERBOSE)\s*[:|-]\s+/,
  /^\s*PID\[\d+\]\s+\w+\s+/,
  /^\s*>+\s?/,
]

/** Lines that carry no message: PowerShell's position pointers and carets. */
const NOISE_LINES =
  /^\s*(?:At (?:line:\d+|[^\n]*:\d+) char:\d+|\+\s*~+|\+ CategoryInfo\b.*|\+ FullyQualifiedErrorId\b.*)\s*$/i

function stripPrefixes(line: string): string {
  let current = line
  for (let pass = 0; pass < 6; pass++) {
    const next = LINE_PREFIXES.reduce((text, prefix) => text.replace(prefix, ''), current)
    if (next === current) break
    current = next
  }
  return current
}

/** One line of plain text: entities decoded, escapes undone, log prefixes gone, wrapped lines joined. */
export function normalise(text: string): string {
  return unescapeJson(decodeEntities(text))
    .split(/\r?\n|\r/)
    .filter((line) => !NOISE_LINES.test(line))
    .map(stripPrefixes)
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim()
}
