import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { AppFailure } from '@common/result'
import { MetadataService } from '../../../../../main/dataverse/metadata/service'
import { fixtureSource } from '../../../../support/fixture-source'

const choices = {
  account: {
    PicklistAttributeMetadata: [
      {
        LogicalName: 'industrycode',
        OptionSet: {
          Options: [
            { Value: 1, Label: { UserLocalizedLabel: { Label: 'Accounting' } } },
            { Value: 2, Label: { UserLocalizedLabel: null, LocalizedLabels: [{ Label: 'Agriculture' }] } },
          ],
        },
      },
    ],
    StateAttributeMetadata: [
      {
        LogicalName: 'statecode',
        OptionSet: { Options: [{ Value: 0, Label: { UserLocalizedLabel: { Label: 'Active' } } }] },
      },
    ],
  },
}

describe('metadata service', () => {
  let dir: string
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'dvw-metadata-'))
  })
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it('downloads $metadata once, then reopens from the disk cache in a new session', async () => {
    const first = fixtureSource({})
    const loaded = await new MetadataService({ cacheDir: dir }).load('conn-1', first)
    expect(loaded.summary).toMatchObject({ fromCache: false, retrieveVersion: '9.2.24091.00190', entitySets: 5 })
    expect(first.requests).toEqual(['RetrieveVersion()', '$metadata'])

    const second = fixtureSource({})
    const reopened = await new MetadataService({ cacheDir: dir }).load('conn-1', second)
    expect(reopened.summary.fromCache).toBe(true)
    expect(reopened.summary.builtAt).toBe(loaded.summary.builtAt)
    expect(second.requests).toEqual(['RetrieveVersion()'])
    expect(reopened.index.entitySet('accounts')?.property('_parentaccountid_value')?.lookupTargets).toEqual(['account'])
  })

  it('rebuilds when the environment version changed, and on an explicit refresh', async () => {
    let version = '9.2.1'
    const source = fixtureSource({ version: () => version })
    const service = new MetadataService({ cacheDir: dir })
    await service.load('conn-1', source)
    await service.load('conn-1', source)
    expect(source.requests.filter((path) => path === '$metadata')).toHaveLength(1)
    version = '9.2.2'
    expect((await service.load('conn-1', source)).summary).toMatchObject({ fromCache: false, retrieveVersion: '9.2.2' })
    const refreshed = await service.load('conn-1', source, { refresh: true })
    expect(refreshed.summary.fromCache).toBe(false)
    expect(source.requests.filter((path) => path === '$metadata')).toHaveLength(3)
  })

  it('keeps the cache per org URL', async () => {
    const service = new MetadataService({ cacheDir: dir })
    await service.load('a', fixtureSource({ orgUrl: 'https://a.crm.dynamics.com' }))
    const other = fixtureSource({ orgUrl: 'https://b.crm4.dynamics.com' })
    await new MetadataService({ cacheDir: dir }).load('b', other)
    expect(other.requests).toContain('$metadata')
  })

  it('shares one download between concurrent callers', async () => {
    const source = fixtureSource({})
    const service = new MetadataService({ cacheDir: dir })
    const [a, b] = await Promise.all([service.load('c', source), service.load('c', source)])
    expect(a.index).toBe(b.index)
    expect(source.requests.filter((path) => path === '$metadata')).toHaveLength(1)
  })

  it('treats an unreadable cache file as a miss and rebuilds it', async () => {
    await new MetadataService({ cacheDir: dir }).load('c', fixtureSource({}))
    const [file] = (await readdir(dir)).filter((name) => name.endsWith('.index.json'))
    await writeFile(join(dir, file!), '{"orgUrl": "https://contoso.crm.dynamics.com", trunc')
    const source = fixtureSource({})
    const loaded = await new MetadataService({ cacheDir: dir }).load('c', source)
    expect(loaded.summary.fromCache).toBe(false)
    expect(source.requests).toContain('$metadata')
  })

  it('loads choice values lazily per table, once, and keeps them with the cache', async () => {
    const source = fixtureSource({ choices })
    const service = new MetadataService({ cacheDir: dir })
    const { index } = await service.load('c', source)
    expect(index.entitySet('accounts')?.property('industrycode')?.optionSet).toBeUndefined()
    const loaded = await service.choices('c', source, 'account')
    expect(loaded).toEqual({
      industrycode: [
        { value: 1, label: 'Accounting' },
        { value: 2, label: 'Agriculture' },
      ],
      statecode: [{ value: 0, label: 'Active' }],
    })
    expect(index.entitySet('accounts')?.property('industrycode')?.optionSet).toHaveLength(2)
    const choiceRequests = source.requests.filter((path) => path.startsWith('EntityDefinitions'))
    expect(choiceRequests).toHaveLength(4)
    expect(choiceRequests[0]).toBe(
      "EntityDefinitions(LogicalName='account')/Attributes/Microsoft.Dynamics.CRM.PicklistAttributeMetadata?$select=LogicalName&$expand=OptionSet($select=Options)",
    )
    await service.choices('c', source, 'account')
    expect(source.requests.filter((path) => path.startsWith('EntityDefinitions'))).toHaveLength(4)

    const next = fixtureSource({ choices })
    const reopened = await new MetadataService({ cacheDir: dir }).load('c', next)
    expect(reopened.index.entitySet('accounts')?.property('statecode')?.optionSet).toEqual([
      { value: 0, label: 'Active' },
    ])
    expect(next.requests).toEqual(['RetrieveVersion()'])
  })

  it('refuses choices for a table the metadata does not know', async () => {
    const source = fixtureSource({})
    const service = new MetadataService({ cacheDir: dir })
    await expect(service.choices('c', source, 'acount')).rejects.toMatchObject({ code: 'NOT_FOUND' })
  })

  it('turns a Dataverse error into an AppFailure that keeps the code and message for explain()', async () => {
    const source = fixtureSource({
      extra: (path) =>
        path === '$metadata'
          ? new Response(
              JSON.stringify({
                error: { code: '0x80072560', message: 'The user is not a member of the organization.' },
              }),
              { status: 403 },
            )
          : undefined,
    })
    const failure = await new MetadataService({ cacheDir: dir }).load('c', source).catch((error: unknown) => error)
    expect(failure).toBeInstanceOf(AppFailure)
    expect(failure).toMatchObject({
      code: 'DATAVERSE_ERROR',
      details: {
        status: 403,
        code: '0x80072560',
        message: 'The user is not a member of the organization.',
      },
    })
  })

  it('says plainly when something other than CSDL came back', async () => {
    const source = fixtureSource({ csdl: '<html><body>Sign in</body></html>' })
    await expect(new MetadataService({ cacheDir: dir }).load('c', source)).rejects.toMatchObject({
      code: 'DATAVERSE_ERROR',
      message: expect.stringContaining('no <Schema> element'),
    })
  })
})
