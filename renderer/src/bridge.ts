/**
 * The only reader of window.dataverse. Everything else in the renderer calls main through
 * the functions here, so the window's whole reach into the app is visible in one place.
 */
import {
  bridgeListenerName,
  bridgeMethodName,
  type Channel,
  type DataverseBridge,
  type EventName,
  type EventPayloadOf,
  type RequestOf,
  type ResponseOf,
} from '@common/contract'
import type { AppError, Result } from '@common/result'

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

/** Calls one channel by its contract name and unwraps the answer; a bridge that cannot answer rejects too. */
export async function call<C extends Channel>(channel: C, input: RequestOf<C>): Promise<ResponseOf<C>> {
  const method = bridge()[bridgeMethodName(channel) as keyof DataverseBridge] as unknown as
    ((input: RequestOf<C>) => Promise<Result<ResponseOf<C>>>) | undefined
  if (typeof method !== 'function') throw new BridgeError(notOffered(channel))
  return unwrap(method(input))
}

/** Listens to one event by its contract name; the returned function stops listening. */
export function listen<E extends EventName>(event: E, listener: (payload: EventPayloadOf<E>) => void): () => void {
  const subscribe = bridge()[bridgeListenerName(event) as keyof DataverseBridge] as unknown as
    ((listener: (payload: EventPayloadOf<E>) => void) => () => void) | undefined
  if (typeof subscribe !== 'function') throw new BridgeError(notOffered(event))
  return subscribe(listener)
}

function notOffered(name: string): AppError {
  return {
    code: 'INTERNAL',
    message: `The main process does not offer ${name}.`,
    cause: 'The window and the main process come from different builds of the app.',
    next: 'Close Dataverse Workbench and start it again.',
  }
}

/** Any failure as an AppError: main's own answer when it sent one, else a fault in this window. */
export function toAppError(failure: unknown): AppError {
  if (failure instanceof BridgeError) return failure.error
  return {
    code: 'INTERNAL',
    message: failure instanceof Error ? failure.message : String(failure),
    cause: 'An unexpected error in the window.',
    next: 'Try again.',
  }
}

/** An error as one line of text (a field's message, a tooltip): what happened, the likely cause and the next step. */
export function describeError(error: AppError): string {
  return [error.message, error.cause, error.next].filter((part) => part.trim() !== '').join(' ')
}
