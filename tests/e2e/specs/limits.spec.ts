import { expect, test } from '../fixtures'

const SAMPLE = 'Sample environment (offline)'

test.describe('limits', () => {
  test("the sample's service-protection budget comes from its own responses, with the documented limits and their sources", async ({
    app,
  }, testInfo) => {
    await app.locator(`[data-testid="connection-item"][data-connection-name="${SAMPLE}"]`).click()
    await app.getByTestId('header-limits').click()
    const panel = app.getByTestId('limits-panel')
    await expect(panel).toContainText(SAMPLE)
    await expect(panel.getByTestId('budget-observed')).toContainText('No Dataverse response yet')

    await app.getByRole('button', { name: `Actions for ${SAMPLE}` }).click()
    await app.getByTestId('rail-test-connection').click()
    await expect(app.getByTestId('check-outcome')).toHaveAttribute('data-outcome', 'pass', { timeout: 30_000 })

    await app.getByTestId('header-limits').click()
    await expect(panel.getByTestId('budget-requests')).toHaveText(/^5,9\d\d of 6,000$/)
    await expect(panel.getByTestId('budget-execution-time')).toContainText('of 20 min')
    await expect(panel.getByTestId('budget-concurrency')).toHaveText('at most 52 at once')
    await expect(panel.getByTestId('budget-dop')).toContainText('Dataverse suggests 4 in parallel')
    const pool = panel.getByTestId('platform-limit').filter({ hasText: '24-hour pool' })
    await expect(pool).toContainText('500,000 + 5,000 per Dynamics 365 user subscription licence')
    await expect(pool).toContainText('api-request-limits-allocations')
    await expect(pool).toContainText('(as of 2025-05-29)')
    await expect(pool.getByTestId('not-enforced')).toBeVisible()
    await expect(panel.getByTestId('throttle-notice')).toHaveCount(0)
    await app.screenshot({ path: testInfo.outputPath('limits.png'), fullPage: true })
  })

  test.describe('when the window runs out', () => {
    // The sample's app user may send 4 requests per 5 minutes, so one check runs into the limit.
    test.use({ sampleWindowRequests: 4 })

    test('a 429 shows which limit was hit and counts down to Retry-After', async ({ app }, testInfo) => {
      await app.locator(`[data-testid="connection-item"][data-connection-name="${SAMPLE}"]`).click()
      await app.getByRole('button', { name: `Actions for ${SAMPLE}` }).click()
      await app.getByTestId('rail-test-connection').click()
      await expect(app.getByTestId('check-outcome')).toHaveAttribute('data-outcome', 'fail', { timeout: 30_000 })
      await expect(app.locator('[data-diagnosis-id="throttled"]').first()).toBeVisible()

      await app.getByTestId('header-limits').click()
      const notice = app.getByTestId('throttle-notice')
      await expect(notice).toHaveAttribute('data-limit', 'requests')
      await expect(notice).toHaveAttribute('data-waiting', 'true')
      await expect(notice).toContainText('Throttled: number of requests (0x80072322)')
      const countdown = app.getByTestId('throttle-countdown')
      await expect(countdown).toHaveText(/Retry-After passes in [1-5] min \d+ s/)
      const first = await countdown.textContent()
      await expect(countdown).not.toHaveText(first ?? '', { timeout: 5000 })
      await expect(app.getByTestId('throttle-next')).toContainText('$batch')
      await expect(app.getByTestId('budget-requests')).toHaveText('0 of 6,000')
      await app.screenshot({ path: testInfo.outputPath('limits-throttled.png'), fullPage: true })
    })
  })
})
