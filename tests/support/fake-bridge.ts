/**
 * window.dataverse for renderer tests, typed from the contract: an override for a channel that
 * does not exist, or with the wrong shape, fails to compile. Channels a test does not fake answer
 * with an INTERNAL error naming the channel (so a missing fake shows up in the UI and in the
 * test), and events a test does not fake are subscriptions that never fire.
 */
import { bridgeListenerName, bridgeMethodName, channelNames, eventNames, type DataverseBridge } from '@common/contract'
import type { Result } from '@common/result'

export function fakeBridge(overrides: Partial<DataverseBridge> = {}): DataverseBridge {
  const bridge: Record<string, unknown> = {}
  for (const channel of channelNames) {
    bridge[bridgeMethodName(channel)] = async (): Promise<Result<never>> => ({
      ok: false,
      error: {
        code: 'INTERNAL',
        message: `${channel} is not faked in this test.`,
        cause: 'The test gave no answer for it.',
        next: 'Pass it to fakeBridge().',
      },
    })
  }
  for (const event of eventNames) bridge[bridgeListenerName(event)] = () => () => undefined
  return Object.assign(bridge, overrides) as unknown as DataverseBridge
}

/** Puts the bridge where renderer/src/bridge.ts looks for it, and returns it. */
export function installBridge(bridge: DataverseBridge): DataverseBridge {
  // globalThis is the jsdom window in renderer tests; this file also compiles without the DOM types.
  Object.defineProperty(globalThis, 'dataverse', { configurable: true, value: bridge })
  return bridge
}

/** A successful answer, typed by the method it answers. */
export function ok<T>(data: T): Promise<Result<T>> {
  return Promise.resolve({ ok: true, data })
}
