/**
 * The request timeline: one entry per request that went on the wire.
 *
 * Redacted by construction: an entry has no field that could hold a header value or a request
 * or response body, and its URL passes through redactUrl() before it is stored. The only values
 * copied from responses are ids (request, correlation and trace ids), which are not secrets.
 */

export type TimelineKind = 'dataverse' | 'authority' | 'other'

export interface TimelineEntry {
  readonly id: number
  readonly connectionId: string | null
  readonly kind: TimelineKind
  readonly method: string
  /** Query values are kept, except any that look like a token, secret, key or signature. */
  readonly url: string
  /** HTTP status, or null when no response arrived. */
  readonly status: number | null
  /** The AppFailure code when the request failed before a response (TLS_ERROR, NETWORK_ERROR…). */
  readonly failure: string | null
  /** ISO instant the request was sent. */
  readonly startedAt: string
  readonly ttfbMs: number | null
  /** Until the response body was fully read; null while it is still being read. */
  readonly totalMs: number | null
  readonly requestBytes: number
  readonly responseBytes: number | null
  /** x-ms-service-request-id (Dataverse) or x-ms-request-id (Entra ID). */
  readonly requestId: string | null
  /** From an Entra ID error body (correlation_id / trace_id). */
  readonly correlationId: string | null
  readonly traceId: string | null
  /** Which attempt this was for the same logical request (1 = first; >1 after a 429). */
  readonly attempt: number
}

export type TimelineListener = (entry: TimelineEntry) => void

/** Query parameters whose values are credentials or signatures, matched on the name. */
const SECRET_NAME =
  /(secret|token|assertion|password|passwd|pwd|signature|^sig$|key|code|credential|auth|bearer|session|cookie)/i
/** OData paging and delta cookies contain "token" in their name but are not credentials. */
const SAFE_NAMES = new Set(['$skiptoken', '$deltatoken'])
/** A JWT or JWT-like value anywhere, whatever the parameter is called. */
const JWT_LIKE = /eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.?[A-Za-z0-9_-]*/g

const REDACTED = '[redacted]'

function redactParameter(part: string): string {
  const eq = part.indexOf('=')
  const rawName = eq === -1 ? part : part.slice(0, eq)
  if (eq === -1) return part.replace(JWT_LIKE, REDACTED)
  let name = rawName
  try {
    name = decodeURIComponent(rawName.replace(/\+/g, ' '))
  } catch {
    // A malformed escape is matched as written.
  }
  if (SAFE_NAMES.has(name.toLowerCase())) return part
  if (SECRET_NAME.test(name)) return `${rawName}=${REDACTED}`
  return `${rawName}=${part.slice(eq + 1).replace(JWT_LIKE, REDACTED)}`
}

/** Drops user info and the fragment; keeps query values as written except credential-looking ones. */
export function redactUrl(raw: string): string {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return raw.replace(JWT_LIKE, REDACTED).slice(0, 2048)
  }
  const query = url.search.length > 1 ? '?' + url.search.slice(1).split('&').map(redactParameter).join('&') : ''
  return `${url.origin}${url.pathname.replace(JWT_LIKE, REDACTED)}${query}`.slice(0, 4096)
}

export interface TimelineOptions {
  /** Oldest entries are dropped beyond this many. Default 1 000. */
  readonly capacity?: number
}

export class Timeline {
  readonly #entries = new Map<number, TimelineEntry>()
  readonly #listeners = new Set<TimelineListener>()
  readonly #capacity: number
  #nextId = 1

  constructor(options: TimelineOptions = {}) {
    this.#capacity = options.capacity ?? 1000
  }

  nextId(): number {
    return this.#nextId++
  }

  /** Adds or replaces an entry (an entry is written when headers arrive and again when the body ends). */
  put(entry: TimelineEntry): void {
    this.#entries.delete(entry.id)
    this.#entries.set(entry.id, Object.freeze({ ...entry }))
    while (this.#entries.size > this.#capacity) {
      const oldest = this.#entries.keys().next().value
      if (oldest === undefined) break
      this.#entries.delete(oldest)
    }
    for (const listener of this.#listeners) listener(entry)
  }

  entries(filter?: { connectionId?: string | null; since?: number }): TimelineEntry[] {
    const all = [...this.#entries.values()].sort((a, b) => a.id - b.id)
    return all.filter(
      (entry) =>
        (filter?.connectionId === undefined || entry.connectionId === filter.connectionId) &&
        (filter?.since === undefined || entry.id > filter.since),
    )
  }

  /** The id the next entry will get minus one: pass it as `since` to read only what follows. */
  mark(): number {
    return this.#nextId - 1
  }

  subscribe(listener: TimelineListener): () => void {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }

  clear(): void {
    this.#entries.clear()
  }

  /** From now on, each entry written here is also written to `target`, under an id of `target`'s. */
  forwardTo(target: Timeline): void {
    const ids = new Map<number, number>()
    this.subscribe((entry) => {
      let id = ids.get(entry.id)
      if (id === undefined) {
        id = target.nextId()
        ids.set(entry.id, id)
      }
      target.put({ ...entry, id })
    })
  }
}
