/**
 * One connection's check as the stepper sees it: steps fill in from check:progressed while the
 * check runs, and the finished answer (authoritative) replaces them. The check id is made here so
 * the check can be cancelled before its answer arrives.
 */
import { useCallback, useEffect, useRef, useState } from 'react'
import { STEP_IDS, type CheckRun, type StepId, type StepResult } from '@common/diagnostics'
import type { AppError } from '@common/result'
import { bridge, toAppError, unwrap } from '../../bridge'

export type CheckState =
  | { readonly status: 'idle' }
  | { readonly status: 'running'; readonly checkId: string; readonly steps: ReadonlyMap<StepId, StepResult> }
  | { readonly status: 'done'; readonly run: CheckRun }
  | { readonly status: 'error'; readonly error: AppError }

function pendingSteps(): Map<StepId, StepResult> {
  return new Map(
    STEP_IDS.map((id) => [id, { id, status: 'pending', durationMs: 0, summary: 'Waiting…', facts: [], diagnoses: [] }]),
  )
}

export function useCheck(connectionId: string) {
  const [state, setState] = useState<CheckState>({ status: 'idle' })
  const current = useRef<string | null>(null)

  useEffect(
    () =>
      bridge().onCheckProgressed((event) => {
        if (event.checkId !== current.current) return
        setState((previous) => {
          if (previous.status !== 'running' || previous.checkId !== event.checkId) return previous
          const steps = new Map(previous.steps)
          steps.set(event.step.id, event.step)
          return { ...previous, steps }
        })
      }),
    [],
  )

  const run = useCallback(
    async (tables?: readonly string[]) => {
      const checkId = crypto.randomUUID()
      current.current = checkId
      setState({ status: 'running', checkId, steps: pendingSteps() })
      try {
        const result = await unwrap(
          bridge().checkRun({ connectionId, checkId, ...(tables?.length ? { tables: [...tables] } : {}) }),
        )
        if (current.current === checkId) setState({ status: 'done', run: result })
      } catch (error) {
        if (current.current !== checkId) return
        setState({ status: 'error', error: toAppError(error) })
      }
    },
    [connectionId],
  )

  const cancel = useCallback(async () => {
    if (current.current) await unwrap(bridge().checkCancel({ checkId: current.current }))
  }, [])

  /** Forgets the shown result (it no longer describes the connection) and ignores a check still answering. */
  const clear = useCallback(() => {
    current.current = null
    setState({ status: 'idle' })
  }, [])

  return { state, run, cancel, clear }
}
