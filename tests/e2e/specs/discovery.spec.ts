import { join, resolve } from 'node:path'
import { expect, test } from '../fixtures'

const fixtures = resolve(import.meta.dirname, '../../fixtures/tool-imports')

test.describe('environment discovery and other tools', () => {
  test('discovers the sample tenant environments and creates a connection for one with the same app', async ({
    app,
  }) => {
    await app.getByRole('button', { name: 'Actions for Sample environment (offline)' }).click()
    await app.getByTestId('rail-discover-environments').click()
    const rows = app.getByTestId('discovered-environment')
    await expect(rows).toHaveCount(5, { timeout: 30_000 })
    await expect(rows.nth(0)).toContainText('Production')
    await expect(rows.nth(0)).toContainText('(saved)')
    await expect(rows.nth(4)).toContainText('No Dataverse database')
    await rows.nth(1).getByRole('checkbox').check()
    await app.getByTestId('create-discovered').click()
    await expect(app.getByTestId('rail-notice')).toContainText('Created 1 connection')
    const created = app.locator('[data-testid="connection-item"][data-connection-name="Fabrikam"]')
    await expect(created).toBeVisible()
    await expect(created).toContainText('fabrikam.crm4.dynamics.com')
  })

  test('an app that is not a management app is told what is missing and how to grant it', async ({ app }) => {
    await app.getByTestId('header-test-connection').click()
    const panel = app.getByTestId('check-panel')
    await expect(panel.getByTestId('check-outcome')).toHaveAttribute('data-outcome', 'pass', { timeout: 30_000 })
    await panel.getByTestId('training-scenario').selectOption('no-roles')
    await expect(panel.getByTestId('check-outcome')).toHaveAttribute('data-outcome', 'fail', { timeout: 30_000 })

    await app.getByRole('button', { name: 'Actions for Sample environment (offline)' }).click()
    await app.getByTestId('rail-discover-environments').click()
    const denied = app.getByTestId('discovery-denied')
    await expect(denied).toContainText('403 Forbidden', { timeout: 30_000 })
    await expect(denied).toContainText('neither registered as a Power Platform management application')
    await expect(app.getByTestId('grant-command').first()).toContainText(
      'pac admin application register --application-id 950f20b4-e09e-4cfd-b708-3ba5dc7240e8',
    )
  })

  test('imports an XrmToolBox file and pac profiles without secrets, then copies one as a pac command', async ({
    app,
    harness,
  }) => {
    test.skip(!harness, 'the file dialog is answered through the harness host') // Electron project: a native file dialog cannot be answered from the test
    await app.getByTestId('rail-menu').click()
    await app.getByTestId('import-from-tool').click()
    harness!.host.answerNextPick([join(fixtures, 'xrmtoolbox-connections.xml')])
    await app.getByTestId('import-from-xrmtoolbox').click()
    const result = app.getByTestId('tool-import-result')
    await expect(result).toContainText('Imported 2 connections')
    await expect(app.getByTestId('tool-import-skipped')).toContainText('Northwind Dev (my account)')
    await expect(result).toContainText('not decrypted or imported')
    await app.getByRole('button', { name: 'Import another' }).click()
    harness!.host.answerNextPick([join(fixtures, 'pac-authprofiles_v2.json')])
    await app.getByTestId('import-from-pac').click()
    await expect(result).toContainText('Imported 2 connections')
    await expect(result).toContainText('pac.spn.cache.dat')
    await app.getByRole('button', { name: 'Done' }).click()

    const imported = app.locator('[data-testid="connection-item"][data-connection-name="Northwind Test (S2S)"]')
    await expect(imported).toBeVisible()
    await expect(
      app.locator('[data-testid="connection-item"][data-connection-name="Fabrikam UAT (app)"]'),
    ).toBeVisible()
    expect(harness!.transcript()).not.toContain('XTBENCRYPTED')

    await imported.getByRole('button', { name: 'Actions for Northwind Test (S2S)' }).click()
    await app.getByTestId('rail-copy-command').click()
    const command = app.getByTestId('command-text')
    await expect(command).toContainText('pac auth create')
    await expect(command).toContainText('--applicationId 2a4c6e8f-1b3d-4f5a-9c7e-0d2f4a6c8e1b')
    await expect(command).toContainText('--clientSecret $env:DVW_SECRET')
  })
})
