import { Agent, fetch as undiciFetch } from 'undici'

export type LoopbackFetch = (
  url: string,
  init?: { method?: string; headers?: Record<string, string>; body?: string },
) => Promise<Response>

/**
 * A fetch that trusts exactly one CA (the emulator's) and refuses any host but loopback, so a
 * test can never reach a real tenant by mistake.
 */
export function loopbackFetch(ca: string): { fetch: LoopbackFetch; close: () => Promise<void> } {
  const agent = new Agent({ connect: { ca }, keepAliveTimeout: 1000 })
  return {
    fetch: async (url, init = {}) => {
      const host = new URL(url).hostname
      if (host !== '127.0.0.1' && host !== 'localhost') throw new Error(`blocked a non-loopback request to ${host}`)
      return (await undiciFetch(url, { ...init, dispatcher: agent })) as unknown as Response
    },
    close: () => agent.close(),
  }
}
