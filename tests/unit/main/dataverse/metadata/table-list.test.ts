import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildLargeCsdl } from '../../../../../bench/support/large-csdl'
import { indexMetadataFile, listTables } from '../../../../../main/dataverse/metadata/table-list'
import { failureOf } from '../../../../support/failure-of'

describe('tables of a saved $metadata document', () => {
  let dir: string
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'dvw-table-list-'))
  })
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it('lists each table with its entity set, key (inherited too) and column count', async () => {
    const tables = listTables(
      await indexMetadataFile(resolve(import.meta.dirname, '../../../../fixtures/metadata/small-csdl.xml')),
    )
    expect(tables.map((t) => t.logicalName)).toEqual(['account', 'activitypointer', 'contact', 'email', 'systemuser'])
    expect(tables.find((t) => t.logicalName === 'email')).toMatchObject({ entitySet: 'emails', key: ['activityid'] })
    expect(tables.every((t) => t.columns > 0)).toBe(true)
  })

  it('indexes a Dataverse-sized document (280 tables, annotations on every column) quickly', async () => {
    const path = join(dir, 'online.xml')
    await writeFile(path, buildLargeCsdl(280))
    const started = performance.now()
    const tables = listTables(await indexMetadataFile(path))
    const elapsed = performance.now() - started
    expect(tables).toHaveLength(280)
    expect(tables[0]).toMatchObject({ logicalName: 'new_table0000', key: ['new_table0000id'] })
    expect(tables[0]!.columns).toBeGreaterThan(5)
    // Generous for a shared build machine; B3 measures it properly (about a tenth of this).
    expect(elapsed).toBeLessThan(5000)
  })

  it('says clearly when the file is missing or is not CSDL', async () => {
    expect(await failureOf(indexMetadataFile(join(dir, 'missing.xml')))).toMatchObject({ code: 'NOT_FOUND' })
    const json = join(dir, 'metadata.json')
    await writeFile(json, '{"value":[]}')
    const failure = await failureOf(indexMetadataFile(json))
    expect(failure).toMatchObject({ code: 'INVALID_INPUT' })
    expect(failure.message).toContain('is not a $metadata document')
  })
})
