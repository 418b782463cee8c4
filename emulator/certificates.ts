/**
 * Key pairs and X.509 certificates the emulator makes at run time: the token-signing key, the
 * scenario apps' client certificates, and the CA + server certificates of the HTTPS adapter.
 * Keys come from Node's native generator (fast); certificates are assembled and signed with
 * node-forge, a runtime dependency, so the shipped `dvw emulator` needs no dev packages.
 */
import { createHash, createPublicKey, generateKeyPair, randomBytes, type KeyObject } from 'node:crypto'
import forge from 'node-forge'

export interface RsaKeyPair {
  readonly privateKey: KeyObject
  readonly publicKey: KeyObject
  /** PKCS#8 PEM. */
  readonly privateKeyPem: string
}

export interface CertificateMaterial extends RsaKeyPair {
  readonly certPem: string
  /** SHA-1 of the DER certificate, upper-case hex: the "Thumbprint" the Entra portal shows. */
  readonly thumbprint: string
  /** SHA-256 of the DER certificate, upper-case hex. */
  readonly thumbprintSha256: string
  readonly notBefore: Date
  readonly notAfter: Date
}

export function createRsaKeyPair(): Promise<RsaKeyPair> {
  return new Promise((resolve, reject) => {
    generateKeyPair('rsa', { modulusLength: 2048, publicExponent: 0x10001 }, (error, publicKey, privateKey) => {
      if (error) return reject(error)
      resolve({ privateKey, publicKey, privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() })
    })
  })
}

export interface CertificateRequest {
  readonly commonName: string
  readonly organization?: string
  readonly keys: RsaKeyPair
  /** Who signs: omitted for self-signed. */
  readonly issuer?: CertificateMaterial
  readonly isCa?: boolean
  readonly dnsNames?: readonly string[]
  readonly ipAddresses?: readonly string[]
  readonly validDays: number
  readonly now: Date
}

/**
 * 16 random bytes whose first byte is 0x01–0x7f: positive (top bit clear) and minimally encoded.
 * forge writes the hex as it is, and OpenSSL refuses a serial with redundant leading zero bytes
 * ("illegal padding") — which the old `00` prefix produced whenever the next random byte was 0x00.
 */
function positiveSerialHex(): string {
  const serial = randomBytes(16)
  serial[0] = serial[0]! & 0x7f || 0x01
  return serial.toString('hex')
}

export function issueCertificate(request: CertificateRequest): CertificateMaterial {
  const cert = forge.pki.createCertificate()
  cert.publicKey = forge.pki.publicKeyFromPem(request.keys.publicKey.export({ type: 'spki', format: 'pem' }).toString())
  cert.serialNumber = positiveSerialHex()
  const notBefore = new Date(request.now.getTime() - 60 * 60 * 1000)
  const notAfter = new Date(request.now.getTime() + request.validDays * 86_400_000)
  cert.validity.notBefore = notBefore
  cert.validity.notAfter = notAfter
  const subject = [
    { name: 'commonName', value: request.commonName },
    ...(request.organization ? [{ name: 'organizationName', value: request.organization }] : []),
  ]
  cert.setSubject(subject)
  const issuerCert = request.issuer ? forge.pki.certificateFromPem(request.issuer.certPem) : undefined
  cert.setIssuer(issuerCert ? issuerCert.subject.attributes : subject)
  const altNames = [
    ...(request.dnsNames ?? []).map((value) => ({ type: 2, value })),
    ...(request.ipAddresses ?? []).map((ip) => ({ type: 7, ip })),
  ]
  cert.setExtensions([
    { name: 'basicConstraints', cA: Boolean(request.isCa), critical: true },
    request.isCa
      ? { name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true }
      : { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
    ...(request.isCa ? [] : [{ name: 'extKeyUsage', serverAuth: altNames.length > 0, clientAuth: true }]),
    ...(altNames.length > 0 ? [{ name: 'subjectAltName', altNames }] : []),
    { name: 'subjectKeyIdentifier' },
  ])
  const signer = request.issuer ?? request.keys
  cert.sign(forge.pki.privateKeyFromPem(signer.privateKeyPem), forge.md.sha256.create())
  const certPem = forge.pki.certificateToPem(cert)
  const der = Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(cert)).getBytes(), 'binary')
  return {
    ...request.keys,
    certPem,
    thumbprint: createHash('sha1').update(der).digest('hex').toUpperCase(),
    thumbprintSha256: createHash('sha256').update(der).digest('hex').toUpperCase(),
    notBefore,
    notAfter,
  }
}

/** A password-protected PKCS#12 (.pfx) holding the key and certificate, as people upload or import them. */
export function toPfx(material: CertificateMaterial, password: string): Buffer {
  const asn1 = forge.pkcs12.toPkcs12Asn1(
    forge.pki.privateKeyFromPem(material.privateKeyPem),
    [forge.pki.certificateFromPem(material.certPem)],
    password,
    { algorithm: '3des', friendlyName: 'dvw-emulator' },
  )
  return Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary')
}

/** base64url of a hex thumbprint's bytes: the JOSE `x5t` / `x5t#S256` header value. */
export const thumbprintToX5t = (hex: string): string => Buffer.from(hex, 'hex').toString('base64url')
export const x5tToThumbprint = (x5t: string): string => Buffer.from(x5t, 'base64url').toString('hex').toUpperCase()

/** The token-signing key and its JWKS `kid` (a hash of the public key, as stable as the key). */
export interface SigningKey extends RsaKeyPair {
  readonly kid: string
  readonly jwk: { readonly kty: 'RSA'; readonly n: string; readonly e: string }
}

export async function createSigningKey(): Promise<SigningKey> {
  const keys = await createRsaKeyPair()
  const spki = createPublicKey(keys.privateKey).export({ type: 'spki', format: 'der' })
  const jwk = keys.publicKey.export({ format: 'jwk' })
  if (typeof jwk.n !== 'string' || typeof jwk.e !== 'string') throw new Error('RSA public key has no modulus')
  return { ...keys, kid: createHash('sha1').update(spki).digest('base64url'), jwk: { kty: 'RSA', n: jwk.n, e: jwk.e } }
}

/**
 * Process-wide, lazily made material. RSA key generation costs ~200 ms, so every emulator in a
 * process shares the token-signing key and the scenario certificates (one tenant, one set of
 * app registrations), and nothing is generated until a token or a certificate is first needed.
 */
const shared = new Map<string, Promise<unknown>>()
function once<T>(key: string, make: () => Promise<T>): Promise<T> {
  let pending = shared.get(key) as Promise<T> | undefined
  if (!pending) {
    pending = make()
    shared.set(key, pending)
    pending.catch(() => shared.delete(key))
  }
  return pending
}

export const sharedSigningKey = (): Promise<SigningKey> => once('signing-key', createSigningKey)

/** The client certificate a scenario hands out, valid for two years from first use. */
export const sharedClientCertificate = (subject: string): Promise<CertificateMaterial> =>
  once(`client-certificate:${subject}`, async () => {
    const keys = await createRsaKeyPair()
    const commonName = subject.replace(/^CN=/, '')
    return issueCertificate({
      commonName,
      organization: 'Dataverse Workbench emulator',
      keys,
      validDays: 730,
      now: new Date(),
    })
  })
