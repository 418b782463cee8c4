import { readFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { expect, test } from '../fixtures'

const fixtures = resolve(import.meta.dirname, '../../fixtures/tool-imports')

test.describe("the consultant's portfolio", () => {
  test('create a customer, import XrmToolBox and pac files, check the customer, read the failing fix, export the matrix', async ({
    app,
    harness,
    httpsEmulator,
    dataDir,
  }) => {
    test.skip(!harness, 'the emulator connection is seeded and the file dialogs answered through the harness host') // Electron project: no harness host to seed the connection or answer the dialogs
    if (!harness) return
    const { services } = harness
    await services.network.addCaFile(httpsEmulator.caCertPath)
    const healthy = httpsEmulator.apps.find((candidate) => candidate.scenario === 'healthy')
    if (!healthy?.clientSecret) throw new Error('no healthy secret app')
    const secret = healthy.clientSecret
    const view = await services.connections.save(null, {
      name: 'Contoso dev',
      orgUrl: httpsEmulator.orgs[0]!.url,
      cloud: 'commercial',
      authorityHost: new URL(httpsEmulator.authorityUrl).host,
      customSignInHost: true,
      tenantId: httpsEmulator.tenantId,
      clientId: healthy.clientId,
      environment: 'dev',
      auth: { kind: 'secret', secret: { action: 'clear' } },
    })
    services.connections.provideCredential(view.id, async () => ({ kind: 'secret', secret }))
    await app.reload()
    await app.waitForSelector('[data-app-state="ready"]')
    const item = (name: string) => app.locator(`[data-testid="connection-item"][data-connection-name="${name}"]`)
    const group = (name: string) => app.locator(`[data-testid="customer-group"][data-customer-name="${name}"]`)

    // A customer
    await app.getByTestId('rail-menu').click()
    await app.getByTestId('new-customer').click()
    const customerDialog = app.getByTestId('customer-dialog')
    await customerDialog.getByTestId('customer-name').fill('Northwind')
    await customerDialog.getByTestId('customer-save').click()
    await expect(customerDialog).toHaveCount(0)

    // Connections from the tools the customer's team used before
    await app.getByTestId('rail-menu').click()
    await app.getByTestId('import-from-tool').click()
    harness.host.answerNextPick([join(fixtures, 'xrmtoolbox-connections.xml')])
    await app.getByTestId('import-from-xrmtoolbox').click()
    const result = app.getByTestId('tool-import-result')
    await expect(result).toContainText('Imported 2 connections')
    await app.getByRole('button', { name: 'Import another' }).click()
    harness.host.answerNextPick([join(fixtures, 'pac-authprofiles_v2.json')])
    await app.getByTestId('import-from-pac').click()
    await expect(result).toContainText('Imported 2 connections')
    await app.getByRole('button', { name: 'Done' }).click()

    // Into the customer: one imported connection (no secret came with it) and the emulator one
    for (const name of ['Northwind Test (S2S)', 'Contoso dev']) {
      await item(name)
        .getByRole('button', { name: `Actions for ${name}` })
        .click()
      await app.getByTestId('rail-move-to-customer').click()
      await app.getByRole('menuitemradio', { name: 'Northwind' }).click()
    }
    await expect(group('Northwind').getByTestId('customer-count')).toHaveText('2')

    // Check the customer
    await app.getByTestId('check-all').click()
    const dialog = app.getByTestId('check-all-dialog')
    await dialog.getByTestId('check-all-customer').selectOption({ label: 'Northwind' })
    await expect(dialog.getByTestId('check-all-start')).toHaveText('Check 2 connections')
    await dialog.getByTestId('check-all-start').click()
    await expect(dialog.getByTestId('matrix-progress')).toHaveText('Checked 2 connections: 1 failed.', {
      timeout: 45_000,
    })
    await expect(dialog.locator('[data-testid="matrix-row"][data-outcome="pass"]')).toContainText('Contoso dev')
    const failing = dialog.locator('[data-testid="matrix-row"][data-outcome="fail"]')
    await expect(failing).toContainText('Northwind Test (S2S)')
    const failedCell = failing.locator('[data-status="fail"]').first()
    await failedCell.hover()
    const fix = app.getByRole('tooltip').getByTestId('matrix-cell-fix')
    await expect(fix).not.toBeEmpty()

    // The matrix as a report, without the secret
    const file = join(dataDir, 'northwind.md')
    harness.host.answerNextSave(file)
    await dialog.getByTestId('matrix-export').click()
    await app.getByTestId('matrix-export-markdown').click()
    await expect(dialog.getByTestId('check-all-notice')).toContainText(`Saved to ${file}`)
    const report = await readFile(file, 'utf8')
    expect(report).toContain('Northwind Test (S2S)')
    expect(report).toContain('Contoso dev')
    expect(report).not.toContain(secret)
    expect(harness.transcript()).not.toContain(secret)
  })
})
