/**
 * Everything one query tab keeps and does, apart from its layout: its model in the workspace, the
 * connection it runs on, metadata for completion, the runs, and the toolbar's local choices.
 */
import { useCallback, useEffect, useMemo, useState } from 'react'
import { DEFAULT_ROW_CAP } from '@common/query/execution'
import type { QueryMode, QueryTab, SavedQuery } from '@common/query/workspace'
import type { SnippetLanguage } from '@common/query/snippets'
import { useCurrentConnection } from '../connections/use-connections'
import { usePresentation } from '../presentation/use-presentation'
import { snippetRequestOf } from './query-request'
import { STARTER_TEXT } from './query-text'
import { useMetadata } from './use-metadata'
import { useQueryConnections } from './use-query-connection'
import { useQueryRun } from './use-query-run'
import { useQueryTabs } from './use-query-tabs'

export function useQueryTab(id: string) {
  const store = useQueryTabs()
  const connections = useQueryConnections()
  const presentation = usePresentation()
  const tab = store.get(id)
  const [libraryOpen, setLibraryOpen] = useState(!presentation.on)
  const [saving, setSaving] = useState(false)
  const [snippetLanguage, setSnippetLanguage] = useState<SnippetLanguage | null>(null)
  const [notice, setNotice] = useState<string | null>(null)
  const [savedQuery, setSavedQuery] = useState<SavedQuery | null>(null)
  const [rowCap, setRowCap] = useState(DEFAULT_ROW_CAP)

  const connection = connections.byId(tab?.connectionId ?? null)
  const metadata = useMetadata(connection?.id ?? null)
  const runner = useQueryRun(id)
  const { update } = store
  const change = useCallback((patch: Partial<Omit<QueryTab, 'id'>>) => update(id, patch), [update, id])

  // A new tab starts on the rail's current connection, else the first one (the sample is pinned first).
  // After that the tab keeps its own connection, shown with its colour in the toolbar.
  const rail = useCurrentConnection()
  const preferred = connections.byId(rail.current?.id ?? null) ?? connections.all[0] ?? null
  const unbound = tab !== undefined && !tab.connectionId
  useEffect(() => {
    if (unbound && preferred) change({ connectionId: preferred.id })
  }, [unbound, preferred, change])

  /** `text`: the editor's text when Ctrl/Cmd+Enter was pressed, which may be ahead of the tab's state. */
  const run = useCallback(
    (text?: string) => {
      if (!tab) return
      if (!connection) {
        setNotice('Pick a connection on the left to run this query.')
        return
      }
      setNotice(null)
      void runner.run(text === undefined ? tab : { ...tab, text }, connection.id)
    },
    [tab, connection, runner],
  )

  const switchMode = (mode: QueryMode) => {
    if (!tab || mode === tab.mode) return
    const untouched = tab.text === STARTER_TEXT[tab.mode] || tab.text.trim() === ''
    change({ mode, text: untouched ? STARTER_TEXT[mode] : tab.text })
  }

  const index = metadata.context.index
  const snippet = useMemo(
    () => (tab ? snippetRequestOf(tab, (table) => index?.entitySetOf(table)) : null),
    [tab, index],
  )

  return {
    tab,
    connections,
    connection,
    metadata,
    runner,
    change,
    run,
    switchMode,
    snippet,
    rowCap,
    setRowCap,
    notice,
    libraryOpen,
    toggleLibrary: () => setLibraryOpen((open) => !open),
    saving,
    setSaving,
    snippetLanguage,
    setSnippetLanguage,
    savedQuery,
    /** After a save: the tab is bound to the saved query and takes its name. */
    saved: (query: SavedQuery) => {
      setSaving(false)
      setSavedQuery(query)
      change({ savedQueryId: query.id, title: query.name })
    },
    openInNewTab: store.create,
  }
}

export type QueryTabController = ReturnType<typeof useQueryTab>
