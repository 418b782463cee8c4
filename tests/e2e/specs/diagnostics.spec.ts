import { expect, test } from '../fixtures'

const MSAL_7000215 =
  "invalid_client: Error(s): 7000215 - Timestamp: 2026-11-26 09:00:00Z - Description: AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app 'aaaaaaaa-0000-1111-2222-bbbbbbbbbbbb'. Trace ID: 0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0 Correlation ID: 9a8b7c6d-5e4f-3a2b-1c0d-e9f8a7b6c5d4 Timestamp: 2026-11-26 09:00:00Z - Correlation ID: 9a8b7c6d-5e4f-3a2b-1c0d-e9f8a7b6c5d4 - Trace ID: 0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"

function jwt(payload: Record<string, unknown>): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url')
  return `${part({ typ: 'JWT', alg: 'RS256', kid: 'k1', x5t: 'k1' })}.${part(payload)}.${Buffer.from('not-a-real-signature').toString('base64url')}`
}

test.describe('diagnostics', () => {
  test('explains a pasted MSAL AADSTS7000215 message with its fix, and opens the cloud-correct docs', async ({
    app,
    harness,
  }, testInfo) => {
    await app.getByTestId('welcome-explain').click()
    await expect(app.getByTestId('explain-panel')).toBeVisible()
    await app.getByTestId('explain-input').fill(MSAL_7000215)
    await app.getByTestId('explain-run').click()

    const top = app.getByTestId('diagnosis').first()
    await expect(top).toHaveAttribute('data-diagnosis-id', 'secret-invalid')
    await expect(top.getByTestId('diagnosis-fix')).toContainText('Certificates & secrets')
    await expect(top.getByTestId('diagnosis-fix')).toContainText('copy the "Value" column right away')
    await expect(app.locator('[data-diagnosis-id="secret-looks-like-id"]')).toBeVisible()
    await expect(app.getByTestId('explain-recognised')).toContainText('0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0')

    await top.scrollIntoViewIfNeeded()
    await app.screenshot({ path: testInfo.outputPath('explain.png') })
    await top.getByRole('button', { name: 'Microsoft documentation' }).click()
    if (harness)
      await expect
        .poll(() => harness.host.openedLinks)
        .toEqual(['https://login.microsoftonline.com/error?code=7000215'])
  })

  test('inspects a pasted token: claims and findings come back, the token does not', async ({
    app,
    harness,
  }, testInfo) => {
    const now = Math.floor(Date.now() / 1000)
    const token = jwt({
      aud: 'https://contoso.crm.dynamics.com',
      iss: 'https://sts.windows.net/11111111-2222-3333-4444-555555555555/',
      iat: now - 60,
      nbf: now - 60,
      exp: now + 3540,
      appid: 'aaaaaaaa-0000-1111-2222-bbbbbbbbbbbb',
      appidacr: '1',
      idtyp: 'app',
      oid: 'eeeeeeee-1111-2222-3333-ffffffffffff',
      sub: 'eeeeeeee-1111-2222-3333-ffffffffffff',
      tid: '11111111-2222-3333-4444-555555555555',
      ver: '1.0',
    })
    await app.getByRole('banner').getByRole('button', { name: 'Token inspector' }).click()
    await app.getByTestId('token-input').fill(`Bearer ${token}`)
    await app.getByTestId('token-expected-url').fill('https://fabrikam.crm.dynamics.com')
    await app.getByTestId('token-run').click()

    await expect(app.getByTestId('token-claims').locator('[data-claim="aud"]')).toContainText(
      'https://contoso.crm.dynamics.com',
    )
    await expect(app.getByTestId('token-claims').locator('[data-claim="appidacr"]')).toContainText(
      '"1" = client secret',
    )
    await expect(app.locator('[data-finding-id="token-audience-mismatch"]')).toContainText(
      'https://fabrikam.crm.dynamics.com',
    )
    await expect(app.getByTestId('token-countdown')).toContainText(/Expires in 5\d min/)
    await expect(app.getByTestId('token-input')).toHaveValue('')
    await app.getByTestId('token-findings').scrollIntoViewIfNeeded()
    await app.screenshot({ path: testInfo.outputPath('token.png') })

    if (harness) {
      const answers = harness.messages.filter((m) => m.kind !== 'call')
      const parts = token.split('.')
      for (const part of parts) expect(JSON.stringify(answers)).not.toContain(part)
    }
  })
})
