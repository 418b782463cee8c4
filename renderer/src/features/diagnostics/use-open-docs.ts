/** Opens a documentation link in the system browser through main's allow-listed app:open-external. */
import { useCallback } from 'react'
import type { AppError } from '@common/result'
import { call, toAppError } from '../../bridge'

export function useOpenDocs(onError?: (error: AppError) => void): (url: string) => void {
  return useCallback(
    (url: string) => {
      call('app:open-external', { url }).catch((error: unknown) => onError?.(toAppError(error)))
    },
    [onError],
  )
}
