import { beforeEach, describe, expect, it, vi } from 'vitest'
import { isAppFailure } from '@common/result'
import { createTransport } from '../../../../main/http/transport'
import { Timeline } from '../../../../main/http/timeline'

vi.mock('electron', () => import('./electron-mock'))

const electron = (await import('electron')) as unknown as typeof import('./electron-mock')
const { createNetFetch, NETWORK_PARTITION } = await import('../../../../main/electron/net-fetch')

const ORG = 'https://contoso.crm.dynamics.com'
const network = electron.session.fromPartition(NETWORK_PARTITION)
const netFetch = createNetFetch(network as unknown as Electron.Session)

beforeEach(() => {
  electron.net.requests.length = 0
  electron.net.request.mockClear()
  electron.net.server = (request) => void request.respond(200, { 'content-type': 'text/plain' }, 'ok')
})

describe('Electron net.request fetch', () => {
  it('M3 hands a redirect to the transport as a 3xx', async () => {
    electron.net.server = (request) => {
      if (String(request.options.url).includes('/old/'))
        request.redirect(302, `${ORG}/api/data/v9.2/WhoAmI`, { 'x-ms-service-request-id': ['r-1'] })
      else request.respond(200, { 'content-type': 'application/json' }, '{"UserId":"u"}')
    }
    const response = await netFetch(new Request(`${ORG}/old/WhoAmI`, { redirect: 'manual' }))
    expect(response.status).toBe(302)
    expect(response.headers.get('location')).toBe(`${ORG}/api/data/v9.2/WhoAmI`)
    expect(response.headers.get('x-ms-service-request-id')).toBe('r-1')
    const [first] = electron.net.requests
    expect(first?.options).toMatchObject({
      redirect: 'manual',
      credentials: 'omit',
      bypassCustomProtocolHandlers: true,
      session: network,
    })
    // The hop was not followed by Chromium: the request ended there.
    expect(first?.followRedirect).not.toHaveBeenCalled()
    expect(first?.abort).toHaveBeenCalled()

    const timeline = new Timeline()
    const transport = createTransport(netFetch, {
      orgHost: 'contoso.crm.dynamics.com',
      authorityHost: 'login.microsoftonline.com',
      timeline,
    })
    const followed = await transport(new Request(`${ORG}/old/WhoAmI`, { headers: { authorization: 'Bearer t' } }))
    expect(await followed.json()).toEqual({ UserId: 'u' })
    expect(timeline.entries().map((entry) => [entry.status, entry.url])).toEqual([
      [302, `${ORG}/old/WhoAmI`],
      [200, `${ORG}/api/data/v9.2/WhoAmI`],
    ])

    // A captive portal or proxy login page: refused by the transport's allow-list, nothing sent there.
    electron.net.requests.length = 0
    electron.net.server = (request) => request.redirect(302, 'https://portal.evil.example/login?next=dataverse')
    const failure = await transport(
      new Request(`${ORG}/api/data/v9.2/WhoAmI`, { headers: { authorization: 'Bearer secret-token' } }),
    ).catch((error: unknown) => error)
    expect(isAppFailure(failure) && failure.code).toBe('HOST_NOT_ALLOWED')
    expect(isAppFailure(failure) && failure.message).toContain('redirected to portal.evil.example')
    expect(electron.net.requests.map((request) => new URL(String(request.options.url)).host)).toEqual([
      'contoso.crm.dynamics.com',
    ])
  })

  it('sends method, headers and body, and streams the response body as it arrives', async () => {
    let message: import('./electron-mock').FakeIncomingMessage | undefined
    electron.net.server = (request) => {
      message = request.respond(201, { 'content-type': 'application/json', 'set-cookie': ['a=1', 'b=2'] })
      message.write('{"value":')
    }
    const response = await netFetch(
      new Request(`${ORG}/api/data/v9.2/accounts`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-custom': 'yes' },
        body: '{"name":"A"}',
      }),
    )
    const [request] = electron.net.requests
    expect(request?.options.method).toBe('POST')
    expect(request?.headers.get('x-custom')).toBe('yes')
    expect(Buffer.concat(request!.written).toString()).toBe('{"name":"A"}')
    expect(response.status).toBe(201)
    expect(response.headers.get('set-cookie')).toBe('a=1, b=2')
    const reader = response.body!.getReader()
    expect(new TextDecoder().decode((await reader.read()).value)).toBe('{"value":')
    message!.end('[]}')
    expect(new TextDecoder().decode((await reader.read()).value)).toBe('[]}')
    expect((await reader.read()).done).toBe(true)
  })

  it('gives a 204 no body and maps a Chromium error to the rejection the transport explains', async () => {
    electron.net.server = (request) => void request.respond(204, {})
    expect((await netFetch(new Request(`${ORG}/x`, { method: 'DELETE' }))).body).toBeNull()

    electron.net.server = (request) => request.emit('error', new Error('net::ERR_NAME_NOT_RESOLVED'))
    const transport = createTransport(netFetch, { orgHost: 'contoso.crm.dynamics.com', authorityHost: null })
    const failure = await transport(new Request(`${ORG}/x`)).catch((error: unknown) => error)
    expect(isAppFailure(failure) && failure.code).toBe('NETWORK_ERROR')
    expect(isAppFailure(failure) && failure.message).toContain('contoso.crm.dynamics.com')
  })

  it('aborts the Chromium request when the caller cancels, before and during the body', async () => {
    electron.net.server = () => undefined
    const before = new AbortController()
    const pending = netFetch(new Request(`${ORG}/slow`, { signal: before.signal }))
    await vi.waitFor(() => expect(electron.net.requests).toHaveLength(1))
    before.abort(new DOMException('stop', 'AbortError'))
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' })
    expect(electron.net.requests[0]?.abort).toHaveBeenCalled()

    electron.net.server = (request) => void request.respond(200, {}).write('part')
    const during = new AbortController()
    const response = await netFetch(new Request(`${ORG}/stream`, { signal: during.signal }))
    const reader = response.body!.getReader()
    await reader.read()
    during.abort(new DOMException('stop', 'AbortError'))
    await expect(reader.read()).rejects.toMatchObject({ name: 'AbortError' })
    expect(electron.net.requests[1]?.abort).toHaveBeenCalled()
  })
})
