import { describe, expect, it } from 'vitest'
import { createDataverseClient, type TokenSource } from '../../../../main/dataverse/client'
import { createTransport } from '../../../../main/http/transport'
import type { FetchLike } from '../../../../main/http/types'
import { failureOf } from '../../../support/failure-of'

const ORG = 'https://contoso.crm.dynamics.com'

function setup(answer: (request: Request) => Response, options: { readOnly?: boolean; maxBodyBytes?: number } = {}) {
  const sent: Request[] = []
  const base: FetchLike = async (request) => {
    sent.push(request.clone())
    return answer(request)
  }
  const transport = createTransport(base, {
    orgHost: 'contoso.crm.dynamics.com',
    authorityHost: 'login.microsoftonline.com',
    readOnly: options.readOnly ?? false,
  })
  const tokenCalls: Array<boolean | undefined> = []
  let n = 0
  const tokens: TokenSource = async (tokenOptions) => {
    tokenCalls.push(tokenOptions.forceRefresh)
    return { accessToken: `token-${++n}`, expiresOn: new Date(Date.now() + 3600_000), fromCache: false }
  }
  const client = createDataverseClient({
    connection: { orgUrl: ORG, apiVersion: '9.2' },
    transport,
    tokens,
    maxBodyBytes: options.maxBodyBytes,
  })
  return { client, sent, tokenCalls }
}

describe('Dataverse client', () => {
  it('resolves paths against the Web API base and adds the bearer token and the OData headers', async () => {
    const { client, sent } = setup(() =>
      Response.json({ value: [] }, { headers: { 'x-ms-service-request-id': 'req-1', 'odata-version': '4.0' } }),
    )
    const response = await client.request({ path: 'contacts?$top=3&$select=fullname' })
    expect(response).toMatchObject({ status: 200, body: { value: [] }, requestId: 'req-1', bytes: 12 })
    expect(response.headers['odata-version']).toBe('4.0')
    expect(response.timings.totalMs).toBeGreaterThanOrEqual(response.timings.ttfbMs)
    const request = sent[0]!
    expect(request.url).toBe(`${ORG}/api/data/v9.2/contacts?$top=3&$select=fullname`)
    expect(Object.fromEntries(request.headers)).toMatchObject({
      authorization: 'Bearer token-1',
      accept: 'application/json',
      'odata-maxversion': '4.0',
      'odata-version': '4.0',
      'if-none-match': 'null',
    })
  })

  it('accepts an absolute nextLink on the org host and refuses any other host before asking for a token', async () => {
    const { client, sent, tokenCalls } = setup(() => Response.json({ value: [] }))
    await client.request({ path: `${ORG}/api/data/v9.2/accounts?$skiptoken=abc` })
    expect(sent[0]?.url).toBe(`${ORG}/api/data/v9.2/accounts?$skiptoken=abc`)
    const failure = await failureOf(
      client.request({ path: 'https://fabrikam.crm4.dynamics.com/api/data/v9.2/accounts?$skiptoken=abc' }),
    )
    expect(failure.code).toBe('HOST_NOT_ALLOWED')
    expect(failure.message).toContain('fabrikam.crm4.dynamics.com')
    expect(sent).toHaveLength(1)
    expect(tokenCalls).toHaveLength(1)
  })

  it('sends a JSON body with its content type', async () => {
    const { client, sent } = setup(() => new Response(null, { status: 204 }))
    const response = await client.request({ method: 'PATCH', path: 'accounts(1)', body: { name: 'Contoso' } })
    expect(response.status).toBe(204)
    expect(response.body).toBeNull()
    expect(sent[0]?.headers.get('content-type')).toBe('application/json')
    expect(await sent[0]?.text()).toBe('{"name":"Contoso"}')
  })

  it('maps a Dataverse error body to DATAVERSE_ERROR keeping status, code and the raw message', async () => {
    const message =
      "Principal user (Id=abc, type=8, roleCount=1, privilegeCount=120, accessMode=4), is missing prvReadAccount privilege (Id=def) on OTC=1 for entity 'account'."
    const { client } = setup(() =>
      Response.json(
        { error: { code: '0x80040220', message } },
        { status: 403, headers: { 'x-ms-service-request-id': 'req-403' } },
      ),
    )
    const failure = await failureOf(client.request({ path: 'accounts' }))
    expect(failure.code).toBe('DATAVERSE_ERROR')
    expect(failure.details).toMatchObject({ status: 403, code: '0x80040220', message, requestId: 'req-403' })
    expect(failure.explanation).toMatch(/application user/)
  })

  it('retries once with a fresh token after a 401', async () => {
    let calls = 0
    const { client, tokenCalls } = setup(() =>
      ++calls === 1 ? new Response(null, { status: 401 }) : Response.json({ UserId: 'u' }),
    )
    const response = await client.request({ path: 'WhoAmI' })
    expect(response.body).toEqual({ UserId: 'u' })
    expect(tokenCalls).toEqual([false, true])
  })

  it('turns a 429 past the transport budget into THROTTLED with the wait', async () => {
    const { client } = setup(() =>
      Response.json(
        {
          error: {
            code: '0x80072322',
            message: 'Number of requests exceeded the limit of 6000 over time window of 300 seconds.',
          },
        },
        { status: 429, headers: { 'retry-after': '900' } },
      ),
    )
    const failure = await failureOf(client.request({ path: 'accounts' }))
    expect(failure.code).toBe('THROTTLED')
    expect(failure.next).toContain('900 seconds')
    expect(failure.details).toMatchObject({ status: 429, code: '0x80072322', retryAfter: '900' })
  })

  it('reads a body that arrives in many chunks like Response.text() would, counting its bytes on the wire', async () => {
    const json = JSON.stringify({ value: [{ name: 'Zoë Ørsted 東京 🚀', n: 1 }, { name: 'x'.repeat(5000) }] })
    const bytes = new TextEncoder().encode(json)
    // Split inside multi-byte characters on purpose: the decoder must join the bytes before decoding.
    const cuts = [0, 13, 14, 15, 27, 28, 300, bytes.length]
    const chunked = () =>
      new ReadableStream<Uint8Array>({
        start(controller) {
          for (let i = 0; i + 1 < cuts.length; i++) controller.enqueue(bytes.slice(cuts[i], cuts[i + 1]))
          controller.close()
        },
      })
    const { client } = setup(
      () => new Response(chunked(), { headers: { 'content-type': 'application/json; charset=utf-8' } }),
    )
    const response = await client.request({ path: 'accounts' })
    expect(response.text).toBe(await new Response(chunked()).text())
    expect(response.text).toBe(json)
    expect(response.body).toEqual(JSON.parse(json))
    expect(response.bytes).toBe(bytes.byteLength)
    expect(response.bytes).toBeGreaterThan(json.length)
  })

  it('drops a UTF-8 byte order mark and replaces malformed bytes, as Response.text() does', async () => {
    const raw = new Uint8Array([
      0xef,
      0xbb,
      0xbf,
      ...new TextEncoder().encode('{"a":"'),
      0xff,
      ...new TextEncoder().encode('"}'),
    ])
    const { client } = setup(() => new Response(raw.slice(), { headers: { 'content-type': 'application/json' } }))
    const response = await client.request({ path: 'accounts' })
    expect(response.text).toBe(await new Response(raw.slice()).text())
    expect(response.body).toEqual({ a: '\uFFFD' })
    expect(response.bytes).toBe(raw.byteLength)
  })

  it('refuses a write on a read-only connection before sending it', async () => {
    const { client, sent } = setup(() => new Response(null, { status: 204 }), { readOnly: true })
    expect((await failureOf(client.request({ method: 'DELETE', path: 'accounts(1)' }))).code).toBe('READ_ONLY')
    expect(sent).toHaveLength(0)
  })

  it('L7 refuses a nextLink with user info as HOST_NOT_ALLOWED before asking for a token, never repeating the credentials', async () => {
    const { client, sent, tokenCalls } = setup(() => Response.json({ value: [] }))
    for (const path of [
      'https://user@contoso.crm.dynamics.com/api/data/v9.2/accounts',
      'https://admin:hunter2@contoso.crm.dynamics.com/api/data/v9.2/accounts?$skiptoken=a',
    ]) {
      const failure = await failureOf(client.request({ path }))
      expect(failure.code).toBe('HOST_NOT_ALLOWED')
      expect(failure.message).toContain('contoso.crm.dynamics.com')
      expect(failure.message).toMatch(/user name or password/)
      expect(JSON.stringify(failure.toAppError())).not.toMatch(/hunter2|admin|user@contoso/)
    }
    expect(sent).toHaveLength(0)
    expect(tokenCalls).toHaveLength(0)
  })

  it('L7 answers a malformed absolute URL with INVALID_INPUT that does not echo it', async () => {
    const { client } = setup(() => Response.json({}))
    const failure = await failureOf(client.request({ path: 'https://admin:hunter2@[contoso/api' }))
    expect(failure.code).toBe('INVALID_INPUT')
    expect(JSON.stringify(failure.toAppError())).not.toContain('hunter2')
  })

  it('L3 stops reading a body past the cap with DATAVERSE_ERROR naming the size and suggesting $select/$top/page size', async () => {
    let produced = 0
    const huge = () =>
      new ReadableStream<Uint8Array>({
        pull(controller) {
          if (produced >= 16 * 1024 * 1024) return controller.close()
          produced += 65536
          controller.enqueue(new Uint8Array(65536).fill(0x20))
        },
      })
    const { client } = setup(() => new Response(huge(), { headers: { 'content-type': 'application/json' } }), {
      maxBodyBytes: 1024 * 1024,
    })
    const failure = await failureOf(client.request({ path: 'accounts' }))
    expect(failure.code).toBe('DATAVERSE_ERROR')
    expect(failure.message).toMatch(/1\.0 MB/)
    expect(failure.next).toMatch(/\$select.*\$top.*page size/)
    expect(produced).toBeLessThan(4 * 1024 * 1024)
  })

  it('L3 caps bodies at 64 MiB by default, also when the transport it is given enforces nothing', async () => {
    const { DEFAULT_MAX_BODY_BYTES } = await import('../../../../main/dataverse/client')
    expect(DEFAULT_MAX_BODY_BYTES).toBe(64 * 1024 * 1024)
    const chunk = new Uint8Array(8 * 1024 * 1024).fill(0x20)
    let produced = 0
    const bare = Object.assign(
      async () =>
        new Response(
          new ReadableStream<Uint8Array>({
            pull(controller) {
              if (produced >= 72 * 1024 * 1024) return controller.close()
              produced += chunk.byteLength
              controller.enqueue(chunk)
            },
          }),
        ),
      {
        policy: createTransport(async () => new Response(), {
          orgHost: 'contoso.crm.dynamics.com',
          authorityHost: null,
        }).policy,
      },
    )
    const client = createDataverseClient({
      connection: { orgUrl: ORG, apiVersion: '9.2' },
      transport: bare,
      tokens: async () => ({ accessToken: 't', expiresOn: new Date(Date.now() + 60_000), fromCache: true }),
    })
    const failure = await failureOf(client.request({ path: 'accounts' }))
    expect(failure.message).toMatch(/64 MB/)
    expect(produced).toBeLessThanOrEqual(80 * 1024 * 1024)
  })
})
