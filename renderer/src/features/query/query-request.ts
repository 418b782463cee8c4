/**
 * A query tab as the request main runs, and as the request "Copy as code" prints: both go through
 * prepareQuery, so the snippet carries the same path, Prefer and CallerObjectId as the run.
 */
import { prepareQuery, type QueryToPrepare } from '@common/query/prepare'
import type { QueryRequest } from '@common/query/execution'
import type { SnippetRequest } from '@common/query/snippets'
import type { QueryTab } from '@common/query/workspace'
import { isAppFailure, type AppError } from '@common/result'
import { toAppError } from '../../bridge'

function toPrepare(tab: QueryTab): QueryToPrepare {
  return {
    mode: tab.mode,
    text: tab.text,
    method: tab.method as QueryToPrepare['method'],
    ...(tab.method !== 'GET' && tab.body ? { body: tab.body } : {}),
    headers: {},
    prefer: tab.prefer,
    impersonate: tab.impersonate,
  }
}

export function requestOf(tab: QueryTab, connectionId: string, operationId: string): QueryRequest {
  return { connectionId, operationId, ...toPrepare(tab) }
}

export type SnippetRequestResult =
  { readonly ok: true; readonly request: SnippetRequest } | { readonly ok: false; readonly error: AppError }

/** `entitySetOf` comes from the connection's metadata: FetchXML is sent on its table's entity set. */
export function snippetRequestOf(
  tab: QueryTab,
  entitySetOf: (table: string) => string | undefined,
): SnippetRequestResult {
  try {
    const { selectOrder: _order, ...request } = prepareQuery(toPrepare(tab), entitySetOf)
    return { ok: true, request }
  } catch (failure) {
    // prepareQuery refuses with an AppFailure; it is shown in place of a snippet that could not run.
    return { ok: false, error: isAppFailure(failure) ? failure.toAppError() : toAppError(failure) }
  }
}
