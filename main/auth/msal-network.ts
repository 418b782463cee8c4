/**
 * MSAL's INetworkModule implemented over our transport, so every sign-in request goes through the
 * same allow-list, timeouts, proxy/CA settings and timeline as Dataverse calls.
 *
 * MSAL has no per-call hook, so the transport and AbortSignal of the current getToken() call travel
 * in an AsyncLocalStorage. That also lets one MSAL client (and its token cache) serve several
 * connections that share an app registration, each call using its own connection's transport.
 */
import { AsyncLocalStorage } from 'node:async_hooks'
import type { INetworkModule, NetworkRequestOptions, NetworkResponse } from '@azure/msal-node'
import { AppFailure } from '@common/result'
import type { Transport } from '../http/types'

export interface TokenCallContext {
  readonly transport: Transport
  readonly signal: AbortSignal
  /** Transport failures seen during this call: MSAL hides them behind its own codes, so they are kept here. */
  readonly failures: AppFailure[]
  /** Requests MSAL made during this call (method + URL), for tests and diagnostics. */
  readonly requests: string[]
}

export const tokenCallContext = new AsyncLocalStorage<TokenCallContext>()

function headerDict(headers: Headers): Record<string, string> {
  const dict: Record<string, string> = {}
  headers.forEach((value, key) => {
    dict[key] = value
  })
  return dict
}

async function send<T>(
  method: 'GET' | 'POST',
  url: string,
  options?: NetworkRequestOptions,
  timeoutMs?: number,
): Promise<NetworkResponse<T>> {
  const context = tokenCallContext.getStore()
  if (!context) {
    throw new Error('MSAL made a network request outside getToken(); refusing to send it without a transport.')
  }
  context.requests.push(`${method} ${url.split('?')[0]}`)
  const signal = timeoutMs ? AbortSignal.any([context.signal, AbortSignal.timeout(timeoutMs)]) : context.signal
  let response: Response
  try {
    response = await context.transport(
      new Request(url, {
        method,
        headers: options?.headers,
        ...(method === 'POST' ? { body: options?.body ?? '' } : {}),
        signal,
      }),
    )
  } catch (error) {
    if (error instanceof AppFailure) context.failures.push(error)
    throw error
  }
  const text = await response.text()
  let body: unknown
  try {
    body = text ? JSON.parse(text) : {}
  } catch (error) {
    const failure = new AppFailure(
      {
        code: 'AUTH_FAILED',
        message: `The sign-in server ${new URL(url).host} answered ${response.status} with something that is not JSON.`,
        cause: 'A proxy, captive portal or firewall answered instead of Entra ID, or the authority host is wrong.',
        next: 'Check the authority host and, on a corporate network, whether a proxy needs to be configured.',
        details: {
          host: new URL(url).host,
          status: response.status,
          contentType: response.headers.get('content-type'),
        },
      },
      { cause: error },
    )
    context.failures.push(failure)
    throw failure
  }
  // Non-2xx is returned, not thrown: MSAL reads `error`, `error_codes` and the status itself.
  return { status: response.status, headers: headerDict(response.headers), body: body as T }
}

export const transportNetworkClient: INetworkModule = {
  sendGetRequestAsync: (url, options, timeout) => send('GET', url, options, timeout),
  sendPostRequestAsync: (url, options) => send('POST', url, options),
}
