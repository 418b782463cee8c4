import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startHttpsEmulator, type RunningEmulator } from '../../../../emulator'
import { parseCsv } from '../../../support/parse-csv'
import { runDvw } from '../../../support/run-dvw'

describe('dvw query and dvw metadata', () => {
  let dir: string
  let env: Record<string, string>
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'dvw-cli-query-'))
    env = { DVW_DATA_DIR: join(dir, 'data') }
  })
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it('prints the first page as a JSON array with $select columns first', async () => {
    const run = await runDvw(['query', 'contacts?$select=fullname,emailaddress1&$top=3', '--sample'], { env })
    expect(run.code).toBe(0)
    const rows = JSON.parse(run.stdout) as Record<string, unknown>[]
    expect(rows).toHaveLength(3)
    expect(Object.keys(rows[0]!).slice(0, 2)).toEqual(['fullname', 'emailaddress1'])
  })

  it('follows every page with --all to --max-rows, as NDJSON', async () => {
    const run = await runDvw(
      ['query', 'contacts?$select=fullname', '--sample', '--all', '--max-rows', '7500', '--format', 'ndjson'],
      { env },
    )
    expect(run.code).toBe(0)
    const lines = run.stdout.trim().split('\n')
    expect(lines).toHaveLength(7500)
    expect(new Set(lines.map((line) => (JSON.parse(line) as { contactid: string }).contactid)).size).toBe(7500)
    expect(run.stderr).toContain('Stopped at --max-rows 7,500')
  })

  it('streams --all into a CSV file with --out', async () => {
    const out = join(dir, 'accounts.csv')
    const run = await runDvw(
      [
        'query',
        'accounts?$select=name,industrycode',
        '--sample',
        '--all',
        '--page-size',
        '1000',
        '--format',
        'csv',
        '--out',
        out,
      ],
      { env },
    )
    expect(run.code).toBe(0)
    expect(run.stderr).toMatch(/Saved 5,000 rows \(\d+ pages\)/)
    // The sample's x-ms-dop-hint is 4: four accountid ranges at once, said on stderr.
    expect(run.stderr).toMatch(/Fetched parallel ×4 by accountid ranges/)
    const records = parseCsv((await readFile(out, 'utf8')).replace(/^\uFEFF/, ''))
    expect(records[0]).toEqual(['name', 'industrycode', 'industrycode (formatted)', 'accountid'])
    expect(records).toHaveLength(5001)
  })

  it('runs FetchXML from a file', async () => {
    const file = join(dir, 'top.xml')
    await writeFile(file, '<fetch top="2"><entity name="account"><attribute name="name"/></entity></fetch>')
    const run = await runDvw(['query', '--fetchxml', file, '--sample'], { env })
    expect(run.code).toBe(0)
    expect(JSON.parse(run.stdout)).toHaveLength(2)
  })

  it('L8 refuses a FetchXML file over the size limit with a sentence and exit 2, not a zod issue list', async () => {
    const file = join(dir, 'huge.xml')
    await writeFile(
      file,
      `<fetch><entity name="account"><filter>${'<condition attribute="name" operator="eq" value="x"/>'.repeat(2000)}</filter></entity></fetch>`,
    )
    const run = await runDvw(['query', '--fetchxml', file, '--sample'], { env })
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(
      /^dvw: the FetchXML in .*huge\.xml is 1\d\d,\d{3} characters long; a query can be at most 100,000 characters\n/,
    )
    expect(run.stderr).not.toMatch(/too_big|"origin"|unexpected error/)
  })

  it('L9 neutralises formula-like CSV cells by default and writes them raw with --csv-raw', async () => {
    const query = [
      'query',
      'accounts?$select=name,telephone1&$filter=telephone1 ne null&$top=3',
      '--sample',
      '--format',
      'csv',
      '--no-formatted',
    ]
    const neutral = parseCsv((await runDvw(query, { env })).stdout.replace(/^\uFEFF/, ''))
    expect(neutral[0]).toEqual(['name', 'telephone1', 'accountid'])
    expect(neutral[1]?.[1]).toMatch(/^'\+1 \d{3} /)
    const raw = parseCsv((await runDvw([...query, '--csv-raw'], { env })).stdout.replace(/^\uFEFF/, ''))
    expect(raw[1]?.[1]).toMatch(/^\+1 \d{3} /)
  })

  // POSIX permission bits do not exist on Windows (stat reports 0o666 whatever was asked).
  it.skipIf(process.platform === 'win32')('L10 writes the --out file readable by its owner only', async () => {
    // skipped on Windows: it keeps access in ACLs, not POSIX mode bits
    const out = join(dir, 'mode.json')
    expect((await runDvw(['query', 'accounts?$select=name&$top=2', '--sample', '--out', out], { env })).code).toBe(0)
    expect((await stat(out)).mode & 0o777).toBe(0o600)
  })

  it('exits 1 with the explanation when Dataverse refuses the query, and 2 on a usage error', async () => {
    const failed = await runDvw(['query', 'contacts?$select=nosuch', '--sample'], { env })
    expect(failed.code).toBe(1)
    expect(failed.stderr).toContain('0x80060888')
    expect(failed.stderr).toContain('No column called "nosuch"')
    expect((await runDvw(['query', '--sample'], { env })).code).toBe(2)
    expect(
      (await runDvw(['query', 'accounts', '--url', 'https://contoso.crm.dynamics.com'], { env })).stderr,
    ).toContain('--client-id')
    expect((await runDvw(['query', 'accounts', '--sample', '--format', 'xml'], { env })).code).toBe(2)
  })

  it('summarises the metadata as JSON and lists one table', async () => {
    const run = await runDvw(['metadata', '--sample', '--json', '--table', 'contacts'], { env })
    expect(run.code).toBe(0)
    const summary = JSON.parse(run.stdout) as {
      entitySets: number
      functions: number
      table: { name: string; columns: { name: string }[] }
    }
    expect(summary.entitySets).toBeGreaterThan(3)
    expect(summary.table.name).toBe('contact')
    expect(summary.table.columns.map((column) => column.name)).toContain('fullname')
  })

  describe('over HTTPS with connection flags', () => {
    let emulator: RunningEmulator
    beforeAll(async () => {
      emulator = await startHttpsEmulator({ orgs: [{ name: 'contoso' }], rows: { accounts: 20, contacts: 20 } })
    })
    afterAll(async () => {
      await emulator.close()
    })

    it('discovers the tenant, signs in with the secret from an environment variable and trusts --ca-file', async () => {
      const healthy = emulator.apps.find((app) => app.scenario === 'healthy')!
      const run = await runDvw(
        [
          'query',
          'accounts?$select=name&$top=2',
          '--url',
          emulator.orgs[0]!.url,
          '--client-id',
          healthy.clientId,
          '--secret-env',
          'DVW_TEST_SECRET',
          '--ca-file',
          emulator.caCertPath,
        ],
        { env: { ...env, DVW_TEST_SECRET: healthy.clientSecret! } },
      )
      expect(run.stderr).toBe('')
      expect(run.code).toBe(0)
      expect(JSON.parse(run.stdout)).toHaveLength(2)
      expect(run.stdout + run.stderr).not.toContain(healthy.clientSecret!)
    })
  })
})
