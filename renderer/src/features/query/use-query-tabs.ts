import { createContext, useContext } from 'react'
import type { QueryMode, QueryTab } from '../../../../common/query/workspace'

export interface QueryTabsStore {
  /** False until the tabs of the last session were read back from main. */
  readonly loaded: boolean
  readonly tabs: readonly QueryTab[]
  readonly activeId: string | null
  get(id: string): QueryTab | undefined
  create(initial?: Partial<Omit<QueryTab, 'id'>>): QueryTab
  update(id: string, patch: Partial<Omit<QueryTab, 'id'>>): void
  remove(id: string): void
  setActive(id: string | null): void
  /** Set when the saved tabs could not be read; the app continues with none. */
  readonly error: string | null
}

export const QueryTabsContext = createContext<QueryTabsStore | null>(null)

export function useQueryTabs(): QueryTabsStore {
  const store = useContext(QueryTabsContext)
  if (!store) throw new Error('useQueryTabs() needs a <QueryTabsProvider> above it')
  return store
}

export const STARTER_TEXT: Record<QueryMode, string> = {
  odata: 'accounts?\n$select=name,accountnumber\n$top=10',
  fetchxml: '<fetch top="10">\n  <entity name="account">\n    <attribute name="name" />\n  </entity>\n</fetch>',
}

export function titleFor(text: string, mode: QueryMode): string {
  if (mode === 'fetchxml') {
    const entity = /<entity\s[^>]*name\s*=\s*["']([^"']+)/.exec(text)?.[1]
    return entity ? `${entity} (FetchXML)` : 'FetchXML'
  }
  const first = text.trim().split(/[?\n(/]/)[0]?.trim()
  return first ? first.slice(0, 40) : 'Query'
}
