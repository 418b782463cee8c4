import { describe, expect, it } from 'vitest'
import type { EventDefinition } from '@common/contract/define'
import { bridgeListenerName, bridgeMethodName, channelNames, channels, eventNames, events } from '@common/contract'

describe('IPC contract', () => {
  it('derives bridge method names from channel names', () => {
    expect(bridgeMethodName('app:info')).toBe('appInfo')
    expect(bridgeMethodName('connections:save')).toBe('connectionsSave')
    expect(bridgeMethodName('query:fetch-all')).toBe('queryFetchAll')
    expect(bridgeListenerName('check:progressed')).toBe('onCheckProgressed')
    expect(bridgeListenerName('query:page-received')).toBe('onQueryPageReceived')
  })

  it('names channels domain:verb and events domain:past-tense, in kebab case', () => {
    for (const name of channelNames) expect(name).toMatch(/^[a-z]+(-[a-z]+)*:[a-z]+(-[a-z]+)*$/)
    for (const name of eventNames) expect(name).toMatch(/^[a-z]+(-[a-z]+)*:[a-z]+(-[a-z]+)*ed$/)
  })

  it('gives every channel a request schema, a response schema and a summary', () => {
    for (const name of channelNames) {
      const definition = channels[name]
      expect(definition.summary.length, name).toBeGreaterThan(10)
      expect(typeof definition.request.safeParse, name).toBe('function')
      expect(typeof definition.response.safeParse, name).toBe('function')
    }
    for (const name of eventNames) {
      expect(typeof (events as Record<string, EventDefinition>)[name]?.payload.safeParse, name).toBe('function')
    }
  })

  it('keeps derived method names unique', () => {
    const names = [...channelNames.map(bridgeMethodName), ...eventNames.map(bridgeListenerName)]
    expect(new Set(names).size).toBe(names.length)
  })
})
