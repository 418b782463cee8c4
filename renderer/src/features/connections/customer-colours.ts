/** A customer's palette name as the Fluent token it is drawn with, and the words a screen reader says for it. */
import { tokens } from '@fluentui/react-components'
import type { CustomerColour } from '@common/customer'

export function customerColourToken(colour: CustomerColour): string {
  const key = `colorPalette${colour.charAt(0).toUpperCase()}${colour.slice(1)}BorderActive` as keyof typeof tokens
  return tokens[key]
}

/** "darkOrange" → "dark orange". */
export function customerColourLabel(colour: CustomerColour): string {
  return colour.replace(/[A-Z]/g, (letter) => ` ${letter.toLowerCase()}`)
}
