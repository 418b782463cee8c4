import { describe, expect, it } from 'vitest'
import { Timeline } from '../../../../main/http/timeline'
import { createTransport, parseRetryAfter } from '../../../../main/http/transport'
import type { FetchLike, TransportPolicy } from '../../../../main/http/types'
import { failureOf } from '../../../support/failure-of'

const ORG = 'contoso.crm.dynamics.com'
const AUTH = 'login.microsoftonline.com'
const TENANT = '4c192492-e19d-4369-b4be-84470eb0844d'

/** A base fetch that records what reached the "wire" and answers from a function. */
function recordingBase(
  answer: (request: Request) => Response | Promise<Response> = () => new Response('{}', { status: 200 }),
) {
  const sent: Array<{ method: string; url: string; authorization: string | null; body: string }> = []
  const base: FetchLike = async (request) => {
    sent.push({
      method: request.method,
      url: request.url,
      authorization: request.headers.get('authorization'),
      body: await request.clone().text(),
    })
    return answer(request)
  }
  return { base, sent }
}

function transport(base: FetchLike, policy: Partial<TransportPolicy> = {}) {
  return createTransport(base, { orgHost: ORG, authorityHost: AUTH, ...policy })
}

describe('host allow-list', () => {
  it('sends to the org host and the authority host', async () => {
    const { base, sent } = recordingBase()
    const send = transport(base)
    await send(new Request(`https://${ORG}/api/data/v9.2/WhoAmI`))
    await send(new Request(`https://${AUTH}/${TENANT}/v2.0/.well-known/openid-configuration`))
    expect(sent.map((s) => new URL(s.url).host)).toEqual([ORG, AUTH])
  })

  it('refuses any other host before sending, and plain http even to the org host', async () => {
    const { base, sent } = recordingBase()
    const send = transport(base)
    const other = await failureOf(
      send(
        new Request('https://evil.example.com/api/data/v9.2/accounts', { headers: { authorization: 'Bearer abc' } }),
      ),
    )
    expect(other.code).toBe('HOST_NOT_ALLOWED')
    expect(other.message).toContain('evil.example.com')
    expect(other.next.length).toBeGreaterThan(10)
    expect((await failureOf(send(new Request(`http://${ORG}/api/data/v9.2/`)))).code).toBe('HOST_NOT_ALLOWED')
    expect(sent).toHaveLength(0)
  })

  it('treats a different port as a different host', async () => {
    const { base, sent } = recordingBase()
    const send = createTransport(base, { orgHost: '127.0.0.1:8443', authorityHost: '127.0.0.1:9443' })
    expect((await failureOf(send(new Request('https://127.0.0.1:9999/x')))).code).toBe('HOST_NOT_ALLOWED')
    expect(sent).toHaveLength(0)
  })

  it('follows a redirect within the allowed hosts, dropping Authorization when the host changes', async () => {
    const { base, sent } = recordingBase((request) =>
      new URL(request.url).pathname === '/old'
        ? new Response(null, { status: 307, headers: { location: `https://${AUTH}/new` } })
        : new Response('done'),
    )
    const response = await transport(base)(
      new Request(`https://${ORG}/old`, { headers: { authorization: 'Bearer t0ken' } }),
    )
    expect(await response.text()).toBe('done')
    expect(sent.map((s) => [s.url, s.authorization])).toEqual([
      [`https://${ORG}/old`, 'Bearer t0ken'],
      [`https://${AUTH}/new`, null],
    ])
  })

  it('refuses a redirect to another host: the second request is never sent', async () => {
    const { base, sent } = recordingBase(
      () => new Response(null, { status: 302, headers: { location: 'https://attacker.example.net/steal' } }),
    )
    const failure = await failureOf(
      transport(base)(
        new Request(`https://${ORG}/api/data/v9.2/accounts`, { headers: { authorization: 'Bearer t0ken' } }),
      ),
    )
    expect(failure.code).toBe('HOST_NOT_ALLOWED')
    expect(failure.message).toMatch(/redirected to attacker\.example\.net/)
    expect(sent).toHaveLength(1)
  })
})

describe('read-only guard', () => {
  const cases: ReadonlyArray<readonly [string, string, string, string | null, boolean]> = [
    ['GET to Dataverse', 'GET', `https://${ORG}/api/data/v9.2/accounts`, null, true],
    ['HEAD to Dataverse', 'HEAD', `https://${ORG}/api/data/v9.2/accounts`, null, true],
    ['the token POST', 'POST', `https://${AUTH}/${TENANT}/oauth2/v2.0/token`, 'grant_type=client_credentials', true],
    ['the v1 token POST', 'POST', `https://${AUTH}/${TENANT}/oauth2/token`, 'grant_type=client_credentials', true],
    [
      'a $batch of GETs',
      'POST',
      `https://${ORG}/api/data/v9.2/$batch`,
      '--batch_1\r\nContent-Type: application/http\r\n\r\nGET accounts?$top=1 HTTP/1.1\r\n\r\n--batch_1\r\nContent-Type: application/http\r\n\r\nGET contacts HTTP/1.1\r\n\r\n--batch_1--',
      true,
    ],
    ['PATCH', 'PATCH', `https://${ORG}/api/data/v9.2/accounts(1)`, '{"name":"x"}', false],
    ['POST create', 'POST', `https://${ORG}/api/data/v9.2/accounts`, '{"name":"x"}', false],
    ['DELETE', 'DELETE', `https://${ORG}/api/data/v9.2/accounts(1)`, null, false],
    ['PUT', 'PUT', `https://${ORG}/api/data/v9.2/accounts(1)/name`, '{"value":"x"}', false],
    [
      'a $batch with a change set',
      'POST',
      `https://${ORG}/api/data/v9.2/$batch`,
      '--batch_1\r\nContent-Type: multipart/mixed; boundary=changeset_2\r\n\r\n--changeset_2\r\nContent-Type: application/http\r\n\r\nGET accounts HTTP/1.1\r\n\r\n--changeset_2--\r\n--batch_1--',
      false,
    ],
    [
      'a $batch with a DELETE',
      'POST',
      `https://${ORG}/api/data/v9.2/$batch`,
      '--batch_1\r\nContent-Type: application/http\r\n\r\nGET accounts HTTP/1.1\r\n\r\n--batch_1\r\nContent-Type: application/http\r\n\r\nDELETE accounts(1) HTTP/1.1\r\n\r\n--batch_1--',
      false,
    ],
    ['an empty $batch', 'POST', `https://${ORG}/api/data/v9.2/$batch`, '', false],
    [
      'a POST to the authority that is not the token endpoint',
      'POST',
      `https://${AUTH}/${TENANT}/oauth2/v2.0/devicecode`,
      'x=1',
      false,
    ],
  ]

  it.each(cases)('%s: allowed=%s', async (_name, method, url, body, allowed) => {
    const { base, sent } = recordingBase()
    const send = transport(base, { readOnly: true })
    const batch = url.endsWith('$batch') ? { headers: { 'content-type': 'multipart/mixed; boundary=batch_1' } } : {}
    const request = new Request(url, { method, ...batch, ...(body !== null ? { body } : {}) })
    if (allowed) {
      await send(request)
      expect(sent).toHaveLength(1)
    } else {
      const failure = await failureOf(send(request))
      expect(failure.code).toBe('READ_ONLY')
      expect(failure.message).toContain('read-only')
      expect(failure.next).toMatch(/Read-only/)
      expect(sent).toHaveLength(0)
    }
  })

  it('lets writes through on a connection that is not read-only', async () => {
    const { base, sent } = recordingBase()
    await transport(base, { readOnly: false })(
      new Request(`https://${ORG}/api/data/v9.2/accounts(1)`, { method: 'PATCH', body: '{}' }),
    )
    expect(sent.map((s) => s.method)).toEqual(['PATCH'])
  })

  it('re-checks after a redirect that turns into a write', async () => {
    const { base, sent } = recordingBase(
      () => new Response(null, { status: 307, headers: { location: `https://${ORG}/api/data/v9.2/accounts` } }),
    )
    const send = transport(base, { readOnly: true })
    const batch = '--batch_1\r\nContent-Type: application/http\r\n\r\nGET accounts HTTP/1.1\r\n\r\n--batch_1--'
    const headers = { 'content-type': 'multipart/mixed; boundary=batch_1' }
    const failure = await failureOf(
      send(new Request(`https://${ORG}/api/data/v9.2/$batch`, { method: 'POST', headers, body: batch })),
    )
    expect(failure.code).toBe('READ_ONLY')
    expect(sent).toHaveLength(1)
  })
})

describe('429 handling', () => {
  it('waits out Retry-After, counting down, then resends the same body', async () => {
    let calls = 0
    const { base, sent } = recordingBase(() =>
      ++calls === 1
        ? new Response('{"error":{"code":"0x80072322"}}', { status: 429, headers: { 'retry-after': '1' } })
        : new Response('ok'),
    )
    const countdown: number[] = []
    const started = Date.now()
    const response = await transport(base)(
      new Request(`https://${ORG}/api/data/v9.2/$batch`, { method: 'POST', body: 'payload' }),
      {
        onThrottle: (left) => countdown.push(left),
      },
    )
    expect(response.status).toBe(200)
    expect(Date.now() - started).toBeGreaterThanOrEqual(950)
    expect(countdown).toEqual([1, 0])
    expect(sent.map((s) => s.body)).toEqual(['payload', 'payload'])
  })

  it('hands back the 429 when Retry-After is beyond the budget', async () => {
    const { base, sent } = recordingBase(() => new Response('{}', { status: 429, headers: { 'retry-after': '600' } }))
    const response = await transport(base, { throttle: { maxWaitSeconds: 60 } })(
      new Request(`https://${ORG}/api/data/v9.2/accounts`),
    )
    expect(response.status).toBe(429)
    expect(sent).toHaveLength(1)
  })

  it('stops after maxRetries', async () => {
    const { base, sent } = recordingBase(() => new Response('{}', { status: 429, headers: { 'retry-after': '0' } }))
    const response = await transport(base, { throttle: { maxRetries: 2 } })(
      new Request(`https://${ORG}/api/data/v9.2/accounts`),
    )
    expect(response.status).toBe(429)
    expect(sent).toHaveLength(3)
  })

  it('can be cancelled during the wait', async () => {
    const { base } = recordingBase(() => new Response('{}', { status: 429, headers: { 'retry-after': '30' } }))
    const controller = new AbortController()
    const pending = transport(base)(
      new Request(`https://${ORG}/api/data/v9.2/accounts`, { signal: controller.signal }),
      {
        onThrottle: (left) => left === 30 && controller.abort(),
      },
    )
    expect((await failureOf(pending)).code).toBe('CANCELLED')
  })

  it('reads Retry-After as seconds or as an HTTP date', () => {
    expect(parseRetryAfter('42')).toBe(42)
    expect(parseRetryAfter('1.2')).toBe(2)
    expect(parseRetryAfter(new Date(Date.now() + 5000).toUTCString())).toBeGreaterThanOrEqual(4)
    expect(parseRetryAfter('soon')).toBeNull()
    expect(parseRetryAfter(null)).toBeNull()
  })
})

describe('concurrency, timeouts and cancellation', () => {
  it('keeps at most N requests waiting for headers at once', async () => {
    let inFlight = 0
    let peak = 0
    const base: FetchLike = async () => {
      inFlight++
      peak = Math.max(peak, inFlight)
      await new Promise((resolve) => setTimeout(resolve, 30))
      inFlight--
      return new Response('x')
    }
    const send = transport(base, { maxConcurrent: 2 })
    const responses = await Promise.all(
      Array.from({ length: 7 }, () => send(new Request(`https://${ORG}/api/data/v9.2/accounts`))),
    )
    expect(responses.every((response) => response.status === 200)).toBe(true)
    expect(peak).toBe(2)
  })

  it('gives up after the total timeout with a NETWORK_ERROR naming the host', async () => {
    const base: FetchLike = (request) =>
      new Promise((_resolve, reject) => request.signal.addEventListener('abort', () => reject(request.signal.reason)))
    const failure = await failureOf(
      transport(base, { totalTimeoutMs: 50 })(new Request(`https://${ORG}/api/data/v9.2/accounts`)),
    )
    expect(failure.code).toBe('NETWORK_ERROR')
    expect(failure.message).toContain(ORG)
    expect(failure.details?.networkCode).toBe('TOTAL_TIMEOUT')
  })

  it('reports the caller cancelling as CANCELLED', async () => {
    const base: FetchLike = (request) =>
      new Promise((_resolve, reject) => {
        if (request.signal.aborted) reject(request.signal.reason)
        request.signal.addEventListener('abort', () => reject(request.signal.reason))
      })
    const controller = new AbortController()
    const pending = transport(base)(new Request(`https://${ORG}/api/data/v9.2/accounts`, { signal: controller.signal }))
    controller.abort()
    expect((await failureOf(pending)).code).toBe('CANCELLED')
  })
})

describe('timeline', () => {
  const SECRET = 'Zx8Q~realLookingSecretValue.AbCdEfGhIjKlMnOp'
  const TOKEN =
    'eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJodHRwczovL2NvbnRvc28uY3JtLmR5bmFtaWNzLmNvbSJ9.c2lnbmF0dXJlLXNpZ25hdHVyZQ'
  const ASSERTION = 'eyJhbGciOiJQUzI1NiIsIng1dCNTMjU2IjoiYWJjIn0.eyJpc3MiOiJhcHAifQ.YXNzZXJ0aW9uLXNpZ25hdHVyZQ'

  it('records method, URL, status, sizes, timings and the request id — and never a secret, token or assertion', async () => {
    const timeline = new Timeline()
    const { base } = recordingBase((request) =>
      new URL(request.url).host === AUTH
        ? Response.json({ token_type: 'Bearer', expires_in: 3599, access_token: TOKEN })
        : new Response('{"value":[]}', {
            headers: { 'x-ms-service-request-id': 'req-123', 'content-type': 'application/json' },
          }),
    )
    const send = transport(base, { timeline, connectionId: 'c1' })
    const token = await send(
      new Request(`https://${AUTH}/${TENANT}/oauth2/v2.0/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: `client_id=abc&client_secret=${encodeURIComponent(SECRET)}&client_assertion=${ASSERTION}&scope=https%3A%2F%2F${ORG}%2F.default`,
      }),
    )
    expect(await token.text()).toContain(TOKEN)
    const data = await send(
      new Request(
        `https://${ORG}/api/data/v9.2/accounts?$select=name&$skiptoken=%3Ccookie%20page%3D%222%22%3E&access_token=${TOKEN}&client_secret=${SECRET}&sig=abc123&code=xyz`,
        {
          headers: { authorization: `Bearer ${TOKEN}` },
        },
      ),
    )
    await data.text()

    const entries = timeline.entries({ connectionId: 'c1' })
    expect(entries).toHaveLength(2)
    const [tokenEntry, dataEntry] = entries
    expect(tokenEntry).toMatchObject({ kind: 'authority', method: 'POST', status: 200, attempt: 1 })
    expect(tokenEntry?.requestBytes).toBeGreaterThan(100)
    expect(dataEntry).toMatchObject({
      kind: 'dataverse',
      method: 'GET',
      status: 200,
      requestId: 'req-123',
      responseBytes: 12,
    })
    expect(dataEntry?.ttfbMs).toBeGreaterThanOrEqual(0)
    expect(dataEntry?.totalMs).toBeGreaterThanOrEqual(dataEntry?.ttfbMs ?? 0)
    expect(dataEntry?.url).toContain('$select=name')
    expect(dataEntry?.url).toContain('$skiptoken=%3Ccookie')
    expect(dataEntry?.url).toContain('access_token=[redacted]')
    expect(dataEntry?.url).toContain('sig=[redacted]')

    const everything = JSON.stringify(timeline.entries())
    for (const leak of [SECRET, encodeURIComponent(SECRET), TOKEN, ASSERTION, 'xyz', 'abc123'])
      expect(everything).not.toContain(leak)
    // By construction: no entry has a field that could carry headers or bodies.
    expect(Object.keys(dataEntry ?? {}).sort()).toEqual(
      [
        'attempt',
        'connectionId',
        'correlationId',
        'failure',
        'id',
        'kind',
        'method',
        'requestBytes',
        'requestId',
        'responseBytes',
        'startedAt',
        'status',
        'totalMs',
        'traceId',
        'ttfbMs',
        'url',
      ].sort(),
    )
  })

  it('keeps the correlation and trace ids of a token error, nothing else from its body', async () => {
    const timeline = new Timeline()
    const { base } = recordingBase(() =>
      Response.json(
        {
          error: 'invalid_client',
          error_description: 'AADSTS7000215: Invalid client secret provided.',
          trace_id: 'trace-1',
          correlation_id: 'corr-1',
        },
        { status: 401 },
      ),
    )
    const response = await transport(base, { timeline })(
      new Request(`https://${AUTH}/${TENANT}/oauth2/v2.0/token`, { method: 'POST', body: 'x=1' }),
    )
    await response.text()
    await new Promise((resolve) => setTimeout(resolve, 10))
    expect(timeline.entries()[0]).toMatchObject({ status: 401, correlationId: 'corr-1', traceId: 'trace-1' })
  })

  it('records a request that failed before any response, and each attempt after a 429', async () => {
    const timeline = new Timeline()
    let calls = 0
    const base: FetchLike = async () => {
      calls++
      if (calls === 1) return new Response('', { status: 429, headers: { 'retry-after': '0' } })
      if (calls === 2) return new Response('ok')
      throw Object.assign(new TypeError('fetch failed'), {
        cause: Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' }),
      })
    }
    const send = transport(base, { timeline })
    await (await send(new Request(`https://${ORG}/a`))).text()
    await failureOf(send(new Request(`https://${ORG}/b`)))
    expect(timeline.entries().map((e) => [e.status, e.attempt, e.failure])).toEqual([
      [429, 1, null],
      [200, 2, null],
      [null, 1, 'NETWORK_ERROR'],
    ])
  })
})
