import { createServer, type Server } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { createNodeFetch } from '../../../../main/http/node-fetch'
import { createTransport } from '../../../../main/http/transport'

/** A proxy that is reachable but refuses every tunnel with `status`, counting the CONNECTs. */
async function refusingProxy(status: number, reason: string) {
  const sockets = new Set<Socket>()
  const counts = { connects: 0 }
  const server: Server = createServer((_request, response) => response.writeHead(405).end())
  server.on('connect', (_request, client: Socket) => {
    counts.connects++
    sockets.add(client)
    client.end(`HTTP/1.1 ${status} ${reason}\r\nContent-Length: 0\r\n\r\n`)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    url,
    counts,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy()
        server.close(() => resolve())
      }),
  }
}

describe('a proxy that refuses the tunnel', () => {
  const closers: (() => Promise<void>)[] = []
  afterEach(async () => {
    for (const close of closers.splice(0)) await close()
  })

  it('fails once, naming the status, the proxy and the destination, and is not asked again', async () => {
    const proxy = await refusingProxy(502, 'Bad Gateway')
    closers.push(proxy.close)
    const fetch = createNodeFetch({ proxyUrl: proxy.url, noProxy: '' })
    closers.push(() => fetch.close())
    const transport = createTransport(fetch, { orgHost: 'contoso.crm.dynamics.com', authorityHost: null })
    const started = performance.now()
    await expect(transport(new Request('https://contoso.crm.dynamics.com/api/data/v9.2/WhoAmI'))).rejects.toMatchObject(
      {
        code: 'NETWORK_ERROR',
        message: `The proxy ${proxy.url} answered 502 when asked to tunnel to contoso.crm.dynamics.com:443.`,
        explanation: expect.stringContaining('reachable'),
        next: expect.stringContaining('allow CONNECT to contoso.crm.dynamics.com:443'),
        details: { proxy: proxy.url, proxyStatus: 502, networkCode: 'PROXY_502' },
      },
    )
    expect(performance.now() - started).toBeLessThan(5000)
    // Nothing keeps trying in the background.
    await new Promise((resolve) => setTimeout(resolve, 1500))
    expect(proxy.counts.connects).toBe(1)
  })

  it('says that a 407 needs proxy credentials', async () => {
    const proxy = await refusingProxy(407, 'Proxy Authentication Required')
    closers.push(proxy.close)
    const fetch = createNodeFetch({ proxyUrl: proxy.url, noProxy: '' })
    closers.push(() => fetch.close())
    await expect(fetch(new Request('https://contoso.crm.dynamics.com/'))).rejects.toMatchObject({
      details: { proxyStatus: 407 },
      explanation: expect.stringContaining('sign in'),
    })
  })
})
