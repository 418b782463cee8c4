import { describe, expect, it } from 'vitest'
import { prepareQuery } from '@common/query/prepare'
import { QueryRequestSchema } from '@common/query/execution'
import { generateSnippet, SNIPPET_LANGUAGES, type SnippetTarget } from '@common/query/snippets'
import type { QueryTab } from '@common/query/workspace'
import { requestOf, snippetRequestOf } from '../../../../renderer/src/features/query/query-request'

const tab: QueryTab = {
  id: 'q-1',
  title: 'accounts',
  connectionId: 'sample',
  mode: 'odata',
  text: 'accounts?\n$select=name,accountnumber\n$top=10',
  method: 'GET',
  body: '',
  prefer: { annotations: true, maxPageSize: 250 },
  impersonate: '7d1d7b5c-0000-4000-8000-000000000001',
  savedQueryId: null,
}

const target: SnippetTarget = {
  orgUrl: 'https://contoso.crm.dynamics.com',
  apiVersion: '9.2',
  authorityHost: 'https://login.microsoftonline.com',
  tenantId: '4c192492-e19d-4369-b4be-84470eb0844d',
  clientId: 'd2c764a5-f446-4c69-a646-7d74e7ea5973',
  credential: 'secret',
}

const noTables = () => undefined

describe('Copy as code sends what Run sends', () => {
  it('equals the prepared request of the run, page size included', () => {
    const snippet = snippetRequestOf(tab, noTables)
    if (!snippet.ok) throw new Error(snippet.error.message)
    // What main prepares from the very request the tab sends when Run is pressed.
    const run = QueryRequestSchema.parse(requestOf(tab, 'sample', 'op-1'))
    const { selectOrder: _order, ...prepared } = prepareQuery(run, noTables)
    expect(snippet.request).toEqual(prepared)
    expect(snippet.request.headers.prefer).toBe('odata.include-annotations="*",odata.maxpagesize=250')
    expect(snippet.request.headers.callerobjectid).toBe(tab.impersonate)
  })

  it('carries Prefer: odata.maxpagesize into every language', () => {
    const snippet = snippetRequestOf(tab, noTables)
    if (!snippet.ok) throw new Error(snippet.error.message)
    for (const language of SNIPPET_LANGUAGES) {
      const code = generateSnippet(language, target, snippet.request)
      expect(code, language).toContain('odata.maxpagesize=250')
      expect(code, language).toContain('accounts?$select=name,accountnumber&$top=10')
    }
  })

  it('sends FetchXML on the entity set of its table, as the run does', () => {
    const fetch = {
      ...tab,
      mode: 'fetchxml' as const,
      text: '<fetch top="3"><entity name="account"><attribute name="name" /></entity></fetch>',
      prefer: { annotations: false, maxPageSize: null },
    }
    const snippet = snippetRequestOf(fetch, (table) => (table === 'account' ? 'accounts' : undefined))
    if (!snippet.ok) throw new Error(snippet.error.message)
    expect(snippet.request.path).toMatch(/^accounts\?fetchXml=/)
    // FetchXML asks for its paging annotations, so the first page can say whether more rows follow: the snippet asks too.
    expect(snippet.request.headers.prefer).toBe(
      'odata.include-annotations="Microsoft.Dynamics.CRM.fetchxmlpagingcookie,Microsoft.Dynamics.CRM.morerecords"',
    )
  })

  it('gives the reason instead of a snippet when the query cannot be sent', () => {
    const snippet = snippetRequestOf({ ...tab, text: '// only a comment' }, noTables)
    expect(snippet.ok).toBe(false)
    if (!snippet.ok)
      expect(snippet.error).toMatchObject({
        code: 'INVALID_INPUT',
        message: 'The query has no table or function to call.',
      })
  })
})
