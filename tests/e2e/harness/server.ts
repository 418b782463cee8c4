/**
 * Test-only stand-in for Electron's main process: serves the built renderer and forwards each
 * bridge call to the real main/ipc/api.ts handler table through the real dispatcher. Bound to
 * 127.0.0.1, guarded by a random token, never shipped. Every message that crosses the bridge is
 * recorded so tests can assert what the renderer was (and was not) given.
 */
import { randomBytes } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { extname, resolve, sep } from 'node:path'
import { bridgeListenerName, bridgeMethodName, channelNames, eventNames, type EventName } from '@common/contract'
import { bindServiceEvents } from '../../../main/app/events'
import { createApi } from '../../../main/ipc/api'
import { dispatch } from '../../../main/ipc/dispatch'
import { CONTENT_SECURITY_POLICY } from '../../../main/electron/csp'
import type { Services } from '../../../main/app/create-services'
import type { ShimConfig } from './shim'

export interface BridgeMessage {
  readonly kind: 'call' | 'result' | 'event'
  readonly name: string
  readonly body: unknown
}

export interface Harness {
  readonly url: string
  readonly shim: ShimConfig
  readonly messages: BridgeMessage[]
  /** Every byte that crossed the bridge, for "this secret never reached the renderer" checks. */
  transcript(): string
  close(): Promise<void>
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.ttf': 'font/ttf',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of request) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}

export async function startHarness(options: { rendererRoot: string; services: Services }): Promise<Harness> {
  const token = randomBytes(24).toString('hex')
  const api = createApi()
  const root = resolve(options.rendererRoot)
  const messages: BridgeMessage[] = []
  const streams = new Set<ServerResponse>()
  let closing = false

  const send = (event: EventName, payload: unknown) => {
    messages.push({ kind: 'event', name: event, body: payload })
    const frame = `data: ${JSON.stringify({ event, payload })}\n\n`
    for (const stream of streams) stream.write(frame)
  }

  const unbindEvents = bindServiceEvents(options.services, send)

  const server = createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1')
    try {
      if (url.pathname.startsWith('/__bridge/')) {
        const presented = request.headers['x-bridge-token'] ?? url.searchParams.get('token')
        if (presented !== token) {
          response.writeHead(403).end('bad token')
          return
        }
        if (url.pathname === '/__bridge/events') {
          // 204 tells EventSource to stop reconnecting; otherwise a reconnect would keep close() waiting.
          if (closing) {
            response.writeHead(204).end()
            return
          }
          response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store' })
          response.write(': connected\n\n')
          streams.add(response)
          request.on('close', () => streams.delete(response))
          return
        }
        const channel = decodeURIComponent(url.pathname.slice('/__bridge/call/'.length))
        const raw = await readBody(request)
        const input = raw === '' ? undefined : (JSON.parse(raw) as { input?: unknown }).input
        messages.push({ kind: 'call', name: channel, body: input })
        const abort = new AbortController()
        request.on('close', () => abort.abort())
        const result = await dispatch(api, channel, input, {
          services: options.services,
          signal: abort.signal,
          send,
          report: (name, error) => console.error(`[harness] ${name}:`, error),
        })
        messages.push({ kind: 'result', name: channel, body: result })
        response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(result))
        return
      }
      const path = decodeURIComponent(url.pathname === '/' ? '/index.html' : url.pathname)
      const file = resolve(root, '.' + path)
      if (!file.startsWith(root + sep)) {
        response.writeHead(403).end()
        return
      }
      const body = await readFile(file)
      response
        .writeHead(200, {
          'content-type': MIME[extname(file)] ?? 'application/octet-stream',
          'content-security-policy': CONTENT_SECURITY_POLICY,
          'x-content-type-options': 'nosniff',
        })
        .end(body)
    } catch (error) {
      if (!response.headersSent) response.writeHead(404).end(String(error))
    }
  })

  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
  const { port } = server.address() as AddressInfo
  const url = `http://127.0.0.1:${port}`

  return {
    url,
    messages,
    shim: {
      token,
      methods: channelNames.map((channel) => ({ name: bridgeMethodName(channel), channel })),
      listeners: eventNames.map((event) => ({ name: bridgeListenerName(event), event })),
    },
    transcript: () => JSON.stringify(messages),
    close: async () => {
      closing = true
      unbindEvents()
      for (const stream of streams) stream.end()
      const closed = new Promise<void>((done) => server.close(() => done()))
      // The page may still hold keep-alive connections (and an event stream); the test is over.
      server.closeAllConnections()
      await closed
    },
  }
}
