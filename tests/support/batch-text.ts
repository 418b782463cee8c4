/**
 * Writes `$batch` request bodies the way Microsoft's batch page shows them and reads the
 * multipart answers back into parts, for tests that send raw batches to the emulator.
 */

export interface RawRequest {
  readonly method: string
  readonly url: string
  readonly headers?: Record<string, string>
  readonly body?: unknown
  readonly contentId?: string
}

export type RawItem = RawRequest | { readonly changeset: readonly RawRequest[] }

function requestText(request: RawRequest, boundary: string): string {
  const lines = [`--${boundary}`, 'Content-Type: application/http', 'Content-Transfer-Encoding: binary']
  if (request.contentId !== undefined) lines.push(`Content-ID: ${request.contentId}`)
  lines.push('', `${request.method} ${request.url} HTTP/1.1`)
  if (request.body !== undefined) lines.push('Content-Type: application/json; type=entry')
  for (const [name, value] of Object.entries(request.headers ?? {})) lines.push(`${name}: ${value}`)
  lines.push('', request.body !== undefined ? JSON.stringify(request.body) : '')
  return lines.join('\r\n')
}

/** A multipart/mixed batch body and its Content-Type. */
export function batchBody(items: readonly RawItem[], id = 'batch_test'): { body: string; contentType: string } {
  const chunks: string[] = []
  items.forEach((item, index) => {
    if ('changeset' in item) {
      const inner = `changeset_${index}`
      chunks.push(`--${id}`, `Content-Type: multipart/mixed; boundary="${inner}"`, '')
      for (const request of item.changeset) chunks.push(requestText(request, inner))
      chunks.push(`--${inner}--`)
    } else chunks.push(requestText(item, id))
  })
  chunks.push(`--${id}--`, '')
  return { body: chunks.join('\r\n'), contentType: `multipart/mixed; boundary="${id}"` }
}

export interface AnswerPart {
  readonly status: number
  readonly headers: Record<string, string>
  readonly contentId?: string
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests assert on arbitrary JSON answers
  readonly json?: any
  /** Set when the part came from inside a changesetresponse. */
  readonly changeset?: string
}

function boundaryIn(contentType: string): string {
  const match = /boundary="?([^";]+)"?/.exec(contentType)
  if (!match?.[1]) throw new Error(`no boundary in ${contentType}`)
  return match[1]
}

function partsOf(text: string, boundary: string): string[] {
  const pieces = text.split(new RegExp(`^--${boundary.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?:--)?\\s*$`, 'm'))
  return pieces.slice(1, -1).map((piece) => piece.replace(/^\r?\n/, ''))
}

function headerBlock(lines: string[]): Record<string, string> {
  const headers: Record<string, string> = {}
  while (lines.length > 0) {
    const line = lines.shift() as string
    if (line.trim() === '') break
    const colon = line.indexOf(':')
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim()
  }
  return headers
}

/** The answers of a batch response in order, change set members flattened and marked. */
export function readBatchAnswer(contentType: string, text: string): AnswerPart[] {
  const out: AnswerPart[] = []
  const walk = (body: string, boundary: string, changeset?: string): void => {
    for (const part of partsOf(body, boundary)) {
      const lines = part.split(/\r?\n/)
      const mime = headerBlock(lines)
      if (mime['content-type']?.startsWith('multipart/mixed')) {
        const inner = boundaryIn(mime['content-type'])
        walk(lines.join('\r\n'), inner, inner)
        continue
      }
      const statusLine = lines.shift() ?? ''
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(statusLine)?.[1])
      const headers = headerBlock(lines)
      const rest = lines.join('\n').trim()
      out.push({
        status,
        headers,
        ...(mime['content-id'] !== undefined ? { contentId: mime['content-id'] } : {}),
        ...(rest ? { json: JSON.parse(rest) as unknown } : {}),
        ...(changeset ? { changeset } : {}),
      })
    }
  }
  walk(text, boundaryIn(contentType))
  return out
}
