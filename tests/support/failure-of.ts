import { AppFailure } from '@common/result'

/** The AppFailure a promise (or a call) rejects with; anything else, or no failure, fails the test. */
export async function failureOf(promise: Promise<unknown> | (() => unknown)): Promise<AppFailure> {
  try {
    await (typeof promise === 'function' ? promise() : promise)
  } catch (error) {
    if (error instanceof AppFailure) return error
    throw error
  }
  throw new Error('expected an AppFailure')
}
