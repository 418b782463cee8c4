/** The app's name, version and runtime for the status bar, read once from main. */
import type { AppInfo } from '@common/contract/app'
import type { AppError } from '@common/result'
import { useBridgeQuery } from '../../use-bridge-query'

export type AppInfoState =
  { status: 'loading' } | { status: 'ready'; info: AppInfo } | { status: 'error'; error: AppError }

export function useAppInfo(): AppInfoState {
  const { data, error } = useBridgeQuery('app:info', undefined)
  if (error) return { status: 'error', error }
  return data ? { status: 'ready', info: data } : { status: 'loading' }
}
