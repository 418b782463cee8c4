import { X509Certificate } from 'node:crypto'
import { beforeAll, describe, expect, it } from 'vitest'
import { chainsToExtraCa, createVerifyProc, TRUST, USE_CHROMIUM_RESULT, type VerifyRequest } from '../../../../main/electron/trust'
import { createTestPki, type TestPki } from '../../../support/pki'

let pki: TestPki
beforeAll(async () => {
  pki = await createTestPki()
})

function request(overrides: Partial<VerifyRequest> = {}): VerifyRequest {
  return {
    hostname: '127.0.0.1',
    verificationResult: 'net::ERR_CERT_AUTHORITY_INVALID',
    errorCode: -202,
    certificate: { data: pki.rogueServer.cert, issuerCert: { data: pki.rogueCa.cert } },
    ...overrides,
  }
}

function verdict(extraCas: X509Certificate[], req: VerifyRequest): number {
  let answer = Number.NaN
  createVerifyProc(extraCas)(req, (value) => {
    answer = value
  })
  return answer
}

describe('extra trusted CAs in the Electron network session', () => {
  it('trusts a chain Chromium did not know when it leads to an extra CA, for the right host', () => {
    const corporate = [new X509Certificate(pki.rogueCa.cert)]
    expect(verdict(corporate, request())).toBe(TRUST)
    expect(verdict(corporate, request({ hostname: 'localhost' }))).toBe(TRUST)
    expect(verdict(corporate, request({ certificate: { data: pki.rogueServer.cert } }))).toBe(TRUST)
  })

  it('keeps Chromium’s verdict otherwise', () => {
    const corporate = [new X509Certificate(pki.rogueCa.cert)]
    // No extra CA, or the chain leads to another CA.
    expect(verdict([], request())).toBe(USE_CHROMIUM_RESULT)
    expect(verdict([new X509Certificate(pki.ca.cert)], request())).toBe(USE_CHROMIUM_RESULT)
    // The certificate is for another host.
    expect(verdict(corporate, request({ hostname: 'contoso.crm.dynamics.com' }))).toBe(USE_CHROMIUM_RESULT)
    // Chromium failed for another reason (expired, revoked, name mismatch): never overridden.
    expect(verdict(corporate, request({ verificationResult: 'net::ERR_CERT_DATE_INVALID', errorCode: -201 }))).toBe(USE_CHROMIUM_RESULT)
    // Chromium already accepted it.
    expect(verdict(corporate, request({ verificationResult: 'net::OK', errorCode: 0 }))).toBe(USE_CHROMIUM_RESULT)
  })

  it('checks validity dates and every signature in the chain', () => {
    const corporate = [new X509Certificate(pki.rogueCa.cert)]
    const inTwoYears = Date.now() + 2 * 365 * 24 * 3600 * 1000
    expect(chainsToExtraCa(request(), corporate, inTwoYears)).toBe(false)
    // A chain whose "issuer" did not sign the leaf does not count, even if that issuer is trusted.
    expect(chainsToExtraCa(request({ certificate: { data: pki.server.cert, issuerCert: { data: pki.rogueCa.cert } } }), corporate)).toBe(false)
  })
})
