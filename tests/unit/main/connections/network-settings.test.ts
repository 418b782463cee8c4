import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createServices, type Services } from '../../../../main/app/create-services'
import { serveHttps, type TestServer } from '../../../support/https-server'
import { createTestPki, type TestPki } from '../../../support/pki'
import { createTestHost, type TestHost } from '../../../support/test-host'

let pki: TestPki
let server: TestServer
let dir: string
let host: TestHost
let services: Services

beforeAll(async () => {
  pki = await createTestPki()
  server = await serveHttps(() => new Response('behind inspection'), pki.rogueServer)
})
afterAll(async () => {
  await server.close()
})
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'dvw-network-'))
  // No fetch of its own: the host builds its Node fetch from the saved settings.
  host = createTestHost(dir)
  services = createServices(host, { sample: null })
  return () => rmSync(dir, { recursive: true, force: true })
})

describe('network settings', () => {
  it('trusts an added root CA file for real requests, and stops when it is removed', async () => {
    const ca = join(dir, 'corporate-ca.pem')
    writeFileSync(ca, pki.rogueCa.cert)
    await expect(host.fetch(new Request(`${server.origin}/`))).rejects.toThrow()
    const view = await services.network.addCaFile(ca)
    expect(view.caFiles).toEqual([
      {
        path: ca,
        subject: expect.stringContaining('Corporate Inspection Proxy CA'),
        notAfter: expect.any(String),
        problem: null,
      },
    ])
    expect(await (await host.fetch(new Request(`${server.origin}/`))).text()).toBe('behind inspection')
    await services.network.removeCaFile(ca)
    await expect(host.fetch(new Request(`${server.origin}/`))).rejects.toThrow()
  })

  it('refuses a file that is not a PEM certificate, and lists a CA file that has gone missing', async () => {
    const der = join(dir, 'ca.cer')
    writeFileSync(der, Buffer.from([0x30, 0x82, 0x01, 0x0a]))
    await expect(services.network.addCaFile(der)).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      next: expect.stringMatching(/openssl x509 -inform der/),
    })
    const ca = join(dir, 'ca.pem')
    writeFileSync(ca, pki.rogueCa.cert)
    await services.network.addCaFile(ca)
    rmSync(ca)
    expect(services.network.view().caFiles[0]).toMatchObject({
      path: ca,
      problem: expect.stringMatching(/could not be read/),
    })
  })

  it('saves and applies a proxy without credentials', async () => {
    const view = await services.network.saveProxy('http://proxy.contoso.local:8080', 'localhost,.internal')
    expect(view.settings).toMatchObject({ proxyUrl: 'http://proxy.contoso.local:8080', noProxy: 'localhost,.internal' })
    expect(host.appliedNetwork.at(-1)).toMatchObject({ proxyUrl: 'http://proxy.contoso.local:8080' })
    await expect(services.network.saveProxy('http://user:pass@proxy:8080', '')).rejects.toThrow(/never stored/)
    expect((await services.network.saveProxy(null, '')).settings.proxyUrl).toBeNull()
  })

  it('applies the saved settings at start, and reports a damaged file instead of resetting it', async () => {
    writeFileSync(
      join(dir, 'network.json'),
      JSON.stringify({ schemaVersion: 1, proxyUrl: 'http://proxy:3128', noProxy: '', extraCaFiles: [] }),
    )
    const restarted = createTestHost(dir)
    createServices(restarted, { sample: null })
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(restarted.appliedNetwork.at(-1)).toMatchObject({ proxyUrl: 'http://proxy:3128' })

    writeFileSync(join(dir, 'network.json'), '{"schemaVersion":1,"proxyUrl":')
    const damaged = createServices(createTestHost(dir), { sample: null })
    expect(() => damaged.network.view()).toThrow(/could not be read/)
  })
})
