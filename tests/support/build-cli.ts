import { build } from 'vite'

/** CLI tests run the shipped artefact (bin/dvw.js → out/cli/dvw.js), so build it from the current source first. */
export default async function buildCli(): Promise<void> {
  await build({ configFile: 'vite.cli.config.ts', logLevel: 'warn' })
}
