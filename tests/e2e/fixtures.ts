import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { _electron, test as base, type ElectronApplication, type Page } from '@playwright/test'
import { startHttpsEmulator, type RunningEmulator } from '../../emulator'
import { createNodeFetch } from '../../main/http/node-fetch'
import { createSampleEnvironment } from '../../main/app/sample-environment'
import { createServices, type Services } from '../../main/app/create-services'
import { createTestHost, type TestHost } from '../support/test-host'
import { startHarness, type Harness } from './harness/server'
import { installBridgeShim } from './harness/shim'

export type Target = 'chromium' | 'electron'

const repoRoot = resolve(import.meta.dirname, '../..')
const rendererRoot = join(repoRoot, 'out/renderer')

interface Fixtures {
  /** The HTTPS emulator on 127.0.0.1; the harness host's base fetch trusts its CA. */
  httpsEmulator: RunningEmulator
  /** The Chromium harness (null when the specs drive the real Electron app). */
  harness: (Harness & { host: TestHost; services: Services }) | null
  electronApp: ElectronApplication | null
  app: Page
  dataDir: string
}

export const test = base.extend<
  Fixtures & {
    target: Target
    /** Latency the sample emulator adds to every request. */
    sampleLatencyMs: number
    /** Requests per window of the sample emulator's app user (Dataverse: 6000). */
    sampleWindowRequests: number
  }
>({
  target: ['chromium', { option: true }],

  dataDir: async ({}, use) => {
    const dir = await mkdtemp(join(tmpdir(), 'dvw-e2e-'))
    await use(dir)
    await rm(dir, { recursive: true, force: true })
  },

  sampleLatencyMs: [0, { option: true }],
  sampleWindowRequests: [0, { option: true }],

  harness: async ({ target, dataDir, sampleLatencyMs, sampleWindowRequests }, use) => {
    if (target !== 'chromium') {
      await use(null)
      return
    }
    if (!existsSync(join(rendererRoot, 'index.html'))) {
      throw new Error('out/renderer is missing: run `npm run build` before the E2E tests.')
    }
    const host = createTestHost(dataDir)
    const sampleOptions = {
      ...(sampleLatencyMs ? { latencyMs: sampleLatencyMs } : {}),
      ...(sampleWindowRequests ? { limits: { windowRequests: sampleWindowRequests } } : {}),
    }
    const services = createServices(
      host,
      Object.keys(sampleOptions).length ? { sample: createSampleEnvironment(sampleOptions) } : {},
    )
    const harness = await startHarness({ rendererRoot, services })
    await use(Object.assign(harness, { host, services }))
    await harness.close()
  },

  httpsEmulator: async ({ harness }, use) => {
    // The harness runs in this worker, so the emulator does too; the harness host's base fetch trusts its CA.
    const running = await startHttpsEmulator({ rows: { accounts: 20, contacts: 20 } })
    const base = createNodeFetch({ ca: [running.caPem], proxyUrl: null })
    harness?.host.useFetch(base)
    await use(running)
    await base.close()
    await running.close()
  },

  electronApp: async ({ target, dataDir }, use) => {
    if (target !== 'electron') {
      await use(null)
      return
    }
    const app = await _electron.launch({
      args: [join(repoRoot, 'out/main/index.js')],
      env: { ...process.env, DVW_USER_DATA_DIR: dataDir },
    })
    await use(app)
    await app.close()
  },

  app: async ({ page, harness, electronApp }, use) => {
    let target: Page = page
    if (harness) {
      await page.addInitScript(installBridgeShim, harness.shim)
      await page.goto(`${harness.url}/index.html`)
    } else if (electronApp) {
      target = await electronApp.firstWindow()
    }
    await target.waitForSelector('[data-app-state="ready"]')
    await use(target)
  },
})

export { expect } from '@playwright/test'
