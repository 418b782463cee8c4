import type { z } from 'zod'
import type { Channel, Channels, EventName, EventPayloadOf } from '@common/contract'
import type { Services } from '../app/create-services'

export interface HandlerContext {
  readonly services: Services
  /** Sends a main→renderer event; the payload is validated against the contract first. */
  emit<E extends EventName>(event: E, payload: EventPayloadOf<E>): void
  /** Aborted when the caller goes away (window closed, harness request aborted). */
  readonly signal: AbortSignal
}

type Handler<C extends Channel> = (
  input: z.output<Channels[C]['request']>,
  ctx: HandlerContext,
) => Promise<z.input<Channels[C]['response']>>

export type ApiTable = { readonly [C in Channel]: Handler<C> }

export type HandlersFor<C extends Channel> = { readonly [K in C]: Handler<K> }

/** The handlers of every channel named `<prefix>:…`: one file per prefix under handlers/. */
export type HandlersOfPrefix<P extends string> = HandlersFor<Extract<Channel, `${P}:${string}`>>
