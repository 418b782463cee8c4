import { AppFailure } from '@common/result'

/**
 * What the metadata service needs from a connection: its org URL (the cache key) and a GET relative
 * to the Web API base that returns the raw Response, so `$metadata` can be parsed while it streams.
 * The Web API client satisfies it; tests pass the emulator's or a fixture's fetch.
 */
export interface MetadataSource {
  readonly orgUrl: string
  get(
    path: string,
    init?: { readonly signal?: AbortSignal; readonly headers?: Record<string, string> },
  ): Promise<Response>
}

/** An error body worth reading is a few KB; a proxy's error page can be anything. */
const MAX_ERROR_BODY_BYTES = 64 * 1024

/** The start of an error body, at most `limit` bytes, decoded as UTF-8; the rest is never read. */
async function errorBodyStart(response: Response, limit: number): Promise<string> {
  if (!response.body) return ''
  const reader = response.body.getReader()
  const chunks: Uint8Array[] = []
  let length = 0
  try {
    while (length < limit) {
      const { done, value } = await reader.read()
      if (done) break
      chunks.push(value)
      length += value.byteLength
    }
  } catch {
    // A body that fails mid-way still has a useful start.
  } finally {
    await reader.cancel().catch(() => undefined)
  }
  const joined = new Uint8Array(Math.min(length, limit))
  let offset = 0
  for (const chunk of chunks) {
    const piece = chunk.subarray(0, joined.length - offset)
    joined.set(piece, offset)
    offset += piece.byteLength
    if (offset >= joined.length) break
  }
  return new TextDecoder().decode(joined)
}

/** A non-2xx answer to a metadata request, with Dataverse's own error code and message kept as facts for the diagnostics. */
export async function failedMetadataRequest(path: string, response: Response): Promise<AppFailure> {
  const text = await errorBodyStart(response, MAX_ERROR_BODY_BYTES)
  let code: string | undefined
  let message: string | undefined
  try {
    const parsed = JSON.parse(text) as { error?: { code?: unknown; message?: unknown } }
    if (typeof parsed.error?.code === 'string') code = parsed.error.code
    if (typeof parsed.error?.message === 'string') message = parsed.error.message
  } catch {
    message = text.slice(0, 500) || undefined
  }
  return new AppFailure({
    code: response.status === 429 ? 'THROTTLED' : 'DATAVERSE_ERROR',
    message: `Dataverse answered ${response.status} to ${path}${message ? `: ${message}` : ''}.`,
    cause:
      'The environment refused the metadata request; the app user may lack read access to metadata, or the service is busy.',
    next: 'Run the connection check to see which step fails, then refresh the metadata.',
    details: {
      status: response.status,
      path,
      ...(code ? { code } : {}),
      ...(message ? { message } : {}),
    },
  })
}
