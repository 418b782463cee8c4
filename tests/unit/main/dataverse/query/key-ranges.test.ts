import { describe, expect, it } from 'vitest'
import {
  compareSqlGuids,
  guidFromSqlNumber,
  sqlGuidNumber,
  sqlGuidOrderKey,
  SQL_GUID_MAX,
} from '@common/query/sql-guid-order'
import { orderRulesOut, rangePath, splitCandidate } from '../../../../../main/dataverse/query/fetch-mode'
import {
  inRange,
  splitEvenly,
  splitRemainder,
  WHOLE_KEY_SPACE,
  type KeyRange,
} from '../../../../../main/dataverse/query/key-ranges'

/** Every key lands in exactly one range: the ranges are disjoint and cover the space. */
function owners(ranges: readonly KeyRange[], key: bigint): number {
  return ranges.filter((range) => inRange(range, key)).length
}

describe("SQL Server's uniqueidentifier order", () => {
  it('sorts by the last byte group first, the first three groups byte-reversed (the documented order)', () => {
    // The order SQL Server documents: each line is greater than the one before.
    const documented = [
      '01000000-0000-0000-0000-000000000000',
      '10000000-0000-0000-0000-000000000000',
      '00010000-0000-0000-0000-000000000000',
      '00000100-0000-0000-0000-000000000000',
      '00000001-0000-0000-0000-000000000000',
      '00000000-0100-0000-0000-000000000000',
      '00000000-0001-0000-0000-000000000000',
      '00000000-0000-0100-0000-000000000000',
      '00000000-0000-0001-0000-000000000000',
      // The last two groups compare as written (big-endian).
      '00000000-0000-0000-0001-000000000000',
      '00000000-0000-0000-0100-000000000000',
      '00000000-0000-0000-0000-000000000001',
      '00000000-0000-0000-0000-010000000000',
    ]
    const shuffled = [...documented].reverse()
    expect([...shuffled].sort(compareSqlGuids)).toEqual(documented)
    expect([...shuffled].sort((a, b) => (sqlGuidOrderKey(a)! < sqlGuidOrderKey(b)! ? -1 : 1))).toEqual(documented)
    expect(sqlGuidOrderKey('FFEEDDCC-BBAA-9988-6677-001122334455')).toBe('00112233445566778899aabbccddeeff')
  })

  it('turns a GUID into its number and back, in either case', () => {
    for (const guid of ['86c1bde9-1455-4b96-8b31-07524bea4145', '00000000-0000-0000-0000-000000000000']) {
      expect(guidFromSqlNumber(sqlGuidNumber(guid.toUpperCase())!)).toBe(guid)
    }
    expect(guidFromSqlNumber(SQL_GUID_MAX)).toBe('ffffffff-ffff-ffff-ffff-ffffffffffff')
    expect(sqlGuidNumber('not-a-guid')).toBeNull()
    expect(compareSqlGuids('A0000000-0000-0000-0000-000000000000', 'a0000000-0000-0000-0000-000000000000')).toBe(0)
  })
})

describe('key ranges', () => {
  const probes = [0n, 1n, SQL_GUID_MAX / 3n, SQL_GUID_MAX / 2n, SQL_GUID_MAX - 1n, SQL_GUID_MAX]

  it('splits the whole key space evenly into disjoint ranges that cover it', () => {
    const ranges = splitEvenly(4)
    expect(ranges).toHaveLength(4)
    expect(ranges[0]?.after).toBeNull()
    expect(ranges.at(-1)?.upTo).toBeNull()
    for (const key of probes) expect(owners(ranges, key)).toBe(1)
    for (let i = 1; i < ranges.length; i++) expect(ranges[i]?.after).toBe(ranges[i - 1]?.upTo)
  })

  it('cuts what is left of a range after a page into pieces three quarters of a page wide, the last keeping the rest', () => {
    const range: KeyRange = { after: 1000n, upTo: 1_000_000n }
    // The page spanned 1001…1101: 100 keys wide, so the pieces are 75.
    const pieces = splitRemainder(range, 1001n, 1101n, 4)
    expect(pieces).toEqual([
      { after: 1101n, upTo: 1176n },
      { after: 1176n, upTo: 1251n },
      { after: 1251n, upTo: 1326n },
      { after: 1326n, upTo: 1_000_000n },
    ])
    // Nothing at or below the page's last key is asked again; everything above it is asked once.
    for (const key of [1100n, 1101n, 1102n, 1176n, 1177n, 999_999n, 1_000_000n])
      expect(owners(pieces, key)).toBe(key <= 1101n ? 0 : 1)
  })

  it('cuts a narrow rest evenly, keeps an open end open, and leaves a spent range alone', () => {
    const narrow = splitRemainder({ after: null, upTo: 1200n }, 0n, 1000n, 4)
    expect(narrow).toHaveLength(4)
    expect(narrow[0]?.after).toBe(1000n)
    expect(narrow.at(-1)?.upTo).toBe(1200n)
    const open = splitRemainder(WHOLE_KEY_SPACE, 0n, 10n, 3)
    expect(open.at(-1)?.upTo).toBeNull()
    for (const key of [11n, 20n, 21n, SQL_GUID_MAX]) expect(owners(open, key)).toBe(1)
    expect(splitRemainder({ after: null, upTo: 50n }, 0n, 50n, 4)).toEqual([{ after: 50n, upTo: 50n }])
  })
})

describe('the fetch-all mode decision', () => {
  it('allows a plain entity set with $select, $filter, $expand and $count', () => {
    expect(
      splitCandidate({
        method: 'GET',
        path: "accounts?$select=name&$filter=name%20eq%20'a%26b'&$expand=primarycontactid($select=fullname)&$count=true",
      }),
    ).toEqual({
      kind: 'candidate',
      entitySet: 'accounts',
      options: ['$select=name', '$expand=primarycontactid($select=fullname)', '$count=true'],
      filter: "name%20eq%20'a%26b'",
      orderBy: null,
    })
  })

  it('keeps to one page after another when the rows depend on their order or position, and says why', () => {
    const reason = (path: string, extra: { method?: string; fetchXml?: unknown } = {}) => {
      const decision = splitCandidate({ method: extra.method ?? 'GET', path, fetchXml: extra.fetchXml })
      return decision.kind === 'sequential' ? decision.reason : null
    }
    expect(reason('accounts?$top=10')).toBe('the query has $top')
    expect(reason('accounts?$apply=aggregate($count%20as%20n)')).toBe('the query aggregates with $apply')
    expect(reason('accounts?fetchXml=%3Cfetch%3E')).toBe('FetchXML pages with its own paging cookie')
    expect(reason('accounts', { fetchXml: { xml: '<fetch/>' } })).toBe('FetchXML pages with its own paging cookie')
    expect(reason('accounts(00000000-0000-0000-0000-000000000001)')).toMatch(/single record/)
    expect(reason('WhoAmI()')).toMatch(/function/)
    expect(reason('accounts?savedQuery=00000000-0000-0000-0000-000000000001')).toBe('the query runs a saved view')
    expect(reason('accounts', { method: 'POST' })).toBe('the request is a POST')
  })

  it('allows no order or the primary key ascending, and nothing else', () => {
    expect(orderRulesOut(null, 'accountid')).toBeNull()
    expect(orderRulesOut('accountid', 'accountid')).toBeNull()
    expect(orderRulesOut('AccountId asc', 'accountid')).toBeNull()
    expect(orderRulesOut('accountid desc', 'accountid')).toBe('the query is ordered by accountid desc')
    expect(orderRulesOut('name', 'accountid')).toBe('the query is ordered by name')
  })

  it("asks for a range with the query's own filter and options, ordered by the key", () => {
    const candidate = splitCandidate({ method: 'GET', path: 'accounts?$select=name&$filter=statecode%20eq%200' })
    if (candidate.kind !== 'candidate') throw new Error('expected a candidate')
    const [first, second] = splitEvenly(2)
    expect(rangePath(candidate, 'accountid', first!)).toBe(
      `accounts?$select=name&$filter=(statecode%20eq%200)%20and%20accountid%20le%20${guidFromSqlNumber(first!.upTo!)}&$orderby=accountid%20asc`,
    )
    expect(rangePath(candidate, 'accountid', second!)).toBe(
      `accounts?$select=name&$filter=(statecode%20eq%200)%20and%20accountid%20gt%20${guidFromSqlNumber(second!.after!)}&$orderby=accountid%20asc`,
    )
  })
})
