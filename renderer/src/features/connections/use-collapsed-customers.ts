/** Which customer groups the rail shows collapsed, remembered in this window's storage across restarts. */
import { useCallback, useState } from 'react'

const STORAGE_KEY = 'dvw.rail.collapsed-customers'

function load(): Set<string> {
  try {
    const parsed: unknown = JSON.parse(window.localStorage.getItem(STORAGE_KEY) ?? '[]')
    return new Set(Array.isArray(parsed) ? parsed.filter((key): key is string => typeof key === 'string') : [])
  } catch {
    // A damaged entry only costs the remembered collapse state; every group starts open.
    return new Set()
  }
}

export function useCollapsedCustomers(): { isCollapsed(key: string): boolean; toggle(key: string): void } {
  const [collapsed, setCollapsed] = useState(load)
  const toggle = useCallback((key: string) => {
    setCollapsed((current) => {
      const next = new Set(current)
      if (!next.delete(key)) next.add(key)
      window.localStorage.setItem(STORAGE_KEY, JSON.stringify([...next]))
      return next
    })
  }, [])
  return { isCollapsed: (key) => collapsed.has(key), toggle }
}
