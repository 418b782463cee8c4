import { mkdir, mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it, vi } from 'vitest'

vi.mock('electron', () => import('./electron-mock'))

const electron = (await import('electron')) as unknown as typeof import('./electron-mock')
const { registerAppScheme, resolveRendererFile, serveRendererRequest, handleAppProtocol } =
  await import('../../../../main/electron/protocol')
const { CONTENT_SECURITY_POLICY } = await import('../../../../main/electron/csp')

let root: string
beforeAll(async () => {
  const base = await mkdtemp(join(tmpdir(), 'dvw-protocol-'))
  root = join(base, 'renderer')
  await mkdir(join(root, 'assets'), { recursive: true })
  await writeFile(join(root, 'index.html'), '<!doctype html><title>t</title>')
  await writeFile(join(root, 'assets', 'app.js'), 'export {}')
  await writeFile(join(base, 'secret.txt'), 'outside the root')
})

describe('app:// protocol', () => {
  it('registers app as a standard, secure scheme before ready', () => {
    registerAppScheme()
    expect(electron.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      expect.objectContaining({ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) }),
    ])
  })

  it('maps URLs inside the renderer root', () => {
    expect(resolveRendererFile(root, 'app://workbench/index.html')).toBe(join(root, 'index.html'))
    expect(resolveRendererFile(root, 'app://workbench/')).toBe(join(root, 'index.html'))
    expect(resolveRendererFile(root, 'app://workbench/assets/app.js?v=1')).toBe(join(root, 'assets', 'app.js'))
  })

  it.each([
    'app://workbench/../secret.txt',
    'app://workbench/%2e%2e/secret.txt',
    'app://workbench/assets/../../secret.txt',
  ])('keeps %s inside the root (the URL parser collapses dot segments)', async (url) => {
    const file = resolveRendererFile(root, url)
    expect(file === null || file.startsWith(root)).toBe(true)
    const response = await serveRendererRequest(root, new Request(url))
    expect(await response.text()).not.toContain('outside the root')
  })

  it.each([
    'app://workbench/..%2fsecret.txt',
    'app://workbench/assets/..%2F..%2Fsecret.txt',
    'app://workbench/..%5csecret.txt',
    'app://workbench/index.html%00.js',
    'app://other-host/index.html',
    'https://workbench/index.html',
    'app://workbench/%E0%A4%A',
  ])('refuses %s', (url) => {
    expect(resolveRendererFile(root, url)).toBeNull()
  })

  it('serves files with the CSP header and a content type', async () => {
    const response = await serveRendererRequest(root, new Request('app://workbench/assets/app.js'))
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY)
    expect(response.headers.get('x-content-type-options')).toBe('nosniff')
  })

  it('answers 403 for traversal, 404 for missing files and 405 for writes', async () => {
    expect((await serveRendererRequest(root, new Request('app://workbench/..%2fsecret.txt'))).status).toBe(403)
    expect((await serveRendererRequest(root, new Request('app://workbench/missing.js'))).status).toBe(404)
    expect(
      (await serveRendererRequest(root, new Request('app://workbench/index.html', { method: 'POST' }))).status,
    ).toBe(405)
  })

  it('binds the handler to the app scheme', () => {
    handleAppProtocol(root)
    expect(electron.protocol.handle).toHaveBeenCalledWith('app', expect.any(Function))
  })
})

describe('content security policy', () => {
  it('allows only our own origin, inline styles and blob workers', () => {
    const directives = Object.fromEntries(
      CONTENT_SECURITY_POLICY.split('; ').map((d) => {
        const [name, ...values] = d.split(' ')
        return [name, values]
      }),
    )
    expect(directives['default-src']).toEqual(["'none'"])
    expect(directives['script-src']).toEqual(["'self'"])
    expect(directives['style-src']).toEqual(["'self'", "'unsafe-inline'"])
    expect(directives['worker-src']).toEqual(["'self'", 'blob:'])
    expect(directives['connect-src']).toEqual(["'self'"])
    expect(directives['object-src']).toEqual(["'none'"])
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|https?:|\*/)
  })
})
