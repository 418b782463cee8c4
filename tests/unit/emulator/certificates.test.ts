import { X509Certificate } from 'node:crypto'
import { createSecureContext } from 'node:tls'
import { describe, expect, it } from 'vitest'
import { createRsaKeyPair, issueCertificate } from '../../../emulator/certificates'

describe('emulator certificates', () => {
  it('have positive, minimally encoded 16-byte serials that OpenSSL loads', async () => {
    const keys = await createRsaKeyPair()
    const now = new Date()
    for (let round = 0; round < 40; round++) {
      const material = issueCertificate({ commonName: 'localhost', keys, dnsNames: ['localhost'], validDays: 1, now })
      const serial = new X509Certificate(material.certPem).serialNumber
      // OpenSSL drops nothing from a minimal encoding: 16 bytes, first byte 01–7F.
      expect(serial).toMatch(/^[0-7][0-9A-F]{31}$/)
      expect(serial.startsWith('00')).toBe(false)
      expect(() => createSecureContext({ key: material.privateKeyPem, cert: material.certPem })).not.toThrow()
    }
  })
})
