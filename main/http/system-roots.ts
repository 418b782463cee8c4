import * as tls from 'node:tls'

type CertificateSource = 'system' | 'bundled'
type ReadCertificates = (source: CertificateSource) => string[]

/**
 * The roots a Node request should trust when the desktop app adds CA files of its own: the operating
 * system's store (where IT installs a TLS-inspection root) plus Node's bundled roots, so switching
 * from Chromium's stack to Node's for extra CAs never trusts less than before. Node reads the system
 * store from 22.15 on (Electron 45 ships a newer Node); an older Node gives the bundled roots alone.
 */
export function systemAndBundledRoots(read: ReadCertificates | undefined = nodeCertificateReader()): {
  roots: string[]
  includesSystem: boolean
} {
  if (!read) return { roots: [...tls.rootCertificates], includesSystem: false }
  return { roots: [...new Set([...read('system'), ...read('bundled')])], includesSystem: true }
}

function nodeCertificateReader(): ReadCertificates | undefined {
  // Not in this repository's @types/node (Node 20), hence the guarded lookup.
  const reader = (tls as { getCACertificates?: ReadCertificates }).getCACertificates
  return reader ? (source) => reader(source) : undefined
}
