import type { OperationCatalog } from './operations'
import type { Timeline } from './timeline'

/**
 * The unit of HTTP in the app: a fetch-shaped function. Node (undici), Electron (`net.fetch`) and
 * the in-process emulator each provide one; createTransport() wraps any of them with the policies.
 */
export type FetchLike = (request: Request) => Promise<Response>

/** Per-call options a transport understands beyond the Request itself. */
export interface SendOptions {
  /**
   * Called while the transport waits out a 429 `Retry-After`: first with the whole wait in seconds,
   * then once a second down to 0. The query workbench shows it as a countdown.
   */
  readonly onThrottle?: (secondsLeft: number) => void
  /** A tighter body cap for this call than the policy's (the Web API client reads JSON whole). */
  readonly maxResponseBytes?: number
}

/** A FetchLike with the policies applied. Still callable wherever a FetchLike is expected. */
export interface Transport {
  (request: Request, options?: SendOptions): Promise<Response>
  readonly policy: ResolvedTransportPolicy
}

/** One response from the Dataverse org host, as the transport hands it to a policy's observer. */
export interface DataverseResponseInfo {
  readonly status: number
  readonly headers: Headers
  /** When the headers arrived. */
  readonly at: Date
  /** The body of a 429 (small: Dataverse's error JSON), read from a copy; null for every other status. */
  readonly body: Promise<string> | null
}

/** Told of every response (every attempt, before any 429 wait) from the org host. */
export type DataverseResponseObserver = (response: DataverseResponseInfo) => void

interface ThrottlePolicy {
  /** Retries after a 429 before the 429 is handed back to the caller. */
  readonly maxRetries: number
  /** Total seconds the transport may spend waiting for one request; a longer Retry-After is not waited out. */
  readonly maxWaitSeconds: number
}

export interface TransportPolicy {
  /** Labels timeline entries. The concurrency limit is per transport, and there is one transport per connection. */
  readonly connectionId?: string | null
  /** The Dataverse org host (host[:port]) this transport may reach. */
  readonly orgHost: string
  /** The Entra ID authority host (host[:port]); null while it is still unknown (anonymous tenant discovery). */
  readonly authorityHost: string | null
  /**
   * When on: only GET/HEAD to Dataverse (no function that may write, no method-override header), GET
   * or a token POST to the authority, and a `$batch` made only of such GETs.
   */
  readonly readOnly?: boolean
  /** Whole exchange, headers and body, in milliseconds. Default 120 000. */
  readonly totalTimeoutMs?: number
  readonly throttle?: Partial<ThrottlePolicy>
  /** At most this many requests in flight (waiting for headers) at once. Default 8. */
  readonly maxConcurrent?: number
  /** Redirects followed, each checked against the allow-list. Default 5. */
  readonly maxRedirects?: number
  /**
   * Largest response body, in bytes, that is passed on; past it the body errors with DATAVERSE_ERROR
   * naming the size. Default 256 MiB: above the largest `$metadata`, which streams.
   */
  readonly maxResponseBytes?: number
  /** What the environment's metadata says a path segment names, for the read-only check of functions. */
  readonly operations?: OperationCatalog
  readonly timeline?: Timeline
  /** Sees each Dataverse response's headers (the service-protection budget is read from them). */
  readonly observe?: DataverseResponseObserver
}

export interface ResolvedTransportPolicy {
  readonly connectionId: string | null
  readonly orgHost: string
  readonly authorityHost: string | null
  readonly allowedHosts: readonly string[]
  readonly readOnly: boolean
  readonly totalTimeoutMs: number
  readonly throttle: ThrottlePolicy
  readonly maxConcurrent: number
  readonly maxRedirects: number
  readonly maxResponseBytes: number
  readonly operations: OperationCatalog | null
  readonly timeline: Timeline | null
  readonly observe: DataverseResponseObserver | null
}
