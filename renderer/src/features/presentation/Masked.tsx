/** One shown value under presentation mode, masked by kind. */
import { usePresentation, type MaskKind } from './use-presentation'

/** A shown value that presentation mode masks by its kind (see MaskKind); plain text otherwise. */
export function Masked({ value, kind = 'text' }: { readonly value: string; readonly kind?: MaskKind }) {
  return <>{usePresentation().mask(value, kind)}</>
}
