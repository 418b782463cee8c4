/**
 * Main→renderer events that come from the services themselves: whatever changed a connection or a
 * query history (a handler, a tenant found during a query, a check's "last test", a store reset),
 * the window hears it once, from the source. Each front door binds this with its own `send`.
 */
import type { EventName, EventPayloadOf } from '@common/contract'
import type { Services } from './create-services'

export type SendEvent = <E extends EventName>(event: E, payload: EventPayloadOf<E>) => void

export function bindServiceEvents(
  services: Pick<Services, 'connections' | 'workspace' | 'limits'>,
  send: SendEvent,
): () => void {
  const unsubscribers = [
    services.connections.onChange((change) =>
      send('connections:changed', { id: change.kind === 'reset' ? null : change.id, kind: change.kind }),
    ),
    services.workspace.history.onChange((change) => send('history:changed', change)),
    services.limits.budgets.subscribe((budget) => send('limits:changed', budget)),
  ]
  return () => {
    for (const unsubscribe of unsubscribers) unsubscribe()
  }
}
