import { useCallback } from 'react'
import { bridge, unwrap } from '../../bridge'

/** Opens a documentation link in the system browser through main's allow-listed app:open-external. */
export function useOpenDocs(onError?: (message: string) => void): (url: string) => void {
  return useCallback(
    (url: string) => {
      unwrap(bridge().appOpenExternal({ url })).catch((error: unknown) => onError?.(error instanceof Error ? error.message : String(error)))
    },
    [onError],
  )
}
