/**
 * `$batch` against the HTTPS emulator, shaped on the exchanges of Microsoft's "Execute batch
 * operations using the Web API" page: GET parts, change sets that succeed or fail as one,
 * Content-ID references in URLs and bodies, continue-on-error, the 1,000-request limit.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ScenarioName } from '../../../emulator'
import { batchBody, readBatchAnswer, type RawItem } from '../../support/batch-text'
import { startFixture, type HttpsFixture } from './fixture'

let fx: HttpsFixture
const API = '/api/data/v9.2'

beforeAll(async () => {
  fx = await startFixture({ rows: { accounts: 40, contacts: 80 } })
})
afterAll(() => fx?.close())

async function postBatch(
  items: readonly RawItem[],
  headers: Record<string, string> = {},
  scenario: ScenarioName = 'healthy',
) {
  const { body, contentType } = batchBody(items)
  const response = await fx.fetch(`${fx.contoso}${API}/$batch`, {
    method: 'POST',
    headers: {
      Authorization: `Bearer ${await fx.token(scenario)}`,
      'Content-Type': contentType,
      Accept: 'application/json',
      'OData-Version': '4.0',
      ...headers,
    },
    body,
  })
  const text = await response.text()
  const type = response.headers.get('content-type') ?? ''
  return {
    status: response.status,
    contentType: type,
    text,
    parts: type.startsWith('multipart/mixed') ? readBatchAnswer(type, text) : [],
    json: type.startsWith('application/json')
      ? (JSON.parse(text) as { error: { code: string; message: string } })
      : undefined,
  }
}

const accounts = () => fx.running.emulator.table('account')
const idIn = (url: string | undefined): string => /\(([0-9a-f-]{36})\)$/.exec(url ?? '')?.[1] ?? 'none'
const TOO_LONG = 'x'.repeat(161)

describe('$batch', () => {
  it('answers GET parts in order inside a batchresponse multipart', async () => {
    const account = accounts()[3]!
    const answer = await postBatch([
      { method: 'GET', url: `${API}/accounts(${String(account.accountid)})?$select=name` },
      { method: 'GET', url: `accounts?$select=name&$top=2`, headers: { Prefer: 'odata.include-annotations="*"' } },
      { method: 'GET', url: `${fx.contoso}${API}/WhoAmI` },
    ])
    expect(answer.status).toBe(200)
    expect(answer.contentType).toMatch(/^multipart\/mixed; boundary=batchresponse_[0-9a-f-]{36}$/)
    expect(answer.parts.map((p) => p.status)).toEqual([200, 200, 200])
    expect(answer.parts[0]?.json.name).toBe(account.name)
    expect(answer.parts[0]?.headers['content-type']).toMatch(/^application\/json/)
    expect(answer.parts[1]?.json.value).toHaveLength(2)
    expect(answer.parts[2]?.json.UserId).toMatch(/^[0-9a-f-]{36}$/)
  })

  it('runs a change set with Content-ID references in the URL and in @odata.bind / @odata.id', async () => {
    const answer = await postBatch([
      {
        changeset: [
          { method: 'POST', url: `${API}/accounts`, contentId: '1', body: { name: 'Batch parent' } },
          { method: 'POST', url: `${API}/contacts`, contentId: '2', body: { firstname: 'Batch', lastname: 'Child' } },
          { method: 'PUT', url: '$1/primarycontactid/$ref', contentId: '3', body: { '@odata.id': '$2' } },
          { method: 'PUT', url: '$1/telephone1', contentId: '4', body: { value: '555-0100' } },
          {
            method: 'POST',
            url: `${API}/accounts`,
            contentId: '5',
            body: { name: 'Batch child account', 'parentaccountid@odata.bind': '$1' },
          },
        ],
      },
      { method: 'GET', url: `${API}/accounts?$select=name&$filter=name eq 'Batch parent'` },
    ])
    expect(answer.status).toBe(200)
    const inSet = answer.parts.filter((p) => p.changeset)
    expect(inSet.map((p) => [p.contentId, p.status])).toEqual([
      ['1', 204],
      ['2', 204],
      ['3', 204],
      ['4', 204],
      ['5', 204],
    ])
    expect(inSet[0]?.changeset).toMatch(/^changesetresponse_/)
    const parentId = idIn(inSet[0]?.headers['odata-entityid'])
    const contactId = idIn(inSet[1]?.headers['odata-entityid'])
    const parent = accounts().find((a) => a.accountid === parentId)
    expect(parent?._primarycontactid_value).toBe(contactId)
    expect(parent?.telephone1).toBe('555-0100')
    const child = accounts().find((a) => a.accountid === idIn(inSet[4]?.headers['odata-entityid']))
    expect(child?._parentaccountid_value).toBe(parentId)
    expect(answer.parts[5]?.json.value.map((row: { accountid: string }) => row.accountid)).toEqual([parentId])
  })

  it('undoes the whole change set when one request fails and answers with that error alone', async () => {
    const existing = accounts()[5]!
    const before = { name: existing.name, etag: existing['@odata.etag'] }
    const count = accounts().length
    const answer = await postBatch([
      { method: 'GET', url: `${API}/WhoAmI` },
      {
        changeset: [
          { method: 'POST', url: `${API}/accounts`, contentId: '1', body: { name: 'Rolled back' } },
          {
            method: 'PATCH',
            url: `${API}/accounts(${String(existing.accountid)})`,
            contentId: '2',
            body: { name: 'Renamed then undone' },
          },
          { method: 'POST', url: `${API}/accounts`, contentId: '3', body: { name: TOO_LONG } },
        ],
      },
      { method: 'GET', url: `${API}/WhoAmI` },
    ])
    // Without continue-on-error the first failure ends the batch and is its status.
    expect(answer.status).toBe(400)
    expect(answer.parts.map((p) => p.status)).toEqual([200, 400])
    expect(answer.parts[1]?.changeset).toBeUndefined()
    expect(answer.parts[1]?.json.error.code).toBe('0x80044331')
    expect(accounts()).toHaveLength(count)
    expect(accounts().some((a) => a.name === 'Rolled back')).toBe(false)
    const after = accounts().find((a) => a.accountid === existing.accountid)
    expect(after?.name).toBe(before.name)
    expect(after?.['@odata.etag']).toBe(before.etag)
  })

  it('goes on after a failure with Prefer: odata.continue-on-error, as the documented example', async () => {
    const answer = await postBatch(
      [
        { method: 'POST', url: `${API}/accounts`, body: { name: TOO_LONG } },
        { method: 'POST', url: `${API}/accounts`, body: { name: 'Continue 2' } },
        { changeset: [{ method: 'POST', url: `${API}/accounts`, contentId: '1', body: { name: TOO_LONG } }] },
        { method: 'POST', url: `${API}/accounts`, body: { name: 'Continue 3' } },
      ],
      { Prefer: 'odata.continue-on-error' },
    )
    expect(answer.status).toBe(200)
    expect(answer.parts.map((p) => p.status)).toEqual([400, 204, 400, 204])
    expect(answer.parts[0]?.json.error.message).toContain("exceeded the maximum allowed length of '160'")
    expect(answer.parts[1]?.headers.location).toMatch(/\/accounts\([0-9a-f-]{36}\)$/)
    expect(accounts().filter((a) => /^Continue [23]$/.test(String(a.name)))).toHaveLength(2)
  })

  it('stops at the first failing request without continue-on-error', async () => {
    const answer = await postBatch([
      { method: 'POST', url: `${API}/accounts`, body: { name: TOO_LONG } },
      { method: 'POST', url: `${API}/accounts`, body: { name: 'Never sent' } },
    ])
    expect(answer.status).toBe(400)
    expect(answer.parts).toHaveLength(1)
    expect(accounts().some((a) => a.name === 'Never sent')).toBe(false)
  })

  it('refuses a Content-ID reference that is not declared before it', async () => {
    const answer = await postBatch([
      {
        changeset: [
          {
            method: 'POST',
            url: `${API}/contacts`,
            contentId: '2',
            body: { lastname: 'Early', 'parentcustomerid_account@odata.bind': '$1' },
          },
          { method: 'POST', url: `${API}/accounts`, contentId: '1', body: { name: 'Late' } },
        ],
      },
    ])
    expect(answer.status).toBe(400)
    expect(answer.parts[0]?.json.error.message).toBe("Content-ID Reference: '$1' does not exist in the batch context.")
    expect(accounts().some((a) => a.name === 'Late')).toBe(false)
  })

  it('refuses a GET inside a change set', async () => {
    const answer = await postBatch([{ changeset: [{ method: 'GET', url: `${API}/WhoAmI`, contentId: '1' }] }])
    expect(answer.status).toBe(400)
    expect(answer.parts[0]?.json.error.message).toContain("invalid HTTP method 'GET'")
  })

  it('applies the caller’s privileges to every write in a change set', async () => {
    const count = accounts().length
    const answer = await postBatch(
      [{ changeset: [{ method: 'POST', url: `${API}/accounts`, contentId: '1', body: { name: 'Reader write' } }] }],
      {},
      'missing-privilege',
    )
    expect(answer.status).toBe(403)
    expect(answer.parts[0]?.json.error.code).toBe('0x80040220')
    expect(accounts()).toHaveLength(count)
  })

  it('refuses more than 1,000 requests with the message Dataverse sends', async () => {
    const many = Array.from({ length: 1001 }, () => ({ method: 'GET', url: `${API}/WhoAmI` }))
    const answer = await postBatch(many)
    expect(answer.status).toBe(400)
    expect(answer.json?.error.message).toContain("maximum number of '1000' query operations")
    const limit = await postBatch(many.slice(0, 1000))
    expect(limit.status).toBe(200)
    expect(limit.parts).toHaveLength(1000)
  })

  it('says honestly that a JSON batch is not supported', async () => {
    const response = await fx.fetch(`${fx.contoso}${API}/$batch`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${await fx.token('healthy')}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ requests: [{ id: '1', method: 'GET', url: 'WhoAmI' }] }),
    })
    expect(response.status).toBe(501)
    expect(((await response.json()) as { error: { message: string } }).error.message).toContain(
      'not supported by this emulator',
    )
  })
})
