import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it, vi } from 'vitest'
import { serveHttps } from '../../../support/https-server'
import { createTestPki } from '../../../support/pki'

vi.mock('electron', () => import('./electron-mock'))

const electron = (await import('electron')) as unknown as typeof import('./electron-mock')
const { createElectronHost } = await import('../../../../main/electron/host')
const { NETWORK_PARTITION } = await import('../../../../main/electron/net-fetch')

const dir = mkdtempSync(join(tmpdir(), 'dvw-ehost-'))
electron.app.paths.set('userData', dir)
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('Electron host', () => {
  const host = createElectronHost()

  it('sends requests through net.request on a dedicated in-memory session, without cookies or custom protocols', async () => {
    const response = await host.fetch(
      new Request('https://contoso.crm.dynamics.com/api/data/v9.2/', { headers: { accept: 'application/json' } }),
    )
    expect(await response.text()).toBe('ok')
    expect(NETWORK_PARTITION.startsWith('persist:')).toBe(false)
    const network = electron.session.partitions.get(NETWORK_PARTITION)
    expect(electron.net.requests).toHaveLength(1)
    const [request] = electron.net.requests
    expect(request?.options).toEqual({
      method: 'GET',
      url: 'https://contoso.crm.dynamics.com/api/data/v9.2/',
      session: network,
      credentials: 'omit',
      redirect: 'manual',
      bypassCustomProtocolHandlers: true,
    })
    expect(request?.headers.get('accept')).toBe('application/json')
  })

  it('applies the proxy to its session and never overrides certificate verification', async () => {
    const network = electron.session.partitions.get(NETWORK_PARTITION)!
    expect(host.caTrust.base).toBe("the operating system's certificate store")
    await host.applyNetworkSettings({
      proxyUrl: 'http://proxy.contoso.local:8080',
      noProxy: '.internal',
      extraCaFiles: ['/certs/corp.pem'],
    })
    expect(network.setProxy).toHaveBeenLastCalledWith({
      proxyRules: 'http://proxy.contoso.local:8080',
      proxyBypassRules: '.internal',
    })
    expect(network.closeAllConnections).toHaveBeenCalled()
    expect(network.setCertificateVerifyProc).not.toHaveBeenCalled()
    await host.applyNetworkSettings({ proxyUrl: null, noProxy: '', extraCaFiles: [] })
    expect(network.setProxy).toHaveBeenLastCalledWith({ mode: 'system' })
  })

  it('trusts extra CA files through Node TLS while they are set, and goes back to net.fetch when they are removed', async () => {
    const network = electron.session.partitions.get(NETWORK_PARTITION)!
    const pki = await createTestPki()
    const inspected = await serveHttps(() => new Response('behind inspection'), pki.rogueServer)
    try {
      const caFile = join(dir, 'corporate-ca.pem')
      writeFileSync(caFile, pki.rogueCa.cert)
      await host.applyNetworkSettings({ proxyUrl: null, noProxy: '', extraCaFiles: [caFile] })
      const calls = electron.net.requests.length
      expect(await (await host.fetch(new Request(`${inspected.origin}/`))).text()).toBe('behind inspection')
      expect(electron.net.requests.length).toBe(calls)
      expect(network.setCertificateVerifyProc).not.toHaveBeenCalled()

      await host.applyNetworkSettings({ proxyUrl: null, noProxy: '', extraCaFiles: [] })
      expect(await (await host.fetch(new Request(`${inspected.origin}/`))).text()).toBe('ok')
      expect(electron.net.requests.length).toBe(calls + 1)
    } finally {
      await inspected.close()
    }
  })

  it('keeps secrets with safeStorage in the user data folder', async () => {
    expect(host.vault.persistent).toBe(true)
    await host.vault.set('k', 'v')
    expect(await host.vault.get('k')).toBe('v')
  })

  it('writes the clipboard and opens main-process dialogs', async () => {
    await host.writeClipboard('token-text')
    expect(electron.clipboard.writeText).toHaveBeenCalledWith('token-text')

    expect(
      await host.pickFiles({
        title: 'Choose',
        filters: [{ name: 'Certificates', extensions: ['pfx'] }],
        multiple: true,
      }),
    ).toEqual([])
    electron.dialog.nextOpen = { canceled: false, filePaths: ['/certs/app.pfx'] }
    expect(await host.pickFiles({ title: 'Choose', filters: [{ name: 'Certificates', extensions: ['pfx'] }] })).toEqual(
      ['/certs/app.pfx'],
    )
    expect(electron.dialog.showOpenDialog).toHaveBeenLastCalledWith({
      title: 'Choose',
      filters: [{ name: 'Certificates', extensions: ['pfx'] }],
      properties: ['openFile'],
    })

    expect(await host.pickSavePath({ title: 'Export', defaultName: 'c.json', filters: [] })).toBeNull()
    electron.dialog.nextSave = { canceled: false, filePath: '/exports/c.json' }
    expect(await host.pickSavePath({ title: 'Export', defaultName: 'c.json', filters: [] })).toBe('/exports/c.json')
  })
})
