/**
 * Extra trusted root CAs for Electron's network session. Chromium verifies every chain against the
 * OS trust store; only when it answers "unknown authority" does this check whether the chain leads
 * to one of the user's extra CAs — with the signatures verified, every certificate in its validity
 * period and the host name matched. Anything else keeps Chromium's verdict. Validation is never off.
 */
import { X509Certificate } from 'node:crypto'
import { isIP } from 'node:net'

/** The parts of Electron's certificate-verify request this check reads. */
export interface VerifyRequest {
  readonly hostname: string
  readonly verificationResult: string
  readonly errorCode: number
  readonly certificate: ElectronCertificateLike
}

export interface ElectronCertificateLike {
  /** PEM. */
  readonly data: string
  readonly issuerCert?: ElectronCertificateLike
}

/** Electron's verify-proc answers: 0 trust, -2 refuse, -3 keep Chromium's own result. */
export const TRUST = 0
export const USE_CHROMIUM_RESULT = -3

function valid(certificate: X509Certificate, now: number): boolean {
  return Date.parse(certificate.validFrom) <= now && now <= Date.parse(certificate.validTo)
}

function signedBy(child: X509Certificate, parent: X509Certificate): boolean {
  return child.checkIssued(parent) && child.verify(parent.publicKey)
}

export function chainsToExtraCa(request: VerifyRequest, extraCas: readonly X509Certificate[], now: number = Date.now()): boolean {
  const chain: X509Certificate[] = []
  for (let current: ElectronCertificateLike | undefined = request.certificate; current && chain.length < 10; current = current.issuerCert) {
    try {
      chain.push(new X509Certificate(current.data))
    } catch {
      return false
    }
  }
  const leaf = chain[0]
  if (!leaf) return false
  const hostMatches = isIP(request.hostname) ? leaf.checkIP(request.hostname) : leaf.checkHost(request.hostname)
  if (!hostMatches) return false
  for (let i = 0; i < chain.length; i++) {
    const certificate = chain[i] as X509Certificate
    if (!valid(certificate, now)) return false
    const anchor = extraCas.find((ca) => valid(ca, now) && (ca.fingerprint256 === certificate.fingerprint256 || signedBy(certificate, ca)))
    if (anchor) return true
    const parent = chain[i + 1]
    if (!parent || !signedBy(certificate, parent)) return false
  }
  return false
}

export function createVerifyProc(extraCas: readonly X509Certificate[]) {
  return (request: VerifyRequest, callback: (verdict: number) => void): void => {
    if (request.errorCode === 0 || extraCas.length === 0 || request.verificationResult !== 'net::ERR_CERT_AUTHORITY_INVALID') {
      callback(USE_CHROMIUM_RESULT)
      return
    }
    callback(chainsToExtraCa(request, extraCas) ? TRUST : USE_CHROMIUM_RESULT)
  }
}
