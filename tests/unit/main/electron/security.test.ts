import { beforeEach, describe, expect, it, vi } from 'vitest'

vi.mock('electron', () => import('./electron-mock'))

const electron = (await import('electron')) as unknown as typeof import('./electron-mock')
const { hardenSession, hardenWebContents, installAppWideGuards } = await import('../../../../main/electron/security')

describe('session hardening', () => {
  it('denies every permission request and check', () => {
    const session = new electron.FakeSession()
    hardenSession(session as never)
    for (const permission of ['media', 'notifications', 'clipboard-read', 'geolocation', 'openExternal', 'hid']) {
      const callback = vi.fn()
      session.permissionRequestHandler?.({}, permission, callback)
      expect(callback).toHaveBeenCalledWith(false)
      expect(session.permissionCheckHandler?.({}, permission)).toBe(false)
    }
    expect(session.devicePermissionHandler?.({})).toBe(false)
    const media = vi.fn()
    session.displayMediaHandler?.({}, media)
    expect(media).toHaveBeenCalledWith({})
  })
})

describe('web contents hardening', () => {
  let contents: InstanceType<typeof electron.FakeWebContents>
  beforeEach(() => {
    electron.shell.openExternal.mockClear()
    contents = new electron.FakeWebContents()
    hardenWebContents(contents as never)
  })

  it.each(['will-navigate', 'will-redirect', 'will-attach-webview'])('prevents %s', (event) => {
    const preventDefault = vi.fn()
    contents.emit(event, { preventDefault }, 'https://evil.example/')
    expect(preventDefault).toHaveBeenCalled()
  })

  it('denies every new window and opens only allow-listed https docs links externally', () => {
    const handler = contents.windowOpenHandler
    expect(handler?.({ url: 'https://learn.microsoft.com/power-apps/' })).toEqual({ action: 'deny' })
    expect(electron.shell.openExternal).toHaveBeenCalledWith('https://learn.microsoft.com/power-apps/')
    for (const url of [
      'http://learn.microsoft.com/x',
      'https://evil.example/',
      'https://learn.microsoft.com.evil.example/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'https://user:pw@learn.microsoft.com/',
    ]) {
      expect(handler?.({ url })).toEqual({ action: 'deny' })
    }
    expect(electron.shell.openExternal).toHaveBeenCalledTimes(1)
  })

  it('hardens every web contents the app creates', () => {
    installAppWideGuards()
    const created = new electron.FakeWebContents()
    electron.app.emit('web-contents-created', {}, created)
    expect(created.setWindowOpenHandler).toHaveBeenCalled()
    expect(created.listeners.get('will-navigate')).toHaveLength(1)
  })
})
