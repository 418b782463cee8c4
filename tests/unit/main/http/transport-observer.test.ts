import { describe, expect, it } from 'vitest'
import { createTransport } from '../../../../main/http/transport'
import type { DataverseResponseInfo, FetchLike } from '../../../../main/http/types'

const ORG = 'contoso.crm.dynamics.com'
const AUTH = 'login.microsoftonline.com'
const THROTTLED =
  '{"error":{"code":"0x80072322","message":"Number of requests exceeded the limit of 6000 over time window of 300 seconds."}}'

describe("the transport's response observer", () => {
  it('sees every Dataverse attempt, a 429 with its body before the wait, and never the sign-in host', async () => {
    let calls = 0
    const base: FetchLike = async (request) => {
      if (new URL(request.url).host === AUTH) return new Response('{}', { status: 200 })
      calls++
      return calls === 1
        ? new Response(THROTTLED, { status: 429, headers: { 'retry-after': '1' } })
        : new Response('{"ok":true}', {
            status: 200,
            headers: { 'x-ms-ratelimit-burst-remaining-xrm-requests': '5998' },
          })
    }
    const seen: { status: number; remaining: string | null; body: string | null }[] = []
    const pending: Promise<void>[] = []
    const observe = (info: DataverseResponseInfo) => {
      pending.push(
        (async () => {
          seen.push({
            status: info.status,
            remaining: info.headers.get('x-ms-ratelimit-burst-remaining-xrm-requests'),
            body: info.body ? await info.body : null,
          })
        })(),
      )
    }
    const send = createTransport(base, { orgHost: ORG, authorityHost: AUTH, observe })
    await send(new Request(`https://${AUTH}/tenant/v2.0/.well-known/openid-configuration`))
    const answer = await send(new Request(`https://${ORG}/api/data/v9.2/WhoAmI`))
    // The caller still gets the whole body: the observer read a copy.
    expect(await answer.json()).toEqual({ ok: true })
    await Promise.all(pending)
    expect(seen).toEqual([
      { status: 429, remaining: null, body: THROTTLED },
      { status: 200, remaining: '5998', body: null },
    ])
  })
})
