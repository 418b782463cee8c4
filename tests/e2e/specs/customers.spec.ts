import { sealSecret } from '@common/seal'
import { expect, test } from '../fixtures'

test.describe('customers', () => {
  test('create a customer, move a connection into it, collapse, filter, and duplicate it into another environment that signs in with the same stored secret', async ({
    app,
    harness,
    httpsEmulator,
  }) => {
    test.skip(!harness, 'the connection is seeded through the harness services') // Electron project: no harness services to seed the saved connection with
    const [contoso, fabrikam] = httpsEmulator.orgs
    const healthy = httpsEmulator.apps.find((candidate) => candidate.scenario === 'healthy')!
    const secret = healthy.clientSecret!
    const services = harness!.services
    const jwk = services.secrets.publicJwk()
    const key = {
      keyId: services.secrets.keyId,
      jwk: { kty: 'RSA' as const, n: String(jwk.n), e: String(jwk.e), alg: 'RSA-OAEP-256' as const },
    }
    await services.connections.save(null, {
      name: 'Contoso dev',
      orgUrl: contoso!.url,
      cloud: 'commercial',
      authorityHost: new URL(httpsEmulator.authorityUrl).host,
      customSignInHost: true,
      tenantId: httpsEmulator.tenantId,
      clientId: healthy.clientId,
      environment: 'dev',
      auth: { kind: 'secret', secret: { action: 'set', sealed: await sealSecret(key, secret) } },
    })
    const item = (name: string) => app.locator(`[data-testid="connection-item"][data-connection-name="${name}"]`)
    const group = (name: string) => app.locator(`[data-testid="customer-group"][data-customer-name="${name}"]`)
    await expect(item('Contoso dev')).toBeVisible()

    // Create a customer
    await app.getByTestId('rail-menu').click()
    await app.getByTestId('new-customer').click()
    const dialog = app.getByTestId('customer-dialog')
    await dialog.getByTestId('customer-name').fill('Contoso Ltd')
    await dialog.getByTestId('customer-colour-teal').click()
    await dialog.getByTestId('customer-save').click()
    await expect(dialog).toHaveCount(0)
    await expect(group('Contoso Ltd').getByTestId('customer-count')).toHaveText('0')
    await expect(group('Ungrouped').getByTestId('customer-count')).toHaveText('1')

    // A second customer with the same name in other case is refused, with the reason
    await app.getByTestId('rail-menu').click()
    await app.getByTestId('new-customer').click()
    await dialog.getByTestId('customer-name').fill('contoso ltd')
    await dialog.getByTestId('customer-save').click()
    await expect(dialog).toContainText('There is already a customer called "Contoso Ltd".')
    await dialog.getByRole('button', { name: 'Cancel' }).click()

    // Move the connection into it
    await item('Contoso dev').getByRole('button', { name: 'Actions for Contoso dev' }).click()
    await app.getByTestId('rail-move-to-customer').click()
    await app.getByRole('menuitemradio', { name: 'Contoso Ltd' }).click()
    await expect(group('Contoso Ltd').getByTestId('customer-count')).toHaveText('1')
    await expect(group('Contoso Ltd').locator('[data-connection-name="Contoso dev"]')).toBeVisible()
    await expect(group('Ungrouped')).toHaveCount(0)

    // Collapse and expand
    const toggle = group('Contoso Ltd').getByTestId('customer-toggle')
    await toggle.click()
    await expect(toggle).toHaveAttribute('aria-expanded', 'false')
    await expect(item('Contoso dev')).toHaveCount(0)
    await toggle.click()
    await expect(item('Contoso dev')).toBeVisible()

    // Filter by customer name, then by something that matches nothing
    const search = app.getByRole('searchbox', { name: 'Search connections' })
    await search.fill('ltd')
    await expect(item('Contoso dev')).toBeVisible()
    await expect(item('Sample environment (offline)')).toHaveCount(0)
    await search.fill('no such thing')
    await expect(app.getByTestId('customer-group')).toHaveCount(0)
    await expect(app.getByText(/No connection matches/)).toBeVisible()
    await search.fill('')

    // Duplicate into another environment of the same customer
    await item('Contoso dev').getByRole('button', { name: 'Actions for Contoso dev' }).click()
    await app.getByTestId('rail-duplicate-into').click()
    const duplicate = app.getByTestId('duplicate-into-dialog')
    await expect(duplicate).toContainText('stored client secret of the original')
    await duplicate.getByTestId('duplicate-into-url').fill(`${fabrikam!.url}/main.aspx?appid=1`)
    await duplicate.getByTestId('duplicate-into-name').fill('Contoso test')
    await duplicate.getByTestId('duplicate-into-create').click()
    await expect(duplicate).toHaveCount(0)
    await expect(group('Contoso Ltd').getByTestId('customer-count')).toHaveText('2')
    const copy = group('Contoso Ltd').locator('[data-connection-name="Contoso test"]')
    await expect(copy).toContainText(new URL(fabrikam!.url).host)

    // The copy signs in with the original's stored secret: main gets a real token from the emulator
    await copy.getByRole('button', { name: 'Actions for Contoso test' }).click()
    await app.getByRole('menuitem', { name: 'Copy access token' }).click()
    await expect(app.getByTestId('rail-notice')).toContainText('bearer credential')
    expect(harness!.host.clipboard.at(-1)?.split('.')).toHaveLength(3)
    expect(harness!.transcript()).not.toContain(secret)
  })
})
