#!/usr/bin/env node
// The `dvw` command. `npm install` builds out/cli in the package's prepare script.
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const entry = new URL('../out/cli/dvw.js', import.meta.url)
if (!existsSync(fileURLToPath(entry))) {
  process.stderr.write(
    'dvw: the command is not built yet (out/cli/dvw.js is missing).\n' +
      'It is built by `npm install` / `npm ci`; run `npm run build:cli` to build it now.\n',
  )
  process.exit(2)
}
await import(entry.href)
