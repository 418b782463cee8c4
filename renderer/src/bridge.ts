/**
 * The only reader of window.dataverse. Everything else in the renderer calls main through
 * the functions here, so the window's whole reach into the app is visible in one place.
 */
import type { DataverseBridge } from '../../common/contract'
import type { AppError, Result } from '../../common/result'

declare global {
  interface Window {
    readonly dataverse?: DataverseBridge
  }
}

export class BridgeError extends Error {
  readonly error: AppError
  constructor(error: AppError) {
    super(error.message)
    this.name = 'BridgeError'
    this.error = error
  }
}

export function bridge(): DataverseBridge {
  const api = window.dataverse
  if (!api) {
    throw new BridgeError({
      code: 'INTERNAL',
      message: 'The app could not reach its main process.',
      cause: 'The window was opened outside Dataverse Workbench, or its preload script did not run.',
      next: 'Close this window and start Dataverse Workbench again.',
    })
  }
  return api
}

/** Unwraps a bridge result: data on success, a BridgeError carrying the AppError otherwise. */
export async function unwrap<T>(pending: Promise<Result<T>>): Promise<T> {
  const result = await pending
  if (!result.ok) throw new BridgeError(result.error)
  return result.data
}
