/**
 * Which answers of a parallel fetch-all are part-way through their body. Reading a body runs on
 * the same thread as parsing a page, so a 20 ms parse holds back every socket that has data
 * waiting; the ranged fetch parses a page only once no body is arriving, and the answers that
 * came back together all arrive (and send their next requests) first. The wait is bounded by a
 * body's transfer: an answer counts only from its headers, not while it is on the server.
 */
export interface ArrivingBodies {
  /** Runs one request attempt, counted from its headers (the `onHeaders` it is given) until it settles. */
  track<T>(attempt: (onHeaders: () => void) => Promise<T>): Promise<T>
  /** Resolves when no counted body is arriving. */
  allIn(): Promise<void>
}

export function arrivingBodies(): ArrivingBodies {
  let arriving = 0
  let waiters: (() => void)[] = []
  return {
    async track(attempt) {
      let counted = false
      try {
        return await attempt(() => {
          if (counted) return
          counted = true
          arriving++
        })
      } finally {
        if (counted && --arriving === 0) {
          const ready = waiters
          waiters = []
          for (const resolve of ready) resolve()
        }
      }
    },
    allIn: () => (arriving === 0 ? Promise.resolve() : new Promise<void>((resolve) => waiters.push(resolve))),
  }
}
