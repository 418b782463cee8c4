import type { QueryBody, QueryResult } from '@common/query/execution'
import type { ResultShaper } from '@common/query/result-set'
import type { DataverseClient, DataverseResponse } from '../client'
import { noteDopHint } from './primary-key'

/** The most text a non-JSON answer ($metadata, $count, HTML) may carry back. */
const TEXT_LIMIT = 2_000_000

export interface SendOptions {
  readonly signal?: AbortSignal
  readonly onThrottle?: (secondsLeft: number) => void
}

export interface PageAnswer {
  readonly response: DataverseResponse
  readonly result: QueryResult
  /** The row objects of a collection page, for exporters that want them as they came. */
  readonly rowCount: number
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}

/** Shapes a Web API answer for the renderer: collection pages and single records become rows. */
function shapeBody(body: unknown, shaper: ResultShaper): { body: QueryBody; rows: number } {
  if (body === null || body === undefined || body === '') return { body: { kind: 'empty' }, rows: 0 }
  if (typeof body === 'string') {
    return { body: { kind: 'text', text: body.slice(0, TEXT_LIMIT), truncated: body.length > TEXT_LIMIT }, rows: 0 }
  }
  if (isRecord(body) && Array.isArray(body.value)) {
    const page = shaper.shape(body.value)
    const count = typeof body['@odata.count'] === 'number' ? body['@odata.count'] : null
    const nextLink = typeof body['@odata.nextLink'] === 'string' ? body['@odata.nextLink'] : null
    const moreRecords = body['@Microsoft.Dynamics.CRM.morerecords'] === true
    return {
      body: { kind: 'rows', page, single: false, count, nextLink, ...(moreRecords ? { moreRecords } : {}) },
      rows: page.rows.length,
    }
  }
  const record = isRecord(body) ? body : { value: body }
  const page = shaper.shape([record])
  return { body: { kind: 'rows', page, single: true, count: null, nextLink: null }, rows: 1 }
}

/** Sends one request (first page or a nextLink) and shapes the answer. */
export async function sendPage(
  client: DataverseClient,
  request: {
    readonly operationId: string
    readonly method: string
    readonly path: string
    readonly headers: Record<string, string>
    readonly body?: string
  },
  shaper: ResultShaper,
  options: SendOptions = {},
): Promise<PageAnswer> {
  const response = await client.request({
    method: request.method,
    path: request.path,
    headers: request.headers,
    ...(request.body !== undefined ? { body: request.body } : {}),
    signal: options.signal,
    onThrottle: options.onThrottle,
  })
  // Every answer says what parallelism Dataverse recommends now; a later fetch-all starts from the latest.
  noteDopHint(client, response.headers)
  return pageAnswer(request, response, shaper)
}

/** A Web API answer shaped for the grid (the rows of a collection page, a single record as one row, or text). */
export function pageAnswer(
  request: { readonly operationId: string; readonly method: string; readonly path: string },
  response: DataverseResponse,
  shaper: ResultShaper,
): PageAnswer {
  const shaped = shapeBody(response.body, shaper)
  return {
    response,
    rowCount: shaped.rows,
    result: {
      operationId: request.operationId,
      path: request.path,
      method: request.method,
      status: response.status,
      headers: response.headers,
      requestId: response.requestId,
      timings: response.timings,
      bytes: response.bytes,
      body: shaped.body,
    },
  }
}
