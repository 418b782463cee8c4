import { describe, expect, it } from 'vitest'
import { channelNames } from '@common/contract'
import { createApi } from '../../../../main/ipc/api'

describe('handler table', () => {
  it('has exactly one handler per contract channel', () => {
    const api = createApi()
    const handled = Object.keys(api).sort()
    expect(handled).toEqual([...channelNames].sort())
    for (const channel of channelNames) expect(typeof api[channel], channel).toBe('function')
  })
})
