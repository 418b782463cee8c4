/** The query feature's view of the workspace: its tabs' models, and how a tab is created or changed. */
import { useMemo } from 'react'
import type { QueryTab } from '@common/query/workspace'
import { useWorkspace } from '../shell/use-workspace'
import type { QueryPatch } from '../shell/workspace'

export interface QueryTabsStore {
  get(id: string): QueryTab | undefined
  create(initial?: QueryPatch): QueryTab
  update(id: string, patch: QueryPatch): void
}

export function useQueryTabs(): QueryTabsStore {
  const { getQuery, createQuery, updateQuery } = useWorkspace()
  return useMemo(
    () => ({ get: getQuery, create: createQuery, update: updateQuery }),
    [getQuery, createQuery, updateQuery],
  )
}
