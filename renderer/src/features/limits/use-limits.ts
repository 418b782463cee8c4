/**
 * A connection's limits, kept live: read once with limits:get, then each limits:changed main
 * sends for this connection replaces the budget (it carries the whole budget, so nothing is read again).
 */
import { useEffect, useState } from 'react'
import type { BudgetView, LimitsView } from '@common/contract/limits'
import type { AppError } from '@common/result'
import { call, listen, toAppError } from '../../bridge'

export interface LiveLimits {
  readonly view: LimitsView | null
  readonly error: AppError | null
}

export function useLimits(connectionId: string | null): LiveLimits {
  const [state, setState] = useState<LiveLimits>({ view: null, error: null })

  useEffect(() => {
    setState({ view: null, error: null })
    if (connectionId === null) return undefined
    let live = true
    let latest: BudgetView | null = null
    let stop = () => undefined as void
    try {
      stop = listen('limits:changed', (budget) => {
        if (budget.connectionId !== connectionId) return
        latest = budget
        setState((current) => (current.view ? { ...current, view: { ...current.view, budget } } : current))
      })
    } catch (failure) {
      // Without the event the numbers would silently stop moving; say so instead.
      setState({ view: null, error: toAppError(failure) })
      return undefined
    }
    call('limits:get', { connectionId })
      .then((view) => {
        // An event that arrived while this read was on its way is newer than the read.
        if (live) setState({ view: latest ? { ...view, budget: latest } : view, error: null })
      })
      .catch((failure: unknown) => {
        if (live) setState({ view: null, error: toAppError(failure) })
      })
    return () => {
      live = false
      stop()
    }
  }, [connectionId])

  return state
}

/** Whole seconds until `iso` passes, ticking once a second; null without a time. */
export function useSecondsUntil(iso: string | null): number | null {
  const [now, setNow] = useState(() => Date.now())
  const target = iso === null ? null : Date.parse(iso)
  const pending = target !== null && target > now
  useEffect(() => {
    if (!pending) return undefined
    const timer = window.setInterval(() => setNow(Date.now()), 1000)
    return () => window.clearInterval(timer)
  }, [pending])
  if (target === null || Number.isNaN(target)) return null
  return Math.max(0, Math.ceil((target - now) / 1000))
}
