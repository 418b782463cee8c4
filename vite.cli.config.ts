import { builtinModules } from 'node:module'
import { resolve } from 'node:path'
import { defineConfig } from 'vite'
import pkg from './package.json' with { type: 'json' }

/** Builds the `dvw` command as ESM (an entry and one chunk per command); runtime packages stay external (npm installs them). */
export default defineConfig({
  resolve: { alias: { '@common': resolve(import.meta.dirname, 'common') } },
  ssr: { noExternal: ['zod'] },
  build: {
    ssr: 'main/cli/index.ts',
    outDir: 'out/cli',
    emptyOutDir: true,
    target: 'node20',
    minify: false,
    sourcemap: true,
    rollupOptions: {
      external: [
        /^node:/,
        ...builtinModules,
        // zod is bundled: Node loads its ~100 ES module files one by one, which cost url and explain
        // more start-up time than all of their own code; as part of the chunk it is read once.
        ...Object.keys(pkg.dependencies).filter((name) => name !== 'zod'),
        ...Object.keys(pkg.devDependencies),
      ].map((name) =>
        typeof name === 'string' ? new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}(/.*)?$`) : name,
      ),
      // Each command is its own chunk, loaded by dynamic import() only when that command runs.
      output: { format: 'es', entryFileNames: 'dvw.js', chunkFileNames: 'chunks/[name]-[hash].js' },
    },
  },
})
