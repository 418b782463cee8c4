import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { expect, test } from '../fixtures'

async function editorText(app: Page): Promise<string> {
  // Monaco renders each line in .view-line; non-breaking spaces stand for spaces.
  const lines = await app.locator('[data-testid="query-editor"] .view-line').allInnerTexts()
  return lines.join('\n').replaceAll('\u00a0', ' ')
}

async function replaceText(app: Page, text: string): Promise<void> {
  const editor = app.locator('[data-testid="query-editor"] .monaco-editor').first()
  await editor.click()
  await app.keyboard.press('ControlOrMeta+A')
  await app.keyboard.press('Delete')
  await app.keyboard.type(text, { delay: 20 })
}

test.describe('query editor', () => {
  test('opens a query tab with Monaco under the strict CSP, completes a query option and marks a syntax error', async ({
    app,
  }) => {
    const violations: string[] = []
    app.on('console', (message) => {
      if (message.type() === 'error' && /Content Security Policy|Refused to/i.test(message.text()))
        violations.push(message.text())
    })
    await app.getByTestId('new-query').click()
    await expect(app.getByTestId('query-tab')).toBeVisible()
    await expect(app.locator('[data-testid="query-editor"] .monaco-editor')).toBeVisible()

    await replaceText(app, 'contacts?$sel')
    const suggestion = app.locator('.suggest-widget .monaco-list-row', { hasText: '$select' }).first()
    await expect(suggestion).toBeVisible()
    await app.keyboard.press('Enter')
    await expect.poll(() => editorText(app)).toBe('contacts?$select=')

    await replaceText(app, 'accounts?$filter=name eq')
    await expect(app.locator('[data-testid="query-editor"] .squiggly-error')).toHaveCount(1)
    await app.keyboard.type(" 'Contoso'", { delay: 20 })
    await expect(app.locator('[data-testid="query-editor"] .squiggly-error')).toHaveCount(0)

    // Workers come from our own origin; nothing was refused by the CSP.
    expect(violations).toEqual([])
  })

  test('Ctrl+Enter runs a multi-line query from the editor on the sample environment', async ({ app }, testInfo) => {
    await app.setViewportSize({ width: 1400, height: 860 })
    await app.getByTestId('new-query').click()
    await expect(app.getByTestId('query-connection')).toHaveText('Sample environment (offline)')
    await replaceText(app, 'accounts?\n$select=name,revenue\n$filter=revenue gt 100000\n$orderby=name\n$top=20')
    await app.keyboard.press('ControlOrMeta+Enter')
    await expect(app.getByTestId('results-grid')).toHaveAttribute('data-rows', '20')
    await expect(app.getByTestId('results-grid').getByRole('columnheader').first()).toHaveText('name')
    await app.screenshot({ path: testInfo.outputPath('query-tab.png') })
  })

  test('Ctrl+Enter runs the text as it is at that moment, including a key typed in the same instant', async ({
    app,
  }) => {
    await app.getByTestId('new-query').click()
    await expect(app.getByTestId('query-connection')).toHaveText('Sample environment (offline)')
    await replaceText(app, 'accounts?$select=name&$top=1')
    // The last key and Ctrl+Enter queued back to back, as when typing fast: Chromium handles both
    // input events before React gets to render the change.
    const cdp = await app.context().newCDPSession(app)
    const ctrlEnter = { modifiers: 2, key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 13 }
    await Promise.all([
      cdp.send('Input.insertText', { text: '2' }),
      cdp.send('Input.dispatchKeyEvent', { type: 'rawKeyDown', ...ctrlEnter }),
      cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', ...ctrlEnter }),
    ])
    await expect(app.getByTestId('results-grid')).toHaveAttribute('data-rows', '12')
  })

  test('brings the open query tabs and their text back after a restart', async ({ app }) => {
    await app.getByTestId('new-query').click()
    await replaceText(app, 'systemusers?$select=fullname')
    await expect(app.getByRole('tab', { name: /systemusers/ })).toBeVisible()
    // The tabs are written to main shortly after the last change.
    await app.waitForTimeout(800)
    await app.reload()
    await app.waitForSelector('[data-app-state="ready"]')
    await expect(app.getByRole('tab', { name: /systemusers/ })).toHaveAttribute('aria-selected', 'true')
    await expect.poll(() => editorText(app)).toBe('systemusers?$select=fullname')
  })

  test('saves a query to the library and reopens it in a new tab', async ({ app }) => {
    await app.getByTestId('new-query').click()
    await replaceText(app, 'accounts?$top=3')
    await app.getByTestId('save-query').click()
    const dialog = app.getByTestId('save-query-dialog')
    await dialog.getByLabel('Name').fill('Three accounts')
    await dialog.getByLabel('Tags').fill('demo')
    await dialog.getByRole('button', { name: 'Save' }).click()
    await expect(dialog).toBeHidden()
    await expect(app.getByRole('tab', { name: /Three accounts/ })).toBeVisible()
    const saved = app.getByTestId('saved-query').filter({ hasText: 'Three accounts' })
    await expect(saved).toBeVisible()
    await saved.click()
    await expect(app.getByRole('tab', { name: /Three accounts/ })).toHaveCount(2)
    await expect.poll(() => editorText(app)).toBe('accounts?$top=3')
  })

  test('exports the library to the file main asks for, imports it back, and refuses a bad file without losing a query', async ({
    app,
    harness,
    dataDir,
  }) => {
    test.skip(!harness, 'the file dialogs are answered through the harness host') // Electron project: the file dialogs are answered through the harness host; Electron would open real ones
    if (!harness) return
    await app.getByTestId('new-query').click()
    await replaceText(app, 'accounts?$top=3')
    await app.getByTestId('save-query').click()
    const dialog = app.getByTestId('save-query-dialog')
    await dialog.getByLabel('Name').fill('Three accounts')
    await dialog.getByRole('button', { name: 'Save' }).click()
    const library = app.getByTestId('library-panel')
    const saved = library.getByTestId('saved-query').filter({ hasText: 'Three accounts' })
    await expect(saved).toBeVisible()

    const file = join(dataDir, 'library.json')
    harness.host.answerNextSave(file)
    await library.getByTestId('export-saved-queries').click()
    await expect(library.getByTestId('library-notice')).toHaveText(`Exported 1 saved query to ${file}.`)
    const exported = JSON.parse(await readFile(file, 'utf8')) as {
      format: string
      queries: { name: string; text: string }[]
    }
    expect(exported.format).toBe('dataverse-workbench/saved-queries')
    expect(exported.queries).toMatchObject([{ name: 'Three accounts', text: 'accounts?$top=3' }])

    await library.getByRole('button', { name: 'Delete Three accounts' }).click()
    await expect(saved).toHaveCount(0)
    harness.host.answerNextPick([file])
    await library.getByTestId('import-saved-queries').click()
    await expect(library.getByTestId('library-notice')).toHaveText(
      `Imported 1 new, 0 updated, 0 unchanged from ${file}.`,
    )
    await expect(saved).toBeVisible()

    const bad = join(dataDir, 'not-a-library.json')
    await writeFile(bad, 'name;text\nThree accounts;accounts\n', 'utf8')
    harness.host.answerNextPick([bad])
    await library.getByTestId('import-saved-queries').click()
    await expect(library.getByTestId('library-error')).toContainText(
      'The file is not valid JSON, so no query was imported.',
    )
    await expect(library.getByTestId('library-error')).toContainText('Saved queries → Export')
    await expect(saved).toBeVisible()

    // The window asked main to open the dialogs; no file content crossed the bridge from the window.
    const calls = harness.messages.filter(
      (message) => message.kind === 'call' && message.name.startsWith('saved-queries:'),
    )
    expect(calls.filter((call) => call.name === 'saved-queries:import').map((call) => call.body)).toEqual([
      undefined,
      undefined,
    ])
    expect(harness.host.dialogs.map((options) => options.title)).toEqual([
      'Export saved queries',
      'Import saved queries',
      'Import saved queries',
    ])
  })

  test('presentation mode enlarges the editor and can be toggled from the header', async ({ app }) => {
    await app.getByTestId('new-query').click()
    await expect(app.locator('[data-testid="query-editor"] .monaco-editor')).toBeVisible()
    const fontSize = () =>
      app
        .locator('[data-testid="query-editor"] .view-lines')
        .evaluate((node) => Number.parseFloat(getComputedStyle(node).fontSize))
    const normal = await fontSize()
    await app.getByTestId('presentation-toggle').click()
    await expect(app.locator('html[data-presentation="on"]')).toHaveCount(1)
    await expect.poll(fontSize).toBeGreaterThan(normal)
  })
})
