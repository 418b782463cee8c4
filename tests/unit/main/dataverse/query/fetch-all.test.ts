/**
 * Fetch-all against servers that break the paging protocol. The emulator follows the protocol,
 * so these use a scripted server behind the real transport and Web API client: the network is
 * the only part replaced.
 */
import { getEventListeners } from 'node:events'
import { describe, expect, it } from 'vitest'
import { ResultShaper } from '@common/query/result-set'
import { createDataverseClient } from '../../../../../main/dataverse/client'
import { fetchAll } from '../../../../../main/dataverse/query/fetch-all'
import { fetchXmlPaging } from '../../../../../main/dataverse/query/fetchxml-paging'
import { createTransport } from '../../../../../main/http/transport'
import type { FetchLike } from '../../../../../main/http/types'
import { failureOf } from '../../../../support/failure-of'

const ORG = 'https://contoso.crm.dynamics.com'
const API = `${ORG}/api/data/v9.2/`

/** A server scripted per request; it yields to the event loop as a network would (unless told not to), so timers can fire. */
function client(answer: (url: URL, n: number) => unknown, options: { yields?: boolean } = {}) {
  const urls: URL[] = []
  const base: FetchLike = async (request) => {
    if (options.yields !== false) await new Promise((resolve) => setImmediate(resolve))
    const url = new URL(request.url)
    urls.push(url)
    return Response.json(answer(url, urls.length))
  }
  const transport = createTransport(base, {
    orgHost: 'contoso.crm.dynamics.com',
    authorityHost: 'login.microsoftonline.com',
    readOnly: true,
  })
  const tokens = async () => ({ accessToken: 'token', expiresOn: new Date(Date.now() + 3600_000), fromCache: true })
  return { client: createDataverseClient({ connection: { orgUrl: ORG, apiVersion: '9.2' }, transport, tokens }), urls }
}

const rows = (from: number, count: number) => Array.from({ length: count }, (_, i) => ({ contactid: `id-${from + i}` }))

/** Runs fetch-all, aborting after `ms` so that a loop that never ends fails the test instead of hanging it. */
async function run(
  dataverse: ReturnType<typeof client>['client'],
  options: {
    path?: string
    headers?: Record<string, string>
    cursor?: Parameters<typeof fetchAll>[1]['cursor']
    ms?: number
    signal?: AbortSignal
  } = {},
) {
  const controller = new AbortController()
  const timer = setTimeout(() => controller.abort(new Error('test timeout')), options.ms ?? 3000)
  const ids: string[] = []
  try {
    const summary = await fetchAll(dataverse, {
      operationId: 'op',
      method: 'GET',
      path: options.path ?? 'contacts?$select=fullname',
      headers: options.headers ?? {},
      shaper: new ResultShaper(['contactid']),
      maxRows: 1_000_000,
      signal: options.signal ?? controller.signal,
      onPage: (page) => {
        const column = page.columns.findIndex((c) => c.name === 'contactid')
        for (const row of page.rows) ids.push(String(row[column]))
      },
      ...(options.cursor ? { cursor: options.cursor } : {}),
    })
    return { summary, ids }
  } finally {
    clearTimeout(timer)
  }
}

describe('fetch-all over @odata.nextLink', () => {
  it('L2 stops when a nextLink repeats', async () => {
    const server = client((_url, n) => ({
      value: n <= 3 ? rows(n * 10, 10) : [],
      '@odata.nextLink': `${API}contacts?$skiptoken=${Math.min(n, 3)}`,
    }))
    const failure = await failureOf(run(server.client))
    expect(failure).toMatchObject({ code: 'DATAVERSE_ERROR', details: { protocol: 'repeated-next-link' } })
    expect(failure.message).toContain('@odata.nextLink it had already sent')
    // Links 1, 2, 3, then 3 again: the fourth page is the last one asked.
    expect(server.urls).toHaveLength(4)
  })

  it('L2 stops after a run of empty pages', async () => {
    const server = client((_url, n) => ({ value: [], '@odata.nextLink': `${API}contacts?$skiptoken=${n}` }))
    const failure = await failureOf(run(server.client))
    expect(failure).toMatchObject({ code: 'DATAVERSE_ERROR', details: { protocol: 'empty-pages' } })
    expect(failure.message).toContain('5 empty pages in a row')
    expect(server.urls.length).toBeLessThanOrEqual(6)
  })

  it('L2 leaves no abort listeners behind', async () => {
    const server = client((_url, n) => ({
      value: rows(n * 2, 2),
      ...(n < 40 ? { '@odata.nextLink': `${API}contacts?$skiptoken=${n}` } : {}),
    }))
    const controller = new AbortController()
    const { summary } = await run(server.client, { signal: controller.signal })
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0)
    expect(summary).toMatchObject({ rows: 80, pages: 40, cancelled: false })
  })

  it('L2 can be cancelled even when an in-process server answers without ever waiting', async () => {
    const server = client((_url, n) => ({ value: rows(n, 1), '@odata.nextLink': `${API}contacts?$skiptoken=${n}` }), {
      yields: false,
    })
    const { summary } = await run(server.client, { ms: 300 })
    expect(summary.cancelled).toBe(true)
    expect(summary.rows).toBeGreaterThan(0)
  })

  it('still follows links that differ, and an empty page now and then', async () => {
    const server = client((_url, n) => ({
      value: n % 2 ? [] : rows(n * 3, 3),
      ...(n < 12 ? { '@odata.nextLink': `${API}contacts?$skiptoken=${n}` } : {}),
    }))
    const { summary, ids } = await run(server.client)
    expect(summary).toMatchObject({ pages: 12, rows: 18, paging: 'next-link' })
    expect(new Set(ids).size).toBe(18)
  })
})

describe('fetch-all over the FetchXML paging cookie', () => {
  const xml = '<fetch count="3"><entity name="contact"><attribute name="fullname"/></entity></fetch>'
  const cookieAnnotation = (page: number) => {
    const inner = `<cookie page="${page}"><contactid last="{0000000${page}-0000-0000-0000-000000000000}" first="{00000000-0000-0000-0000-000000000000}" /></cookie>`
    return `<cookie pagenumber="${page + 1}" pagingcookie="${encodeURIComponent(encodeURIComponent(inner))}" istracking="False" />`
  }
  const fetchOf = (url: URL) => url.searchParams.get('fetchXml') ?? ''

  it('sends page, count and the cookie decoded twice and XML-encoded, asking for both annotations, until morerecords ends', async () => {
    const server = client((_url, n) => ({
      ...(n < 3
        ? {
            '@Microsoft.Dynamics.CRM.fetchxmlpagingcookie': cookieAnnotation(n),
            '@Microsoft.Dynamics.CRM.morerecords': true,
          }
        : {}),
      value: rows(n * 3, 3),
    }))
    const paging = fetchXmlPaging(xml, 'contacts', {}, null)
    expect(paging.headers.prefer).toBe(
      'odata.include-annotations="Microsoft.Dynamics.CRM.fetchxmlpagingcookie,Microsoft.Dynamics.CRM.morerecords"',
    )
    const { summary, ids } = await run(server.client, paging)
    expect(summary).toMatchObject({ rows: 9, pages: 3, paging: 'paging-cookie' })
    expect(summary.notice).toBeUndefined()
    expect(new Set(ids).size).toBe(9)
    expect(fetchOf(server.urls[0]!)).toBe(
      '<fetch count="3" page="1"><entity name="contact"><attribute name="fullname"/></entity></fetch>',
    )
    expect(fetchOf(server.urls[2]!)).toBe(
      '<fetch count="3" page="3" paging-cookie="&lt;cookie page=&quot;2&quot;&gt;&lt;contactid last=&quot;{00000002-0000-0000-0000-000000000000}&quot; first=&quot;{00000000-0000-0000-0000-000000000000}&quot; /&gt;&lt;/cookie&gt;"><entity name="contact"><attribute name="fullname"/></entity></fetch>',
    )
  })

  it('falls back to page numbers when morerecords comes without a cookie, and says so', async () => {
    const server = client((_url, n) => ({
      ...(n < 4 ? { '@Microsoft.Dynamics.CRM.morerecords': true } : {}),
      value: rows(n * 3, 3),
    }))
    const { summary } = await run(
      server.client,
      fetchXmlPaging(xml, 'contacts', { prefer: 'odata.include-annotations="*"' }, null),
    )
    expect(summary).toMatchObject({ rows: 12, pages: 4, paging: 'page-number' })
    expect(summary.notice).toContain('simple paging')
    expect(server.urls.map((url) => /page="(\d+)"/.exec(fetchOf(url))?.[1])).toEqual(['1', '2', '3', '4'])
    expect(server.urls.every((url) => !fetchOf(url).includes('paging-cookie'))).toBe(true)
  })

  it('stops when the paging cookie repeats', async () => {
    const server = client(() => ({
      '@Microsoft.Dynamics.CRM.fetchxmlpagingcookie': cookieAnnotation(1),
      '@Microsoft.Dynamics.CRM.morerecords': true,
      value: rows(0, 3),
    }))
    const failure = await failureOf(run(server.client, fetchXmlPaging(xml, 'contacts', {}, null)))
    expect(failure).toMatchObject({ code: 'DATAVERSE_ERROR', details: { protocol: 'repeated-paging-cookie' } })
    expect(server.urls).toHaveLength(2)
  })

  it('stops when the cookie goes back to a page it has passed', async () => {
    const server = client((_url, n) => ({
      '@Microsoft.Dynamics.CRM.fetchxmlpagingcookie': cookieAnnotation(n === 3 ? 1 : n),
      '@Microsoft.Dynamics.CRM.morerecords': true,
      value: rows(n * 3, 3),
    }))
    const failure = await failureOf(run(server.client, fetchXmlPaging(xml, 'contacts', {}, null)))
    expect(failure).toMatchObject({ code: 'DATAVERSE_ERROR', details: { protocol: 'repeated-page-number' } })
  })

  it('stops after a run of empty pages that promise more', async () => {
    const server = client(() => ({ '@Microsoft.Dynamics.CRM.morerecords': true, value: [] }))
    const failure = await failureOf(run(server.client, fetchXmlPaging(xml, 'contacts', {}, null)))
    expect(failure).toMatchObject({ code: 'DATAVERSE_ERROR', details: { protocol: 'empty-pages' } })
  })

  it('sends a top query once, as it is', async () => {
    const server = client(() => ({ '@Microsoft.Dynamics.CRM.morerecords': true, value: rows(0, 2) }))
    const { summary } = await run(
      server.client,
      fetchXmlPaging('<fetch top="2"><entity name="contact"/></fetch>', 'contacts', {}, null),
    )
    expect(summary).toMatchObject({ rows: 2, pages: 1, paging: 'single' })
    expect(fetchOf(server.urls[0]!)).toBe('<fetch top="2"><entity name="contact"/></fetch>')
  })
})
