/** A counting semaphore whose waiters can give up through an AbortSignal. */
export class Semaphore {
  readonly #limit: number
  #active = 0
  readonly #waiting: Array<{
    grant: () => void
    reject: (reason: unknown) => void
    signal: AbortSignal
    onAbort: () => void
  }> = []

  constructor(limit: number) {
    if (!Number.isInteger(limit) || limit < 1)
      throw new RangeError(`semaphore limit must be a positive integer, got ${limit}`)
    this.#limit = limit
  }

  get active(): number {
    return this.#active
  }

  get queued(): number {
    return this.#waiting.length
  }

  /** Resolves with a release function once a slot is free. Calling release more than once is harmless. */
  async acquire(signal: AbortSignal): Promise<() => void> {
    signal.throwIfAborted()
    if (this.#active < this.#limit) {
      this.#active++
      return this.#releaser()
    }
    await new Promise<void>((resolve, reject) => {
      const waiter = {
        grant: () => {
          signal.removeEventListener('abort', waiter.onAbort)
          resolve()
        },
        reject,
        signal,
        onAbort: () => {
          const index = this.#waiting.indexOf(waiter)
          if (index >= 0) this.#waiting.splice(index, 1)
          reject(signal.reason)
        },
      }
      signal.addEventListener('abort', waiter.onAbort, { once: true })
      this.#waiting.push(waiter)
    })
    return this.#releaser()
  }

  #releaser(): () => void {
    let released = false
    return () => {
      if (released) return
      released = true
      const next = this.#waiting.shift()
      if (next) next.grant()
      else this.#active--
    }
  }
}
