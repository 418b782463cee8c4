// Runs only in the "electron" Playwright project, which exists only where the Electron binary is
// installed (see playwright.config.ts). It checks what the Chromium harness cannot: the real window.
import { expect, test } from '../e2e/fixtures'

test.describe('real Electron window', () => {
  test('is sandboxed and isolated, with no Node in the page', async ({ app, electronApp }) => {
    if (!electronApp) throw new Error('this spec needs the electron project')
    const sandboxed = await electronApp.evaluate(({ app: electronApp, BrowserWindow }) => {
      const pid = BrowserWindow.getAllWindows()[0]?.webContents.getOSProcessId()
      return electronApp.getAppMetrics().find((metric) => metric.pid === pid)?.sandboxed
    })
    expect(sandboxed).toBe(true)
    const pageSees = await app.evaluate(() => {
      const bridge = (window as unknown as { dataverse?: Record<string, unknown> }).dataverse ?? {}
      return {
        require: typeof (window as unknown as { require?: unknown }).require,
        process: typeof (window as unknown as { process?: unknown }).process,
        bridgeKeys: Object.keys(bridge),
        // Functions that crossed the context bridge are proxies: their source is not visible to the page.
        bridgeIsProxied: String(bridge.appInfo).includes('[native code]'),
        url: location.href,
      }
    })
    expect(pageSees.require).toBe('undefined')
    expect(pageSees.process).toBe('undefined')
    expect(pageSees.bridgeKeys).not.toContain('invoke')
    expect(pageSees.bridgeIsProxied).toBe(true)
    expect(pageSees.url).toBe('app://workbench/index.html')
  })

  test('refuses navigation away from the app', async ({ app }) => {
    await app.evaluate(() => {
      location.href = 'https://example.com/'
    })
    await app.waitForTimeout(500)
    expect(app.url()).toBe('app://workbench/index.html')
  })
})
