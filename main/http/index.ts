/** The HTTP layer's public surface; see README.md in this folder for how the pieces fit. */
export type { FetchLike, SendOptions, ThrottlePolicy, Transport, TransportPolicy, ResolvedTransportPolicy } from './types'
export { createTransport, parseRetryAfter, resolvePolicy } from './transport'
export { createNodeFetch, type NodeFetch, type NodeFetchOptions } from './node-fetch'
export { Timeline, redactUrl, REDACTED, type TimelineEntry, type TimelineKind, type TimelineListener } from './timeline'
export { toTransportFailure } from './failures'
