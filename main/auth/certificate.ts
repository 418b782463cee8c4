/**
 * Loads a client certificate for the client-credentials grant: a PEM (certificate and private key,
 * in one file or in two) or a PFX/PKCS#12 with a password (node-forge). Computes the SHA-1 and
 * SHA-256 thumbprints Entra ID shows, checks the key belongs to the certificate, and returns the
 * key as PKCS#8 PEM, which is what MSAL signs the client assertion with.
 */
import { createPrivateKey, X509Certificate, type KeyObject } from 'node:crypto'
import { readFileSync } from 'node:fs'
import forge from 'node-forge'
import type { CertificateFormat } from '@common/connection'
import { AppFailure } from '@common/result'

export interface LoadedCertificate {
  readonly format: CertificateFormat
  /** PKCS#8 PEM. Main-process memory only: never stored, logged or sent to the renderer. */
  readonly privateKeyPem: string
  /** The certificate whose public key matches the private key. */
  readonly certificatePem: string
  /** Leaf first, then any other certificates from the file (for x5c). */
  readonly chainPem: string
  readonly thumbprintSha1: string
  readonly thumbprintSha256: string
  readonly notBefore: string
  readonly notAfter: string
  readonly subject: string
  readonly issuer: string
}

export interface CertificateSource {
  readonly path: string
  /** A separate PEM file holding the private key, when the certificate file has none. */
  readonly keyPath?: string
  readonly format?: CertificateFormat
  /** The PFX password, or the passphrase of an encrypted PEM key. */
  readonly password?: string
}

/** Why a certificate could not be loaded, for callers that react differently (ask for a password). */
export type CertificateProblem =
  'unreadable' | 'password-required' | 'password-wrong' | 'no-key' | 'no-certificate' | 'key-mismatch' | 'bad-format'

function badCertificate(
  path: string,
  message: string,
  cause: string,
  next: string,
  error?: unknown,
  reason: CertificateProblem = 'bad-format',
): AppFailure {
  return new AppFailure(
    { code: 'INVALID_INPUT', message, cause, next, details: { path, field: 'certificatePath', reason } },
    { cause: error },
  )
}

export function certificateProblem(error: unknown): CertificateProblem | null {
  if (!(error instanceof AppFailure)) return null
  const reason = error.details?.reason
  return typeof reason === 'string' ? (reason as CertificateProblem) : null
}

function readFile(path: string): Buffer {
  try {
    return readFileSync(path)
  } catch (error) {
    throw badCertificate(
      path,
      `The certificate file ${path} could not be read.`,
      'It was moved, renamed or deleted, or this app is not allowed to read it.',
      'Choose the certificate file again.',
      error,
      'unreadable',
    )
  }
}

function detectFormat(path: string, bytes: Buffer): CertificateFormat {
  if (/\.(pfx|p12)$/i.test(path)) return 'pfx'
  return bytes.subarray(0, 64).toString('latin1').includes('-----BEGIN') ? 'pem' : 'pfx'
}

function hex(fingerprint: string): string {
  return fingerprint.replaceAll(':', '').toUpperCase()
}

const PKCS8_SHROUDED_KEY_BAG = '1.2.840.113549.1.12.10.1.2'
const KEY_BAG = '1.2.840.113549.1.12.10.1.1'
const CERT_BAG = '1.2.840.113549.1.12.10.1.3'

const PEM_CERT = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g
const PEM_KEY =
  /-----BEGIN (?:RSA |EC |ENCRYPTED )?PRIVATE KEY-----[\s\S]+?-----END (?:RSA |EC |ENCRYPTED )?PRIVATE KEY-----/

function parseKey(pem: string, source: CertificateSource): KeyObject {
  const encrypted = pem.includes('ENCRYPTED') || /Proc-Type:\s*4,ENCRYPTED/.test(pem)
  if (encrypted && !source.password) {
    throw badCertificate(
      source.keyPath ?? source.path,
      'The private key is protected by a password.',
      'The PEM key is encrypted and no password was given.',
      'Enter the key password in the certificate password field.',
      undefined,
      'password-required',
    )
  }
  try {
    return createPrivateKey({ key: pem, format: 'pem', ...(encrypted ? { passphrase: source.password } : {}) })
  } catch (error) {
    throw badCertificate(
      source.keyPath ?? source.path,
      encrypted
        ? 'The private key could not be unlocked: the password is wrong.'
        : 'The private key could not be read.',
      encrypted
        ? 'The password does not match the one the key was exported with.'
        : 'The key block is damaged or in a format Node cannot read.',
      encrypted ? 'Enter the password again.' : 'Export the key again as PEM (PKCS#8 or PKCS#1).',
      error,
      encrypted ? 'password-wrong' : 'bad-format',
    )
  }
}

function finish(format: CertificateFormat, path: string, key: KeyObject, certificates: string[]): LoadedCertificate {
  if (certificates.length === 0) {
    throw badCertificate(
      path,
      `${path} contains no certificate.`,
      'A private key alone cannot sign in: Entra ID matches the certificate thumbprint.',
      'Choose the file that contains the certificate (-----BEGIN CERTIFICATE-----), or a .pfx.',
      undefined,
      'no-certificate',
    )
  }
  const parsed = certificates.map((pem) => ({ pem, x509: new X509Certificate(pem) }))
  const leaf = parsed.find(({ x509 }) => x509.checkPrivateKey(key))
  if (!leaf) {
    throw badCertificate(
      path,
      'The private key does not belong to the certificate in this file.',
      'The key and the certificate come from different key pairs, so Entra ID would reject the signed assertion (AADSTS700027).',
      'Use the key that was generated together with this certificate.',
      undefined,
      'key-mismatch',
    )
  }
  const chain = [leaf, ...parsed.filter((entry) => entry !== leaf)]
  return {
    format,
    privateKeyPem: key.export({ type: 'pkcs8', format: 'pem' }).toString(),
    certificatePem: leaf.pem,
    chainPem: chain.map((entry) => entry.pem).join('\n'),
    thumbprintSha1: hex(leaf.x509.fingerprint),
    thumbprintSha256: hex(leaf.x509.fingerprint256),
    notBefore: new Date(leaf.x509.validFrom).toISOString(),
    notAfter: new Date(leaf.x509.validTo).toISOString(),
    subject: leaf.x509.subject.replaceAll('\n', ', '),
    issuer: leaf.x509.issuer.replaceAll('\n', ', '),
  }
}

function loadPem(source: CertificateSource, bytes: Buffer): LoadedCertificate {
  const text = bytes.toString('utf8')
  const certificates = text.match(PEM_CERT) ?? []
  let keyPem = text.match(PEM_KEY)?.[0]
  if (!keyPem && source.keyPath) keyPem = readFile(source.keyPath).toString('utf8').match(PEM_KEY)?.[0]
  if (!keyPem) {
    throw badCertificate(
      source.path,
      source.keyPath
        ? `Neither ${source.path} nor ${source.keyPath} contains a private key.`
        : `${source.path} contains a certificate but no private key.`,
      'Signing in with a certificate needs its private key; the certificate alone is what you upload to Entra ID.',
      'Choose a PEM that holds both (-----BEGIN PRIVATE KEY----- and -----BEGIN CERTIFICATE-----), add the key file, or use the .pfx.',
      undefined,
      'no-key',
    )
  }
  return finish('pem', source.path, parseKey(keyPem, source), certificates)
}

function loadPfx(source: CertificateSource, bytes: Buffer): LoadedCertificate {
  let p12: forge.pkcs12.Pkcs12Pfx
  try {
    const asn1 = forge.asn1.fromDer(forge.util.createBuffer(bytes.toString('binary')))
    p12 = forge.pkcs12.pkcs12FromAsn1(asn1, false, source.password ?? '')
  } catch (error) {
    const wrongPassword = error instanceof Error && /mac|password|decrypt/i.test(error.message)
    throw badCertificate(
      source.path,
      wrongPassword
        ? 'The PFX could not be opened: the password is wrong.'
        : `${source.path} is not a readable PFX (PKCS#12) file.`,
      wrongPassword
        ? 'A PFX is protected by the password chosen when it was exported.'
        : 'The file is damaged, or it is a different format (a PEM or a .cer holds no private key).',
      wrongPassword ? 'Enter the PFX password again.' : 'Export the certificate again as .pfx with its private key.',
      error,
      wrongPassword ? (source.password ? 'password-wrong' : 'password-required') : 'bad-format',
    )
  }
  const bags = (type: string): forge.pkcs12.Bag[] => p12.getBags({ bagType: type })[type] ?? []
  const keyBags = [...bags(PKCS8_SHROUDED_KEY_BAG), ...bags(KEY_BAG)]
  const forgeKey = keyBags.find((bag) => bag.key)?.key
  if (!forgeKey) {
    throw badCertificate(
      source.path,
      `${source.path} has no private key inside.`,
      'The PFX was exported without its private key.',
      'Export it again and choose "Yes, export the private key".',
      undefined,
      'no-key',
    )
  }
  const certificates = bags(CERT_BAG)
    .map((bag) => bag.cert)
    .filter((cert): cert is forge.pki.Certificate => Boolean(cert))
    .map((cert) => forge.pki.certificateToPem(cert))
  const key = createPrivateKey({ key: forge.pki.privateKeyToPem(forgeKey as forge.pki.rsa.PrivateKey), format: 'pem' })
  return finish('pfx', source.path, key, certificates)
}

export function loadCertificate(source: CertificateSource): LoadedCertificate {
  const bytes = readFile(source.path)
  const format = source.format ?? detectFormat(source.path, bytes)
  return format === 'pfx' ? loadPfx(source, bytes) : loadPem(source, bytes)
}
