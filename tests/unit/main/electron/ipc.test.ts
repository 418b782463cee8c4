import { beforeEach, describe, expect, it, vi } from 'vitest'

vi.mock('electron', () => import('./electron-mock'))

const electron = (await import('electron')) as unknown as typeof import('./electron-mock')
const { bindIpc, isTrustedSender } = await import('../../../../main/electron/ipc')
const { createApi } = await import('../../../../main/ipc/api')
const { channelNames } = await import('@common/contract')
const { createServices } = await import('../../../../main/app/create-services')
const { createTestHost } = await import('../../../support/test-host')

function eventFrom(options: { id?: number; url?: string; subFrame?: boolean; noFrame?: boolean } = {}) {
  const sender = new electron.FakeWebContents()
  const mainFrame = { url: options.url ?? 'app://workbench/index.html', parent: null }
  Object.assign(sender, { mainFrame })
  const senderFrame = options.noFrame ? null : options.subFrame ? { url: mainFrame.url, parent: mainFrame } : mainFrame
  return { sender, senderFrame, trustedId: options.id ?? sender.id }
}

describe('IPC sender validation', () => {
  it('trusts only our window main frame on the app:// origin', () => {
    const ok = eventFrom()
    expect(isTrustedSender(ok as never, ok.trustedId)).toBe(true)
  })

  it.each([
    ['another window', { id: -1 }],
    ['a sub-frame', { subFrame: true }],
    ['a destroyed frame', { noFrame: true }],
    ['a file:// page', { url: 'file:///tmp/index.html' }],
    ['a remote page', { url: 'https://evil.example/' }],
    ['another app:// host', { url: 'app://other/index.html' }],
  ])('refuses %s', (_label, options) => {
    const event = eventFrom(options)
    const trusted = (options as { id?: number }).id === -1 ? event.sender.id + 1000 : event.trustedId
    expect(isTrustedSender(event as never, trusted)).toBe(false)
  })

  it('refuses everything before the window exists', () => {
    const event = eventFrom()
    expect(isTrustedSender(event as never, undefined)).toBe(false)
  })
})

describe('IPC binding', () => {
  const appInfo = vi.fn(() => ({
    name: 'n',
    version: '1',
    electron: '45',
    chromium: '140',
    node: '22',
    platform: 'linux',
    arch: 'x64',
    host: 'electron' as const,
  }))
  const services = createServices({ ...createTestHost('/tmp/unused', 'electron'), appInfo })

  beforeEach(() => {
    electron.ipcMain.handlers.clear()
  })

  it('registers exactly one handler per contract channel and removes them all', () => {
    const dispose = bindIpc(electron.ipcMain as never, {
      api: createApi(),
      services,
      trustedWebContentsId: () => 1,
      send: vi.fn(),
      report: vi.fn(),
    })
    expect([...electron.ipcMain.handlers.keys()].sort()).toEqual([...channelNames].sort())
    dispose()
    expect(electron.ipcMain.handlers.size).toBe(0)
  })

  it('answers FORBIDDEN_SENDER to an untrusted frame without running the handler', async () => {
    appInfo.mockClear()
    bindIpc(electron.ipcMain as never, {
      api: createApi(),
      services,
      trustedWebContentsId: () => 999_999,
      send: vi.fn(),
      report: vi.fn(),
    })
    const event = eventFrom()
    const result = await electron.ipcMain.handlers.get('app:info')?.(event, undefined)
    expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_SENDER' } })
    expect(appInfo).not.toHaveBeenCalled()
  })

  it('runs the handler for a trusted frame and validates its input', async () => {
    const event = eventFrom()
    bindIpc(electron.ipcMain as never, {
      api: createApi(),
      services,
      trustedWebContentsId: () => event.sender.id,
      send: vi.fn(),
      report: vi.fn(),
    })
    const info = await electron.ipcMain.handlers.get('app:info')?.(event, undefined)
    expect(info).toMatchObject({ ok: true, data: { name: 'n', host: 'electron' } })
    const bad = await electron.ipcMain.handlers.get('app:open-external')?.(event, { url: 42 })
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
  })
})
