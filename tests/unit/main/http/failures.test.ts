import { describe, expect, it } from 'vitest'
import { toTransportFailure } from '../../../../main/http/failures'

const url = new URL('https://contoso.crm.dynamics.com/api/data/v9.2/')

/** The shape undici's fetch rejects with: TypeError('fetch failed') with the socket error as cause. */
function undiciError(code: string, message = code): Error {
  return Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error(message), { code }) })
}

describe('transport failure mapping', () => {
  it.each([
    'SELF_SIGNED_CERT_IN_CHAIN',
    'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
    'DEPTH_ZERO_SELF_SIGNED_CERT',
    'CERT_HAS_EXPIRED',
    'ERR_TLS_CERT_ALTNAME_INVALID',
    'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  ])('Node %s is a TLS_ERROR naming the host and TLS inspection', (code) => {
    const failure = toTransportFailure(undiciError(code), url)
    expect(failure.code).toBe('TLS_ERROR')
    expect(failure.message).toContain('contoso.crm.dynamics.com')
    expect(failure.message).toContain(code)
    expect(failure.explanation).toMatch(/TLS inspection/)
    expect(failure.next).toMatch(/never trusted blindly|Certificate checks stay on/)
  })

  it("maps Electron's net::ERR_CERT_AUTHORITY_INVALID to TLS_ERROR", () => {
    expect(toTransportFailure(new Error('net::ERR_CERT_AUTHORITY_INVALID'), url)).toMatchObject({
      code: 'TLS_ERROR',
      details: { tlsCode: 'ERR_CERT_AUTHORITY_INVALID' },
    })
  })

  it.each([
    ['ENOTFOUND', /could not be found \(DNS/],
    ['EAI_AGAIN', /could not be found/],
    ['ECONNREFUSED', /refused the connection/],
    ['ECONNRESET', /dropped/],
    ['UND_ERR_CONNECT_TIMEOUT', /did not answer in time/],
  ])('Node %s is a NETWORK_ERROR with the host', (code, message) => {
    const failure = toTransportFailure(undiciError(code), url)
    expect(failure.code).toBe('NETWORK_ERROR')
    expect(failure.message).toMatch(message)
    expect(failure.message).toContain('contoso.crm.dynamics.com')
    expect(failure.details).toMatchObject({ host: 'contoso.crm.dynamics.com', networkCode: code })
  })

  it.each([
    ['net::ERR_NAME_NOT_RESOLVED', /could not be found/],
    ['net::ERR_CONNECTION_REFUSED', /refused/],
    ['net::ERR_PROXY_CONNECTION_FAILED', /proxy/],
  ])("maps Electron's %s", (message, expected) => {
    expect(toTransportFailure(new Error(message), url).message).toMatch(expected)
  })

  it('explains a proxy that refuses the tunnel (407)', () => {
    const failure = toTransportFailure(
      Object.assign(new TypeError('fetch failed'), {
        cause: new Error('Proxy response (407) !== 200 when HTTP Tunneling'),
      }),
      url,
    )
    expect(failure).toMatchObject({ code: 'NETWORK_ERROR', details: { networkCode: 'PROXY_407' } })
    expect(failure.message).toMatch(/proxy/i)
  })

  it('keeps the original error as the cause', () => {
    const original = undiciError('ENOTFOUND')
    expect(toTransportFailure(original, url).cause).toBe(original)
  })
})
