/**
 * B6 and B7, measured in Chromium on the real renderer bundle (out/renderer) served by the E2E
 * harness, against the HTTPS emulator:
 *  - B6 grid first paint for 50,000 rows (switching to the grid view of a 50,000-row result): ≤ 150 ms
 *  - B6 completion p95 with a 1,000-table metadata index: the editor's completion service run in
 *    Chromium over 400 cursor positions: ≤ 30 ms. (Also printed: keydown to the list on screen in
 *    Monaco, which adds Monaco's own fixed 100 ms delay before it shows the widget.)
 *  - B7 longest main-thread task (PerformanceObserver 'longtask') while a 5,000-row page arrives: ≤ 100 ms
 * Builds the app first when out/renderer is missing, and needs Chromium at /usr/bin/chromium (or CHROMIUM_PATH). Type-checked
 * with the browser-test project (tsconfig.e2e.json): it drives a page and uses the harness.
 */
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { chromium, type Browser, type Page } from 'playwright-core'
import { build } from 'vite'
import { generateLargeCsdl, startHttpsEmulator } from '../emulator'
import { DATAVERSE_VERSION } from '../emulator/dataverse/web-api'
import { MetadataCache } from '../main/dataverse/metadata/cache'
import { indexCsdl } from '../main/dataverse/metadata/csdl-index'
import { createNodeFetch } from '../main/http/node-fetch'
import { createServices } from '../main/app/create-services'
import { startHarness, type Harness } from '../tests/e2e/harness/server'
import { installBridgeShim } from '../tests/e2e/harness/shim'
import { createTestHost } from '../tests/support/test-host'
import { report } from './support/measure'

const root = resolve(import.meta.dirname, '..')
const rendererRoot = join(root, 'out/renderer')
if (!existsSync(join(rendererRoot, 'index.html'))) {
  console.log('out/renderer is missing: building the app (npm run build) first')
  execFileSync('npx', ['electron-vite', 'build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] })
}

const emulator = await startHttpsEmulator({ orgs: [{ name: 'contoso' }], rows: { accounts: 50, contacts: 50_000 } })
const dataDir = await mkdtemp(join(tmpdir(), 'dvw-bench-renderer-'))
let ok = true
try {
  const host = createTestHost(dataDir, 'harness', { fetch: createNodeFetch({ ca: [emulator.caPem], proxyUrl: null }) })
  const services = createServices(host)
  const org = emulator.orgs[0]!
  const healthy = emulator.apps.find((app) => app.scenario === 'healthy')!
  await services.connections.importConnections([
    {
      connection: {
        name: 'Bench',
        orgUrl: org.url,
        apiVersion: '9.2',
        cloud: 'commercial',
        authorityHost: new URL(emulator.authorityUrl).host,
        tenantId: emulator.tenantId,
        clientId: healthy.clientId,
        auth: { kind: 'secret' },
        environment: 'dev',
        colour: '#0f7b0f',
        readOnly: true,
        notes: '',
      },
      secret: healthy.clientSecret!,
    },
  ])
  const harness = await startHarness({ rendererRoot, services })
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
  })
  try {
    const page = await open(browser, harness)

    await openQuery(page)
    await setText(page, 'contacts?$select=fullname,emailaddress1,contactid')

    // B7: a first page of 5,000 rows arrives (IPC, clone, append, render) while longtasks are observed.
    await page.evaluate(`
      window.__longest = 0
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) window.__longest = Math.max(window.__longest, entry.duration)
      }).observe({ type: 'longtask', buffered: false })
    `)
    await page.getByTestId('run-query').click()
    await page.waitForSelector('[data-testid="results-grid"][data-rows="5000"]', { timeout: 60_000 })
    await page.waitForTimeout(300)
    const longest = (await page.evaluate('window.__longest')) as number
    ok =
      report(
        'B7',
        'longest main-thread task while a 5,000-row page arrives',
        longest,
        'ms',
        100,
        'PerformanceObserver longtask (0 = no task over 50 ms)',
      ) && ok

    // B6: grid first paint for 50,000 rows.
    await page.getByTestId('fetch-all').click()
    await page.waitForSelector('[data-testid="fetch-all-done"]', { timeout: 120_000 })
    const paints: number[] = []
    for (let i = 0; i < 7; i++) {
      await page.getByRole('tab', { name: 'Raw' }).click()
      await page.waitForSelector('[data-testid="results-raw"]')
      paints.push(
        (await page.evaluate(`new Promise((done) => {
          const tab = document.querySelector('[data-testid="results-panel"] [role="tab"]')
          const started = performance.now()
          tab.click()
          const check = () => {
            const cell = document.querySelector('[data-testid="results-grid"][data-rows="50000"] [role="gridcell"]')
            if (cell) requestAnimationFrame(() => done(performance.now() - started))
            else requestAnimationFrame(check)
          }
          requestAnimationFrame(check)
        })`)) as number,
      )
    }
    paints.sort((a, b) => a - b)
    ok =
      report(
        'B6',
        'grid first paint for 50,000 rows',
        paints[3]!,
        'ms',
        150,
        `median of 7 view switches, click to the frame after the first cells are in the DOM (${paints.map((p) => p.toFixed(0)).join(', ')} ms)`,
      ) && ok
    await page.close()

    // B6: completion on a 1,000-table index, cached for this org and version as if downloaded once.
    const large = indexCsdl(generateLargeCsdl({ tables: 1000 }))
    await new MetadataCache(join(dataDir, 'metadata')).write({
      orgUrl: org.url,
      retrieveVersion: DATAVERSE_VERSION,
      builtAt: new Date().toISOString(),
      index: large,
    })
    services.metadata.forget((await services.connections.list()).find((c) => c.name === 'Bench')!.id)
    const second = await open(browser, harness)
    await openQuery(second)
    const setName =
      Object.keys(large.entitySets).find((name) => name.startsWith('new_') || name.length > 6) ?? 'contacts'
    await setText(second, `${setName}?$select=`)
    await second.evaluate(`
      window.__latencies = []
      window.__down = 0
      document.addEventListener('keydown', (event) => { if (event.key === ' ' && (event.ctrlKey || event.metaKey)) window.__down = performance.now() }, true)
      new MutationObserver(() => {
        const rows = document.querySelectorAll('.suggest-widget.visible .monaco-list-row')
        if (rows.length && window.__down) {
          window.__latencies.push(performance.now() - window.__down)
          window.__down = 0
        }
      }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['class', 'aria-label'] })
    `)
    const letters = 'abcdefghijklmnopqrstuvwxyz'
    for (let i = 0; i < 40; i++) {
      await second.keyboard.press('ControlOrMeta+Space')
      await second.waitForSelector('.suggest-widget.visible', { timeout: 5000 })
      await second.keyboard.press('Escape')
      await second.keyboard.type(letters[i % letters.length]!)
      await second.keyboard.press('Backspace')
    }
    const onScreen = ((await second.evaluate('window.__latencies')) as number[]).sort((a, b) => a - b)
    console.log(
      `B6 (for reference) keydown to the suggestion list on screen in Monaco, 1,000-table index: median ${onScreen[Math.floor(onScreen.length / 2)]?.toFixed(0)} ms, p95 ${onScreen[Math.floor(onScreen.length * 0.95)]?.toFixed(0)} ms (includes Monaco's fixed 100 ms show delay)`,
    )

    const bundleDir = join(dataDir, 'bundle')
    await build({
      configFile: false,
      logLevel: 'warn',
      build: {
        outDir: bundleDir,
        emptyOutDir: true,
        minify: true,
        lib: {
          entry: join(root, 'bench/support/completion-entry.ts'),
          formats: ['iife'],
          name: 'DvwBench',
          fileName: () => 'completion.js',
        },
      },
    })
    const sets = Object.keys(large.entitySets)
    const cases: { text: string; offset: number }[] = []
    for (let i = 0; i < 400; i++) {
      const set = sets[(i * 37) % sets.length]!
      const variants = [
        `${set}?$select=`,
        `${set}?$select=new_col`,
        `${set}?$filter=new_column1 eq `,
        `${set}?$expand=`,
        `ne`,
        `${set}?$orderby=`,
        `${set}?$filter=contains(`,
        `${set}?$`,
      ]
      const text = variants[i % variants.length]!
      cases.push({ text, offset: text.length })
    }
    // A blank page: the same Chromium and V8, without the app's CSP refusing the injected bundle.
    const bench = await browser.newPage()
    await bench.goto('about:blank')
    await bench.addScriptTag({ path: join(bundleDir, 'completion.js') })
    const measured = (await bench.evaluate(
      `DvwBench.measureCompletion(${JSON.stringify(large)}, ${JSON.stringify(cases)})`,
    )) as { latencies: number[]; items: number }
    const latencies = measured.latencies.sort((a, b) => a - b)
    const p95 = latencies[Math.floor(latencies.length * 0.95)] ?? Number.NaN
    ok =
      report(
        'B6',
        'completion p95 on a 1,000-table index (in Chromium)',
        p95,
        'ms',
        30,
        `${latencies.length} completions, ${measured.items} items offered; median ${latencies[Math.floor(latencies.length / 2)]?.toFixed(2)} ms, max ${latencies.at(-1)?.toFixed(1)} ms`,
      ) && ok
  } finally {
    await browser.close()
    await harness.close()
  }
} finally {
  await emulator.close()
  await rm(dataDir, { recursive: true, force: true })
}
process.exitCode = ok ? 0 : 1

async function open(browser: Browser, harness: Harness): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } })
  // tsx compiles this file with esbuild's keepNames, which wraps functions in __name(); the shim's
  // source is sent into the page as text, so the page gets a no-op __name first.
  await page.addInitScript({ content: 'window.__name = (fn) => fn' })
  await page.addInitScript({ content: `(${installBridgeShim.toString()})(${JSON.stringify(harness.shim)})` })
  await page.goto(`${harness.url}/index.html`)
  await page.waitForSelector('[data-app-state="ready"]')
  return page
}

async function openQuery(page: Page): Promise<void> {
  await page.getByTestId('new-query').click()
  await page.waitForSelector('[data-testid="query-editor"] .monaco-editor')
  await page
    .getByTestId('refresh-metadata')
    .filter({ hasText: /^Metadata$/ })
    .waitFor({ timeout: 60_000 })
}

async function setText(page: Page, text: string): Promise<void> {
  await page.locator('[data-testid="query-editor"] .monaco-editor').first().click()
  await page.keyboard.press('ControlOrMeta+A')
  await page.keyboard.press('Delete')
  await page.keyboard.type(text, { delay: 5 })
  await page.keyboard.press('Escape')
}
