import { expect, test } from '../fixtures'

test.describe('app shell', () => {
  test('shows the rail, the welcome tab and the runtime in the status bar', async ({ app }) => {
    await expect(app.getByRole('navigation', { name: 'Connections' })).toBeVisible()
    await expect(app.getByTestId('connections-empty')).toContainText('No saved connections yet')
    await expect(app.getByRole('tab', { name: 'Welcome' })).toHaveAttribute('aria-selected', 'true')
    await expect(app.getByTestId('app-info')).toContainText(/Dataverse Workbench .* · Node \d+/)
  })

  test('moves keyboard focus through the header, rail and tabs', async ({ app }) => {
    const seen: string[] = []
    // Header tools, the rail (new, import/export, search, each connection and its actions), then the tabs.
    for (let i = 0; i < 40 && !seen.includes('tab'); i++) {
      await app.keyboard.press('Tab')
      seen.push(
        await app.evaluate(
          () =>
            document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.getAttribute('role') ?? '',
        ),
      )
    }
    expect(seen).toContain('Search connections')
    expect(seen).toContain('New connection')
    expect(seen).toContain('Actions for Sample environment (offline)')
    expect(seen).toContain('tab')
    expect(seen.indexOf('tab')).toBeGreaterThan(seen.indexOf('Search connections'))
  })

  test('runs under the strict CSP: no inline script may execute', async ({ app }) => {
    const csp = await app.evaluate(() =>
      document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content'),
    )
    expect(csp).toContain("script-src 'self'")
    const ranInline = await app.evaluate(() => {
      const script = document.createElement('script')
      script.textContent = 'window.__inlineRan = true'
      document.head.append(script)
      return (window as unknown as { __inlineRan?: boolean }).__inlineRan === true
    })
    expect(ranInline).toBe(false)
  })

  test('looks right in light and dark themes', async ({ app }, testInfo) => {
    await app.setViewportSize({ width: 1280, height: 800 })
    await app.emulateMedia({ colorScheme: 'light' })
    await expect(app.locator('[data-theme="light"]')).toBeVisible()
    await app.screenshot({ path: testInfo.outputPath('shell-light.png') })
    await app.emulateMedia({ colorScheme: 'dark' })
    await expect(app.locator('[data-theme="dark"]')).toBeVisible()
    await app.screenshot({ path: testInfo.outputPath('shell-dark.png') })
  })
})
