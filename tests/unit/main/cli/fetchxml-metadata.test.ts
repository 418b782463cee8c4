/** `dvw query --fetchxml … --all` to the last page, and `dvw metadata --json` / `--file` (offline). */
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createEmulator, SAMPLE_CONNECTION } from '../../../../emulator'
import { secretToken, type FetchFn } from '../../../support/emulator-client'
import { runDvw } from '../../../support/run-dvw'

interface Listing {
  readonly entitySets: number
  readonly tables: { logicalName: string; entitySet: string; key: string[]; columns: number }[]
}

describe('dvw query --fetchxml --all and dvw metadata --file', () => {
  let dir: string
  let env: Record<string, string>
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'dvw-cli-fetchxml-'))
    env = { DVW_DATA_DIR: join(dir, 'data') }
  })
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it('prints all 50,000 sample contacts of a FetchXML query, each once, and says it paged with the cookie', async () => {
    const file = join(dir, 'contacts.xml')
    await writeFile(
      file,
      '<fetch>\n  <entity name="contact">\n    <attribute name="fullname"/>\n    <order attribute="fullname"/>\n  </entity>\n</fetch>\n',
    )
    const run = await runDvw(['query', '--sample', '--fetchxml', file, '--all', '--format', 'ndjson'], { env })
    expect(run.code, run.stderr).toBe(0)
    const lines = run.stdout.trim().split('\n')
    expect(lines).toHaveLength(50_000)
    expect(new Set(lines.map((line) => (JSON.parse(line) as { contactid: string }).contactid)).size).toBe(50_000)
    expect(run.stderr).toContain('Paged with the FetchXML paging cookie.')
    expect(run.stderr).not.toContain('Stopped at --max-rows')

    const firstPage = await runDvw(['query', '--sample', '--fetchxml', file, '--format', 'ndjson', '--no-formatted'], {
      env,
    })
    expect(firstPage.code, firstPage.stderr).toBe(0)
    expect(firstPage.stdout.trim().split('\n')).toHaveLength(5000)
    expect(firstPage.stderr).toContain('More rows are available: add --all')
  }, 120_000)

  it('says when a FetchXML query could only be paged by page number', async () => {
    const file = join(dir, 'by-city.xml')
    await writeFile(
      file,
      '<fetch aggregate="true" count="10"><entity name="account"><attribute name="accountid" alias="n" aggregate="count"/><attribute name="address1_city" alias="city" groupby="true"/><order alias="city"/></entity></fetch>',
    )
    const run = await runDvw(['query', '--sample', '--fetchxml', file, '--all'], { env })
    expect(run.code, run.stderr).toBe(0)
    expect((JSON.parse(run.stdout) as { city?: string }[]).length).toBeGreaterThan(10)
    expect(run.stderr).toContain('Paged with FetchXML page numbers.')
    expect(run.stderr).toContain('simple paging')
  }, 60_000)

  it('lists every table with its entity set, key and column count in --json', async () => {
    const run = await runDvw(['metadata', '--sample', '--json'], { env })
    expect(run.code, run.stderr).toBe(0)
    const listing = JSON.parse(run.stdout) as Listing
    expect(listing.tables).toHaveLength(listing.entitySets)
    expect(listing.tables.find((t) => t.logicalName === 'contact')).toMatchObject({
      entitySet: 'contacts',
      key: ['contactid'],
    })
    expect(listing.tables.find((t) => t.logicalName === 'contact')!.columns).toBeGreaterThan(10)
  }, 60_000)

  it('indexes a saved $metadata document offline: the fixture, and one the emulator served', async () => {
    const fixture = await runDvw(
      ['metadata', '--file', resolve(import.meta.dirname, '../../../fixtures/metadata/small-csdl.xml'), '--json'],
      { env },
    )
    expect(fixture.code, fixture.stderr).toBe(0)
    const small = JSON.parse(fixture.stdout) as Listing & { file: string }
    expect(small.tables.map((t) => [t.logicalName, t.entitySet, t.key])).toEqual([
      ['account', 'accounts', ['accountid']],
      ['activitypointer', 'activitypointers', ['activityid']],
      ['contact', 'contacts', ['contactid']],
      ['email', 'emails', ['activityid']],
      ['systemuser', 'systemusers', ['systemuserid']],
    ])

    const emulator = createEmulator({ rows: { accounts: 5, contacts: 5 } })
    const fetch = emulator.fetch as FetchFn
    const token = await secretToken(
      fetch,
      SAMPLE_CONNECTION.authorityUrl,
      SAMPLE_CONNECTION.tenantId,
      'healthy',
      SAMPLE_CONNECTION.orgUrl,
    )
    const csdl = await (
      await fetch(`${SAMPLE_CONNECTION.orgUrl}/api/data/v9.2/$metadata`, {
        headers: { Authorization: `Bearer ${token}`, Accept: 'application/xml' },
      })
    ).text()
    const saved = join(dir, 'metadata.xml')
    await writeFile(saved, csdl)
    const offline = await runDvw(['metadata', '--file', saved, '--json', '--table', 'accounts'], { env })
    expect(offline.code, offline.stderr).toBe(0)
    const online = await runDvw(['metadata', '--sample', '--json'], { env })
    const fromFile = JSON.parse(offline.stdout) as Listing & { table: { name: string; key: string[] } }
    expect(fromFile.tables).toEqual((JSON.parse(online.stdout) as Listing).tables)
    expect(fromFile.table).toMatchObject({ name: 'account', key: ['accountid'] })
    const text = await runDvw(['metadata', '--file', saved], { env })
    expect(text.stdout).toContain(`Metadata in ${saved}`)
  }, 60_000)

  it('explains a file that is missing or is not a $metadata document, with exit 1', async () => {
    const missing = await runDvw(['metadata', '--file', join(dir, 'nope.xml')], { env })
    expect(missing.code).toBe(1)
    expect(missing.stderr).toContain('There is no file at')
    const html = join(dir, 'error.html')
    await writeFile(html, '<html><body>Sign in</body></html>')
    const wrong = await runDvw(['metadata', '--file', html], { env })
    expect(wrong.code).toBe(1)
    expect(wrong.stderr).toContain('is not a $metadata document')
    expect(wrong.stderr).toContain('Next:')
  }, 60_000)
})
