/** The token inspector's request to main and its state; the token is sent once and not kept. */
import { useCallback, useState } from 'react'
import type { TokenExpectation, TokenInspection } from '@common/diagnostics'
import type { AppError } from '@common/result'
import { bridge, toAppError, unwrap } from '../../bridge'

export type InspectState =
  | { status: 'idle' }
  | { status: 'working' }
  | { status: 'done'; inspection: TokenInspection; receivedAt: number }
  | { status: 'error'; error: AppError }

export function useTokenInspector() {
  const [state, setState] = useState<InspectState>({ status: 'idle' })
  const inspect = useCallback(async (token: string, expected: TokenExpectation) => {
    setState({ status: 'working' })
    try {
      const inspection = await unwrap(bridge().diagnosticsInspectToken({ token, expected }))
      setState({ status: 'done', inspection, receivedAt: Date.now() })
    } catch (error) {
      setState({ status: 'error', error: toAppError(error) })
    }
  }, [])
  return { state, inspect }
}
