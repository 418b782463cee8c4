/**
 * Test PKI made at run time: a CA, a server certificate for 127.0.0.1/localhost signed by it, a
 * second CA nobody trusts (the "TLS inspection" case), and client certificates for sign-in tests.
 * Generated once per test file (RSA key generation is the slow part).
 */
import { X509Certificate } from 'node:crypto'
import { generate } from 'selfsigned'

export interface KeyAndCert {
  readonly key: string
  readonly cert: string
}

export interface TestPki {
  readonly ca: KeyAndCert
  readonly server: KeyAndCert
  /** A CA that is not trusted, and a server certificate it signed (what an inspecting proxy presents). */
  readonly rogueCa: KeyAndCert
  readonly rogueServer: KeyAndCert
}

const serverExtensions = [
  { name: 'basicConstraints' as const, cA: false },
  { name: 'keyUsage' as const, digitalSignature: true, keyEncipherment: true },
  { name: 'extKeyUsage' as const, serverAuth: true },
  {
    name: 'subjectAltName' as const,
    altNames: [
      { type: 2 as const, value: 'localhost' },
      { type: 7 as const, ip: '127.0.0.1' },
    ],
  },
]

async function makeCa(name: string): Promise<KeyAndCert> {
  const ca = await generate([{ name: 'commonName', value: name }], {
    keySize: 2048,
    algorithm: 'sha256',
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    ],
  })
  return { key: ca.private, cert: ca.cert }
}

async function makeServer(ca: KeyAndCert): Promise<KeyAndCert> {
  const server = await generate([{ name: 'commonName', value: 'localhost' }], {
    keySize: 2048,
    algorithm: 'sha256',
    extensions: serverExtensions,
    ca: { key: ca.key, cert: ca.cert },
  })
  return { key: server.private, cert: server.cert }
}

export async function createTestPki(): Promise<TestPki> {
  const ca = await makeCa('Dataverse Workbench Test CA')
  const rogueCa = await makeCa('Corporate Inspection Proxy CA')
  const [server, rogueServer] = await Promise.all([makeServer(ca), makeServer(rogueCa)])
  return { ca, server, rogueCa, rogueServer }
}

/** A self-signed client certificate (what people upload to an app registration). */
export async function createClientCertificate(
  commonName = 'dvw-test-client',
  passphrase?: string,
): Promise<KeyAndCert> {
  const generated = await generate([{ name: 'commonName', value: commonName }], {
    keySize: 2048,
    algorithm: 'sha256',
    ...(passphrase ? { passphrase } : {}),
  })
  return { key: generated.private, cert: generated.cert }
}

export function thumbprints(certPem: string): { sha1: string; sha256: string } {
  const x509 = new X509Certificate(certPem)
  return { sha1: x509.fingerprint.replaceAll(':', ''), sha256: x509.fingerprint256.replaceAll(':', '') }
}
