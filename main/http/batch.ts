/**
 * Reads a `$batch` body the way the server will, so the read-only guard judges the requests that
 * will actually run. The Web API is built on Microsoft's OData .NET library, which finds parts by
 * the boundary in each multipart Content-Type, recurses into change sets, and splits each request
 * line at its first and last space (a URI may contain spaces). Anything this reader cannot make
 * sense of is a reason to refuse, never to guess: a request that is not understood is not sent.
 */

/** One request inside the batch (change sets flattened). */
interface BatchPart {
  /** Exactly as written: `GET`, `PATCH`, `get`. Compared case-sensitively, as the server does. */
  readonly method: string
  /** The request target between the method and the HTTP version, e.g. `accounts?$top=1`. */
  readonly target: string
  /** The part's MIME headers and the embedded request's headers, names in lower case. */
  readonly headerNames: readonly string[]
  /** Inside a nested multipart part (a change set). */
  readonly inChangeSet: boolean
}

export type BatchReading =
  { readonly ok: true; readonly parts: readonly BatchPart[] } | { readonly ok: false; readonly problem: string }

/** A batch and one level of change sets; the Web API allows no deeper nesting. */
const MAX_DEPTH = 2
/** RFC 2046 boundary characters; a space is allowed but not last. */
const BOUNDARY = /^[0-9A-Za-z'()+_,\-./:=? ]{0,69}[0-9A-Za-z'()+_,\-./:=?]$/
const REQUEST_LINE_VERSION = /^HTTP\/\d\.\d$/
const SAFE_TRANSFER_ENCODINGS = new Set(['binary', '7bit', '8bit'])

class Refusal extends Error {}

interface MediaType {
  readonly type: string
  readonly parameters: ReadonlyMap<string, string>
}

function parseMediaType(value: string): MediaType {
  const [type = '', ...rest] = splitOutsideQuotes(value, ';')
  const parameters = new Map<string, string>()
  for (const raw of rest) {
    const equals = raw.indexOf('=')
    if (equals < 0) continue
    const name = raw.slice(0, equals).trim().toLowerCase()
    let parameterValue = raw.slice(equals + 1).trim()
    if (parameterValue.startsWith('"')) {
      if (!parameterValue.endsWith('"') || parameterValue.length < 2)
        throw new Refusal(`the ${name} parameter has an unclosed quote`)
      parameterValue = parameterValue.slice(1, -1).replace(/\\(.)/g, '$1')
    }
    if (parameters.has(name)) throw new Refusal(`the Content-Type names ${name} twice`)
    parameters.set(name, parameterValue)
  }
  return { type: type.trim().toLowerCase(), parameters }
}

function splitOutsideQuotes(value: string, separator: string): string[] {
  const pieces: string[] = []
  let current = ''
  let quoted = false
  for (let i = 0; i < value.length; i++) {
    const char = value[i] as string
    if (char === '\\' && quoted && i + 1 < value.length) {
      current += char + (value[++i] as string)
      continue
    }
    if (char === '"') quoted = !quoted
    if (char === separator && !quoted) {
      pieces.push(current)
      current = ''
    } else {
      current += char
    }
  }
  pieces.push(current)
  return pieces
}

function boundaryOf(contentType: string | null, where: string): string {
  if (!contentType) throw new Refusal(`${where} has no Content-Type`)
  const media = parseMediaType(contentType)
  if (media.type !== 'multipart/mixed') throw new Refusal(`${where} is ${media.type || 'untyped'}, not multipart/mixed`)
  const boundary = media.parameters.get('boundary')
  if (boundary === undefined || boundary === '') throw new Refusal(`${where} names no boundary`)
  if (!BOUNDARY.test(boundary)) throw new Refusal(`${where} has a boundary with characters multipart does not allow`)
  return boundary
}

/** Header block lines → lower-case name → value. A folded or nameless line is refused. */
function parseHeaders(lines: readonly string[]): Map<string, string> {
  const headers = new Map<string, string>()
  for (const line of lines) {
    if (/^[ \t]/.test(line)) throw new Refusal('a part has a folded header line')
    const colon = line.indexOf(':')
    if (colon <= 0) throw new Refusal(`a part has a header line without a name: "${line.slice(0, 40)}"`)
    const name = line.slice(0, colon).trim().toLowerCase()
    const value = line.slice(colon + 1).trim()
    headers.set(name, headers.has(name) ? `${headers.get(name)}, ${value}` : value)
  }
  return headers
}

/** Splits at the first empty line: [header lines, the rest]. */
function splitHead(lines: readonly string[]): [string[], string[]] {
  const blank = lines.indexOf('')
  return blank < 0 ? [[...lines], []] : [lines.slice(0, blank), lines.slice(blank + 1)]
}

/** The parts between `--boundary` delimiters; refuses a body with no closing delimiter. */
function splitParts(lines: readonly string[], boundary: string): string[][] {
  const open = `--${boundary}`
  const close = `--${boundary}--`
  const parts: string[][] = []
  let current: string[] | null = null
  for (const line of lines) {
    // Transport padding (spaces, tabs) may follow a delimiter.
    const trimmed = line.replace(/[ \t]+$/, '')
    if (trimmed === close) {
      if (current) parts.push(current)
      return parts
    }
    if (trimmed === open) {
      if (current) parts.push(current)
      current = []
      continue
    }
    // A line that starts like a delimiter but is not one could be read differently by the server.
    if (line.startsWith(open)) throw new Refusal('a line starts with the boundary but is not a delimiter')
    current?.push(line)
  }
  throw new Refusal('the multipart body has no closing boundary')
}

function readRequest(
  lines: readonly string[],
  partHeaders: ReadonlyMap<string, string>,
  inChangeSet: boolean,
): BatchPart {
  const [requestLine, ...rest] = lines
  if (requestLine === undefined || requestLine === '') throw new Refusal('a part has no request line')
  const first = requestLine.indexOf(' ')
  const last = requestLine.lastIndexOf(' ')
  if (first <= 0 || last <= first)
    throw new Refusal(`a request line is not "METHOD target HTTP/1.1": "${requestLine.slice(0, 60)}"`)
  const version = requestLine.slice(last + 1)
  if (!REQUEST_LINE_VERSION.test(version))
    throw new Refusal(`a request line does not end with an HTTP version: "${requestLine.slice(0, 60)}"`)
  const [headerLines] = splitHead(rest)
  const requestHeaders = parseHeaders(headerLines)
  return {
    method: requestLine.slice(0, first),
    target: requestLine.slice(first + 1, last).trim(),
    headerNames: [...partHeaders.keys(), ...requestHeaders.keys()],
    inChangeSet,
  }
}

function readMultipart(lines: readonly string[], boundary: string, depth: number, into: BatchPart[]): void {
  for (const part of splitParts(lines, boundary)) {
    const [headerLines, body] = splitHead(part)
    const headers = parseHeaders(headerLines)
    const encoding = headers.get('content-transfer-encoding')?.toLowerCase()
    if (encoding !== undefined && !SAFE_TRANSFER_ENCODINGS.has(encoding))
      throw new Refusal(`a part is encoded as ${encoding}`)
    const type = headers.get('content-type')
    if (!type) throw new Refusal('a part has no Content-Type')
    const media = parseMediaType(type)
    if (media.type === 'multipart/mixed') {
      if (depth + 1 >= MAX_DEPTH) throw new Refusal('change sets are nested deeper than the Web API allows')
      readMultipart(body, boundaryOf(type, 'a change set'), depth + 1, into)
    } else if (media.type === 'application/http') {
      into.push(readRequest(body, headers, depth > 0))
    } else {
      throw new Refusal(`a part is ${media.type}, not application/http`)
    }
  }
}

/** Reads a `$batch` request body given its Content-Type header. Never throws. */
export function readBatch(contentType: string | null, body: Uint8Array | null): BatchReading {
  try {
    const boundary = boundaryOf(contentType, 'the $batch request')
    const text = body ? new TextDecoder().decode(body) : ''
    // A lone CR is a line break to some readers and not to others: refuse rather than pick one.
    if (/\r(?!\n)/.test(text)) throw new Refusal('the body has a carriage return that does not end a line')
    const parts: BatchPart[] = []
    readMultipart(text.split(/\r?\n/), boundary, 0, parts)
    if (parts.length === 0) throw new Refusal('the batch has no requests')
    return { ok: true, parts }
  } catch (error) {
    if (error instanceof Refusal) return { ok: false, problem: error.message }
    throw error
  }
}
