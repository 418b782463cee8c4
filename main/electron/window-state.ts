import type { WindowState } from '../store/app-settings'

export interface Rectangle {
  readonly x: number
  readonly y: number
  readonly width: number
  readonly height: number
}

export const DEFAULT_WINDOW_SIZE = { width: 1360, height: 860 } as const
export const MIN_WINDOW_SIZE = { width: 960, height: 600 } as const
/** At least this much of the title bar must be on a display, or the window cannot be grabbed. */
const GRAB_MARGIN = 64

function overlap(a: Rectangle, b: Rectangle): number {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y)
  return width > 0 && height > 0 ? width * height : 0
}

/**
 * Where to open the window: the saved bounds when they still land on a connected display (a
 * laptop undocked from its second monitor would otherwise open off screen), shrunk to fit that
 * display's work area; null (let the OS centre a default-size window) when no display shows enough.
 */
export function restoreBounds(
  saved: WindowState | null,
  workAreas: readonly Rectangle[],
): (Rectangle & { maximized: boolean }) | null {
  if (!saved || workAreas.length === 0) return null
  const best = workAreas.map((area) => ({ area, shared: overlap(saved, area) })).sort((a, b) => b.shared - a.shared)[0]
  if (!best || best.shared === 0) return null
  const { area } = best
  const titleBar: Rectangle = { x: saved.x, y: saved.y, width: saved.width, height: 32 }
  if (overlap(titleBar, area) < GRAB_MARGIN * 16) return null
  const width = Math.max(Math.min(saved.width, area.width), Math.min(MIN_WINDOW_SIZE.width, area.width))
  const height = Math.max(Math.min(saved.height, area.height), Math.min(MIN_WINDOW_SIZE.height, area.height))
  const x = Math.min(Math.max(saved.x, area.x), area.x + area.width - width)
  const y = Math.min(Math.max(saved.y, area.y), area.y + area.height - height)
  return { x, y, width, height, maximized: saved.maximized }
}
