/**
 * A real HTTPS server on 127.0.0.1 that hands each request to a fetch-style handler. Used for
 * transport and sign-in tests over real TLS with a generated CA.
 */
import type { IncomingMessage } from 'node:http'
import { createServer } from 'node:https'
import type { AddressInfo } from 'node:net'
import type { KeyAndCert } from './pki'

export type Handler = (request: Request) => Response | Promise<Response>

export interface TestServer {
  /** https://127.0.0.1:<port> */
  readonly origin: string
  /** 127.0.0.1:<port> */
  readonly host: string
  readonly port: number
  close(): Promise<void>
}

async function toRequest(message: IncomingMessage, origin: string): Promise<Request> {
  const headers = new Headers()
  for (const [name, value] of Object.entries(message.headers)) {
    if (value === undefined) continue
    for (const item of Array.isArray(value) ? value : [value]) headers.append(name, item)
  }
  const method = message.method ?? 'GET'
  let body: Buffer | undefined
  if (method !== 'GET' && method !== 'HEAD') {
    const chunks: Buffer[] = []
    for await (const chunk of message) chunks.push(chunk as Buffer)
    body = Buffer.concat(chunks)
  }
  return new Request(`${origin}${message.url ?? '/'}`, { method, headers, body })
}

export async function serveHttps(handler: Handler, tls: KeyAndCert): Promise<TestServer> {
  let origin = ''
  const server = createServer({ key: tls.key, cert: tls.cert }, (message, reply) => {
    void (async () => {
      try {
        const response = await handler(await toRequest(message, origin))
        const headers: Record<string, string> = {}
        response.headers.forEach((value, name) => {
          headers[name] = value
        })
        reply.writeHead(response.status, headers)
        if (response.body) {
          for await (const chunk of response.body) reply.write(chunk)
        }
        reply.end()
      } catch (error) {
        reply.writeHead(500, { 'content-type': 'text/plain' }).end(String(error))
      }
    })()
  })
  // TLS failures on the client side show up here as socket errors; they are the point of some tests.
  server.on('tlsClientError', () => undefined)
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
  const { port } = server.address() as AddressInfo
  origin = `https://127.0.0.1:${port}`
  return {
    origin,
    host: `127.0.0.1:${port}`,
    port,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections()
        server.close(() => done())
      }),
  }
}
