import type { Page } from '@playwright/test'
import { generateKeyPair, SignJWT } from 'jose'
import { SAMPLE_CONNECTION, SCENARIO_APPS, TENANT_ID } from '../../../emulator'
import { expect, test } from '../fixtures'

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g
const QUERY = 'contacts?$select=fullname,emailaddress1&$top=5'

const healthy = SCENARIO_APPS.find((app) => app.clientId === SAMPLE_CONNECTION.clientId)
if (!healthy?.appUser) throw new Error('the sample signs in as an app with an application user')
const APP_USER_ID = healthy.appUser.systemUserId
const SERVICE_PRINCIPAL_ID = healthy.servicePrincipalId

/** An app-only token for the sample, as Entra would issue it: the ids it carries are what must not show. */
async function sampleAppToken(): Promise<string> {
  const { privateKey } = await generateKeyPair('RS256')
  const now = Math.floor(Date.now() / 1000)
  return new SignJWT({
    appid: SAMPLE_CONNECTION.clientId,
    appidacr: '1',
    idtyp: 'app',
    oid: SERVICE_PRINCIPAL_ID,
    tid: TENANT_ID,
    ver: '1.0',
  })
    .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: 'presentation-test' })
    .setIssuer(`https://sts.windows.net/${TENANT_ID}/`)
    .setAudience(SAMPLE_CONNECTION.orgUrl)
    .setSubject(SERVICE_PRINCIPAL_ID)
    .setIssuedAt(now - 60)
    .setNotBefore(now - 60)
    .setExpirationTime(now + 3540)
    .sign(privateKey)
}

/** Everything a viewer of the screen share could read: the page's text, every field's value and every tooltip title. */
async function shown(app: Page): Promise<string> {
  return app.evaluate(() =>
    [
      document.body.innerText,
      ...[...document.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('input, textarea')].map(
        (field) => field.value,
      ),
      ...[...document.querySelectorAll('[title]')].map((element) => element.getAttribute('title') ?? ''),
    ].join('\n'),
  )
}

async function leaked(app: Page, secrets: readonly string[]): Promise<string[]> {
  const text = (await shown(app)).toLowerCase()
  return secrets.filter((secret) => text.includes(secret.toLowerCase()))
}

async function expandAllSteps(app: Page): Promise<void> {
  const closed = app.getByTestId('check-panel').locator('button[aria-label^="Show details of"]')
  while ((await closed.count()) > 0) await closed.first().click()
}

async function runQuery(app: Page, text: string): Promise<void> {
  const editor = app.locator('[data-testid="query-editor"] .monaco-editor').first()
  await editor.click()
  await app.keyboard.press('ControlOrMeta+A')
  await app.keyboard.press('Delete')
  await app.keyboard.type(text, { delay: 10 })
  await app.keyboard.press('ControlOrMeta+Enter')
}

test.describe('presentation mode', () => {
  test('hides the tenant, the app, the app user and e-mail addresses on every surface, and shows them again when turned off', async ({
    app,
    harness,
  }, testInfo) => {
    test.skip(!harness, 'The contacts e-mail addresses are read from the harness transcript.') // Electron project: no bridge transcript to read them from
    if (!harness) return
    test.setTimeout(120_000)
    await app.setViewportSize({ width: 1440, height: 900 })
    const ids = [TENANT_ID, SAMPLE_CONNECTION.clientId, APP_USER_ID, SERVICE_PRINCIPAL_ID]

    await app.getByTestId('presentation-toggle').click()
    await expect(app.getByTestId('presentation-indicator')).toBeVisible()
    const bodySize = () =>
      app.getByTestId('connection-rail').evaluate((node) => Number.parseFloat(getComputedStyle(node).fontSize))
    expect(await bodySize()).toBeGreaterThan(14)

    // The sample's settings: the ids are masked in the same shape everywhere, and cannot be edited into view.
    await app.getByRole('button', { name: 'Actions for Sample environment (offline)' }).click()
    await app.getByTestId('rail-view-settings').click()
    const editor = app.getByTestId('connection-editor')
    await expect(editor.getByTestId('tenant-input')).toHaveValue('4c19••••-••••-••••-••••-••••••••844d')
    await expect(editor.getByTestId('tenant-input')).toHaveAttribute('readonly', '')
    await expect(editor.getByTestId('client-input')).toHaveValue('d2c7••••-••••-••••-••••-••••••••5973')
    await expect(editor).toContainText('Presentation mode is on: identifiers are hidden.')
    await expect(editor.getByTestId('url-preview')).toContainText('contoso.crm.dynamics.com')
    expect(await leaked(app, ids)).toEqual([])
    await app.screenshot({ path: testInfo.outputPath('presentation-editor.png') })

    // Test connection, with every step opened: summaries, facts, evidence, the waterfall and the history.
    await app.getByRole('button', { name: 'Actions for Sample environment (offline)' }).click()
    await app.getByTestId('rail-test-connection').click()
    const panel = app.getByTestId('check-panel')
    await expect(panel.getByTestId('check-outcome')).toHaveAttribute('data-outcome', 'pass', { timeout: 30_000 })
    await expandAllSteps(app)
    await expect(panel.locator('[data-step-id="whoami"]')).toContainText('4999••••-••••-••••-••••-••••••••dfbd')
    expect(await leaked(app, ids)).toEqual([])
    await panel.locator('[data-step-id="config"]').scrollIntoViewIfNeeded()
    await app.screenshot({ path: testInfo.outputPath('presentation-check.png') })
    await panel.locator('[data-step-id="whoami"]').scrollIntoViewIfNeeded()
    await app.screenshot({ path: testInfo.outputPath('presentation-check-identity.png') })

    // The token inspector: a pasted app token is dotted out, its tid, appid, oid and sub masked.
    await app.getByRole('banner').getByRole('button', { name: 'Token inspector' }).click()
    await expect(app.getByTestId('token-expected-tenant')).toHaveAttribute('readonly', '')
    const token = await sampleAppToken()
    await app.getByTestId('token-input').fill(token)
    await app.getByTestId('token-run').click()
    const claims = app.getByTestId('token-claims')
    await expect(claims.locator('[data-claim="tid"]')).toContainText('4c19••••-••••-••••-••••-••••••••844d')
    await expect(claims.locator('[data-claim="appid"]')).toContainText('d2c7••••')
    await expect(claims.locator('[data-claim="oid"]')).toContainText('e629••••')
    expect(await leaked(app, ids)).toEqual([])
    await app.screenshot({ path: testInfo.outputPath('presentation-token.png') })

    // A query tab: the grid, the JSON view and the history mask the contacts' addresses.
    await app.getByTestId('new-query').click()
    await runQuery(app, QUERY)
    await expect(app.getByTestId('results-grid')).toHaveAttribute('data-rows', '5')
    const answer = harness.messages.find((message) => message.kind === 'result' && message.name === 'query:execute')
    const emails = [...new Set(JSON.stringify(answer?.body ?? '').match(EMAIL) ?? [])]
    expect(emails).toHaveLength(5)
    await expect(app.getByTestId('results-grid')).toContainText('•••@')
    expect(await leaked(app, [...ids, ...emails])).toEqual([])
    await app.screenshot({ path: testInfo.outputPath('presentation-grid.png') })

    // Off again: each surface shows the real values, and the fields can be edited.
    await app.getByTestId('presentation-toggle').click()
    await expect(app.getByTestId('presentation-indicator')).toHaveCount(0)
    await expect.poll(() => leaked(app, emails)).toEqual(emails)

    await app.getByRole('tab', { name: /^Sample environment \(offline\)/ }).click()
    await expect(app.getByTestId('tenant-input')).toHaveValue(TENANT_ID)
    await expect(app.getByTestId('client-input')).toHaveValue(SAMPLE_CONNECTION.clientId)

    await app.getByRole('tab', { name: /^Check · Sample/ }).click()
    await panel.getByTestId('check-run').click()
    await expect(panel.getByTestId('check-outcome')).toHaveAttribute('data-outcome', 'pass', { timeout: 30_000 })
    await expandAllSteps(app)
    expect(await leaked(app, ids)).toEqual(ids)

    await app.getByRole('tab', { name: /^Token inspector/ }).click()
    await app.getByTestId('token-expected-tenant').fill(TENANT_ID)
    await app.getByTestId('token-input').fill(token)
    await app.getByTestId('token-run').click()
    await expect(app.getByTestId('token-claims').locator('[data-claim="tid"]')).toContainText(TENANT_ID)
  })

  test('the query editor hides an address typed into the query while presenting, and the query still runs with it', async ({
    app,
    harness,
  }, testInfo) => {
    test.skip(!harness, 'The contacts e-mail addresses are read from the harness transcript.') // Skipped in the Electron project: the e-mail address to filter on comes from the harness's bridge transcript.
    if (!harness) return
    await app.getByTestId('new-query').click()
    await runQuery(app, QUERY)
    await expect(app.getByTestId('results-grid')).toHaveAttribute('data-rows', '5')
    const answer = harness.messages.find((message) => message.kind === 'result' && message.name === 'query:execute')
    const [email] = JSON.stringify(answer?.body ?? '').match(EMAIL) ?? []
    if (!email) throw new Error('the sample contacts have e-mail addresses')

    await app.getByTestId('presentation-toggle').click()
    await runQuery(
      app,
      `contacts?$select=fullname,emailaddress1&$filter=emailaddress1 eq '${email}' and _ownerid_value ne ${APP_USER_ID}`,
    )
    await expect(app.getByTestId('results-grid')).toHaveAttribute('data-rows', '1')
    const lines = app.locator('[data-testid="query-editor"] .view-lines')
    await expect(lines).toContainText(`eq '${email.slice(0, 1)}•••@`)
    await expect(lines).toContainText('4999••••-••••-••••-••••-••••••••dfbd')
    expect(await leaked(app, [email, APP_USER_ID])).toEqual([])
    await app.screenshot({ path: testInfo.outputPath('presentation-editor-query.png') })

    await app.getByTestId('presentation-toggle').click()
    await expect(lines).toContainText(email)
    await expect(lines).toContainText(APP_USER_ID)
  })

  test('explains a pasted error while presenting without showing its ids, and the box cannot be typed into', async ({
    app,
  }) => {
    const message = `AADSTS700016: Application with identifier '${SAMPLE_CONNECTION.clientId}' was not found in the directory '${TENANT_ID}'. Trace ID: 0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0`
    await app.getByTestId('presentation-toggle').click()
    await app.getByTestId('welcome-explain').click()
    const input = app.getByTestId('explain-input')
    await expect(input).toHaveAttribute('readonly', '')
    await input.evaluate((element, text) => {
      const data = new DataTransfer()
      data.setData('text/plain', text)
      element.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }))
    }, message)
    await expect(input).toHaveValue(/Application with identifier 'd2c7••••-••••-••••-••••-••••••••5973'/)
    await app.getByTestId('explain-run').click()
    await expect(app.getByTestId('diagnosis').first()).toBeVisible()
    await expect(app.getByTestId('explain-recognised')).toContainText('0f1e••••')
    expect(await leaked(app, [TENANT_ID, SAMPLE_CONNECTION.clientId, '0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0'])).toEqual(
      [],
    )

    await app.getByTestId('presentation-toggle').click()
    await expect(input).toHaveValue(message)
    await expect(app.getByTestId('explain-recognised')).toContainText('0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0')
  })
})
