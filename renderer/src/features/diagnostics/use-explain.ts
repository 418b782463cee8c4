/** The explain panel's request to main and its state. */
import { useCallback, useState } from 'react'
import type { Cloud } from '@common/clouds'
import type { ExplainResult } from '@common/diagnostics'
import type { AppError } from '@common/result'
import { bridge, toAppError, unwrap } from '../../bridge'

export type ExplainState =
  | { status: 'idle' }
  | { status: 'working' }
  | { status: 'done'; result: ExplainResult }
  | { status: 'error'; error: AppError }

export function useExplain() {
  const [state, setState] = useState<ExplainState>({ status: 'idle' })
  const run = useCallback(async (text: string, cloud?: Cloud) => {
    setState({ status: 'working' })
    try {
      const result = await unwrap(bridge().diagnosticsExplain({ text, ...(cloud ? { cloud } : {}) }))
      setState({ status: 'done', result })
    } catch (error) {
      setState({ status: 'error', error: toAppError(error) })
    }
  }, [])
  return { state, run }
}
