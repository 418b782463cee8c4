import { describe, expect, it } from 'vitest'
import { scrubForLog, withoutUrlCredentials } from '../../../../main/http/log-redaction'
import { Timeline } from '../../../../main/http/timeline'
import { createTransport } from '../../../../main/http/transport'
import type { FetchLike, TransportPolicy } from '../../../../main/http/types'
import { failureOf } from '../../../support/failure-of'

const ORG = 'contoso.crm.dynamics.com'
const AUTH = 'login.microsoftonline.com'
const TENANT = '4c192492-e19d-4369-b4be-84470eb0844d'
const SECRET_BODY = 'client_id=x&client_secret=S3cr3t&grant_type=client_credentials'

function recording(answer: (request: Request) => Response) {
  const sent: Array<{ method: string; url: string; body: string }> = []
  const base: FetchLike = async (request) => {
    sent.push({ method: request.method, url: request.url, body: await request.clone().text() })
    return answer(request)
  }
  return { base, sent }
}

function transport(base: FetchLike, policy: Partial<TransportPolicy> = {}) {
  return createTransport(base, { orgHost: ORG, authorityHost: AUTH, ...policy })
}

/** A body of `total` bytes in 1 MiB chunks, produced only as it is read; counts what was pulled. */
function streamingBody(total: number) {
  const chunk = new Uint8Array(1024 * 1024).fill(0x61)
  let produced = 0
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (produced >= total) return controller.close()
      const size = Math.min(chunk.byteLength, total - produced)
      produced += size
      controller.enqueue(chunk.subarray(0, size))
    },
  })
  return { stream, produced: () => produced }
}

describe('L4: redirects never carry a body or a sign-in request to another host', () => {
  it('L4 does not re-post a token request that the sign-in host answers with 307 to the org host', async () => {
    const { base, sent } = recording((request) =>
      new URL(request.url).host === AUTH
        ? new Response(null, { status: 307, headers: { location: `https://${ORG}/collect` } })
        : new Response('stolen'),
    )
    const failure = await failureOf(
      transport(base, { readOnly: false })(
        new Request(`https://${AUTH}/${TENANT}/oauth2/v2.0/token`, { method: 'POST', body: SECRET_BODY }),
      ),
    )
    expect(failure.code).toBe('HOST_NOT_ALLOWED')
    expect(failure.message).toMatch(/not followed/)
    expect(failure.details).toMatchObject({ reason: 'authority-redirect', status: 307 })
    expect(sent.map((s) => s.url)).toEqual([`https://${AUTH}/${TENANT}/oauth2/v2.0/token`])
  })

  it('L4 follows no redirect at all from the sign-in host, even to itself', async () => {
    const { base, sent } = recording((request) =>
      new URL(request.url).pathname.endsWith('openid-configuration')
        ? new Response(null, { status: 302, headers: { location: `https://${AUTH}/elsewhere` } })
        : new Response('{}'),
    )
    const failure = await failureOf(
      transport(base)(new Request(`https://${AUTH}/${TENANT}/v2.0/.well-known/openid-configuration`)),
    )
    expect(failure.details).toMatchObject({ reason: 'authority-redirect' })
    expect(sent).toHaveLength(1)
  })

  it('L4 refuses a 307/308 that would re-send a body to another host, and follows one on the same host', async () => {
    for (const status of [307, 308]) {
      const { base, sent } = recording((request) =>
        new URL(request.url).pathname === '/api/data/v9.2/accounts'
          ? new Response(null, { status, headers: { location: `https://${AUTH}/drop` } })
          : new Response('{}'),
      )
      const failure = await failureOf(
        transport(base)(new Request(`https://${ORG}/api/data/v9.2/accounts`, { method: 'POST', body: '{"name":"x"}' })),
      )
      expect(failure.code).toBe('HOST_NOT_ALLOWED')
      expect(failure.details).toMatchObject({ reason: 'body-to-other-host', status })
      expect(sent).toHaveLength(1)
    }
    const { base, sent } = recording((request) =>
      new URL(request.url).pathname === '/old'
        ? new Response(null, { status: 308, headers: { location: `https://${ORG}/new` } })
        : new Response('{}'),
    )
    await transport(base)(new Request(`https://${ORG}/old`, { method: 'POST', body: 'payload' }))
    expect(sent.map((s) => [s.url, s.body])).toEqual([
      [`https://${ORG}/old`, 'payload'],
      [`https://${ORG}/new`, 'payload'],
    ])
  })
})

describe('L7: user info in a URL is refused and never logged', () => {
  it('L7 refuses a redirect to an address with user info before anything more is sent, without naming the credentials', async () => {
    const { base, sent } = recording(
      () => new Response(null, { status: 302, headers: { location: `https://admin:hunter2@${ORG}/next` } }),
    )
    const failure = await failureOf(transport(base)(new Request(`https://${ORG}/api/data/v9.2/accounts`)))
    expect(failure.code).toBe('HOST_NOT_ALLOWED')
    expect(failure.details).toMatchObject({ reason: 'user-info' })
    expect(JSON.stringify(failure.toAppError())).not.toMatch(/hunter2|admin/)
    expect(sent).toHaveLength(1)
  })

  it('L7 scrubs user:password from every URL in an error, its stack and its causes before logging', () => {
    const cause = Object.assign(
      new TypeError(
        'Request cannot be constructed from a URL that includes credentials: https://user:p4ss@contoso.crm.dynamics.com/x',
      ),
      { code: 'ERR_X' },
    )
    const error = new Error('failed on https://me:secret@contoso.crm.dynamics.com/api', { cause })
    const scrubbed = scrubForLog(error) as Error
    const text = [
      scrubbed.message,
      scrubbed.stack,
      (scrubbed.cause as Error).message,
      (scrubbed.cause as Error).stack,
    ].join('\n')
    expect(text).not.toMatch(/secret|p4ss|user:|me:/)
    expect(scrubbed.message).toBe('failed on https://[redacted]@contoso.crm.dynamics.com/api')
    expect((scrubbed.cause as { code?: string }).code).toBe('ERR_X')
    expect(scrubForLog({ url: 'https://a:b@host/x' })).toBe('{"url":"https://[redacted]@host/x"}')
    expect(withoutUrlCredentials('see https://contoso.crm.dynamics.com/a@b')).toBe(
      'see https://contoso.crm.dynamics.com/a@b',
    )
  })
})

describe('L3: response bodies are capped', () => {
  it('L3 stops a body past the cap with DATAVERSE_ERROR naming the size and suggesting $select/$top/page size, without reading the rest', async () => {
    const body = streamingBody(300 * 1024 * 1024)
    const timeline = new Timeline()
    const send = transport(async () => new Response(body.stream, { headers: { 'content-type': 'application/json' } }), {
      maxResponseBytes: 4 * 1024 * 1024,
      timeline,
    })
    const response = await send(new Request(`https://${ORG}/api/data/v9.2/accounts`))
    const failure = await failureOf(response.text())
    expect(failure.code).toBe('DATAVERSE_ERROR')
    expect(failure.message).toMatch(/more than the 4\.0 MB/)
    expect(failure.next).toMatch(/\$select/)
    expect(failure.next).toMatch(/\$top/)
    expect(failure.next).toMatch(/page size/)
    expect(failure.details).toMatchObject({ networkCode: 'RESPONSE_TOO_LARGE', limitBytes: 4 * 1024 * 1024 })
    expect(body.produced()).toBeLessThan(8 * 1024 * 1024)
    expect(timeline.entries()[0]).toMatchObject({ failure: 'DATAVERSE_ERROR' })
  })

  it('L3 refuses at once when Content-Length already says the body is too large', async () => {
    const body = streamingBody(10 * 1024 * 1024)
    const send = transport(
      async () => new Response(body.stream, { headers: { 'content-length': String(10 * 1024 * 1024) } }),
      { maxResponseBytes: 1024 * 1024 },
    )
    const failure = await failureOf((await send(new Request(`https://${ORG}/api/data/v9.2/accounts`))).arrayBuffer())
    expect(failure.message).toMatch(/was 10 MB, more than the 1\.0 MB/)
    expect(failure.details).toMatchObject({ declaredBytes: 10 * 1024 * 1024 })
    expect(body.produced()).toBeLessThanOrEqual(2 * 1024 * 1024)
  })

  it('L3 bounds the streamed $metadata too, with its own next step', async () => {
    const body = streamingBody(5 * 1024 * 1024)
    const send = transport(async () => new Response(body.stream, { headers: { 'content-type': 'application/xml' } }), {
      maxResponseBytes: 2 * 1024 * 1024,
    })
    const failure = await failureOf((await send(new Request(`https://${ORG}/api/data/v9.2/$metadata`))).text())
    expect(failure.code).toBe('DATAVERSE_ERROR')
    expect(failure.next).toMatch(/connection check/)
    expect(failure.next).not.toMatch(/\$top/)
  })

  it('L3 lets a per-call cap be tighter than the policy, never looser', async () => {
    const send = transport(async () => new Response(streamingBody(3 * 1024 * 1024).stream), {
      maxResponseBytes: 8 * 1024 * 1024,
    })
    expect(
      (await failureOf((await send(new Request(`https://${ORG}/a`), { maxResponseBytes: 1024 * 1024 })).text()))
        .details,
    ).toMatchObject({ limitBytes: 1024 * 1024 })
    const loose = transport(async () => new Response(streamingBody(3 * 1024 * 1024).stream), {
      maxResponseBytes: 1024 * 1024,
    })
    expect(
      (await failureOf((await loose(new Request(`https://${ORG}/a`), { maxResponseBytes: 64 * 1024 * 1024 })).text()))
        .details,
    ).toMatchObject({ limitBytes: 1024 * 1024 })
    const fits = await transport(async () => new Response(streamingBody(3 * 1024 * 1024).stream))(
      new Request(`https://${ORG}/a`),
    )
    expect((await fits.arrayBuffer()).byteLength).toBe(3 * 1024 * 1024)
  })
})
