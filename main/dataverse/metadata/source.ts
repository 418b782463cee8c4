import { AppFailure } from '../../../common/result'

/**
 * What the metadata service needs from a connection: its org URL (the cache key) and a GET relative
 * to the Web API base that returns the raw Response, so `$metadata` can be parsed while it streams.
 * The Web API client satisfies it; tests pass the emulator's or a fixture's fetch.
 */
export interface MetadataSource {
  readonly orgUrl: string
  get(path: string, init?: { readonly signal?: AbortSignal; readonly headers?: Record<string, string> }): Promise<Response>
}

/** A non-2xx answer to a metadata request, with Dataverse's own error code and message kept for explain(). */
export async function failedMetadataRequest(path: string, response: Response): Promise<AppFailure> {
  const text = await response.text().catch(() => '')
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
    cause: 'The environment refused the metadata request; the app user may lack read access to metadata, or the service is busy.',
    next: 'Run the connection check to see which step fails, then refresh the metadata.',
    details: { status: response.status, path, ...(code ? { dataverseCode: code } : {}), ...(message ? { dataverseMessage: message } : {}) },
  })
}
