/** Service-protection limits and org conditions over HTTPS. Small limits so the suite stays quick. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startFixture, type HttpsFixture } from './fixture'

let fx: HttpsFixture
beforeAll(async () => {
  fx = await startFixture({
    rows: { accounts: 20, contacts: 50 },
    limits: { windowRequests: 8, windowSeconds: 2, concurrent: 2 },
  })
})
afterAll(() => fx.close())

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe('service protection', () => {
  it('answers 429 0x80072322 with Retry-After once the request window is used up, and recovers after it', async () => {
    const api = await fx.api('healthy', fx.fabrikam)
    const statuses: number[] = []
    let throttled: Awaited<ReturnType<typeof api>> | undefined
    for (let i = 0; i < 9; i++) {
      const answer = await api('WhoAmI')
      statuses.push(answer.status)
      if (answer.status === 429) throttled = answer
    }
    expect(statuses.slice(0, 8)).toEqual(Array(8).fill(200))
    expect(throttled?.json.error).toEqual({
      code: '0x80072322',
      message: 'Number of requests exceeded the limit of 8 over time window of 2 seconds.',
    })
    const retryAfter = Number(throttled?.headers.get('retry-after'))
    expect(retryAfter).toBeGreaterThanOrEqual(1)
    expect(retryAfter).toBeLessThanOrEqual(2)
    await sleep(retryAfter * 1000 + 100)
    expect((await api('WhoAmI')).status).toBe(200)
  })

  it('answers 429 0x80072326 when more than the allowed concurrent requests are in flight', async () => {
    fx.running.setConditions('contoso', { slow: 300 })
    try {
      const api = await fx.api('missing-privilege')
      const answers = await Promise.all(Array.from({ length: 4 }, () => api('WhoAmI')))
      const codes = answers.map((a) => (a.status === 429 ? a.json.error.code : a.status))
      expect(codes.filter((c) => c === 200).length).toBe(2)
      expect(codes.filter((c) => c === '0x80072326').length).toBe(2)
    } finally {
      fx.running.setConditions('contoso', {})
    }
  })
})

describe('org conditions', () => {
  it('throttled: every call answers 429 with the configured Retry-After', async () => {
    fx.running.setConditions('contoso', { throttled: 7 })
    try {
      const answer = await (await fx.api('no-roles'))('WhoAmI')
      expect(answer.status).toBe(429)
      expect(answer.headers.get('retry-after')).toBe('7')
      expect(answer.json.error.code).toBe('0x80072322')
    } finally {
      fx.running.setConditions('contoso', {})
    }
  })

  it('slow: responses take at least the configured latency', async () => {
    fx.running.setConditions('contoso', { slow: 250 })
    try {
      const api = await fx.api('app-user-disabled')
      const started = Date.now()
      await api('WhoAmI')
      expect(Date.now() - started).toBeGreaterThanOrEqual(240)
    } finally {
      fx.running.setConditions('contoso', {})
    }
  })

  it('flaky: every Nth request fails with a 5xx', async () => {
    fx.running.setConditions('contoso', { flaky: 3 })
    try {
      const api = await fx.api('no-app-user')
      const statuses: number[] = []
      for (let i = 0; i < 6; i++) statuses.push((await api('WhoAmI')).status)
      expect(statuses.filter((s) => s === 503)).toHaveLength(2)
    } finally {
      fx.running.setConditions('contoso', {})
    }
  })

  it('environment-disabled: 0x8004a104', async () => {
    fx.running.setConditions('contoso', { environmentDisabled: true })
    try {
      const answer = await (await fx.api('healthy'))('WhoAmI')
      expect(answer.json.error.code).toBe('0x8004a104')
      expect(answer.json.error.message).toContain('is currently disabled')
    } finally {
      fx.running.setConditions('contoso', {})
    }
  })

  it('admin-mode: only System Administrator / Customizer app users get in', async () => {
    fx.running.setConditions('contoso', { adminMode: true })
    try {
      expect((await (await fx.api('healthy'))('WhoAmI')).status).toBe(200)
      const refused = await (await fx.api('missing-privilege'))('accounts?$top=1')
      expect(refused.status).toBe(403)
      expect(refused.json.error.message).toContain('Admin Only mode')
    } finally {
      fx.running.setConditions('contoso', {})
    }
  })

  it('tls-untrusted: the org presents a certificate from a CA that is not the advertised one', async () => {
    const url = `${fx.contoso}/api/data/v9.2/`
    expect((await fx.fetch(url)).status).toBe(401)
    await fx.running.setConditions('contoso', { tlsUntrusted: true })
    try {
      const { loopbackFetch } = await import('../../support/loopback-fetch')
      const fresh = loopbackFetch(fx.running.caPem)
      try {
        const error = await fresh.fetch(url).then(
          () => undefined,
          (e: unknown) => e,
        )
        const cause = (error as { cause?: { code?: string } } | undefined)?.cause
        expect(cause?.code).toMatch(
          /UNABLE_TO_VERIFY_LEAF_SIGNATURE|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_GET_ISSUER_CERT_LOCALLY|CERT_SIGNATURE_FAILURE/,
        )
        expect((await fresh.fetch(`${fx.fabrikam}/api/data/v9.2/`)).status).toBe(401)
      } finally {
        await fresh.close()
      }
    } finally {
      await fx.running.setConditions('contoso', {})
    }
    const { loopbackFetch } = await import('../../support/loopback-fetch')
    const again = loopbackFetch(fx.running.caPem)
    try {
      expect((await again.fetch(url)).status).toBe(401)
    } finally {
      await again.close()
    }
  })
})
