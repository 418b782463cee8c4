import { resolve } from 'node:path'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'electron-vite'
import type { Plugin } from 'vite'
import { CONTENT_SECURITY_POLICY } from './main/electron/csp'

const fromRoot = (path: string) => resolve(import.meta.dirname, path)
/** `@common/x` is common/x from every floor (tsconfig.base.json declares the same path). */
const resolveCommon = { alias: { '@common': fromRoot('common') } }

/** One CSP source: main/electron/csp.ts, repeated into the page as a meta tag. */
function injectCspMeta(): Plugin {
  // frame-ancestors is ignored (with a console warning) when delivered by <meta>.
  const metaPolicy = CONTENT_SECURITY_POLICY.split('; ')
    .filter((directive) => !directive.startsWith('frame-ancestors'))
    .join('; ')
  return {
    name: 'inject-csp-meta',
    transformIndexHtml: () => [
      {
        tag: 'meta',
        attrs: { 'http-equiv': 'Content-Security-Policy', content: metaPolicy },
        injectTo: 'head-prepend',
      },
    ],
  }
}

export default defineConfig({
  main: {
    resolve: resolveCommon,
    build: {
      outDir: 'out/main',
      lib: { entry: fromRoot('main/index.ts') },
    },
  },
  preload: {
    resolve: resolveCommon,
    build: {
      outDir: 'out/preload',
      // A sandboxed preload cannot require node_modules, so zod and the contract are bundled in.
      externalizeDeps: false,
      lib: { entry: fromRoot('preload/index.ts') },
      rollupOptions: { external: ['electron'], output: { format: 'cjs', entryFileNames: '[name].cjs' } },
    },
  },
  renderer: {
    root: fromRoot('renderer'),
    resolve: resolveCommon,
    plugins: [react(), injectCspMeta()],
    build: {
      outDir: fromRoot('out/renderer'),
      minify: true,
      chunkSizeWarningLimit: 8000,
      rollupOptions: { input: fromRoot('renderer/index.html') },
    },
  },
})
