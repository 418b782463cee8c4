import { useCallback, useState } from 'react'
import type { Cloud, ExplainResult } from '../../../../common/diagnostics'
import { bridge, BridgeError, unwrap } from '../../bridge'

export type ExplainState =
  | { status: 'idle' }
  | { status: 'working' }
  | { status: 'done'; result: ExplainResult }
  | { status: 'error'; message: string; next: string }

export function useExplain() {
  const [state, setState] = useState<ExplainState>({ status: 'idle' })
  const run = useCallback(async (text: string, cloud?: Cloud) => {
    setState({ status: 'working' })
    try {
      const result = await unwrap(bridge().diagnosticsExplain({ text, ...(cloud ? { cloud } : {}) }))
      setState({ status: 'done', result })
    } catch (error) {
      setState(
        error instanceof BridgeError
          ? { status: 'error', message: error.error.message, next: error.error.next }
          : { status: 'error', message: String(error), next: 'Try again.' },
      )
    }
  }, [])
  return { state, run }
}
