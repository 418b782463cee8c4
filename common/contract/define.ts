import type { z } from 'zod'

export interface ChannelDefinition<Req extends z.ZodType = z.ZodType, Res extends z.ZodType = z.ZodType> {
  /** One sentence for the contract test output and for readers of the table. */
  readonly summary: string
  readonly request: Req
  readonly response: Res
}

export function defineChannel<Req extends z.ZodType, Res extends z.ZodType>(
  definition: ChannelDefinition<Req, Res>,
): ChannelDefinition<Req, Res> {
  return definition
}

export interface EventDefinition<Payload extends z.ZodType = z.ZodType> {
  readonly summary: string
  readonly payload: Payload
}

export function defineEvent<Payload extends z.ZodType>(definition: EventDefinition<Payload>): EventDefinition<Payload> {
  return definition
}
