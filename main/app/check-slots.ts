/**
 * The app-wide limit on checks running at once, shared by every "check all" run (two windows, or
 * the app and a second run, still make at most this many checks at a time).
 */
interface CheckSlots {
  /** Resolves true with a slot held, or false when the signal aborted first (no slot is held then). */
  acquire(signal: AbortSignal): Promise<boolean>
  release(): void
}

export function createCheckSlots(size: number): CheckSlots {
  let free = size
  const waiting: Array<(granted: boolean) => void> = []
  return {
    acquire(signal) {
      if (signal.aborted) return Promise.resolve(false)
      if (free > 0) {
        free--
        return Promise.resolve(true)
      }
      return new Promise<boolean>((resolve) => {
        const grant = (granted: boolean) => {
          signal.removeEventListener('abort', giveUp)
          resolve(granted)
        }
        const giveUp = () => {
          waiting.splice(waiting.indexOf(grant), 1)
          resolve(false)
        }
        signal.addEventListener('abort', giveUp, { once: true })
        waiting.push(grant)
      })
    },
    release() {
      const next = waiting.shift()
      if (next) next(true)
      else free++
    },
  }
}
