/**
 * Errors written to the main-process log can carry URLs (a TypeError from `new Request()` quotes
 * the whole address). The log must never hold a `user:password@` part, so anything unexpected is
 * copied with the user info of every URL in its text replaced before it is logged.
 */
const USER_INFO = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/?#@'"<>]*@/gi
const MAX_CAUSES = 5

export function withoutUrlCredentials(text: string): string {
  return text.replace(USER_INFO, '$1[redacted]@')
}

function scrubError(error: Error, depth: number): Error {
  const copy = new Error(withoutUrlCredentials(error.message))
  copy.name = error.name
  copy.stack = error.stack === undefined ? undefined : withoutUrlCredentials(error.stack)
  const code = (error as { code?: unknown }).code
  if (typeof code === 'string') Object.assign(copy, { code })
  if (error.cause !== undefined && depth < MAX_CAUSES) copy.cause = scrubForLog(error.cause, depth + 1)
  return copy
}

/** A copy of `value` safe to log: Errors keep name, message, stack, code and causes, each scrubbed. */
export function scrubForLog(value: unknown, depth = 0): unknown {
  if (value instanceof Error) return scrubError(value, depth)
  if (typeof value === 'string') return withoutUrlCredentials(value)
  if (value === null || typeof value !== 'object') return value
  let text: string
  try {
    text = JSON.stringify(value) ?? String(value)
  } catch {
    text = Object.prototype.toString.call(value)
  }
  return withoutUrlCredentials(text)
}
