/** What presentation mode hides and how, for every surface that shows identifiers. */
import { createContext, useContext } from 'react'
import {
  maskCell,
  maskIdentifier,
  maskIdentifiers,
  maskText,
  queryMaskSpans,
  type MaskedSpan,
} from '@common/query/mask'

/**
 * What a shown value is, which decides how presentation mode masks it:
 * - `id`: one identifier as a whole (a tenant id, a client id, a user's object id), masked whatever its shape;
 * - `text`: free text with business data in it (results, history, names): e-mail addresses, the known
 *   ids and GUIDs of identity keys are masked, record ids stay readable;
 * - `diagnostic`: text about the connection itself (check steps, diagnoses, token claims, errors),
 *   where every GUID names a tenant, an app, a user or a request, so every GUID is masked.
 */
export type MaskKind = 'id' | 'text' | 'diagnostic'

export const PRESENTATION_LOCK_HINT = 'Presentation mode is on: identifiers are hidden. Turn it off to edit.'

export interface Presentation {
  /** Larger type, masked identifiers, a clean layout for screen sharing. */
  readonly on: boolean
  toggle(): void
  /** The value as it may be shown: masked by its kind when presentation mode is on; itself otherwise. */
  mask(value: string, kind: MaskKind): string
  /** Masks a grid cell when presentation mode is on; identity otherwise. */
  cell(columnName: string, text: string): string
  /** Masks free text (JSON, raw, snippets, ids in labels) when presentation mode is on. */
  text(value: string, knownIds?: readonly string[]): string
  /** Where a query editor hides text in place while presenting; none when the mode is off. */
  querySpans(text: string): MaskedSpan[]
}

const off: Presentation = {
  on: false,
  toggle: () => undefined,
  mask: (value) => value,
  cell: (_name, text) => text,
  text: (value) => value,
  querySpans: () => [],
}

export const PresentationContext = createContext<Presentation>(off)

export function usePresentation(): Presentation {
  return useContext(PresentationContext)
}

/**
 * `knownIds` are the tenant and client ids of every connection the window knows: they are masked
 * wherever they appear, even where a GUID would otherwise stay readable (a URL, a record-id column,
 * a tenant written as a domain).
 */
export function presentation(on: boolean, toggle: () => void, knownIds: readonly string[] = []): Presentation {
  if (!on) return { ...off, toggle }
  const text = (value: string, extra: readonly string[] = []) =>
    maskText(value, extra.length ? [...knownIds, ...extra] : knownIds)
  return {
    on,
    toggle,
    mask: (value, kind) =>
      kind === 'id' ? maskIdentifier(value) : kind === 'diagnostic' ? maskIdentifiers(value, knownIds) : text(value),
    cell: (columnName, value) => maskCell(columnName, value, knownIds),
    text,
    querySpans: (value) => queryMaskSpans(value, knownIds),
  }
}
