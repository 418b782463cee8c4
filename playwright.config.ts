import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { defineConfig, devices } from '@playwright/test'
import type { Target } from './tests/e2e/fixtures'

const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

/**
 * The Electron project needs the real binary, which is downloaded on first use. Never
 * require('electron') here: from Electron 42 on that starts the download. Read the files instead.
 */
function electronBinaryPresent(): { present: boolean; reason: string } {
  const dir = join(import.meta.dirname, 'node_modules', 'electron')
  const pathFile = join(dir, 'path.txt')
  if (!existsSync(pathFile)) {
    return {
      present: false,
      reason:
        'node_modules/electron/path.txt is missing: the Electron binary was never downloaded (run `npx install-electron` where GitHub is reachable)',
    }
  }
  const binary = join(dir, 'dist', readFileSync(pathFile, 'utf8').trim())
  return existsSync(binary) ? { present: true, reason: '' } : { present: false, reason: `${binary} does not exist` }
}

const electron = electronBinaryPresent()
if (!electron.present && process.env.TEST_WORKER_INDEX === undefined) {
  console.log(
    `[e2e] The "electron" project is skipped: ${electron.reason}. The same specs run in Chromium against the harness.`,
  )
}

const chromiumLaunch = existsSync(chromiumPath)
  ? {
      executablePath: chromiumPath,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    }
  : {}

export default defineConfig<{ target: Target }>({
  testDir: 'tests/e2e/specs',
  outputDir: 'test-results/e2e',
  workers: 1,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  forbidOnly: Boolean(process.env.CI),
  reporter: process.env.PLAYWRIGHT_JSON_REPORT
    ? [['list'], ['json', { outputFile: process.env.PLAYWRIGHT_JSON_REPORT }]]
    : [['list']],
  use: { screenshot: 'only-on-failure', trace: 'off' },
  projects: [
    {
      name: 'renderer-chromium',
      use: { ...devices['Desktop Chrome'], target: 'chromium' as Target, launchOptions: chromiumLaunch },
    },
    ...(electron.present
      ? [
          {
            name: 'electron',
            testDir: 'tests',
            testMatch: ['e2e/specs/**/*.spec.ts', 'e2e-electron/**/*.spec.ts'],
            use: { target: 'electron' as Target },
          },
        ]
      : []),
  ],
})
