import { describe, expect, it } from 'vitest'
import { OpenTabsSchema, SavedQueryDraftSchema } from '@common/query/workspace'

const tab = {
  id: 'tab-1',
  title: 'Accounts',
  connectionId: 'sample',
  mode: 'odata',
  text: 'accounts?$top=1',
  method: 'GET',
  body: '',
  prefer: { annotations: true, maxPageSize: null },
  impersonate: null,
  savedQueryId: null,
}

describe('workspace schemas', () => {
  it('accept the open tabs the app writes', () => {
    expect(OpenTabsSchema.safeParse({ tabs: [tab], activeId: 'tab-1' }).success).toBe(true)
  })

  it.each(['id', 'connectionId', 'impersonate', 'savedQueryId'] as const)(
    'L10 refuses a query tab whose %s is a million characters',
    (field) => {
      expect(
        OpenTabsSchema.safeParse({ tabs: [{ ...tab, [field]: 'x'.repeat(1_000_000) }], activeId: null }).success,
      ).toBe(false)
    },
  )

  it('L10 refuses an unbounded active tab id and saved-query id, and a method the query runner does not know', () => {
    expect(OpenTabsSchema.safeParse({ tabs: [tab], activeId: 'x'.repeat(1_000_000) }).success).toBe(false)
    expect(OpenTabsSchema.safeParse({ tabs: [{ ...tab, method: 'OPTIONS' }], activeId: null }).success).toBe(false)
    const draft = { name: 'n', mode: 'odata', connectionId: null, text: 'accounts' }
    expect(SavedQueryDraftSchema.safeParse(draft).success).toBe(true)
    expect(SavedQueryDraftSchema.safeParse({ ...draft, id: 'x'.repeat(1_000_000) }).success).toBe(false)
  })
})
