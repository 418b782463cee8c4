/**
 * The text of a `$batch` (multipart/mixed, OData 4.0 §11.7): reading the request into parts and
 * change sets, and writing the `batchresponse_`/`changesetresponse_` answer Dataverse sends
 * ("Execute batch operations using the Web API", powerapps-docs).
 */
import { randomUUID } from 'node:crypto'
import { CODES, fail } from './errors'

/** One embedded request: its request line, headers and body text. */
export interface BatchPart {
  readonly method: string
  /** As written after the method: absolute URL, `/api/data/v9.2/…`, relative or `$1/…`. */
  readonly target: string
  readonly headers: Headers
  readonly body: string
  readonly contentId?: string
}

export type BatchItem =
  | { readonly kind: 'request'; readonly part: BatchPart }
  | { readonly kind: 'changeset'; readonly parts: readonly BatchPart[] }

/** One embedded answer, as handleApi produced it. */
export interface PartAnswer {
  readonly status: number
  readonly headers: Record<string, string>
  readonly body?: string
  readonly contentId?: string
}

export type AnswerItem =
  | { readonly kind: 'response'; readonly answer: PartAnswer }
  | { readonly kind: 'changeset'; readonly answers: readonly PartAnswer[] }

const badBatch = (message: string): never => fail(400, CODES.odataError, message)

/** The `boundary` of a multipart/mixed Content-Type, or undefined when it is not one. */
export function boundaryOf(contentType: string): string | undefined {
  if (!/^\s*multipart\/mixed\s*(;|$)/i.test(contentType)) return undefined
  const match = /;\s*boundary\s*=\s*(?:"([^"]+)"|([^;\s]+))/i.exec(contentType)
  return match?.[1] ?? match?.[2] ?? badBatch('The multipart/mixed Content-Type of the batch names no boundary.')
}

/** The text between `--boundary` delimiter lines, up to the closing `--boundary--`. */
function splitParts(lines: readonly string[], boundary: string): string[][] {
  const open = `--${boundary}`
  const close = `--${boundary}--`
  const parts: string[][] = []
  let current: string[] | null = null
  for (const line of lines) {
    const trimmed = line.trimEnd()
    if (trimmed === close) {
      if (current) parts.push(current)
      return parts
    }
    if (trimmed === open) {
      if (current) parts.push(current)
      current = []
    } else current?.push(line)
  }
  return badBatch(`The batch has no closing delimiter '${close}'.`)
}

function readHeaders(lines: readonly string[]): { headers: Headers; rest: string[] } {
  const headers = new Headers()
  let at = 0
  for (; at < lines.length; at++) {
    const line = lines[at] as string
    if (line.trim() === '') break
    const colon = line.indexOf(':')
    if (colon <= 0) badBatch(`A batch part has a header line without a name: '${line.slice(0, 60)}'.`)
    headers.append(line.slice(0, colon).trim(), line.slice(colon + 1).trim())
  }
  return { headers, rest: lines.slice(at + 1) }
}

function readRequest(lines: readonly string[], mime: Headers): BatchPart {
  // dynamics-web-api and others leave blank lines before the request line.
  const start = lines.findIndex((line) => line.trim() !== '')
  const requestLine = (lines[start] ?? '').trim()
  const match = /^(\S+)\s+(.+)\s+HTTP\/1\.[01]$/.exec(requestLine)
  if (!match) return badBatch(`A batch part does not start with 'METHOD url HTTP/1.1': '${requestLine.slice(0, 80)}'.`)
  const { headers, rest } = readHeaders(lines.slice(start + 1))
  const contentId = mime.get('content-id') ?? headers.get('content-id') ?? undefined
  return {
    method: match[1] as string,
    target: (match[2] as string).trim(),
    headers,
    body: rest.join('\r\n').trim(),
    ...(contentId !== undefined ? { contentId } : {}),
  }
}

/** Reads a batch body into requests and change sets (the Web API allows no deeper nesting). */
export function readBatchBody(text: string, boundary: string): BatchItem[] {
  const items: BatchItem[] = []
  for (const part of splitParts(text.split(/\r?\n/), boundary)) {
    const { headers, rest } = readHeaders(part)
    const type = headers.get('content-type') ?? ''
    const inner = boundaryOf(type)
    if (inner !== undefined) {
      const parts = splitParts(rest, inner).map((lines) => {
        const read = readHeaders(lines)
        if (boundaryOf(read.headers.get('content-type') ?? '') !== undefined)
          badBatch('A change set cannot contain another change set or batch.')
        return readRequest(read.rest, read.headers)
      })
      items.push({ kind: 'changeset', parts })
    } else if (/^\s*application\/http\s*(;|$)/i.test(type)) {
      items.push({ kind: 'request', part: readRequest(rest, headers) })
    } else
      badBatch(`A batch part has Content-Type '${type}'; parts are application/http or a multipart/mixed change set.`)
  }
  return items
}

const REASONS: Readonly<Record<number, string>> = {
  200: 'OK',
  201: 'Created',
  204: 'No Content',
  304: 'Not Modified',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  412: 'Precondition Failed',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  501: 'Not Implemented',
  503: 'Service Unavailable',
}

function writeAnswer(answer: PartAnswer): string {
  const lines = ['Content-Type: application/http', 'Content-Transfer-Encoding: binary']
  if (answer.contentId !== undefined) lines.push(`Content-ID: ${answer.contentId}`)
  lines.push('', `HTTP/1.1 ${answer.status} ${REASONS[answer.status] ?? ''}`.trimEnd())
  for (const [name, value] of Object.entries(answer.headers)) lines.push(`${name}: ${value}`)
  lines.push('', answer.body ?? '')
  return lines.join('\r\n')
}

/** The multipart answer and its Content-Type, with fresh `batchresponse_`/`changesetresponse_` boundaries. */
export function writeBatchResponse(items: readonly AnswerItem[]): { text: string; contentType: string } {
  const boundary = `batchresponse_${randomUUID()}`
  const chunks: string[] = []
  for (const item of items) {
    chunks.push(`--${boundary}`)
    if (item.kind === 'response') {
      chunks.push(writeAnswer(item.answer))
      continue
    }
    const inner = `changesetresponse_${randomUUID()}`
    chunks.push(`Content-Type: multipart/mixed; boundary=${inner}`, '')
    for (const answer of item.answers) chunks.push(`--${inner}`, writeAnswer(answer))
    chunks.push(`--${inner}--`)
  }
  chunks.push(`--${boundary}--`, '')
  return { text: chunks.join('\r\n'), contentType: `multipart/mixed; boundary=${boundary}` }
}
