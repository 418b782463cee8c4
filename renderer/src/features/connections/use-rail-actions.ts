/** What the rail's menus do (duplicate, copy a token, import, export, delete, reset), each ending in a notice. */
import { useState } from 'react'
import type { ConnectionView } from '@common/connection'
import { bridge, toAppError, unwrap } from '../../bridge'
import type { EditorRequest } from './editor-request'
import { useConnections } from './use-connections'

export interface RailNotice {
  readonly intent: 'success' | 'warning' | 'error'
  readonly title: string
  readonly text: string
}

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`

export function useRailActions(onOpenEditor: (request: EditorRequest) => void) {
  const state = useConnections()
  const [notice, setNotice] = useState<RailNotice | null>(null)

  /** Runs an action; its failure becomes the rail's error notice. */
  const run = async (action: () => Promise<void>) => {
    try {
      await action()
    } catch (caught) {
      const error = toAppError(caught)
      setNotice({ intent: 'error', title: error.message, text: `${error.cause} ${error.next}` })
    }
  }

  const imported = async (count: number, warnings: readonly string[]) => {
    await state.refresh()
    setNotice({
      intent: warnings.length ? 'warning' : 'success',
      title: `Imported ${plural(count, 'connection')}`,
      text: warnings.join(' '),
    })
  }

  return {
    notice,
    notify: setNotice,
    dismissNotice: () => setNotice(null),
    run,
    imported,
    duplicate: (connection: ConnectionView) =>
      run(async () => {
        const copy = await unwrap(bridge().connectionsDuplicate({ id: connection.id }))
        await state.refresh()
        state.select(copy.id)
        onOpenEditor({ mode: 'edit', id: copy.id, name: copy.name })
      }),
    copyToken: (connection: ConnectionView) =>
      run(async () => {
        const result = await unwrap(bridge().connectionsCopyToken({ id: connection.id }))
        setNotice({ intent: 'warning', title: 'Access token copied', text: result.warning })
      }),
    exportAs: (format: 'json' | 'connection-string') =>
      run(async () => {
        const result = await unwrap(bridge().connectionsExport({ ids: [], format }))
        if (result.path)
          setNotice({
            intent: 'success',
            title: `Exported ${plural(result.count, 'connection')}`,
            text: `Saved to ${result.path}, without secrets.`,
          })
      }),
    importFile: () =>
      run(async () => {
        const result = await unwrap(bridge().connectionsImport({ kind: 'file' }))
        if (result.cancelled) return
        await imported(result.imported.length, result.warnings)
      }),
    remove: (connection: ConnectionView) =>
      run(async () => {
        await unwrap(bridge().connectionsDelete({ id: connection.id }))
        if (state.current?.id === connection.id) state.select(null)
        await state.refresh()
        setNotice({
          intent: 'success',
          title: `Deleted “${connection.name}”`,
          text: 'Its stored secret was deleted too.',
        })
      }),
    resetStore: () =>
      run(async () => {
        await unwrap(bridge().connectionsStoreReset({ confirm: true }))
        await state.refresh()
      }),
  }
}
