/** The rail's list of connections, moved through with the arrow keys (every item button, top to bottom). */
import { useRef, type KeyboardEvent, type ReactNode } from 'react'
import { useRailStyles } from './rail-styles'

export function ConnectionList({ children }: { readonly children: ReactNode }) {
  const styles = useRailStyles()
  const listRef = useRef<HTMLUListElement>(null)

  const onListKey = (event: KeyboardEvent<HTMLUListElement>) => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return
    const buttons = [...(listRef.current?.querySelectorAll<HTMLButtonElement>('button[data-connection-id]') ?? [])]
    const index = buttons.indexOf(document.activeElement as HTMLButtonElement)
    const next =
      buttons[index === -1 ? 0 : (index + (event.key === 'ArrowDown' ? 1 : -1) + buttons.length) % buttons.length]
    if (next) {
      event.preventDefault()
      next.focus()
    }
  }

  return (
    <ul
      className={styles.list}
      aria-label="Saved connections"
      ref={listRef}
      onKeyDown={onListKey}
      data-testid="connection-list"
    >
      {children}
    </ul>
  )
}
