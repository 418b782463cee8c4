/**
 * Conformance beyond the 50 shared examples: the exchanges of Microsoft's "Execute batch operations
 * using the Web API" page and the alternate-key and paging rules of their pages, sent to the HTTPS
 * emulator. The documented task rows become the emulator's projects (it has no task table), each
 * embedded answer is compared with classify() like a single exchange, and the batch around them by
 * status, boundaries, change-set nesting and Content-ID.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { batchBody, readBatchAnswer, type AnswerPart, type RawItem, type RawRequest } from '../support/batch-text'
import type { Answer } from '../support/emulator-client'
import { startFixture, type HttpsFixture } from '../integration/emulator/fixture'
import { classify, type Outcome } from './examples'

/** powerapps-docs at cab7b309…/07bda7ad…: developer/data-platform/webapi/execute-batch-operations-using-web-api.md */
const BATCH_PAGE = 'execute-batch-operations-using-web-api.md'
const API = '/api/data/v9.2'
const TOO_LONG = `Subject is too long ${'x'.repeat(200)}`

let fx: HttpsFixture
let token: string
const results = new Map<string, Outcome>()

beforeAll(async () => {
  fx = await startFixture({ rows: { accounts: 40, contacts: 80 } })
  token = await fx.token('healthy')
})

afterAll(async () => {
  const counts = { match: 0, 'honest-501': 0, mismatch: 0 }
  for (const outcome of results.values()) counts[outcome.kind]++
  console.log(
    `Batch, alternate-key and paging conformance over ${results.size} documented exchanges: ${counts.match} match, ${counts['honest-501']} honest-501, ${counts.mismatch} mismatch`,
  )
  await fx?.close()
})

/** A documented embedded answer, adapted to the emulator's names. */
interface PartDoc {
  readonly status: number
  readonly headers?: Record<string, string>
  readonly body?: unknown
  readonly contentId?: string
  readonly inChangeSet?: boolean
}

const created = (contentId?: string, inChangeSet = contentId !== undefined): PartDoc => ({
  status: 204,
  headers: { Location: '[Organization Uri]/api/data/v9.2/x(…)', 'OData-EntityId': 'entity url' },
  ...(contentId !== undefined ? { contentId } : {}),
  inChangeSet,
})
const noContent = (contentId: string): PartDoc => ({ status: 204, contentId, inChangeSet: true })
const projectsOfAccount: PartDoc = {
  status: 200,
  headers: { 'Content-Type': 'application/json; odata.metadata=minimal; odata.streaming=true' },
  body: {
    '@odata.context': '[Organization Uri]/api/data/v9.2/$metadata#cr4f5_projects(cr4f5_name)',
    value: [{ '@odata.etag': 'W/"77180907"', cr4f5_name: 'Task 1 in batch', cr4f5_projectid: 'guid' }],
  },
}
const tooLong: PartDoc = {
  status: 400,
  headers: { 'Content-Type': 'application/json; odata.metadata=minimal' },
  body: { error: { code: '0x80044331', message: '' } },
}

function asAnswer(part: AnswerPart): Answer {
  const headers = new Headers(part.headers)
  return { status: part.status, headers, text: part.json ? JSON.stringify(part.json) : '', json: part.json }
}

async function post(items: readonly RawItem[], headers: Record<string, string> = {}) {
  const { body, contentType } = batchBody(items, 'batch_80dd1615-2a10-428a-bb6f-0e559792721f')
  const response = await fx.fetch(`${fx.contoso}${API}/$batch`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': contentType, Accept: 'application/json', ...headers },
    body,
  })
  const text = await response.text()
  return { response, text }
}

/** Sends one documented batch and compares the whole answer; returns the parts for follow-up checks. */
async function conformBatch(
  id: string,
  items: readonly RawItem[],
  documented: { status: number; parts: readonly PartDoc[] },
  headers: Record<string, string> = {},
): Promise<AnswerPart[]> {
  const { response, text } = await post(items, headers)
  const reasons: string[] = []
  const type = response.headers.get('content-type') ?? ''
  if (response.status !== documented.status)
    reasons.push(`batch status ${response.status}, documented ${documented.status}`)
  if (!/^multipart\/mixed;\s*boundary=batchresponse_/.test(type))
    reasons.push(`Content-Type '${type}', documented multipart/mixed with a batchresponse_ boundary`)
  const parts = reasons.length === 0 ? readBatchAnswer(type, text) : []
  if (parts.length !== documented.parts.length && reasons.length === 0)
    reasons.push(`${parts.length} answers, documented ${documented.parts.length}`)
  documented.parts.forEach((doc, index) => {
    const part = parts[index]
    if (!part) return
    const where = `answer ${index + 1}`
    if (Boolean(part.changeset) !== Boolean(doc.inChangeSet))
      reasons.push(`${where} is ${part.changeset ? '' : 'not '}in a changesetresponse`)
    if (part.changeset && !/^changesetresponse_/.test(part.changeset))
      reasons.push(`${where}: the change-set boundary is '${part.changeset}'`)
    if (part.contentId !== doc.contentId)
      reasons.push(`${where} has Content-ID ${String(part.contentId)}, documented ${String(doc.contentId)}`)
    const outcome = classify({ status: doc.status, headers: doc.headers ?? {}, body: doc.body }, asAnswer(part))
    if (outcome.kind !== 'match')
      reasons.push(`${where}: ${outcome.kind === 'mismatch' ? outcome.reasons.join('; ') : outcome.message}`)
  })
  results.set(id, reasons.length === 0 ? { kind: 'match' } : { kind: 'mismatch', reasons, refused: false })
  if (reasons.length > 0) expect.fail(`${id} differs from ${BATCH_PAGE}:\n  ${reasons.join('\n  ')}`)
  return parts
}

async function scratchAccount(): Promise<string> {
  const answer = await fx.fetch(`${fx.contoso}${API}/accounts`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ name: 'Batch conformance' }),
  })
  return /\(([0-9a-f-]{36})\)$/.exec(answer.headers.get('odata-entityid') ?? '')?.[1] as string
}

const project = (subject: string, accountId: string, contentId?: string): RawRequest => ({
  method: 'POST',
  url: `${API}/cr4f5_projects`,
  body: { cr4f5_name: subject, 'cr4f5_accountid@odata.bind': `accounts(${accountId})` },
  ...(contentId !== undefined ? { contentId } : {}),
})
const projectsOf = (accountId: string): RawRequest => ({
  method: 'GET',
  url: `${API}/accounts(${accountId})/cr4f5_account_cr4f5_project_accountid?$select=cr4f5_name`,
})

describe(`documented $batch exchanges (${BATCH_PAGE})`, () => {
  it('batch requests: three creates and a GET of what they made', async () => {
    const account = await scratchAccount()
    const parts = await conformBatch(
      'batch-requests',
      [
        project('Task 1 in batch', account),
        project('Task 2 in batch', account),
        project('Task 3 in batch', account),
        projectsOf(account),
      ],
      { status: 200, parts: [created(), created(), created(), projectsOfAccount] },
    )
    expect(parts[3]?.json.value).toHaveLength(3)
  })

  it('change sets: three creates with Content-ID 1–3 in a changesetresponse, then the GET', async () => {
    const account = await scratchAccount()
    const parts = await conformBatch(
      'change-sets',
      [
        {
          changeset: [
            project('Task 1 in batch', account, '1'),
            project('Task 2 in batch', account, '2'),
            project('Task 3 in batch', account, '3'),
          ],
        },
        projectsOf(account),
      ],
      { status: 200, parts: [created('1'), created('2'), created('3'), projectsOfAccount] },
    )
    expect(parts[3]?.json.value).toHaveLength(3)
  })

  it('reference URIs in a request body ($1, $2 in @odata.bind)', async () => {
    // The documented lead becomes an account (the emulator has no lead table): $1 is the parent of $3.
    const parts = await conformBatch(
      'reference-in-body',
      [
        {
          changeset: [
            { method: 'POST', url: `${fx.contoso}${API}/accounts`, contentId: '1', body: { name: 'first name' } },
            {
              method: 'POST',
              url: `${fx.contoso}${API}/contacts`,
              contentId: '2',
              body: { firstname: 'first name', lastname: 'last name' },
            },
            {
              method: 'POST',
              url: `${fx.contoso}${API}/accounts`,
              contentId: '3',
              body: { name: 'IcM Account', 'parentaccountid@odata.bind': '$1', 'primarycontactid@odata.bind': '$2' },
            },
          ],
        },
      ],
      { status: 200, parts: [created('1'), created('2'), created('3')] },
    )
    const child = fx.running.emulator
      .table('account')
      .find((a) => parts[2]?.headers['odata-entityid']?.includes(String(a.accountid)))
    expect(parts[0]?.headers['odata-entityid']).toContain(String(child?._parentaccountid_value))
    expect(parts[1]?.headers['odata-entityid']).toContain(String(child?._primarycontactid_value))
  })

  it('reference URI in a request URL (PUT $1/lastname)', async () => {
    const parts = await conformBatch(
      'reference-in-url',
      [
        {
          changeset: [
            {
              method: 'POST',
              url: `${API}/contacts`,
              contentId: '1',
              body: { firstname: 'First Name', lastname: 'Last name' },
            },
            { method: 'PUT', url: '$1/lastname', contentId: '2', body: { value: 'BBBBB' } },
          ],
        },
      ],
      { status: 200, parts: [created('1'), noContent('2')] },
    )
    const contact = fx.running.emulator
      .table('contact')
      .find((c) => parts[0]?.headers['odata-entityid']?.includes(String(c.contactid)))
    expect(contact?.lastname).toBe('BBBBB')
  })

  it('reference URIs in a URL and in @odata.id (PUT $1/primarycontactid/$ref)', async () => {
    await conformBatch(
      'reference-odata-id',
      [
        {
          changeset: [
            { method: 'POST', url: `${API}/accounts`, contentId: '1', body: { name: 'Account Name' } },
            {
              method: 'POST',
              url: `${API}/contacts`,
              contentId: '2',
              body: { firstname: 'Contact first name', lastname: 'x' },
            },
            { method: 'PUT', url: '$1/primarycontactid/$ref', contentId: '3', body: { '@odata.id': '$2' } },
          ],
        },
      ],
      { status: 200, parts: [created('1'), created('2'), noContent('3')] },
    )
  })

  it('reference URIs in a URL and a navigation property (PATCH $1)', async () => {
    await conformBatch(
      'reference-navigation',
      [
        {
          changeset: [
            { method: 'POST', url: `${API}/accounts`, contentId: '1', body: { name: 'Account name' } },
            {
              method: 'POST',
              url: `${API}/contacts`,
              contentId: '2',
              body: { firstname: 'Contact first name', lastname: 'x' },
            },
            { method: 'PATCH', url: '$1', contentId: '3', body: { 'primarycontactid@odata.bind': '$2' } },
          ],
        },
      ],
      // The documented PATCH $1 answer carries Location and OData-EntityId of the account.
      { status: 200, parts: [created('1'), created('2'), created('3')] },
    )
  })

  it('a Content-ID referenced before it is declared is a 400', async () => {
    const { response, text } = await post([
      {
        changeset: [
          {
            method: 'POST',
            url: `${API}/contacts`,
            contentId: '2',
            body: { lastname: '911', 'parentcustomerid_account@odata.bind': '$1' },
          },
          { method: 'POST', url: `${API}/accounts`, contentId: '1', body: { name: 'QQQQ', revenue: 1.5 } },
        ],
      },
    ])
    const message = readBatchAnswer(response.headers.get('content-type') ?? '', text)[0]?.json?.error?.message
    const ok = response.status === 400 && message === "Content-ID Reference: '$1' does not exist in the batch context."
    results.set(
      'content-id-order',
      ok ? { kind: 'match' } : { kind: 'mismatch', reasons: [`${response.status} ${String(message)}`], refused: false },
    )
    expect(ok, `${response.status} ${String(message)}`).toBe(true)
  })

  it('handling errors: without continue-on-error the first failure is the batch answer', async () => {
    const account = await scratchAccount()
    await conformBatch(
      'error-stops',
      [project(TOO_LONG, account), project('Task 2 in batch', account), project('Task 3 in batch', account)],
      { status: 400, parts: [tooLong] },
    )
  })

  it('handling errors: Prefer: odata.continue-on-error answers 200 with every result', async () => {
    const account = await scratchAccount()
    await conformBatch(
      'continue-on-error',
      [project(TOO_LONG, account), project('Task 2 in batch', account), project('Task 3 in batch', account)],
      { status: 200, parts: [tooLong, created(), created()] },
      { Prefer: 'odata.continue-on-error' },
    )
  })
})

async function get(path: string, headers: Record<string, string> = {}): Promise<Answer> {
  const response = await fx.fetch(`${fx.contoso}${API}/${path}`, {
    headers: { Authorization: `Bearer ${token}`, ...headers },
  })
  const text = await response.text()
  return {
    status: response.status,
    headers: response.headers,
    text,
    json: text ? (JSON.parse(text) as unknown) : undefined,
  }
}

function record(id: string, outcome: Outcome): void {
  results.set(id, outcome)
  if (outcome.kind === 'mismatch') expect.fail(`${id}: ${outcome.reasons.join('; ')}`)
}

describe('documented alternate-key and paging rules', () => {
  it('use-alternate-key-reference-record.md: /accounts(accountnumber=…) and the multi-part contacts key', async () => {
    // Generated rows with both key parts: rows the batch tests above created (random ids, so
    // anywhere in key order) have no accountnumber or emailaddress1.
    const account = fx.running.emulator.table('account').find((row) => typeof row.accountnumber === 'string')
    const contact = fx.running.emulator
      .table('contact')
      .find((row) => typeof row.firstname === 'string' && typeof row.emailaddress1 === 'string')
    /** An OData string literal: a quote inside is doubled. */
    const literal = (value: unknown) => `'${String(value).replaceAll("'", "''")}'`
    const single = await get(`accounts(accountnumber=${literal(account?.accountnumber)})?$select=name`)
    record(
      'alternate-key-single',
      classify(
        {
          status: 200,
          headers: {},
          body: { '@odata.context': '#accounts(name)/$entity', '@odata.etag': 'W/"1"', name: 'x', accountid: 'x' },
        },
        single,
      ),
    )
    const multi = await get(
      `contacts(firstname=${literal(contact?.firstname)},emailaddress1=${literal(contact?.emailaddress1)})?$select=fullname`,
    )
    record(
      'alternate-key-multi',
      classify(
        {
          status: 200,
          headers: {},
          body: {
            '@odata.context': '#contacts(fullname)/$entity',
            '@odata.etag': 'W/"1"',
            fullname: 'x',
            contactid: 'x',
          },
        },
        multi,
      ),
    )
  })

  it('use-alternate-key-reference-record.md: the documented error for a column that is not a key', async () => {
    const answer = await get("accounts(name='Contoso')")
    const message =
      "The key in the request URI is not valid for resource 'Microsoft.Dynamics.CRM.account'. Ensure that the names and number of key properties match the declared or alternate key properties for the resource 'Microsoft.Dynamics.CRM.account'."
    record(
      'alternate-key-undeclared',
      classify({ status: 400, headers: {}, body: { error: { code: '', message } } }, answer),
    )
  })

  it('page-results.md: "If you include both, $top is ignored"', async () => {
    const answer = await get('accounts?$select=name,revenue&$top=3', { Prefer: 'odata.maxpagesize=5' })
    const rows = (answer.json as { value?: unknown[] }).value ?? []
    const next = (answer.json as Record<string, unknown>)['@odata.nextLink']
    const reasons = [
      ...(rows.length === 5 ? [] : [`${rows.length} rows, expected the page size 5`]),
      ...(typeof next === 'string' ? [] : ['no @odata.nextLink']),
      ...(answer.headers.get('preference-applied') === 'odata.maxpagesize=5'
        ? []
        : ['Preference-Applied is not odata.maxpagesize=5']),
    ]
    record(
      'top-with-maxpagesize',
      reasons.length === 0 ? { kind: 'match' } : { kind: 'mismatch', reasons, refused: false },
    )
  })
})
