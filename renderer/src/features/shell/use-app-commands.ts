import { useEffect, useRef } from 'react'
import type { AppCommand } from '@common/contract/app'
import { bridge } from '../../bridge'

export type AppCommandHandlers = { readonly [C in AppCommand]: () => void }

/** Carries out the application menu's commands (main sends them as app:command-invoked). */
export function useAppCommands(handlers: AppCommandHandlers): void {
  const latest = useRef(handlers)
  useEffect(() => {
    latest.current = handlers
  })
  useEffect(() => {
    const api = bridge()
    // A bridge without the event (the Chromium test harness's partial shims) has no menu to listen to.
    if (typeof api.onAppCommandInvoked !== 'function') return undefined
    return api.onAppCommandInvoked(({ command }) => latest.current[command]())
  }, [])
}
