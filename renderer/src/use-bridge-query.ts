/**
 * Reading state that main owns: one hook instead of a hand-rolled loading flag, `live` guard and
 * error text in every component. It reloads when the input changes, when an event says the data
 * changed, and on refresh(); an answer that arrives after a newer request started is dropped.
 */
import { useCallback, useEffect, useRef, useState } from 'react'
import type { Channel, EventName, RequestOf, ResponseOf } from '@common/contract'
import type { AppError } from '@common/result'
import { call, listen, toAppError } from './bridge'

export interface BridgeQueryOptions {
  /** Events after which the answer is stale and is read again. */
  readonly refreshOn?: readonly EventName[]
  /** False: nothing is read (no connection chosen yet, dialog closed); the last answer is dropped. */
  readonly enabled?: boolean
}

export interface BridgeQuery<T> {
  /** The last answer; kept while a refresh is under way. */
  readonly data: T | null
  readonly error: AppError | null
  /** True from the first request until its answer, and during each refresh. */
  readonly loading: boolean
  /** Reads again now; resolves once the answer (or the failure) is in the state. */
  refresh(): Promise<void>
}

export function useBridgeQuery<C extends Channel>(
  channel: C,
  input: RequestOf<C>,
  options: BridgeQueryOptions = {},
): BridgeQuery<ResponseOf<C>> {
  const { enabled = true, refreshOn = [] } = options
  const [state, setState] = useState<{ data: ResponseOf<C> | null; error: AppError | null; loading: boolean }>({
    data: null,
    error: null,
    loading: enabled,
  })
  const generation = useRef(0)
  // The input is compared by value: callers build it inline on every render.
  const key = JSON.stringify(input ?? null)
  const latestInput = useRef(input)
  latestInput.current = input
  const events = refreshOn.join('|')

  const load = useCallback(async () => {
    const mine = ++generation.current
    setState((current) => ({ ...current, loading: true }))
    try {
      const data = await call(channel, latestInput.current)
      if (mine === generation.current) setState({ data, error: null, loading: false })
    } catch (failure) {
      if (mine === generation.current)
        setState((current) => ({ ...current, error: toAppError(failure), loading: false }))
    }
    // `key` stands for the input, read through the ref so an equal input does not reload.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [channel, key])

  useEffect(() => {
    if (!enabled) {
      generation.current++
      setState({ data: null, error: null, loading: false })
      return
    }
    void load()
    const stops: (() => void)[] = []
    for (const event of events ? (events.split('|') as EventName[]) : []) {
      try {
        stops.push(listen(event, () => void load()))
      } catch (failure) {
        setState((current) => ({ ...current, error: toAppError(failure) }))
      }
    }
    // No need to invalidate here: the next load (new input, event, refresh) outdates any answer still on its way.
    return () => {
      for (const stop of stops) stop()
    }
  }, [enabled, load, events])

  return { ...state, refresh: load }
}
