import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { expect, test } from '../fixtures'

/** A JWT (token or client assertion), a form-encoded secret or a bearer header. */
const CREDENTIAL_SHAPES = [
  /eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/,
  /client_secret=(?!\[redacted\])[^&\s"<]+/,
  /Bearer\s+[A-Za-z0-9._~+/=-]{20,}/,
]

test.describe('check all', () => {
  test('three emulator connections, one failing: the live matrix, its fix on hover, export, and no change on the next run', async ({
    app,
    harness,
    httpsEmulator,
    dataDir,
  }, testInfo) => {
    test.skip(!harness, 'the connections are saved and the save dialogs answered through the harness host') // Electron project: no harness host to save emulator connections with their secrets or answer the save dialog
    if (!harness) return
    const { services } = harness
    // As a user would: the emulator's CA as a trusted root, so the TLS step verifies it too.
    await services.network.addCaFile(httpsEmulator.caCertPath)
    const contoso = httpsEmulator.orgs[0]
    if (!contoso) throw new Error('no org')
    const secrets: string[] = []
    for (const [name, scenario] of [
      ['Contoso dev', 'healthy'],
      ['Contoso UAT', 'healthy'],
      ['Contoso no roles', 'no-roles'],
    ] as const) {
      const scenarioApp = httpsEmulator.apps.find((candidate) => candidate.scenario === scenario)
      if (!scenarioApp?.clientSecret) throw new Error(`no secret app for ${scenario}`)
      const secret = scenarioApp.clientSecret
      secrets.push(secret)
      const view = await services.connections.save(null, {
        name,
        orgUrl: contoso.url,
        cloud: 'commercial',
        authorityHost: new URL(httpsEmulator.authorityUrl).host,
        customSignInHost: true,
        tenantId: httpsEmulator.tenantId,
        clientId: scenarioApp.clientId,
        environment: 'dev',
        auth: { kind: 'secret', secret: { action: 'clear' } },
      })
      services.connections.provideCredential(view.id, async () => ({ kind: 'secret', secret }))
    }
    await app.reload()
    await app.waitForSelector('[data-app-state="ready"]')

    await app.getByTestId('check-all').click()
    const dialog = app.getByTestId('check-all-dialog')
    await expect(dialog.getByTestId('check-all-start')).toHaveText('Check 3 connections')
    await dialog.getByTestId('check-all-start').click()

    const rows = dialog.getByTestId('matrix-row')
    await expect(rows).toHaveCount(3)
    await expect(dialog.getByTestId('matrix-progress')).toHaveText('Checked 3 connections: 1 failed.', {
      timeout: 45_000,
    })
    const failing = dialog.locator('[data-testid="matrix-row"][data-outcome="fail"]')
    await expect(failing).toContainText('Contoso no roles')
    await expect(dialog.locator('[data-testid="matrix-row"][data-outcome="pass"]')).toHaveCount(2)
    const roles = failing.locator('[data-step-id="roles"]')
    await expect(roles).toHaveAttribute('data-status', 'fail')
    await expect(roles).toHaveAttribute('data-diagnosis-id', 'no-security-roles')
    await expect(failing.locator('[data-step-id="privileges"]')).toHaveAttribute('data-status', 'skipped')

    await roles.hover()
    const tooltip = app.getByRole('tooltip')
    await expect(tooltip).toContainText('no-security-roles')
    await expect(tooltip.getByTestId('matrix-cell-fix')).toContainText('Application users')
    await app.screenshot({ path: testInfo.outputPath('check-all-matrix.png'), fullPage: true })
    // The keyboard gets the same: Tab onto the cell shows its diagnosis.
    await app.mouse.move(0, 0)
    await expect(tooltip).toHaveCount(0)
    await failing.locator('[data-step-id="app-user"]').focus()
    await app.keyboard.press('Tab')
    await expect(roles).toBeFocused()
    await expect(app.getByRole('tooltip')).toContainText('no-security-roles')

    // The matrix was fed live: cells moved before the answer came.
    const stepEvents = harness.messages.filter(
      (message) => message.kind === 'event' && message.name === 'check-all:progressed',
    )
    expect(stepEvents.length).toBeGreaterThan(3 * 11)

    const files: string[] = []
    for (const format of ['html', 'markdown', 'csv'] as const) {
      const file = join(dataDir, `matrix.${format}`)
      harness.host.answerNextSave(file)
      await dialog.getByTestId('matrix-export').click()
      await app.getByTestId(`matrix-export-${format}`).click()
      await expect(dialog.getByTestId('check-all-notice')).toContainText(`Saved to ${file}`)
      files.push(file)
    }
    const texts = await Promise.all(files.map((file) => readFile(file, 'utf8')))
    expect(texts[0]).toContain('Contoso no roles')
    expect(texts[1]).toContain('no-security-roles')
    expect(texts[2]).toContain('roles,fail')
    for (const text of [...texts, harness.transcript()]) {
      for (const secret of secrets) expect(text).not.toContain(secret)
      for (const shape of CREDENTIAL_SHAPES) expect(text).not.toMatch(shape)
    }

    // The next run compares with this one: nothing changed.
    await dialog.getByTestId('check-all-again').click()
    await dialog.getByTestId('check-all-start').click()
    await expect(dialog.getByTestId('matrix-progress')).toHaveText('Checked 3 connections: 1 failed.', {
      timeout: 45_000,
    })
    await dialog.getByRole('switch', { name: 'Changed since last run' }).click()
    await expect(dialog.getByTestId('matrix-no-changes')).toBeVisible()
  })
})
