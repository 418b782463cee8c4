import type { Session } from 'electron'
import type { FetchLike } from '../http/types'

/**
 * The app's base fetch: Chromium's network stack through Electron's net.fetch on a dedicated,
 * in-memory session. It uses the system proxy settings and the operating system's trust store, so a
 * corporate TLS-inspection root installed by IT is trusted exactly as in the browser — and
 * certificate validation stays Chromium's. No cookies outlive the app (the partition is not persisted).
 */
export const NETWORK_PARTITION = 'dataverse-network'

export function createNetFetch(session: Session): FetchLike {
  return (request) =>
    session.fetch(new Request(request, { credentials: 'omit' }), { bypassCustomProtocolHandlers: true })
}
