/**
 * How fetch-all finds the next page of an answer. OData follows `@odata.nextLink`; FetchXML builds
 * the next `<fetch>` from the paging cookie (fetchxml-paging.ts). Both stop with a clear error when
 * the server does not move on, instead of asking for ever.
 */
import type { FetchAllPaging } from '@common/query/execution'
import { AppFailure } from '@common/result'
import type { PageAnswer } from './execute'

/** Empty pages in a row that still promise more: past this many, the server is not advancing. */
export const EMPTY_PAGE_LIMIT = 5

export interface PageCursor {
  readonly paging: FetchAllPaging
  /** A note for the user about how the pages were asked, when that limits the result. */
  notice(): string | undefined
  /** The path of the page after this answer, or null at the end; throws when the paging protocol is broken. */
  next(answer: PageAnswer): string | null
}

function stalled(message: string, cause: string, details: Record<string, unknown>): AppFailure {
  return new AppFailure({
    code: 'DATAVERSE_ERROR',
    message,
    cause,
    next: 'The rows fetched so far were delivered. Run the query again; if it happens again, add $orderby or a smaller page size, and give the request id to your Dataverse administrator.',
    details,
  })
}

/**
 * Checks each `@odata.nextLink` before it is followed: refuses a link already followed (the first
 * path included) and a run of empty pages that still promise more. Returns the link, or null at the end.
 */
export function nextLinkGuard(firstPath: string): (nextLink: string | null, rows: number) => string | null {
  const followed = new Set<string>([firstPath])
  let empty = 0
  return (nextLink, rows) => {
    if (!nextLink) return null
    empty = rows === 0 ? empty + 1 : 0
    if (followed.has(nextLink)) {
      throw stalled(
        `Fetch all stopped after ${followed.size} pages: Dataverse sent an @odata.nextLink it had already sent.`,
        'The server (or something between it and you) is not moving through the pages; following the same link again would loop for ever.',
        { protocol: 'repeated-next-link', pages: followed.size },
      )
    }
    if (empty >= EMPTY_PAGE_LIMIT) {
      throw stalled(
        `Fetch all stopped: ${empty} empty pages in a row, each with another @odata.nextLink.`,
        'The server keeps promising more rows but sends none; following on would loop for ever.',
        { protocol: 'empty-pages', pages: followed.size },
      )
    }
    followed.add(nextLink)
    return nextLink
  }
}

/** Follows `@odata.nextLink` through nextLinkGuard. */
export function nextLinkCursor(firstPath: string): PageCursor {
  const guard = nextLinkGuard(firstPath)
  return {
    paging: 'next-link',
    notice: () => undefined,
    next(answer) {
      const body = answer.result.body
      if (body.kind !== 'rows') return null
      return guard(body.nextLink, body.page.rows.length)
    },
  }
}
