/**
 * The single source of truth for IPC. Each domain declares its channels and events in
 * common/contract/<domain>.ts; this file joins them and derives every type the preload
 * bridge and the renderer use. There is no hand-kept .d.ts.
 */
import type { z } from 'zod'
import type { Result } from './result'
import { appChannels, appEvents } from './contract/app'
import { checkAllChannels, checkAllEvents } from './contract/check-all'
import { connectionChannels, connectionEvents } from './contract/connections'
import { customerChannels } from './contract/customers'
import { diagnosticsChannels, diagnosticsEvents } from './contract/diagnostics'
import { limitChannels, limitEvents } from './contract/limits'
import { environmentChannels } from './contract/environments'
import { interopChannels } from './contract/interop'
import { queryChannels, queryEvents } from './contract/query'
import { requestChannels, requestEvents } from './contract/requests'

export const channels = {
  ...appChannels,
  ...checkAllChannels,
  ...connectionChannels,
  ...customerChannels,
  ...diagnosticsChannels,
  ...limitChannels,
  ...environmentChannels,
  ...interopChannels,
  ...queryChannels,
  ...requestChannels,
}

export const events = {
  ...appEvents,
  ...checkAllEvents,
  ...connectionEvents,
  ...diagnosticsEvents,
  ...limitEvents,
  ...queryEvents,
  ...requestEvents,
}

export type Channels = typeof channels
export type Channel = keyof Channels
type Events = typeof events
export type EventName = keyof Events

export type RequestOf<C extends Channel> = z.input<Channels[C]['request']>
export type ResponseOf<C extends Channel> = z.output<Channels[C]['response']>
export type EventPayloadOf<E extends EventName> = z.output<Events[E]['payload']>

type Capitalize1<S extends string> = S extends `${infer H}${infer T}` ? `${Uppercase<H>}${T}` : S
type CamelFromKebab<S extends string> = S extends `${infer H}-${infer T}` ? `${H}${CamelFromKebab<Capitalize1<T>>}` : S
type CamelFromChannel<S extends string> = S extends `${infer D}:${infer V}`
  ? `${CamelFromKebab<D>}${Capitalize1<CamelFromKebab<V>>}`
  : CamelFromKebab<S>

/** `connections:save` → `connectionsSave`; `check:progressed` → `onCheckProgressed`. */
type BridgeMethodName<C extends string> = CamelFromChannel<C>
type BridgeListenerName<E extends string> = `on${Capitalize1<CamelFromChannel<E>>}`

type MethodOf<C extends Channel> =
  undefined extends RequestOf<C>
    ? (input?: RequestOf<C>) => Promise<Result<ResponseOf<C>>>
    : (input: RequestOf<C>) => Promise<Result<ResponseOf<C>>>

export type DataverseBridge = {
  readonly [C in Channel as BridgeMethodName<C>]: MethodOf<C>
} & {
  readonly [E in EventName as BridgeListenerName<E>]: (listener: (payload: EventPayloadOf<E>) => void) => () => void
}

function camelFromKebab(value: string): string {
  return value.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase())
}

function camelFromChannel(name: string): string {
  const [domain, verb] = name.split(':') as [string, string | undefined]
  if (verb === undefined) return camelFromKebab(domain)
  const v = camelFromKebab(verb)
  return camelFromKebab(domain) + v.charAt(0).toUpperCase() + v.slice(1)
}

export function bridgeMethodName(channel: string): string {
  return camelFromChannel(channel)
}

export function bridgeListenerName(event: string): string {
  const name = camelFromChannel(event)
  return 'on' + name.charAt(0).toUpperCase() + name.slice(1)
}

export const channelNames = Object.keys(channels) as Channel[]
export const eventNames = Object.keys(events) as EventName[]

export function isChannel(name: string): name is Channel {
  return Object.hasOwn(channels, name)
}
