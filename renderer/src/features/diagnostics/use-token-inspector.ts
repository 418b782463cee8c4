import { useCallback, useState } from 'react'
import type { TokenExpectation, TokenInspection } from '../../../../common/diagnostics'
import { bridge, BridgeError, unwrap } from '../../bridge'

export type InspectState =
  | { status: 'idle' }
  | { status: 'working' }
  | { status: 'done'; inspection: TokenInspection; receivedAt: number }
  | { status: 'error'; message: string; next: string }

export function useTokenInspector() {
  const [state, setState] = useState<InspectState>({ status: 'idle' })
  const inspect = useCallback(async (token: string, expected: TokenExpectation) => {
    setState({ status: 'working' })
    try {
      const inspection = await unwrap(bridge().diagnosticsInspectToken({ token, expected }))
      setState({ status: 'done', inspection, receivedAt: Date.now() })
    } catch (error) {
      setState(
        error instanceof BridgeError
          ? { status: 'error', message: error.error.message, next: error.error.next }
          : { status: 'error', message: String(error), next: 'Try again.' },
      )
    }
  }, [])
  return { state, inspect }
}
