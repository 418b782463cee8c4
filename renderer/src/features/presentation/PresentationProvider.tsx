/** Presentation mode for the whole window, remembered across restarts. */
import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react'
import { presentation, PresentationContext } from './use-presentation'

const STORAGE_KEY = 'dvw.presentation'

export interface PresentationProviderProps {
  /** The tenant and client ids of the connections the window knows: masked wherever they appear. */
  readonly knownIds: readonly string[]
  readonly children: ReactNode
}

/**
 * Holds presentation mode for the whole window and marks <html data-presentation> so global styles
 * (larger type in the editor and grid, quieter chrome) follow one switch. Ctrl+Shift+P toggles it.
 */
export function PresentationProvider({ knownIds, children }: PresentationProviderProps) {
  const [on, setOn] = useState(() => window.localStorage.getItem(STORAGE_KEY) === 'on')
  const toggle = useCallback(() => setOn((value) => !value), [])

  useEffect(() => {
    window.localStorage.setItem(STORAGE_KEY, on ? 'on' : 'off')
    if (on) document.documentElement.dataset.presentation = 'on'
    else delete document.documentElement.dataset.presentation
  }, [on])

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && event.shiftKey && event.key.toLowerCase() === 'p') {
        event.preventDefault()
        toggle()
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [toggle])

  const value = useMemo(() => presentation(on, toggle, knownIds), [on, toggle, knownIds])
  return <PresentationContext.Provider value={value}>{children}</PresentationContext.Provider>
}
