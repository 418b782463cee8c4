import { createContext, useContext } from 'react'
import { maskCell, maskText } from '../../../../common/query/mask'

export interface Presentation {
  /** Larger type, masked identifiers, a clean layout for screen sharing. */
  readonly on: boolean
  toggle(): void
  /** Masks a grid cell when presentation mode is on; identity otherwise. */
  cell(columnName: string, text: string): string
  /** Masks free text (JSON, raw, snippets, ids in labels) when presentation mode is on. */
  text(value: string, knownIds?: readonly string[]): string
}

const off: Presentation = {
  on: false,
  toggle: () => undefined,
  cell: (_name, text) => text,
  text: (value) => value,
}

export const PresentationContext = createContext<Presentation>(off)

export function usePresentation(): Presentation {
  return useContext(PresentationContext)
}

export function presentation(on: boolean, toggle: () => void): Presentation {
  return on ? { on, toggle, cell: maskCell, text: maskText } : { ...off, toggle }
}
