/**
 * The OASIS OData ABNF cases for $filter, $select, $expand, $orderby and query options, sent to
 * the emulator as queries on `accounts`. Grammar conformance of the parser itself is checked in
 * tests/unit/common/odata/abnf.test.ts (see common/odata/ABNF-CONFORMANCE.md); here the emulator
 * must answer each one like Dataverse would — a result or a Dataverse-shaped error, never a crash —
 * and refuse with 400 every invalid case the shared parser rejects (where the parser is lenient on
 * purpose, ABNF-CONFORMANCE.md says so, and the emulator follows the parser).
 */
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { parseQueryOptions } from '@common/odata'
import { createEmulator } from '../../../../emulator'
import { secretToken, type FetchFn } from '../../../support/emulator-client'

interface AbnfCase {
  readonly Name: string
  readonly Rule: string
  readonly Input: string
  readonly FailAt?: number
}

const fixture = parse(
  readFileSync(resolve(import.meta.dirname, '../../../fixtures/odata-abnf/odata-abnf-testcases.yaml'), 'utf8'),
) as { TestCases: AbnfCase[] }
const QUERY_RULES = new Set(['filter', 'select', 'expand', 'orderby', 'queryOptions', 'boolCommonExpr'])
const cases = fixture.TestCases.filter((c) => QUERY_RULES.has(c.Rule))

describe('ABNF query cases against the emulator', () => {
  it(`answers all ${cases.length} $filter/$select/$expand/$orderby/queryOptions cases without a crash, in the Dataverse error shape`, async () => {
    const emulator = createEmulator({ rows: { accounts: 30, contacts: 60 } })
    const fetch = emulator.fetch as FetchFn
    const org = 'https://contoso.crm.dynamics.com'
    const token = await secretToken(fetch, emulator.authorityUrl, emulator.tenantId, 'healthy', org)
    const statuses = new Map<number, number>()
    for (const c of cases) {
      const query = c.Rule === 'boolCommonExpr' ? `$filter=${c.Input}` : c.Input
      const response = await fetch(`${org}/api/data/v9.2/accounts?${query.replace(/ /g, '%20')}`, {
        headers: { Authorization: `Bearer ${token}` },
      })
      const text = await response.text()
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1)
      expect([200, 400, 404, 501], `${c.Name}: ${c.Input} → ${response.status} ${text}`).toContain(response.status)
      if (response.status !== 200) {
        const body = JSON.parse(text) as { error: { code: string; message: string } }
        expect(body.error.code, c.Name).toMatch(/^0x[0-9a-f]{8}$/)
        expect(body.error.message.length, c.Name).toBeGreaterThan(0)
      }
      const parserRejects = !parseQueryOptions(decodeURIComponent(query)).ok
      if (c.FailAt !== undefined && parserRejects)
        expect(response.status, `${c.Name} is invalid OData but the emulator accepted it: ${c.Input}`).toBe(400)
    }
    expect(statuses.get(200) ?? 0).toBeGreaterThan(0)
  })
})
