import type { INetworkModule, NetworkRequestOptions, NetworkResponse } from '@azure/msal-node'
import { loopbackFetch } from './loopback-fetch'

/**
 * MSAL's `system.networkClient` for tests against the HTTPS emulator: trusts the emulator's CA,
 * refuses non-loopback hosts, and records every request MSAL made. Non-2xx answers are returned
 * with their parsed body, as MSAL expects (it reads `error` and `status` itself).
 */
export function msalNetworkClient(ca: string): {
  client: INetworkModule
  requests: string[]
  close: () => Promise<void>
} {
  const { fetch, close } = loopbackFetch(ca)
  const requests: string[] = []
  const send = async <T>(
    method: 'GET' | 'POST',
    url: string,
    options?: NetworkRequestOptions,
  ): Promise<NetworkResponse<T>> => {
    requests.push(`${method} ${url}`)
    const response = await fetch(url, {
      method,
      ...(options?.headers ? { headers: options.headers } : {}),
      ...(options?.body ? { body: options.body } : {}),
    })
    const text = await response.text()
    const headers: Record<string, string> = {}
    response.headers.forEach((value, name) => {
      headers[name] = value
    })
    let body: unknown = text
    try {
      body = JSON.parse(text)
    } catch {
      // A non-JSON body (an emulator 404 text) is handed to MSAL as text.
    }
    return { status: response.status, headers, body: body as T }
  }
  return {
    client: {
      sendGetRequestAsync: (url, options) => send('GET', url, options),
      sendPostRequestAsync: (url, options) => send('POST', url, options),
    },
    requests,
    close,
  }
}
