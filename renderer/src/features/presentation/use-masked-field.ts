/** Editable fields that cannot reveal a masked value while presenting. */
import type { ClipboardEvent } from 'react'
import { PRESENTATION_LOCK_HINT, usePresentation, type MaskKind } from './use-presentation'

const PRESENTATION_PASTE_HINT =
  'Presentation mode is on: identifiers are hidden. Paste replaces the text; turn the mode off to edit it.'

export interface MaskedField {
  /** What the input shows. */
  readonly value: string
  /** True while presentation mode hides something in it: the presenter cannot reveal the real value by editing. */
  readonly readOnly: boolean
  /** The hint to show instead of the field's own while it is read-only. */
  readonly hint: string | undefined
  /** Set for paste fields in presentation mode: a paste replaces the whole value, unseen. */
  readonly onPaste: ((event: ClipboardEvent<HTMLInputElement | HTMLTextAreaElement>) => void) | undefined
}

export interface MaskedFieldOptions {
  /**
   * Makes the field paste-only while presentation mode is on (the explain box, pasted connection
   * strings): the pasted text replaces the value and is shown masked, never as typed.
   */
  readonly onPaste?: (text: string) => void
  /** Hides more than identifiers while presenting (secrets in pasted connection strings). */
  readonly conceal?: (shown: string) => string
}

/**
 * An editable field under presentation mode. An `id` field is always read-only and masked while the
 * mode is on; a text field only once it holds something masked (an e-mail address, a known id), so
 * typing ordinary text keeps working. Turning the mode off gives the real value back, editable.
 */
export function useMaskedField(value: string, kind: MaskKind, options: MaskedFieldOptions = {}): MaskedField {
  const presentation = usePresentation()
  if (!presentation.on) return { value, readOnly: false, hint: undefined, onPaste: undefined }
  const masked = presentation.mask(value, kind)
  const shown = options.conceal ? options.conceal(masked) : masked
  const { onPaste } = options
  if (onPaste) {
    return {
      value: shown,
      readOnly: true,
      hint: PRESENTATION_PASTE_HINT,
      onPaste: (event) => {
        const pasted = event.clipboardData.getData('text/plain')
        event.preventDefault()
        if (pasted) onPaste(pasted)
      },
    }
  }
  const locked = kind === 'id' || shown !== value
  return { value: shown, readOnly: locked, hint: locked ? PRESENTATION_LOCK_HINT : undefined, onPaste: undefined }
}
