/**
 * `POST $batch` as Dataverse documents it ("Execute batch operations using the Web API",
 * powerapps-docs developer/data-platform/webapi/execute-batch-operations-using-web-api.md):
 * requests run in order; a change set is one transaction (any failure undoes the whole set);
 * `Content-ID` values become `$n` references to rows created earlier in the same change set, in
 * the URL and in `@odata.bind`/`@odata.id` values; without `Prefer: odata.continue-on-error` the
 * first failure ends the batch and becomes its status; at most 1,000 requests.
 */
import { CODES, DataverseFailure, fail } from './errors'
import {
  boundaryOf,
  readBatchBody,
  writeBatchResponse,
  type AnswerItem,
  type BatchPart,
  type PartAnswer,
} from './batch-format'
import { parsePrefer } from './prefer'
import { splitQuery, decodePart } from './request-url'
import type { ApiContext, ApiRequest, ApiResponse } from './web-api'

/** "Batch requests can contain up to 1000 individual requests" (the page above). */
const MAX_BATCH_REQUESTS = 1000
const JSON_TYPE = 'application/json; odata.metadata=minimal'
const API_PATH = /^\/api\/data\/v9\.[0-2]\//

type Handle = (request: ApiRequest, context: ApiContext) => Promise<ApiResponse>

/** A failed request inside a change set: carries its answer out of `atomically` so the set is undone. */
class ChangeSetFailed extends Error {
  constructor(readonly answer: PartAnswer) {
    super('change set failed')
  }
}

function errorAnswer(failure: DataverseFailure, contentId?: string): PartAnswer {
  return {
    status: failure.status,
    headers: { 'Content-Type': JSON_TYPE, 'OData-Version': '4.0', ...failure.headers },
    body: JSON.stringify({ error: { code: failure.code, message: failure.message } }),
    ...(contentId !== undefined ? { contentId } : {}),
  }
}

function toAnswer(result: ApiResponse, contentId?: string): PartAnswer {
  const hasBody = result.status !== 204 && result.status !== 304
  const headers: Record<string, string> = { 'OData-Version': '4.0' }
  if (hasBody) headers['Content-Type'] = result.contentType ?? JSON_TYPE
  Object.assign(headers, result.headers)
  return {
    status: result.status,
    headers,
    ...(hasBody ? { body: result.text ?? JSON.stringify(result.body) } : {}),
    ...(contentId !== undefined ? { contentId } : {}),
  }
}

/** Replaces `$n` in a request URL or an `@odata.bind`/`@odata.id` value with the URL of the row that request n created. */
function resolveReference(value: string, created: ReadonlyMap<string, string>): string {
  const match = /^\$([^/?]+)(.*)$/.exec(value)
  if (!match) return value
  const url = created.get(match[1] as string)
  // [unsure] Dataverse documents only the text of this error (HTTP 400); the code is our choice.
  if (url === undefined)
    return fail(
      400,
      CODES.odataError,
      `Content-ID Reference: '$${match[1] as string}' does not exist in the batch context.`,
    )
  return `${url}${match[2] as string}`
}

function resolveBody(value: unknown, created: ReadonlyMap<string, string>): unknown {
  if (Array.isArray(value)) return value.map((item) => resolveBody(item, created))
  if (!value || typeof value !== 'object') return value
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).map(([key, item]) => [
      key,
      typeof item === 'string' && (key.endsWith('@odata.bind') || key === '@odata.id')
        ? resolveReference(item, created)
        : resolveBody(item, created),
    ]),
  )
}

/** The embedded request as handleApi reads it; its URL may be absolute, rooted or relative to the service root. */
function embeddedRequest(part: BatchPart, apiBase: string, created: ReadonlyMap<string, string>): ApiRequest {
  const target = resolveReference(part.target, created)
  const base = new URL(`${apiBase}/`)
  let url: URL
  try {
    url = new URL(target, base)
  } catch {
    return fail(400, CODES.odataError, `The batch request URL '${target.slice(0, 120)}' is not a valid URL.`)
  }
  if (url.origin !== base.origin || !API_PATH.test(url.pathname))
    fail(400, CODES.odataError, `The batch request URL '${target.slice(0, 120)}' is not under ${apiBase}/.`)
  const rawPath = url.pathname.replace(API_PATH, '')
  const split = splitQuery(url.search.slice(1))
  const text = part.body
  return {
    method: part.method,
    headers: part.headers,
    path: decodePart(rawPath),
    rawPath,
    rawQuery: url.search.slice(1),
    query: split.query,
    ...(split.fetchXml !== undefined ? { fetchXml: split.fetchXml } : {}),
    // Parsed before handleApi asks, so the change set runs without waiting on I/O (see OrgStore.atomically).
    body: text === '' ? () => Promise.reject(new Error('no body')) : parsedBody(text, created),
    text: () => Promise.resolve(text),
  }
}

function parsedBody(text: string, created: ReadonlyMap<string, string>): () => Promise<unknown> {
  let parsed: unknown
  try {
    parsed = JSON.parse(text) as unknown
  } catch (error) {
    return () => Promise.reject(error instanceof Error ? error : new Error(String(error)))
  }
  const resolved = resolveBody(parsed, created)
  return () => Promise.resolve(resolved)
}

async function runPart(
  part: BatchPart,
  context: ApiContext,
  handle: Handle,
  created: Map<string, string> | null,
): Promise<PartAnswer> {
  try {
    if (/\$batch(\?|$)/.test(part.target))
      fail(400, CODES.odataError, 'A batch request cannot contain another batch request.')
    const request = embeddedRequest(part, context.apiBase, created ?? new Map())
    const result = await handle(request, { ...context, prefer: parsePrefer(part.headers) })
    const answer = toAnswer(result, created ? part.contentId : undefined)
    // The documented answer to `PATCH $1` inside a change set carries Location beside OData-EntityId.
    const entityId = answer.headers['OData-EntityId']
    if (part.method.toUpperCase() === 'PATCH' && entityId && !answer.headers.Location)
      answer.headers.Location = entityId
    const location = answer.headers['OData-EntityId'] ?? answer.headers.Location
    if (created && part.contentId !== undefined && location) created.set(part.contentId, location)
    return answer
  } catch (failure) {
    if (failure instanceof DataverseFailure) return errorAnswer(failure, created ? part.contentId : undefined)
    throw failure
  }
}

export async function runBatch(request: ApiRequest, context: ApiContext, handle: Handle): Promise<ApiResponse> {
  if (request.method !== 'POST')
    fail(405, CODES.odataError, `The HTTP method '${request.method}' is not allowed on $batch: send a POST.`)
  const contentType = request.headers.get('content-type') ?? ''
  if (/^\s*application\/json/i.test(contentType))
    // The Dataverse batch page documents only multipart/mixed; OData 4.01's JSON batch format is not described there.
    fail(
      501,
      CODES.notSupported,
      'JSON batch requests (Content-Type: application/json) are not supported by this emulator: send multipart/mixed as Dataverse documents.',
    )
  const boundary =
    boundaryOf(contentType) ??
    fail(
      400,
      CODES.odataError,
      `The $batch Content-Type is '${contentType}'; it must be multipart/mixed; boundary=batch_<id>.`,
    )
  const items = readBatchBody(request.text ? await request.text() : '', boundary)
  const count = items.reduce((sum, item) => sum + (item.kind === 'request' ? 1 : item.parts.length), 0)
  // [unsure] The text is what Dataverse was reported to answer (powerapps-docs issue #1890); status and code are not documented.
  if (count > MAX_BATCH_REQUESTS)
    fail(
      400,
      CODES.odataError,
      `The current batch message contains too many parts. Only batch messages with a maximum number of '${MAX_BATCH_REQUESTS}' query operations, including changeset operations, are allowed.`,
    )
  const continueOnError = /(^|,)\s*odata\.continue-on-error\s*(=\s*true\s*)?(,|$)/i.test(
    request.headers.get('prefer') ?? '',
  )
  const answers: AnswerItem[] = []
  let status = 200
  for (const item of items) {
    let failed: PartAnswer | undefined
    if (item.kind === 'request') {
      const answer = await runPart(item.part, context, handle, null)
      answers.push({ kind: 'response', answer })
      if (answer.status >= 400) failed = answer
    } else {
      try {
        const done = await context.store.atomically(async () => {
          const created = new Map<string, string>()
          const out: PartAnswer[] = []
          for (const part of item.parts) {
            const answer =
              part.method.toUpperCase() === 'GET'
                ? // [unsure] GET is documented as not allowed in a change set; the text is the OData library's, status and code are our choice.
                  errorAnswer(
                    new DataverseFailure(
                      400,
                      CODES.odataError,
                      "An invalid HTTP method 'GET' was detected for a request in a change set. Requests in change sets only support the HTTP methods 'POST', 'PUT', 'DELETE', and 'PATCH'.",
                    ),
                    part.contentId,
                  )
                : await runPart(part, context, handle, created)
            if (answer.status >= 400) throw new ChangeSetFailed(answer)
            out.push(answer)
          }
          return out
        })
        answers.push({ kind: 'changeset', answers: done })
      } catch (error) {
        if (!(error instanceof ChangeSetFailed)) throw error
        // A failed change set answers with the one failing response, not a changesetresponse (OData 4.0 §11.7.4).
        answers.push({ kind: 'response', answer: error.answer })
        failed = error.answer
      }
    }
    if (failed && !continueOnError) {
      status = failed.status
      break
    }
  }
  const written = writeBatchResponse(answers)
  return { status, text: written.text, contentType: written.contentType }
}
