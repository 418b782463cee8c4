import { describe, expect, it } from 'vitest'
import { arrivingBodies } from '../../../../../main/dataverse/query/arriving-bodies'

/** A request attempt the test steers: headers in, then the body done (or failed). */
function steered() {
  let headers!: () => void
  let settle!: (error?: Error) => void
  const attempt = (onHeaders: () => void) =>
    new Promise<string>((resolve, reject) => {
      headers = onHeaders
      settle = (error) => (error ? reject(error) : resolve('body'))
    })
  return { attempt, headers: () => headers(), settle: (error?: Error) => settle(error) }
}

const state = async (promise: Promise<void>) =>
  Promise.race([promise.then(() => 'in'), new Promise((resolve) => setImmediate(() => resolve('waiting')))])

describe('arrivingBodies', () => {
  it('is all in at once when no body is arriving, even with requests still on the server', async () => {
    const bodies = arrivingBodies()
    const onServer = steered()
    void bodies.track(onServer.attempt)
    expect(await state(bodies.allIn())).toBe('in')
    onServer.settle()
  })

  it('waits from the headers until every counted body has settled, failures included', async () => {
    const bodies = arrivingBodies()
    const a = steered()
    const b = steered()
    const first = bodies.track(a.attempt)
    const second = bodies.track(b.attempt).catch((error: Error) => error.message)
    a.headers()
    b.headers()
    b.headers() // a repeated call counts once
    const allIn = bodies.allIn()
    expect(await state(allIn)).toBe('waiting')
    a.settle()
    expect(await first).toBe('body')
    expect(await state(allIn)).toBe('waiting')
    b.settle(new Error('reset'))
    expect(await second).toBe('reset')
    expect(await state(allIn)).toBe('in')
    expect(await state(bodies.allIn())).toBe('in')
  })
})
