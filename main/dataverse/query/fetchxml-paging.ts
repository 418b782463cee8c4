/**
 * Paging a FetchXML query to the end, as Microsoft's "Page results using FetchXml" describes it:
 * FetchXML never gets an `@odata.nextLink`. Each page is asked with the `<fetch>` element's
 * `page` and `count`, plus the `paging-cookie` the previous answer carried in
 * `@Microsoft.Dynamics.CRM.fetchxmlpagingcookie` (its `pagingcookie` attribute URL-decoded twice,
 * then XML-encoded into the attribute). `@Microsoft.Dynamics.CRM.morerecords` says whether more
 * follow; the last page has neither annotation. When Dataverse sends no cookie (an aggregate, a
 * distinct query, one ordered by a linked table's column) the page number alone is used: the
 * documented "simple paging", limited to 50,000 rows, which the summary says.
 */
import { compactFetchXml, withPagingAnnotations } from '@common/query/fetchxml'
import { AppFailure } from '@common/result'
import type { PageAnswer } from './execute'
import { EMPTY_PAGE_LIMIT, type PageCursor } from './page-cursor'

const MAX_COUNT = 5000

interface FetchXmlRoot {
  readonly attributes: ReadonlyMap<string, string>
  /** The `<fetch …>` start tag as written, and where it sits in the document. */
  readonly start: number
  readonly end: number
}

const ROOT = /<fetch\b((?:\s+[\w:-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>/
const ATTRIBUTE = /([\w:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g

const unescapeXml = (text: string): string =>
  text
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
const escapeXml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;')

function fetchXmlRoot(xml: string): FetchXmlRoot | null {
  const match = ROOT.exec(xml)
  if (!match) return null
  const attributes = new Map<string, string>()
  for (const attribute of (match[1] ?? '').matchAll(ATTRIBUTE))
    attributes.set((attribute[1] ?? '').toLowerCase(), unescapeXml(attribute[2] ?? attribute[3] ?? ''))
  return { attributes, start: match.index, end: match.index + match[0].length }
}

/** The document with the `<fetch>` element's `page`, `count` and `paging-cookie` set (the rest kept as written). */
function withPaging(
  xml: string,
  root: FetchXmlRoot,
  paging: { readonly page: number; readonly count: number; readonly cookie: string | null },
): string {
  const kept = [...root.attributes].filter(([name]) => name !== 'page' && name !== 'count' && name !== 'paging-cookie')
  const attributes = [
    ...kept,
    ['count', String(paging.count)],
    ['page', String(paging.page)],
    ...(paging.cookie !== null ? [['paging-cookie', paging.cookie]] : []),
  ]
  const tag = `<fetch ${attributes.map(([name, value]) => `${name}="${escapeXml(value ?? '')}"`).join(' ')}>`
  return xml.slice(0, root.start) + tag + xml.slice(root.end)
}

/** The inner cookie to send back, or null when the annotation is missing or cannot be read. */
function pagingCookieOf(annotation: unknown): string | null {
  if (typeof annotation !== 'string') return null
  const encoded = /\bpagingcookie="([^"]*)"/.exec(annotation)?.[1]
  if (!encoded) return null
  try {
    const inner = decodeURIComponent(decodeURIComponent(encoded))
    return /^<cookie\b[\s\S]*<\/cookie>$/.test(inner.trim()) ? inner : null
  } catch {
    return null
  }
}

function broken(message: string, cause: string, details: Record<string, unknown>): AppFailure {
  return new AppFailure({
    code: 'DATAVERSE_ERROR',
    message,
    cause,
    next: 'The rows fetched so far were delivered. Run the query again; if it happens again, add a filter or an <order>, and give the request id to your Dataverse administrator.',
    details,
  })
}

export interface FetchXmlPaging {
  /** The first page's path (`<entityset>?fetchXml=…` with `page` and `count` set). */
  readonly path: string
  readonly headers: Record<string, string>
  readonly cursor: PageCursor
}

/**
 * The first request and the cursor for the following ones. `top` is the whole answer (Dataverse
 * refuses it together with paging), so such a query is one request. `count` from the document is
 * the page size; without it the Prefer page size, else 5,000.
 */
export function fetchXmlPaging(
  xml: string,
  entitySet: string,
  headers: Record<string, string>,
  pageSize: number | null,
): FetchXmlPaging {
  const compact = compactFetchXml(xml)
  const root = fetchXmlRoot(compact)
  const pathOf = (document: string) => `${entitySet}?fetchXml=${encodeURIComponent(document)}`
  if (!root || root.attributes.has('top')) {
    return { path: pathOf(compact), headers, cursor: { paging: 'single', notice: () => undefined, next: () => null } }
  }
  const count = Math.min(Number(root.attributes.get('count')) || pageSize || MAX_COUNT, MAX_COUNT)
  let page = Math.max(1, Math.trunc(Number(root.attributes.get('page'))) || 1)
  let previousCookie: string | null = null
  let previousCookiePage = 0
  let byNumber = false
  let empty = 0
  const cursor: PageCursor = {
    get paging() {
      return byNumber ? 'page-number' : 'paging-cookie'
    },
    notice: () =>
      byNumber
        ? 'Dataverse sent no paging cookie for this FetchXML (it does not for aggregates, distinct queries or an order on a linked table), so pages were asked by page number: simple paging, which Dataverse limits to 50,000 rows.'
        : undefined,
    next(answer: PageAnswer): string | null {
      const body = answer.response.body as Record<string, unknown> | null
      if (!body || typeof body !== 'object' || body['@Microsoft.Dynamics.CRM.morerecords'] !== true) return null
      const rows = Array.isArray(body.value) ? body.value.length : 0
      empty = rows === 0 ? empty + 1 : 0
      if (empty >= EMPTY_PAGE_LIMIT) {
        throw broken(
          `Fetch all stopped: Dataverse answered ${empty} empty FetchXML pages in a row while saying more rows follow.`,
          'The server is not advancing through the pages; asking again would loop for ever.',
          { protocol: 'empty-pages', page },
        )
      }
      const cookie = pagingCookieOf(body['@Microsoft.Dynamics.CRM.fetchxmlpagingcookie'])
      if (cookie !== null && cookie === previousCookie) {
        throw broken(
          `Fetch all stopped: Dataverse sent the same FetchXML paging cookie for page ${page} as for the page before.`,
          'The paging cookie names the last row served; the same cookie twice means the next page would repeat rows, for ever.',
          { protocol: 'repeated-paging-cookie', page },
        )
      }
      // The inner cookie names the page it was made on, which must move on like the page number does.
      const cookiePage = Number(/^<cookie\s+page="(\d+)"/.exec(cookie ?? '')?.[1] ?? 0)
      if (cookiePage > 0 && cookiePage <= previousCookiePage) {
        throw broken(
          `Fetch all stopped: Dataverse sent a FetchXML paging cookie for page ${cookiePage} again, after page ${page}.`,
          'The paging cookie does not move on with the pages, so the next page would repeat rows.',
          { protocol: 'repeated-page-number', page, cookiePage },
        )
      }
      if (cookie === null) byNumber = true
      previousCookie = cookie
      previousCookiePage = Math.max(previousCookiePage, cookiePage)
      page += 1
      return pathOf(withPaging(compact, root, { page, count, cookie }))
    },
  }
  return {
    path: pathOf(withPaging(compact, root, { page, count, cookie: null })),
    headers: { ...headers, prefer: withPagingAnnotations(headers.prefer) },
    cursor,
  }
}
