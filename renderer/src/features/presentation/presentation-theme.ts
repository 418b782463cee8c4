/** The larger type ramp used while presenting. */
import type { Theme } from '@fluentui/react-components'

/** How much larger every Fluent type ramp step is while presenting: readable in a shared screen at 1080p. */
const PRESENTATION_TYPE_SCALE = 1.2

const TYPE_TOKEN = /^(fontSize|lineHeight)(Base|Hero)\d+$/

/**
 * The theme with its whole type ramp (font sizes and line heights) scaled, so every Fluent
 * component — rail, tabs, dialogs, the check stepper — grows together, not only the editor and grid.
 */
export function presentationTheme(theme: Theme, scale: number = PRESENTATION_TYPE_SCALE): Theme {
  const scaled: Record<string, string | number> = { ...theme }
  for (const [name, value] of Object.entries(theme)) {
    if (!TYPE_TOKEN.test(name) || typeof value !== 'string') continue
    const px = /^(\d+(?:\.\d+)?)px$/.exec(value)
    if (px?.[1]) scaled[name] = `${Math.round(Number(px[1]) * scale)}px`
  }
  return scaled as unknown as Theme
}
