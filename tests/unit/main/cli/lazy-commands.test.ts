import { pathToFileURL } from 'node:url'
import { resolve } from 'node:path'
import { Command } from 'commander'
import { describe, expect, it } from 'vitest'
import { processIo } from '../../../../main/cli/io'
import { commands } from '../../../../main/cli/commands'
import { runDvw } from '../../../support/run-dvw'

const trace = pathToFileURL(resolve(import.meta.dirname, '../../../support/module-trace.mjs')).href

/** The packages (node_modules names) and CLI chunks a built `dvw` run loaded. */
async function loaded(args: readonly string[], stdin?: string) {
  const run = await runDvw(args, { env: { NODE_OPTIONS: `--import=${trace}` }, ...(stdin ? { stdin } : {}) })
  const urls = run.stderr
    .split('\n')
    .filter((line) => line.startsWith('dvw-module-trace '))
    .map((line) => line.slice('dvw-module-trace '.length))
  const packages = new Set(
    urls.map((url) => /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1]).filter((name) => name !== undefined),
  )
  const chunks = urls.map((url) => /out\/cli\/chunks\/([a-z-]+)-[\w-]+\.js$/.exec(url)?.[1]).filter(Boolean)
  return { run, packages, chunks, urls }
}

const HEAVY = ['@azure/msal-node', 'undici', 'exceljs', 'jose', 'hono']

describe('dvw loads a command only when it runs', () => {
  it.each([
    ['--help', ['--help']],
    ['url', ['url', 'https://contoso.crm4.dynamics.com']],
    ['explain', ['explain', 'AADSTS7000215: Invalid client secret provided.']],
    ['token decode', ['token', 'decode', '-']],
  ])('%s loads no MSAL, undici, exceljs or emulator', async (_name, args) => {
    const token = 'eyJhbGciOiJub25lIn0.eyJhdWQiOiJodHRwczovL2NvbnRvc28uY3JtLmR5bmFtaWNzLmNvbSJ9.'
    const { run, packages, chunks, urls } = await loaded(args, args.includes('-') ? token : undefined)
    expect(run.code).toBe(0)
    // The trace works: it saw the entry point and commander.
    expect(urls.some((url) => url.endsWith('/out/cli/dvw.js'))).toBe(true)
    expect(packages.has('commander')).toBe(true)
    for (const name of HEAVY) expect(packages.has(name), `${name} was loaded`).toBe(false)
    expect(chunks).not.toContain('emulator')
    expect(chunks).not.toContain('check')
    expect(chunks).not.toContain('query')
  })

  it('gives each command the summary its own module describes it with', async () => {
    for (const entry of commands) {
      const program = new Command()
      ;(await entry.load())(program, processIo(), () => undefined)
      const description = program.commands.find((command) => command.name() === entry.name)?.description() ?? ''
      // connections names the data folder in its own description; the list says where it is set instead.
      expect(description.slice(0, 37)).toBe(entry.summary.slice(0, 37))
    }
  })

  it('still lists every command in --help, and loads the one asked about for its own help', async () => {
    const { run } = await loaded(['--help'])
    for (const entry of commands) expect(run.stdout).toContain(entry.name)
    // A command's own --help loads it: its options are there.
    const url = await runDvw(['url', '--help'])
    expect(url.stdout).toContain('--json')
    const help = await runDvw(['help', 'query'])
    expect(help.stdout).toContain('--all')
  })

  it('loads MSAL where it is needed (the trace would see it), and exceljs only for an xlsx export', async () => {
    const { run, packages } = await loaded(['check', '--sample', '--json'])
    expect(run.code).toBe(0)
    expect(packages.has('@azure/msal-node')).toBe(true)
    expect(packages.has('exceljs')).toBe(false)
  })
})
