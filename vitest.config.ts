import { resolve } from 'node:path'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'vitest/config'

const fromRoot = (path: string) => resolve(import.meta.dirname, path)
const common = fromRoot('common')

export default defineConfig({
  test: {
    reporters: process.env.VITEST_JSON_REPORT
      ? ['default', ['json', { outputFile: process.env.VITEST_JSON_REPORT }]]
      : ['default'],
    projects: [
      {
        test: {
          name: 'node',
          environment: 'node',
          include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts', 'tests/conformance/**/*.test.ts'],
          exclude: ['tests/unit/renderer/**'],
          globalSetup: ['tests/support/build-cli.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          // So vi.mock('electron') in main/electron tests also reaches electron-store's own import.
          server: { deps: { inline: ['electron-store'] } },
          alias: {
            // Outside the tests that mock it, importing electron is a bug: it would try to download the binary.
            electron: fromRoot('tests/support/no-electron.ts'),
            '@common': common,
          },
        },
      },
      {
        plugins: [react()],
        resolve: { alias: { '@common': common } },
        test: {
          name: 'renderer',
          environment: 'jsdom',
          include: ['tests/unit/renderer/**/*.test.{ts,tsx}'],
          setupFiles: ['./vitest.setup.ts'],
        },
      },
    ],
  },
})
