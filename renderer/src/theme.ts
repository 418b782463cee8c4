/** Fluent themes that follow the operating system's light or dark mode. */
import { useSyncExternalStore } from 'react'
import { webDarkTheme, webLightTheme, type Theme } from '@fluentui/react-components'

const darkQuery = '(prefers-color-scheme: dark)'

function subscribe(onChange: () => void): () => void {
  const media = window.matchMedia(darkQuery)
  media.addEventListener('change', onChange)
  return () => media.removeEventListener('change', onChange)
}

function prefersDark(): boolean {
  return window.matchMedia(darkQuery).matches
}

/** Follows the operating system's light/dark setting live (Electron maps it to the media query). */
export function useSystemTheme(): { theme: Theme; mode: 'light' | 'dark' } {
  const dark = useSyncExternalStore(subscribe, prefersDark, () => false)
  return dark ? { theme: webDarkTheme, mode: 'dark' } : { theme: webLightTheme, mode: 'light' }
}
