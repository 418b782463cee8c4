import { useEffect, useState } from 'react'
import type { AppInfo } from '../../../common/contract/app'
import { BridgeError, bridge, unwrap } from '../bridge'

export type AppInfoState = { status: 'loading' } | { status: 'ready'; info: AppInfo } | { status: 'error'; message: string }

export function useAppInfo(): AppInfoState {
  const [state, setState] = useState<AppInfoState>({ status: 'loading' })
  useEffect(() => {
    let live = true
    unwrap(bridge().appInfo())
      .then((info) => live && setState({ status: 'ready', info }))
      .catch((error: unknown) => {
        if (!live) return
        setState({ status: 'error', message: error instanceof BridgeError ? error.message : String(error) })
      })
    return () => {
      live = false
    }
  }, [])
  return state
}
