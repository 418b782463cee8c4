import { describe, expect, it } from 'vitest'
import { restoreBounds } from '../../../../main/electron/window-state'

const laptop = { x: 0, y: 0, width: 1440, height: 860 }
const monitor = { x: 1440, y: 0, width: 2560, height: 1400 }

describe('window placement on start', () => {
  it('restores the saved bounds when they are on a connected display', () => {
    expect(restoreBounds({ x: 1600, y: 100, width: 1400, height: 900, maximized: true }, [laptop, monitor])).toEqual({
      x: 1600,
      y: 100,
      width: 1400,
      height: 900,
      maximized: true,
    })
  })

  it('falls back to the default place when the saved display is gone (monitor unplugged)', () => {
    expect(restoreBounds({ x: 1600, y: 100, width: 1400, height: 900, maximized: false }, [laptop])).toBeNull()
    expect(restoreBounds(null, [laptop])).toBeNull()
  })

  it('clamps a window hanging off the edge, or larger than the display, into its work area', () => {
    expect(restoreBounds({ x: 1000, y: 500, width: 2000, height: 1200, maximized: false }, [laptop])).toEqual({
      x: 0,
      y: 0,
      width: 1440,
      height: 860,
      maximized: false,
    })
    expect(restoreBounds({ x: 900, y: -20, width: 1000, height: 700, maximized: false }, [laptop])).toEqual({
      x: 440,
      y: 0,
      width: 1000,
      height: 700,
      maximized: false,
    })
  })

  it('does not restore a window whose title bar would be out of reach', () => {
    expect(restoreBounds({ x: 100, y: -600, width: 1000, height: 700, maximized: false }, [laptop])).toBeNull()
  })
})
