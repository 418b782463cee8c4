import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { certificateProblem, loadCertificate } from '../../../../main/auth/certificate'

/** Every expected value here is computed by the openssl command line, not by the code under test. */
let dir: string
const PASSWORD = 'Pfx-Pa55word!'
const expected = { sha1: '', sha256: '', notAfter: '' }

function openssl(...args: string[]): string {
  return execFileSync('openssl', args, { cwd: dir, encoding: 'utf8' })
}

function fingerprint(algorithm: 'sha1' | 'sha256'): string {
  return openssl('x509', '-in', 'cert.pem', '-noout', '-fingerprint', `-${algorithm}`)
    .split('=')[1]!
    .trim()
    .replaceAll(':', '')
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'dvw-cert-'))
  openssl(
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    'key.pem',
    '-out',
    'cert.pem',
    '-days',
    '30',
    '-subj',
    '/CN=dvw-test-app',
  )
  openssl(
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    'other-key.pem',
    '-out',
    'other-cert.pem',
    '-days',
    '30',
    '-subj',
    '/CN=other',
  )
  openssl(
    'pkcs12',
    '-export',
    '-out',
    'modern.pfx',
    '-inkey',
    'key.pem',
    '-in',
    'cert.pem',
    '-passout',
    `pass:${PASSWORD}`,
  )
  openssl(
    'pkcs12',
    '-export',
    '-out',
    'legacy.pfx',
    '-inkey',
    'key.pem',
    '-in',
    'cert.pem',
    '-passout',
    `pass:${PASSWORD}`,
    '-certpbe',
    'PBE-SHA1-3DES',
    '-keypbe',
    'PBE-SHA1-3DES',
    '-macalg',
    'sha1',
  )
  openssl('pkcs12', '-export', '-out', 'nokey.pfx', '-in', 'cert.pem', '-nokeys', '-passout', `pass:${PASSWORD}`)
  openssl('pkey', '-in', 'key.pem', '-aes256', '-passout', `pass:${PASSWORD}`, '-out', 'key-encrypted.pem')
  openssl('rsa', '-in', 'key.pem', '-traditional', '-out', 'key-pkcs1.pem')
  writeFileSync(
    join(dir, 'combined.pem'),
    readFileSync(join(dir, 'key.pem'), 'utf8') + readFileSync(join(dir, 'cert.pem'), 'utf8'),
  )
  writeFileSync(
    join(dir, 'combined-pkcs1.pem'),
    readFileSync(join(dir, 'cert.pem'), 'utf8') + readFileSync(join(dir, 'key-pkcs1.pem'), 'utf8'),
  )
  writeFileSync(
    join(dir, 'mismatch.pem'),
    readFileSync(join(dir, 'other-key.pem'), 'utf8') + readFileSync(join(dir, 'cert.pem'), 'utf8'),
  )
  expected.sha1 = fingerprint('sha1')
  expected.sha256 = fingerprint('sha256')
  expected.notAfter = new Date(
    openssl('x509', '-in', 'cert.pem', '-noout', '-enddate').split('=')[1]!.trim(),
  ).toISOString()
})

afterAll(() => rmSync(dir, { recursive: true, force: true }))

const file = (name: string) => join(dir, name)

describe('loadCertificate', () => {
  it.each([
    ['a PEM with key and certificate in one file', { path: 'combined.pem' }],
    ['a PEM with a PKCS#1 key after the certificate', { path: 'combined-pkcs1.pem' }],
    ['a certificate file plus a separate key file', { path: 'cert.pem', keyPath: 'key.pem' }],
    [
      'a PEM with an encrypted key and its password',
      { path: 'cert.pem', keyPath: 'key-encrypted.pem', password: PASSWORD },
    ],
    ['a PFX made by OpenSSL 3 (AES, PBKDF2)', { path: 'modern.pfx', password: PASSWORD }],
    ['a legacy PFX (3DES, SHA-1 MAC)', { path: 'legacy.pfx', password: PASSWORD }],
  ])('reads %s with the thumbprints and expiry openssl computes', (_name, source) => {
    const loaded = loadCertificate({
      ...source,
      path: file(source.path),
      keyPath: 'keyPath' in source ? file(source.keyPath) : undefined,
    })
    expect(loaded.thumbprintSha1).toBe(expected.sha1)
    expect(loaded.thumbprintSha256).toBe(expected.sha256)
    expect(loaded.notAfter).toBe(expected.notAfter)
    expect(loaded.subject).toContain('CN=dvw-test-app')
    expect(loaded.privateKeyPem).toMatch(/^-----BEGIN PRIVATE KEY-----/)
    expect(loaded.chainPem).toContain('-----BEGIN CERTIFICATE-----')
    expect(loaded.format).toBe(source.path.endsWith('.pfx') ? 'pfx' : 'pem')
  })

  it.each([
    ['a PFX without its password', { path: 'modern.pfx' }, 'password-required', /password is wrong/],
    ['a PFX with the wrong password', { path: 'legacy.pfx', password: 'nope' }, 'password-wrong', /password is wrong/],
    [
      'an encrypted key without its password',
      { path: 'cert.pem', keyPath: 'key-encrypted.pem' },
      'password-required',
      /protected by a password/,
    ],
    [
      'an encrypted key with the wrong password',
      { path: 'cert.pem', keyPath: 'key-encrypted.pem', password: 'nope' },
      'password-wrong',
      /password is wrong/,
    ],
    ['a certificate without any key', { path: 'cert.pem' }, 'no-key', /no private key/],
    ['a PFX exported without its key', { path: 'nokey.pfx', password: PASSWORD }, 'no-key', /no private key/],
    ['a key that belongs to another certificate', { path: 'mismatch.pem' }, 'key-mismatch', /does not belong/],
    ['a missing file', { path: 'missing.pem' }, 'unreadable', /could not be read/],
  ])('explains %s', (_name, source, reason, message) => {
    let error: unknown
    try {
      loadCertificate({
        ...source,
        path: file(source.path),
        keyPath: 'keyPath' in source ? file(source.keyPath) : undefined,
      })
    } catch (caught) {
      error = caught
    }
    expect(certificateProblem(error)).toBe(reason)
    expect(error).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringMatching(message) })
  })
})
